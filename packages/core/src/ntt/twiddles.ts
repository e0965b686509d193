/**
 * Twiddle and bit-reversal tables for the power-of-two NTT over BabyBear.
 *
 * Layout (shared by every size): for each half-length h = 2^s, entries tw[h + k] = ω_{2h}^k for
 * k < h, where ω_{2h} = rootOfUnity(s + 1). Because ω_{2h} = ω_N^{N/2h}, one table built for the
 * largest size N serves every n ≤ N, so a single growing table is cached (forward and inverse).
 * Beside each twiddle we keep w/p as a double so a butterfly's quotient estimate costs one
 * multiplication (see {@link mulByTwiddle} in ntt.ts and docs/parts/field-ntt.md).
 * Reference: Cooley–Tukey radix-2 decimation in time (e.g. Chu & George, Inside the FFT Black Box).
 */
import { P, mul, inv, rootOfUnity, TWO_ADICITY } from '../field/babybear.ts';

/** Twiddles of one direction: `w[h + k] = ω_{2h}^{±k}` and `wq[i] = w[i] / p` as doubles. */
export interface TwiddleTable {
  /** log2 of the largest transform size this table covers. */
  readonly logN: number;
  /** Twiddle values, length N (index 0 unused). */
  readonly w: Uint32Array;
  /** w[i] / p in double precision: the Shoup-style quotient factor of each twiddle. */
  readonly wq: Float64Array;
}

let forward: TwiddleTable | undefined;
let inverse: TwiddleTable | undefined;
const bitrevCache = new Map<number, Uint32Array>();

function build(logN: number, invert: boolean): TwiddleTable {
  const n = 1 << logN;
  const w = new Uint32Array(Math.max(n, 2));
  const wq = new Float64Array(Math.max(n, 2));
  for (let s = 0; s < logN; s++) {
    const h = 1 << s;
    let root = rootOfUnity(s + 1);
    if (invert) root = inv(root);
    let x = 1;
    for (let k = 0; k < h; k++) {
      w[h + k] = x;
      wq[h + k] = x / P;
      x = mul(x, root);
    }
  }
  return { logN, w, wq };
}

/**
 * The twiddle table covering transforms of size up to 2^logN (forward, or inverse when
 * `invert`). Grows the cached table when needed; never shrinks.
 * @throws RangeError when logN is outside [0, 27].
 */
export function twiddles(logN: number, invert = false): TwiddleTable {
  if (!Number.isInteger(logN) || logN < 0 || logN > TWO_ADICITY) {
    throw new RangeError(`twiddles: expected logN in [0, ${TWO_ADICITY}], got ${logN}`);
  }
  const cur = invert ? inverse : forward;
  if (cur && cur.logN >= logN) return cur;
  const t = build(Math.max(logN, cur ? cur.logN : 0), invert);
  if (invert) inverse = t;
  else forward = t;
  return t;
}

/** The bit-reversal permutation of size 2^logN (cached per size): rev[i] reverses logN bits of i. */
export function bitReversal(logN: number): Uint32Array {
  let r = bitrevCache.get(logN);
  if (r) return r;
  const n = 1 << logN;
  r = new Uint32Array(n);
  for (let i = 1; i < n; i++) r[i] = (r[i >> 1] >>> 1) | ((i & 1) << (logN - 1));
  bitrevCache.set(logN, r);
  return r;
}

/** Drops every cached table (for tests and memory-constrained callers). */
export function clearTwiddleCache(): void {
  forward = undefined;
  inverse = undefined;
  bitrevCache.clear();
}
