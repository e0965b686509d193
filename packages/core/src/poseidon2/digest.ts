/**
 * The model-weight digest (version 2): a salted Poseidon2 sponge over a long vector of field
 * elements, absorbed in an order chosen so that the in-proof circuit (circuit-*.ts) is
 * row-parallel: one permutation per witness column, chained column to column. Part of the model-id
 * specification (docs/parts/poseidon2.md §3). Sponge: Bertoni et al., "On the indifferentiability of
 * the sponge construction", EUROCRYPT 2008; permutation: Poseidon2 (Grassi et al., ePrint 2023/323).
 *
 * Input: x ∈ F^n (0 < n < p − 8; e.g. int8 weights packed 3 per element, pack.ts), salt ∈ F^8, and
 * the width D (a power of two; {@link WEIGHT_DIGEST_LANES} by default, the proof's row width in
 * zkml private mode, recorded in the model card as `lanes`).
 *   1. B = max(1, ⌈(n + 8) / 8D⌉) blocks, T = B·D permutations.
 *   2. The absorb vector V ∈ F^{8BD}: V[i] = x[i] for i < n, V[n + k] = salt[k] (k < 8), 0 elsewhere.
 *      Read as 8B rows of D: V[r·D + c] is row r, column c.
 *   3. One sponge (rate 8, capacity 8): state ← (0^8 | 3, n, D, 0^5); for π = 0 … T − 1, with block
 *      b = ⌊π/D⌋ and column c = π mod D: state[k] += V[(8b + k)·D + c] for k < 8; state ← Poseidon2(state).
 *      (Permutation π absorbs column c of rows 8b … 8b + 7.)
 *   4. digest = state[0..8).
 * Cost: T ≤ (n + 8)/8 + D permutations (no lane merging). The order is a fixed public permutation
 * of V and n and D sit in the capacity, so (x, salt) ↦ sponge input is injective: collisions of the
 * digest are sponge collisions. The salt (248 secret bits) hides x in the ideal-permutation model.
 */
import { P, isCanonical } from '../field/babybear.ts';
import { permutePoseidon2 } from './permutation.ts';
import { POSEIDON2_DOMAIN, poseidon2AssertCanonical } from './sponge.ts';

/** Default width D of the weight digest (tests and the native benchmark; zkml passes its row width). */
export const WEIGHT_DIGEST_LANES = 1024;

/** Options of the weight digest. */
export interface WeightDigestOptions {
  /** Width D (a power of two ≥ 1); default {@link WEIGHT_DIGEST_LANES}. */
  readonly lanes?: number;
}

/**
 * Validated width D.
 * @throws RangeError unless D is a power of two ≥ 1.
 */
export function weightDigestLanes(opts: WeightDigestOptions = {}): number {
  const lanes = opts.lanes ?? WEIGHT_DIGEST_LANES;
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 2 ** 24 || (lanes & (lanes - 1)) !== 0) {
    throw new RangeError(`weight digest: expected a width (lanes) that is a power of two in [1, 2^24], got ${lanes}`);
  }
  return lanes;
}

/** Blocks B = max(1, ⌈(n + 8) / 8D⌉) of the digest of n elements at width D. */
export function weightDigestBlocks(n: number, lanes: number): number {
  return Math.max(1, Math.ceil((n + 8) / (8 * lanes)));
}

/** The sponge's initial state (0^8 | 3, n, D, 0^5). */
export function weightDigestIv(n: number, lanes: number): Uint32Array {
  const s = new Uint32Array(16);
  s[8] = POSEIDON2_DOMAIN.weightSponge;
  s[9] = n;
  s[10] = lanes;
  return s;
}

/**
 * The absorb vector V (step 2), 8·B·D elements.
 * @throws RangeError on an empty, too long or non-canonical input, or a bad salt.
 */
export function weightDigestAbsorbVector(x: ArrayLike<number>, salt: ArrayLike<number>, opts: WeightDigestOptions = {}): Uint32Array {
  const lanes = weightDigestLanes(opts);
  const n = x.length;
  if (n < 1 || !isCanonical(n + 8)) throw new RangeError(`weight digest: expected 0 < n < p − 8 elements, got ${n}`);
  if (salt.length !== 8) throw new RangeError(`weight digest: expected a salt of 8 elements, got ${salt.length}`);
  poseidon2AssertCanonical('weight digest input', x);
  poseidon2AssertCanonical('weight digest salt', salt);
  const v = new Uint32Array(8 * weightDigestBlocks(n, lanes) * lanes);
  for (let i = 0; i < n; i++) v[i] = x[i];
  for (let k = 0; k < 8; k++) v[n + k] = salt[k];
  return v;
}

/**
 * The salted weight digest (module header).
 * @param x canonical elements, 0 < n < p − 8; @param salt 8 canonical elements (secret, uniformly random).
 * @returns 8 elements.
 * @throws RangeError on malformed inputs.
 * @example weightDigest(packInt8(weights), randomVector(8), { lanes: 256 })
 */
export function weightDigest(x: ArrayLike<number>, salt: ArrayLike<number>, opts: WeightDigestOptions = {}): Uint32Array {
  const lanes = weightDigestLanes(opts);
  const v = weightDigestAbsorbVector(x, salt, { lanes });
  const blocks = v.length / (8 * lanes);
  const s = weightDigestIv(x.length, lanes);
  for (let b = 0; b < blocks; b++) {
    for (let c = 0; c < lanes; c++) {
      for (let k = 0; k < 8; k++) {
        const t = s[k] + v[(8 * b + k) * lanes + c];
        s[k] = t >= P ? t - P : t;
      }
      permutePoseidon2(s);
    }
  }
  return s.slice(0, 8);
}
