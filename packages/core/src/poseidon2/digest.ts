/**
 * The model-weight digest: a salted Poseidon2 digest of a long vector of field elements, defined so
 * that the in-proof circuit is row-parallel (circuit-*.ts). Part of the model-id specification.
 *
 * Input: x ∈ F^n (0 < n < p; e.g. int8 weights packed 3 per element, pack.ts), salt ∈ F^8, and the
 * protocol constant L = {@link WEIGHT_DIGEST_LANES} (a power of two).
 *   1. S = max(1, ⌈n / (8L)⌉) steps; x is zero-padded to 8·L·S elements.
 *   2. Lane j < L is a sponge (sponge.ts) with tag {@link POSEIDON2_DOMAIN}.weightLane and the TOTAL
 *      length n in its initial state: state ← (0^8 | 2, n, 0^6); for s < S:
 *      state[k] += x[j + L·(8s + k)] for k < 8; state ← Poseidon2(state). Output h_j = state[0..8).
 *      (Lane j reads every L-th element: element i goes to lane i mod L, step ⌊i / 8L⌋,
 *      rate position ⌊i / L⌋ mod 8.)
 *   3. Fold tree: u = (h_0, …, h_{L−1}); while |u| > 1: u'_m = poseidon2Compress(u_m, u_{m + |u|/2}) for
 *      m < |u|/2 (L − 1 compressions). root = u_0.
 *   4. digest = poseidon2Compress(root, salt) (8 elements).
 * Cost: L·S + L permutations. The salt (248 bits) hides x from a public digest.
 */
import { isCanonical } from '../field/babybear.ts';
import { permutePoseidon2 } from './permutation.ts';
import { POSEIDON2_DOMAIN, poseidon2AssertCanonical, poseidon2Compress, poseidon2SpongeIv } from './sponge.ts';

/** Lanes L of the weight digest (protocol constant; the in-proof row width must divide it). */
export const WEIGHT_DIGEST_LANES = 1024;

/** Options of the weight digest. `lanes` exists for tests and must otherwise stay the default. */
export interface WeightDigestOptions {
  readonly lanes?: number;
}

/** Validated lane count. */
export function weightDigestLanes(opts: WeightDigestOptions = {}): number {
  const lanes = opts.lanes ?? WEIGHT_DIGEST_LANES;
  if (!Number.isInteger(lanes) || lanes < 1 || (lanes & (lanes - 1)) !== 0) {
    throw new RangeError(`weight digest: expected lanes a power of two ≥ 1, got ${lanes}`);
  }
  return lanes;
}

/** Steps S = max(1, ⌈n / 8L⌉) of every lane. */
export function weightDigestSteps(n: number, lanes: number): number {
  return Math.max(1, Math.ceil(n / (8 * lanes)));
}

/**
 * Lane outputs h_0..h_{L−1} (step 2), flat: h_j at [8j, 8j + 8).
 * @throws RangeError on an empty or non-canonical input.
 */
export function weightDigestLaneOutputs(x: ArrayLike<number>, opts: WeightDigestOptions = {}): Uint32Array {
  const lanes = weightDigestLanes(opts);
  const n = x.length;
  if (n < 1 || !isCanonical(n)) throw new RangeError(`weight digest: expected 0 < n < p elements, got ${n}`);
  poseidon2AssertCanonical('weight digest input', x);
  const steps = weightDigestSteps(n, lanes);
  const out = new Uint32Array(8 * lanes);
  const s = new Uint32Array(16);
  const iv = poseidon2SpongeIv(POSEIDON2_DOMAIN.weightLane, n);
  for (let j = 0; j < lanes; j++) {
    s.set(iv);
    for (let st = 0; st < steps; st++) {
      for (let k = 0; k < 8; k++) {
        const idx = j + lanes * (8 * st + k);
        if (idx < n) s[k] = (s[k] + x[idx]) % 2013265921;
      }
      permutePoseidon2(s);
    }
    out.set(s.subarray(0, 8), 8 * j);
  }
  return out;
}

/** Fold tree of step 3 over flat lane outputs (8·L elements); returns the root. */
export function weightDigestFoldTree(h: Uint32Array): Uint32Array {
  let u = h;
  while (u.length > 8) {
    const half = u.length / 16;
    const next = new Uint32Array(8 * half);
    for (let m = 0; m < half; m++) next.set(poseidon2Compress(u.subarray(8 * m, 8 * m + 8), u.subarray(8 * (m + half), 8 * (m + half) + 8)), 8 * m);
    u = next;
  }
  return u.slice(0, 8);
}

/**
 * The salted weight digest (module header).
 * @param x canonical elements, 0 < n < p; @param salt 8 canonical elements (secret, uniformly random).
 * @returns 8 elements.
 * @example weightDigest(packInt8(weights), randomVector(8))
 */
export function weightDigest(x: ArrayLike<number>, salt: ArrayLike<number>, opts: WeightDigestOptions = {}): Uint32Array {
  if (salt.length !== 8) throw new RangeError(`weight digest: expected a salt of 8 elements, got ${salt.length}`);
  poseidon2AssertCanonical('weight digest salt', salt);
  return poseidon2Compress(weightDigestFoldTree(weightDigestLaneOutputs(x, opts)), salt);
}
