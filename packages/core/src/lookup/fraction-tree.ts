/**
 * The binary tree of fractions summed by logUp-GKR (Papini–Haböck, "Improving logarithmic
 * derivative lookups using GKR", ePrint 2023/1284, §3).
 *
 * Layer n holds the 2^n leaf fractions p_i/q_i; layer k < n has 2^k entries, the sums of sibling pairs
 * without division: p_k[i] = p_{k+1}[i]·q_{k+1}[i + 2^k] + p_{k+1}[i + 2^k]·q_{k+1}[i],
 * q_k[i] = q_{k+1}[i]·q_{k+1}[i + 2^k]. Siblings differ in the MOST significant bit, matching
 * the fold convention (sumcheck binds the top variable first), so p_{k+1}~(x, b) with b the top
 * variable gives p0(x) = p_{k+1}~(x, 0) (lower half) and p1(x) = p_{k+1}~(x, 1) (upper half).
 * The root p_0/q_0 equals Σ_i p_i/q_i whenever every q_i ≠ 0.
 */
import { P } from '../field/babybear.ts';
import { eMulInto } from '../field/ext4.ts';

/** One layer: flat ext vectors p and q of equal length. */
export interface FractionLayer {
  readonly p: Uint32Array;
  readonly q: Uint32Array;
}

/**
 * All layers from the root (index 0, one entry) to the leaves (index n).
 * @param p leaf numerators, flat ext, 2^n entries (n ≥ 1).
 * @param q leaf denominators, flat ext, 2^n entries.
 */
export function buildFractionTree(p: Uint32Array, q: Uint32Array): FractionLayer[] {
  const n2 = p.length / 4;
  if (p.length !== q.length || n2 < 2 || (n2 & (n2 - 1)) !== 0) {
    throw new RangeError(`buildFractionTree: expected p and q of equal power-of-two length ≥ 2, got ${p.length / 4} and ${q.length / 4}`);
  }
  const layers: FractionLayer[] = [{ p, q }];
  const t = new Uint32Array(4);
  let cur = layers[0];
  while (cur.p.length > 4) {
    const half = cur.p.length / 8;
    const np = new Uint32Array(4 * half);
    const nq = new Uint32Array(4 * half);
    for (let i = 0; i < half; i++) {
      const lo = 4 * i, hi = 4 * (i + half);
      eMulInto(np, lo, cur.p, lo, cur.q, hi);
      eMulInto(t, 0, cur.p, hi, cur.q, lo);
      for (let c = 0; c < 4; c++) {
        const s = np[lo + c] + t[c];
        np[lo + c] = s >= P ? s - P : s;
      }
      eMulInto(nq, lo, cur.q, lo, cur.q, hi);
    }
    cur = { p: np, q: nq };
    layers.push(cur);
  }
  return layers.reverse();
}
