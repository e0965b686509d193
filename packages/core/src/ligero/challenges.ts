/**
 * Fiat–Shamir schedule of the Ligero tests, shared by prover and verifier (docs/parts/ligero.md,
 * "Transcript"). Called after the parameter record (`ligero.params`, record.ts), the commitment root
 * and every sub-protocol message are absorbed and every constraint is fixed ("frozen heart":
 * Dao–Miller–Wright–Grubbs, S&P 2023):
 *   absorbU32 ligero.constraints = C, absorbU32 ligero.triples = T, absorbU32 ligero.rows = numRows
 *   α ← challengeExts ligero.alpha (C)        [skipped when C = 0]
 *   u ← challengeExts ligero.u (R − 4)        (one per committed row except the 4 M_P rows)
 *   v ← challengeExts ligero.v (T)            [skipped when T = 0]
 *   — prover computes responses —
 *   absorbExt ligero.proximity, ligero.linear, ligero.quadratic
 *   queries ← challengeIndices ligero.queries (n, t)   (distinct, in sampling order)
 */
import type { Transcript } from '../transcript/transcript.ts';
import type { LigeroShape } from './params.ts';

/** The verifier's random coefficients for the three tests. */
export interface LigeroChallenges {
  /** α_c per constraint (flat ext). */
  readonly alpha: Uint32Array;
  /** u_r per committed row except the proximity mask rows (flat ext, R − 4). */
  readonly u: Uint32Array;
  /** v_k per triple (flat ext). */
  readonly v: Uint32Array;
}

/** Samples α, u, v (see the module header for the exact order and labels). */
export function sampleLigeroChallenges(shape: LigeroShape, transcript: Transcript, numConstraints: number, numTriples: number): LigeroChallenges {
  transcript.absorbU32('ligero.constraints', numConstraints);
  transcript.absorbU32('ligero.triples', numTriples);
  transcript.absorbU32('ligero.rows', shape.witnessRows);
  const alpha = numConstraints > 0 ? transcript.challengeExts('ligero.alpha', numConstraints) : new Uint32Array(0);
  const u = transcript.challengeExts('ligero.u', shape.totalRows - 4);
  const v = numTriples > 0 ? transcript.challengeExts('ligero.v', numTriples) : new Uint32Array(0);
  return { alpha, u, v };
}

/** Absorbs the three responses and samples the t distinct query columns. */
export function sampleLigeroQueries(
  shape: LigeroShape,
  transcript: Transcript,
  responses: { readonly proximity: Uint32Array; readonly linear: Uint32Array; readonly quadratic: Uint32Array },
): number[] {
  transcript.absorbExt('ligero.proximity', responses.proximity);
  transcript.absorbExt('ligero.linear', responses.linear);
  transcript.absorbExt('ligero.quadratic', responses.quadratic);
  return transcript.challengeIndices('ligero.queries', shape.codeLength, shape.queries);
}
