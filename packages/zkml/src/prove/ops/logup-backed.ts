/**
 * Base of op provers whose only messages are one logUp-GKR lookup of their own (a fixed public
 * table: GELU-style Lookup, Softmax's exp table, LayerNorm's rsqrt table), plus linear constraints
 * pushed identically by prover and verifier before the lookup runs.
 */
import { proveLogup, verifyLogup, type LogupPlan, type ProverContext, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { flattenLogup, logupShape, unflattenLogup } from '../ranges.ts';
import type { FillContext, OpInstance, OpProof } from '../types.ts';
import { checkShape } from './linear.ts';

/** An {@link OpInstance} proven by its constraints and one lookup argument. */
export abstract class LogupBackedOp implements OpInstance {
  abstract readonly node: IntNode;
  /** The op's lookup argument (planned in the subclass constructor). */
  protected abstract readonly plan: LogupPlan;

  /** Pushes the op's constraints (none by default); called identically on both sides. */
  protected constraints(_ctx: VerifierContext): void {}

  abstract fill(f: FillContext): void;

  proofShape(): readonly number[] {
    return logupShape(this.plan);
  }

  prove(ctx: ProverContext): OpProof {
    this.constraints(ctx);
    return flattenLogup(proveLogup(ctx, this.plan));
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    checkShape(this.node.name, proof, this.proofShape());
    this.constraints(ctx);
    verifyLogup(ctx, this.plan, unflattenLogup(this.plan, proof));
  }
}
