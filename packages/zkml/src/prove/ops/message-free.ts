/**
 * Base of op provers that send no message: the relation is proven entirely by linear constraints
 * (at verifier-chosen random points) plus the row triples and range requests planned up front, which
 * prover and verifier push identically. Subclasses implement `constraints` (and `fill`).
 */
import type { ProverContext, VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import type { FillContext, OpInstance, OpProof } from '../types.ts';
import { checkShape } from './linear.ts';

/** An {@link OpInstance} whose proof carries no message. */
export abstract class MessageFreeOp implements OpInstance {
  abstract readonly node: IntNode;

  /** Pushes the op's constraints; called identically by the prover and the verifier. */
  protected abstract constraints(ctx: VerifierContext): void;

  abstract fill(f: FillContext): void;

  proofShape(): readonly number[] {
    return [];
  }

  prove(ctx: ProverContext): OpProof {
    this.constraints(ctx);
    return [];
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    checkShape(this.node.name, proof, []);
    this.constraints(ctx);
  }
}
