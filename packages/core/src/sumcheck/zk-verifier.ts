/**
 * Zero-knowledge sumcheck, verifier side (Longfellow pattern). The verifier never sees a round
 * value: round j's values are the affine forms S_j(t) = sent_j,t + P_j,t (P_j,t the pad wires).
 * Each check becomes a linear constraint pushed onto ctx.constraints:
 *   `<label> round j`:  S_j(0) + S_j(1) − C_j = 0,   with C_0 = the claim (an affine form) and
 *   C_{j+1} = Σ_t L_t(r_j)·S_j(t)  (Lagrange weights over the nodes 0..d).
 * The final claim C_v (an affine form) and the point are returned; the caller equates C_v with the
 * summand at the point (via MLE constraints and hidden products). The sent values are absorbed
 * before each challenge; the hidden claim is not (it is bound by the commitment).
 */
import { type Ext, eOf, eAt } from '../field/ext4.ts';
import { Affine } from '../zk/constraints.ts';
import type { VerifierContext } from '../zk/session.ts';
import { lagrangeWeights } from './lagrange.ts';
import { assertProofShape } from './verifier.ts';
import type { ZkSumcheckPlan } from './zk-plan.ts';
import type { SumcheckProof } from './types.ts';

/** What a zero-knowledge sumcheck leaves for its caller. */
export interface ZkSumcheckFinal {
  /** z = (z_0, …, z_{v−1}), flat ext, variable order. */
  readonly point: Uint32Array;
  /** The summand's value at the point, as an affine form over the witness. */
  readonly finalClaim: Affine;
}

/** The affine form sent + pad for evaluation t of round j. */
export function paddedRoundValue(plan: ZkSumcheckPlan, sent: Uint32Array, j: number, t: number): Affine {
  return Affine.extWire(plan.pads[j].slice(4 * t, 4 * t + 4)).addConstant(eAt(sent, t));
}

/**
 * Pushes the round constraints for given sent messages and challenges (shared by prover and verifier,
 * so both produce identical constraint lists) and returns the final claim.
 */
export function pushZkSumcheckConstraints(ctx: VerifierContext, plan: ZkSumcheckPlan, claim: Affine, rounds: readonly Uint32Array[], challenges: readonly Ext[]): Affine {
  let c = claim;
  for (let j = 0; j < plan.numVars; j++) {
    const vals: Affine[] = [];
    for (let t = 0; t <= plan.degree; t++) vals.push(paddedRoundValue(plan, rounds[j], j, t));
    ctx.constraints.push(vals[0].add(vals[1]).equals(c, `${plan.label} round ${j}`));
    const w = lagrangeWeights(plan.degree, challenges[j]);
    let next = Affine.constant(eOf(0));
    for (let t = 0; t <= plan.degree; t++) next = next.add(vals[t].scale(eAt(w, t)));
    c = next;
  }
  return c;
}

/**
 * Verifies (by constraints) a zero-knowledge sumcheck of a hidden claim.
 * @param claim the claimed sum as an affine form (a constant for public claims).
 * @throws MalformedError / VerificationError `sumcheck.degree` on a badly shaped proof.
 */
export function verifyZkSumcheck(ctx: VerifierContext, plan: ZkSumcheckPlan, claim: Affine, proof: SumcheckProof): ZkSumcheckFinal {
  assertProofShape(plan, proof);
  const v = plan.numVars;
  const point = new Uint32Array(4 * v);
  const challenges: Ext[] = [];
  for (let j = 0; j < v; j++) {
    ctx.transcript.absorbExt(`${plan.label}/round`, proof.rounds[j]);
    const r = ctx.transcript.challengeExt(`${plan.label}/r`);
    challenges.push(r);
    point.set(r, 4 * (v - 1 - j));
  }
  return { point, finalClaim: pushZkSumcheckConstraints(ctx, plan, claim, proof.rounds, challenges) };
}
