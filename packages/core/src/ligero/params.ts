/**
 * Parameters and derived shape of the zero-knowledge Ligero commitment (Ames et al., "Ligero",
 * CCS 2017, §4; Frigo–shelat, "Anonymous credentials from ECDSA", §4 and draft-google-cfrg-libzk,
 * the Longfellow construction).
 *
 * A layout of `numRows` rows × ℓ = rowWidth columns is committed row by row. Row r is the polynomial
 * f_r = g_r + Z_H·h_r of degree < k = ℓ + t (g_r the interpolant of the row on H = ⟨ω_ℓ⟩, h_r
 * uniformly random of degree < t, t = number of opened columns), evaluated on the coset
 * D = 31·⟨ω_n⟩. The linear and quadratic tests multiply two such polynomials, so soundness is governed
 * by the "product code" of degree < 2k − 1; n is the smallest power of two with
 * n ≥ blowup·(2k − 1), i.e. the product code has rate ρ₂ = (2k − 1)/n ≤ 1/blowup.
 *
 * The shape depends only on (params, ℓ, numRows), so prover and verifier derive it independently.
 */
import { DIGEST_BYTES } from '../hash/sha256.ts';
import { ligeroSecurity } from './security.ts';

/** Public parameters of a Ligero commitment. */
export interface LigeroParams {
  /** Name printed in benchmarks and docs, e.g. `conjectured-100`. */
  readonly name: string;
  /** t: number of opened columns (also the number of random coefficients per row, for hiding). */
  readonly queries: number;
  /** Minimal inverse rate of the product code: n = nextPow2(blowup·(2k − 1)). A power of two ≥ 2. */
  readonly blowup: number;
  /**
   * Optional: use the fewest queries t ≤ `queries` that reach `bits` in `regime` for the actual
   * code (the power-of-two rounding of n usually leaves the product rate well below 1/blowup).
   * Prover and verifier derive the same t from (params, ℓ). Without it, t = `queries`.
   */
  readonly target?: { readonly bits: number; readonly regime: 'proven' | 'conjectured' };
}

/** Everything derived from (params, ℓ, numRows). */
export interface LigeroShape {
  /** ℓ: message length of a row (the layout's rowWidth). */
  readonly rowWidth: number;
  readonly logRowWidth: number;
  /** t: opened columns. */
  readonly queries: number;
  /** k = ℓ + t: every committed row has degree < k. */
  readonly degreeBound: number;
  /** n: codeword length (number of Merkle leaves). */
  readonly codeLength: number;
  readonly logCodeLength: number;
  /** Witness rows (the layout's numRows). */
  readonly witnessRows: number;
  /** All committed rows: witness rows + {@link MASK_ROWS}. */
  readonly totalRows: number;
  /** Length (ext coefficients) of the proximity response: k. */
  readonly proximityLength: number;
  /** Length of the linear response: ℓ + k. */
  readonly linearLength: number;
  /** Length of the quadratic response: k + t − 1. */
  readonly quadraticLength: number;
}

/** Coset offset of the evaluation domain D = COSET_SHIFT·⟨ω_n⟩ (a generator of F_p^*, so D ∩ H = ∅). */
export const COSET_SHIFT = 31;

/** Bytes of random salt per Merkle leaf (hides unopened columns). */
export const SALT_BYTES = 16;

/**
 * Masking rows appended after the witness rows, 4 base rows (one per ext coordinate) each:
 * proximity mask M_P, linear masks M_L0, M_L1 (M_L = M_L0 + X^ℓ·M_L1) and quadratic masks
 * M_Q0, M_Q1 (M_Q = M_Q0 + X^{t−1}·M_Q1). Offsets are relative to the first mask row.
 */
export const MASK = Object.freeze({ proximity: 0, linear0: 4, linear1: 8, quad0: 12, quad1: 16 } as const);
/** Number of masking rows. */
export const MASK_ROWS = 20;

/** Largest codeword length accepted (the NTT supports 2^27; leaves are hashed one by one). */
export const MAX_LOG_CODE_LENGTH = 26;

function isPow2(x: number): boolean {
  return Number.isInteger(x) && x >= 1 && (x & (x - 1)) === 0;
}

/** Smallest power of two ≥ x. */
export function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/**
 * Validates parameters at a public boundary.
 * @throws RangeError "expected …, got …" on a bad field.
 */
export function checkLigeroParams(params: LigeroParams): void {
  if (!params || typeof params !== 'object') throw new TypeError(`ligero params: expected an object, got ${String(params)}`);
  if (!Number.isInteger(params.queries) || params.queries < 1 || params.queries > 4096) {
    throw new RangeError(`ligero params.queries: expected an integer in [1, 4096], got ${params.queries}`);
  }
  if (!isPow2(params.blowup) || params.blowup < 2 || params.blowup > 1024) {
    throw new RangeError(`ligero params.blowup: expected a power of two in [2, 1024], got ${params.blowup}`);
  }
}

/**
 * The shape of a commitment with these parameters to a layout of `numRows` × `rowWidth`.
 * @throws RangeError when t > ℓ + 1 (the quadratic mask needs ℓ + 1 ≥ t free coefficients),
 *   or the code would exceed 2^{@link MAX_LOG_CODE_LENGTH}.
 * @example ligeroShape(LIGERO_CONJECTURED, { rowWidth: 1024, numRows: 64 }).codeLength // 16384
 */
export function ligeroShape(params: LigeroParams, layout: { readonly rowWidth: number; readonly numRows: number }): LigeroShape {
  checkLigeroParams(params);
  const l = layout.rowWidth;
  if (!isPow2(l) || l < 2) throw new RangeError(`ligero: expected rowWidth a power of two ≥ 2, got ${l}`);
  if (!Number.isInteger(layout.numRows) || layout.numRows < 1) {
    throw new RangeError(`ligero: expected numRows ≥ 1, got ${layout.numRows}`);
  }
  let t = params.queries;
  if (params.target) t = adaptiveQueries(params, l, layout.numRows);
  if (t > l + 1) throw new RangeError(`ligero: expected queries t ≤ rowWidth + 1 = ${l + 1}, got t = ${t}`);
  return shapeFor(params, l, layout.numRows, t);
}

/** Fewest t ≤ params.queries whose shape reaches params.target (binary search: bits grow with t). */
function adaptiveQueries(params: LigeroParams, l: number, numRows: number): number {
  const { bits, regime } = params.target!;
  if (!(Number.isFinite(bits) && bits > 0) || (regime !== 'proven' && regime !== 'conjectured')) {
    throw new RangeError(`ligero params.target: expected { bits > 0, regime: 'proven' | 'conjectured' }, got ${JSON.stringify(params.target)}`);
  }
  const ok = (t: number): boolean => {
    const s = ligeroSecurity(shapeFor(params, l, numRows, t));
    return (regime === 'proven' ? s.provenBits : s.conjecturedBits) >= bits;
  };
  let lo = 1;
  let hi = params.queries;
  if (!ok(hi)) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function shapeFor(params: LigeroParams, l: number, numRows: number, t: number): LigeroShape {
  const layout = { numRows };
  const k = l + t;
  const n = nextPow2(params.blowup * (2 * k - 1));
  const logN = Math.log2(n);
  if (logN > MAX_LOG_CODE_LENGTH) throw new RangeError(`ligero: expected code length ≤ 2^${MAX_LOG_CODE_LENGTH}, got 2^${logN}`);
  return Object.freeze({
    rowWidth: l,
    logRowWidth: Math.log2(l),
    queries: t,
    degreeBound: k,
    codeLength: n,
    logCodeLength: logN,
    witnessRows: layout.numRows,
    totalRows: layout.numRows + MASK_ROWS,
    proximityLength: k,
    linearLength: l + k,
    quadraticLength: k + t - 1,
  });
}

/**
 * Expected serialized proof size in bytes (see docs/parts/ligero.md, "Proof format"): three ext
 * responses, t opened columns of all rows, t salts, and a Merkle multi-proof estimated as
 * t·(log n − log t) sibling digests (exact for evenly spread queries).
 */
export function estimateProofBytes(shape: LigeroShape): number {
  const responses = 16 * (shape.proximityLength + shape.linearLength + shape.quadraticLength);
  const columns = 4 * shape.queries * shape.totalRows;
  const salts = SALT_BYTES * shape.queries;
  const siblings = Math.ceil(shape.queries * Math.max(1, shape.logCodeLength - Math.log2(shape.queries)));
  // 32: version byte and the six length prefixes (rounded up); 28: the parameter record (record.ts).
  return 32 + 28 + responses + columns + salts + DIGEST_BYTES * siblings;
}

/**
 * Chooses the row width ℓ (a power of two) for `totalElements` committed base-field values,
 * minimising {@link estimateProofBytes}: wide rows shrink the opened columns (t·rows·4 bytes) and
 * grow the responses (~3·2(ℓ + t) ext elements).
 * @param totalElements - number of witness values (≥ 1).
 * @returns ℓ with t ≤ ℓ + 1.
 */
export function chooseRowWidth(totalElements: number, params: LigeroParams): number {
  checkLigeroParams(params);
  if (!Number.isSafeInteger(totalElements) || totalElements < 1) {
    throw new RangeError(`chooseRowWidth: expected a positive integer element count, got ${totalElements}`);
  }
  let best = 0;
  let bestBytes = Infinity;
  for (let logL = 1; logL <= 20; logL++) {
    const l = 2 ** logL;
    if (params.queries > l + 1) continue;
    let shape: LigeroShape;
    try {
      shape = ligeroShape(params, { rowWidth: l, numRows: Math.ceil(totalElements / l) });
    } catch {
      continue;
    }
    const bytes = estimateProofBytes(shape);
    if (bytes < bestBytes) {
      bestBytes = bytes;
      best = l;
    }
  }
  if (best === 0) throw new RangeError(`chooseRowWidth: no row width fits ${totalElements} elements with t = ${params.queries}`);
  return best;
}
