/**
 * The sumcheck inside a BaseFold opening (docs/parts/basefold.md §2; Lund–Fortnow–Karloff–Nisan,
 * Thaler §4.1): Σ_b f(b)·g(b) over the lowest remaining variable per round, h of degree ≤ 2 sent as
 * h(0), h(2) (h(1) = claim − h(0)); tables fold by fixing that variable.
 */
import { P } from '../field/babybear.ts';
import { type Ext, eAdd, eMul, eSub, eInv, eFromBase } from '../field/ext4.ts';

const TWO = 2;

/** h(0) and h(2) of one round for flat ext tables f, g of equal length (pairs (2t, 2t + 1)). */
export function roundMessage(f: Uint32Array, g: Uint32Array): Uint32Array {
  const out = new Uint32Array(8);
  const half = f.length / 8;
  let h0: Ext = new Uint32Array(4);
  let h2: Ext = new Uint32Array(4);
  const f2 = new Uint32Array(4);
  const g2 = new Uint32Array(4);
  for (let t = 0; t < half; t++) {
    const f0 = f.subarray(8 * t, 8 * t + 4);
    const f1 = f.subarray(8 * t + 4, 8 * t + 8);
    const g0 = g.subarray(8 * t, 8 * t + 4);
    const g1 = g.subarray(8 * t + 4, 8 * t + 8);
    h0 = eAdd(h0, eMul(f0, g0));
    for (let c = 0; c < 4; c++) {
      f2[c] = (2 * f1[c] + P - f0[c]) % P;
      g2[c] = (2 * g1[c] + P - g0[c]) % P;
    }
    h2 = eAdd(h2, eMul(f2, g2));
  }
  out.set(h0, 0);
  out.set(h2, 4);
  return out;
}

/** Folds a flat ext table by its lowest variable: out[t] = T[2t] + r·(T[2t + 1] − T[2t]). */
export function foldLow(table: Uint32Array, r: Ext): Uint32Array {
  const half = table.length / 8;
  const out = new Uint32Array(4 * half);
  for (let t = 0; t < half; t++) {
    const lo = table.subarray(8 * t, 8 * t + 4);
    const hi = table.subarray(8 * t + 4, 8 * t + 8);
    out.set(eAdd(lo, eMul(r, eSub(hi, lo))), 4 * t);
  }
  return out;
}

/** h(r) for the degree-2 polynomial through (0, h0), (1, claim − h0), (2, h2). */
export function interpolateRound(claim: Ext, h0: Ext, h2: Ext, r: Ext): Ext {
  const h1 = eSub(claim, h0);
  const one = eFromBase(1);
  const two = eFromBase(TWO);
  const rm1 = eSub(r, one);
  const rm2 = eSub(r, two);
  const half = eInv(two);
  const l0 = eMul(eMul(rm1, rm2), half);
  const l1 = eSub(eFromBase(0), eMul(r, rm2));
  const l2 = eMul(eMul(r, rm1), half);
  return eAdd(eAdd(eMul(h0, l0), eMul(h1, l1)), eMul(h2, l2));
}

