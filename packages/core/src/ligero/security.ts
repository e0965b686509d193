/**
 * Soundness calculator for the zero-knowledge Ligero tests, computed from the code's own parameters.
 *
 * Notation (docs/parts/ligero.md, "Soundness"): k = ℓ + t (row degree bound), n = code length,
 * t = opened columns, |K| = p^4 ≈ 2^123.6, ρ₂ = (2k − 1)/n the rate of the product code (degree
 * < 2k − 1) that the linear and quadratic tests compare against.
 *
 * Proven (unique decoding; Ames et al. CCS 2017 §4 with the proximity gaps of Ben-Sasson, Carmon,
 * Ishai, Kopparty, Saraf, FOCS 2020, Thm 1.6): let e₀ = (n − 2k + 2)/2 < (n − k + 1)/2 (inside the
 * unique-decoding radius of the row code). If the committed matrix is ≥ e₀-far from the interleaved
 * code the proximity test passes each query with probability ≤ 1 − e₀/n; otherwise it decodes
 * uniquely and an unsatisfied linear or quadratic relation makes the response differ from the true
 * polynomial (degree < 2k − 1) everywhere but < 2k − 1 points, so each query passes with probability
 * ≤ (e₀ + 2k − 2)/n. Both equal (1 + ρ₂)/2 up to 1/n, so
 *     ε_proven = ((1 + ρ₂)/2)^t + (n + 2)/|K|
 * (n/|K| the proximity-gap error for random linear combinations, 1/|K| each for the random
 * combinations α of the linear constraints and v of the row triples).
 *
 * Conjectured (Johnson regime): the same argument with the distance e₀/n replaced by δ = 1 − √ρ₂ − η,
 * η = {@link JOHNSON_SLACK}, i.e. the tests are assumed to behave up to the Johnson radius of the
 * product code as they provably do up to unique decoding, with the field terms multiplied by the
 * Johnson list size L = 1/(2η√ρ₂):
 *     ε_conj = (√ρ₂ + η)^t + L·(n + 2)/|K|.
 * Never beyond Johnson: "up to capacity" proximity gaps are false (Crites–Stewart, ePrint 2025/2046).
 * For reference {@link LigeroSecurity.johnsonProvenFieldBits} gives the BCIKS20 Thm 1.5 proven
 * proximity-gap error at that radius, (m + ½)^7/(3ρ^{3/2})·n²/|K| with m = max(⌈√ρ/(2η')⌉, 3),
 * ρ = k/n the row-code rate and η' = 1 − √ρ − δ.
 */
import { P } from '../field/babybear.ts';
import type { LigeroParams, LigeroShape } from './params.ts';
import { ligeroShape } from './params.ts';

/** log2 |K| = 4·log2 p. */
export const LOG2_EXT_FIELD = 4 * Math.log2(P);

/** η: distance kept below the Johnson bound in the conjectured figure. */
export const JOHNSON_SLACK = 0.02;

/** Both soundness figures and their parts (all in bits, i.e. −log2 of an error probability). */
export interface LigeroSecurity {
  /** Proven (unique-decoding) soundness. */
  readonly provenBits: number;
  /** Conjectured soundness (proximity gaps up to the Johnson bound). */
  readonly conjecturedBits: number;
  /** ρ₂ = (2k − 1)/n. */
  readonly productRate: number;
  /** ρ = k/n. */
  readonly rowRate: number;
  /** −log2((1 + ρ₂)/2): bits per opened column, proven. */
  readonly perQueryProvenBits: number;
  /** −log2(√ρ₂ + η): bits per opened column, conjectured. */
  readonly perQueryConjecturedBits: number;
  /** −log2((n + 2)/|K|). */
  readonly fieldBitsProven: number;
  /** −log2(L·(n + 2)/|K|). */
  readonly fieldBitsConjectured: number;
  /** −log2 of the BCIKS20 Thm 1.5 proven proximity-gap error at the conjectured radius (information). */
  readonly johnsonProvenFieldBits: number;
}

/** −log2(2^−a + 2^−b). */
function combineBits(a: number, b: number): number {
  const lo = Math.min(a, b);
  return lo - Math.log2(1 + 2 ** -Math.abs(a - b));
}

/**
 * Soundness of the Ligero tests for a commitment shape.
 * @param shape - from {@link ligeroShape} (or pass params and a layout-like object).
 * @example ligeroSecurity(ligeroShape(LIGERO_CONJECTURED, { rowWidth: 1024, numRows: 64 })).conjecturedBits // ≥ 100
 */
export function ligeroSecurity(shape: LigeroShape): LigeroSecurity;
export function ligeroSecurity(params: LigeroParams, layout: { readonly rowWidth: number; readonly numRows: number }): LigeroSecurity;
export function ligeroSecurity(
  a: LigeroShape | LigeroParams,
  layout?: { readonly rowWidth: number; readonly numRows: number },
): LigeroSecurity {
  const shape = 'codeLength' in a ? a : ligeroShape(a, layout!);
  const n = shape.codeLength;
  const k = shape.degreeBound;
  const t = shape.queries;
  const rho2 = (2 * k - 1) / n;
  const rho = k / n;
  const perQueryProvenBits = -Math.log2((1 + rho2) / 2);
  const perQueryConjecturedBits = -Math.log2(Math.sqrt(rho2) + JOHNSON_SLACK);
  const fieldBitsProven = LOG2_EXT_FIELD - Math.log2(n + 2);
  const listSize = 1 / (2 * JOHNSON_SLACK * Math.sqrt(rho2));
  const fieldBitsConjectured = fieldBitsProven - Math.log2(listSize);
  const delta = 1 - Math.sqrt(rho2) - JOHNSON_SLACK;
  const etaRow = Math.max(1e-9, 1 - Math.sqrt(rho) - delta);
  const m = Math.max(Math.ceil(Math.sqrt(rho) / (2 * etaRow)), 3);
  const johnsonProvenFieldBits = LOG2_EXT_FIELD - (7 * Math.log2(m + 0.5) - Math.log2(3) - 1.5 * Math.log2(rho) + 2 * Math.log2(n));
  return Object.freeze({
    provenBits: combineBits(t * perQueryProvenBits, fieldBitsProven),
    conjecturedBits: combineBits(t * perQueryConjecturedBits, fieldBitsConjectured),
    productRate: rho2,
    rowRate: rho,
    perQueryProvenBits,
    perQueryConjecturedBits,
    fieldBitsProven,
    fieldBitsConjectured,
    johnsonProvenFieldBits,
  });
}

/**
 * Smallest t giving `bits` of soundness in `regime` for every row width, i.e. at the worst-case
 * product rate ρ₂ = 1/blowup (the power-of-two rounding of n only ever lowers ρ₂).
 */
export function queriesFor(bits: number, blowup: number, regime: 'proven' | 'conjectured'): number {
  const rho2 = 1 / blowup;
  const perQuery = regime === 'proven' ? -Math.log2((1 + rho2) / 2) : -Math.log2(Math.sqrt(rho2) + JOHNSON_SLACK);
  return Math.ceil(bits / perQuery);
}
