/**
 * The sumcheck inside a BaseFold opening (docs/parts/basefold.md §2; Lund–Fortnow–Karloff–Nisan,
 * Thaler §4.1): Σ_b f(b)·g(b) over the lowest remaining variable per round, h of degree ≤ 2 sent as
 * h(0), h(2) (h(1) = claim − h(0)); tables fold by fixing that variable. The loops write into
 * preallocated buffers (eMulInto) instead of allocating an ext element per product.
 */
import { P } from '../field/babybear.ts';
import { type Ext, eSub, eMulInto } from '../field/ext4.ts';
import { interpolateAt } from '../sumcheck/lagrange.ts';

/** h(0) and h(2) of one round for flat ext tables f, g of equal length (pairs (2t, 2t + 1)). */
export function roundMessage(f: Uint32Array, g: Uint32Array): Uint32Array {
  const half = f.length / 8;
  const acc = new Float64Array(8);
  const prod = new Uint32Array(4);
  const f2 = new Uint32Array(4);
  const g2 = new Uint32Array(4);
  for (let t = 0; t < half; t++) {
    const o = 8 * t;
    eMulInto(prod, 0, f, o, g, o);
    for (let c = 0; c < 4; c++) {
      acc[c] += prod[c];
      const a = 2 * f[o + 4 + c] + P - f[o + c];
      f2[c] = a >= P ? (a >= 2 * P ? a - 2 * P : a - P) : a;
      const b = 2 * g[o + 4 + c] + P - g[o + c];
      g2[c] = b >= P ? (b >= 2 * P ? b - 2 * P : b - P) : b;
    }
    eMulInto(prod, 0, f2, 0, g2, 0);
    for (let c = 0; c < 4; c++) acc[4 + c] += prod[c];
    // sums of < 2^31 terms stay exact in a double below 2^53: reduce every 2^21 pairs
    if ((t & 0x1fffff) === 0x1fffff) for (let c = 0; c < 8; c++) acc[c] %= P;
  }
  const out = new Uint32Array(8);
  for (let c = 0; c < 8; c++) out[c] = acc[c] % P;
  return out;
}

/** Folds a flat ext table by its lowest variable: out[t] = T[2t] + r·(T[2t + 1] − T[2t]). */
export function foldLow(table: Uint32Array, r: Ext): Uint32Array {
  const half = table.length / 8;
  const out = new Uint32Array(4 * half);
  const d = new Uint32Array(4);
  for (let t = 0; t < half; t++) {
    const o = 8 * t;
    for (let c = 0; c < 4; c++) {
      const x = table[o + 4 + c] - table[o + c];
      d[c] = x < 0 ? x + P : x;
    }
    eMulInto(out, 4 * t, r, 0, d, 0);
    for (let c = 0; c < 4; c++) {
      const s = out[4 * t + c] + table[o + c];
      out[4 * t + c] = s >= P ? s - P : s;
    }
  }
  return out;
}

/** h(r) for the degree-2 polynomial through (0, h0), (1, claim − h0), (2, h2). */
export function interpolateRound(claim: Ext, h0: Ext, h2: Ext, r: Ext): Ext {
  const evals = new Uint32Array(12);
  evals.set(h0, 0);
  evals.set(eSub(claim, h0), 4);
  evals.set(h2, 8);
  return interpolateAt(evals, r);
}
