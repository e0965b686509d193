/**
 * Folding a multilinear table by its most significant variable (Thaler §4.1, the "halving" step of
 * the linear-time sumcheck prover): fold(T, r)[i] = T[i] + r·(T[i + half] − T[i]) for i < half.
 * After folding, the table represents T~(·, r) with the top variable z_{v−1} bound to r.
 */
import { P, mul } from '../field/babybear.ts';
import { type Ext, eMulInto } from '../field/ext4.ts';

function assertPow2(n: number, what: string): void {
  if (n < 2 || (n & (n - 1)) !== 0) throw new RangeError(`${what}: expected a power-of-two length ≥ 2, got ${n}`);
}

/**
 * Folds a base-field table by an ext challenge: ext×base work only (4 base products per entry).
 * @param table 2^v base-field values (v ≥ 1).
 * @param r the challenge bound to the top variable.
 * @returns flat ext table of 2^{v−1} entries.
 */
export function foldBase(table: Uint32Array, r: Ext): Uint32Array {
  assertPow2(table.length, 'foldBase');
  const half = table.length >> 1;
  const out = new Uint32Array(4 * half);
  const r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
  for (let i = 0; i < half; i++) {
    const lo = table[i];
    let d = table[i + half] - lo;
    if (d < 0) d += P;
    const o = 4 * i;
    const c0 = lo + mul(r0, d);
    out[o] = c0 >= P ? c0 - P : c0;
    out[o + 1] = mul(r1, d);
    out[o + 2] = mul(r2, d);
    out[o + 3] = mul(r3, d);
  }
  return out;
}

/**
 * Folds a flat ext table (4·2^v coordinates) by an ext challenge into a new table.
 * @returns flat ext table of 2^{v−1} entries.
 */
export function foldExt(table: Uint32Array, r: Ext): Uint32Array {
  const out = new Uint32Array(table.length >> 1);
  foldExtInto(out, table, table.length >> 2, r);
  return out;
}

/**
 * Folds the first `n` ext entries of `src` into `dst` (n/2 entries). `dst` may be `src` (in place):
 * entry i of the result only reads entries i and i + n/2, and i ≤ i + n/2.
 */
export function foldExtInto(dst: Uint32Array, src: Uint32Array, n: number, r: Ext): void {
  assertPow2(n, 'foldExt');
  const half = n >> 1;
  const d = new Uint32Array(4);
  for (let i = 0; i < half; i++) {
    const lo = 4 * i;
    const hi = 4 * (i + half);
    for (let c = 0; c < 4; c++) {
      const t = src[hi + c] - src[lo + c];
      d[c] = t < 0 ? t + P : t;
    }
    eMulInto(d, 0, d, 0, r, 0);
    for (let c = 0; c < 4; c++) {
      const s = src[lo + c] + d[c];
      dst[lo + c] = s >= P ? s - P : s;
    }
  }
}
