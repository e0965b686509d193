/**
 * The multilinear equality polynomial eq(z, x) = Π_k (x_k z_k + (1 − x_k)(1 − z_k)) (Thaler,
 * "Proofs, Arguments, and Zero-Knowledge", §3.5, Lemma 3.8).
 *
 * Conventions (shared across Vouch): a table of 2^v entries has index i = Σ_k b_k 2^k, and a point
 * z = (z_0, …, z_{v−1}) assigns z_k to the variable of bit k. A point is a flat ext vector of 4v
 * coordinates (see field/ext4.ts).
 */
import { P } from '../field/babybear.ts';
import { type Ext, eMulInto, eOne, eMul, eSub, eAdd } from '../field/ext4.ts';

/** Number of variables of a flat ext point (4 coordinates per variable). */
export function pointVars(point: Uint32Array): number {
  if (point.length % 4 !== 0) throw new RangeError(`point: expected a flat ext vector (length a multiple of 4), got length ${point.length}`);
  return point.length / 4;
}

/**
 * The table eq(z)[i] = Π_k (b_k z_k + (1 − b_k)(1 − z_k)) for i < 2^v, as a flat ext vector.
 * Built variable by variable in place: adding z_k doubles the table with one ext multiplication
 * per new entry (hi = old·z_k, lo = old − hi), 2^v multiplications in all.
 * @param point z, a flat ext vector of v elements.
 * @returns flat ext vector of 4·2^v coordinates.
 */
export function eqTable(point: Uint32Array): Uint32Array {
  const v = pointVars(point);
  const n = 1 << v;
  const out = new Uint32Array(4 * n);
  out[0] = 1;
  for (let k = 0, size = 1; k < v; k++, size <<= 1) {
    const zo = 4 * k;
    for (let i = size - 1; i >= 0; i--) {
      const lo = 4 * i;
      const hi = 4 * (i + size);
      eMulInto(out, hi, out, lo, point, zo);
      for (let c = 0; c < 4; c++) {
        const d = out[lo + c] - out[hi + c];
        out[lo + c] = d < 0 ? d + P : d;
      }
    }
  }
  return out;
}

/**
 * eq(a, b) = Π_k (a_k b_k + (1 − a_k)(1 − b_k)) for two points of the same length, in O(v).
 * @throws RangeError when the lengths differ.
 */
export function eqEval(a: Uint32Array, b: Uint32Array): Ext {
  if (a.length !== b.length) throw new RangeError(`eqEval: expected points of equal length, got ${a.length / 4} and ${b.length / 4} variables`);
  let acc = eOne();
  const t = new Uint32Array(4);
  for (let k = 0; k < a.length / 4; k++) {
    const ak = a.subarray(4 * k, 4 * k + 4);
    const bk = b.subarray(4 * k, 4 * k + 4);
    eMulInto(t, 0, ak, 0, bk, 0);
    // 1 − a − b + 2ab
    const f = eAdd(eSub(eSub(eOne(), ak), bk), eAdd(t, t));
    acc = eMul(acc, f);
  }
  return acc;
}

/**
 * Σ_{i < n} eq(z)[i] in O(v): the MLE of the indicator of the prefix [0, n) of the hypercube.
 * Walks from the most significant variable: the prefix either stays in the lower half (factor 1 − z)
 * or covers it entirely (sum 1) and continues in the upper half (factor z).
 * @param n in [0, 2^v].
 */
export function eqPrefixSum(point: Uint32Array, n: number): Ext {
  const v = pointVars(point);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** v) throw new RangeError(`eqPrefixSum: expected n in [0, ${2 ** v}], got ${n}`);
  // acc = Σ over the already decided high bits; scale = product of factors along the current path.
  let acc: Ext = new Uint32Array(4);
  let scale = eOne();
  let rem = n;
  for (let k = v - 1; k >= 0; k--) {
    const half = 2 ** k;
    const z = point.subarray(4 * k, 4 * k + 4);
    if (rem >= half) {
      // whole lower half: eq sums to 1 over it, times (1 − z)
      acc = eAdd(acc, eMul(scale, eSub(eOne(), z)));
      scale = eMul(scale, z);
      rem -= half;
    } else {
      scale = eMul(scale, eSub(eOne(), z));
    }
  }
  // rem is now 0 or 1: the remaining single entry is included iff rem = 1
  return rem === 1 ? eAdd(acc, scale) : acc;
}
