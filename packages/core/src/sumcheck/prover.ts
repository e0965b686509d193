/**
 * The plain sumcheck prover (Thaler §4.1) over a sum of product terms of multilinear tables,
 * made non-interactive by Fiat–Shamir: the claim and every round message are absorbed before the
 * round's challenge is drawn.
 */
import type { Ext } from '../field/ext4.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { SumcheckState, type MleTable, type ProductTerm, type RoundProver } from './instance.ts';
import type { SumcheckProof } from './types.ts';

/** Output of {@link proveSumcheck}. */
export interface SumcheckProverOutput {
  readonly proof: SumcheckProof;
  /** The claimed sum H (the prover computes it). */
  readonly claim: Ext;
  /** The random point, flat ext in variable order. */
  readonly point: Uint32Array;
  /** Each table's MLE at the point (what the caller must prove or send). */
  readonly finalValues: Ext[];
}

/**
 * Proves H = Σ_x Σ_terms coeff·Π f_k(x).
 * @param transcript shared Fiat–Shamir transcript (absorbs `label/claim`, `label/round`; draws `label/r`).
 * @param tables the f_k, all of 2^v entries.
 * @param terms the product terms (degree = largest term).
 * @param label transcript label prefix, e.g. `sumcheck[dense_1]`.
 * @example
 * const { proof, claim } = proveSumcheck(t, [baseTable(a), baseTable(b)], [{ factors: [0, 1] }], 'ip');
 */
export function proveSumcheck(transcript: Transcript, tables: readonly MleTable[], terms: readonly ProductTerm[], label: string): SumcheckProverOutput {
  return proveSumcheckWith(transcript, new SumcheckState(tables, terms), label);
}

/** {@link proveSumcheck} driven by any {@link RoundProver} (same messages, same transcript use). */
export function proveSumcheckWith(transcript: Transcript, state: RoundProver, label: string): SumcheckProverOutput {
  const claim = state.totalSum();
  transcript.absorbExt(`${label}/claim`, claim);
  const v = state.numVars;
  const rounds: Uint32Array[] = [];
  const point = new Uint32Array(4 * v);
  for (let j = 0; j < v; j++) {
    const msg = state.roundEvals();
    rounds.push(msg);
    transcript.absorbExt(`${label}/round`, msg);
    const r = transcript.challengeExt(`${label}/r`);
    point.set(r, 4 * (v - 1 - j));
    state.bind(r);
  }
  return { proof: { rounds }, claim, point, finalValues: state.finalValues() };
}
