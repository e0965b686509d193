/**
 * Zero-knowledge sumcheck, prover side: computes each round polynomial as in the plain prover,
 * sends s_j(t) − P_j,t (pads read from the committed witness), and pushes exactly the constraints
 * the verifier will push (see zk-verifier.ts).
 */
import { type Ext, eSub, eFromBase } from '../field/ext4.ts';
import { interpolateAt } from './lagrange.ts';
import type { Affine } from '../zk/constraints.ts';
import type { ProverContext } from '../zk/session.ts';
import { SumcheckState, type MleTable, type ProductTerm, type RoundProver } from './instance.ts';
import type { SumcheckProof } from './types.ts';
import { readExtWires, type ZkSumcheckPlan } from './zk-plan.ts';
import { pushZkSumcheckConstraints } from './zk-verifier.ts';

/** Output of {@link proveZkSumcheck}. */
export interface ZkSumcheckProverOutput {
  /** The sent (padded) messages, same format as a plain proof. */
  readonly proof: SumcheckProof;
  readonly point: Uint32Array;
  /** Each table's value at the point (private: the caller sends them padded). */
  readonly finalValues: Ext[];
  /** The verifier's final claim as an affine form (equal in value to the summand at the point). */
  readonly finalClaim: Affine;
}

/**
 * Proves Σ_x Σ_terms coeff·Π f_k(x) = claim in zero knowledge.
 * @param claim the same affine form the verifier will use for the claimed sum.
 * @throws RangeError when the tables do not match the plan's shape.
 */
export function proveZkSumcheck(ctx: ProverContext, plan: ZkSumcheckPlan, tables: readonly MleTable[], terms: readonly ProductTerm[], claim: Affine): ZkSumcheckProverOutput {
  return proveZkSumcheckWith(ctx, plan, new SumcheckState(tables, terms), claim);
}

/** {@link proveZkSumcheck} driven by any {@link RoundProver}. */
export function proveZkSumcheckWith(ctx: ProverContext, plan: ZkSumcheckPlan, state: RoundProver, claim: Affine): ZkSumcheckProverOutput {
  if (state.numVars !== plan.numVars) throw new RangeError(`proveZkSumcheck(${plan.label}): expected ${plan.numVars} variables, got ${state.numVars}`);
  if (state.degree > plan.degree) throw new RangeError(`proveZkSumcheck(${plan.label}): expected degree ≤ ${plan.degree}, got ${state.degree}`);
  const v = plan.numVars;
  const d = plan.degree;
  const rounds: Uint32Array[] = [];
  const challenges: Ext[] = [];
  const point = new Uint32Array(4 * v);
  for (let j = 0; j < v; j++) {
    const evals = state.roundEvals();
    const sent = new Uint32Array(4 * (d + 1));
    for (let t = 0; t <= d; t++) {
      // a lower-degree summand still sends d+1 values: extend by evaluating the polynomial at t
      const val = t <= state.degree ? evals.subarray(4 * t, 4 * t + 4) : extend(evals, t);
      sent.set(eSub(val, readExtWires(ctx.witness, plan.pads[j], t)), 4 * t);
    }
    rounds.push(sent);
    ctx.transcript.absorbExt(`${plan.label}/round`, sent);
    const r = ctx.transcript.challengeExt(`${plan.label}/r`);
    challenges.push(r);
    point.set(r, 4 * (v - 1 - j));
    state.bind(r);
  }
  const finalClaim = pushZkSumcheckConstraints(ctx, plan, claim, rounds, challenges);
  return { proof: { rounds }, point, finalValues: state.finalValues(), finalClaim };
}

function extend(evals: Uint32Array, t: number): Uint32Array {
  return interpolateAt(evals, eFromBase(t));
}
