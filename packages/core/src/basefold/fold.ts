/**
 * The verifier's local fold of one opened leaf (docs/parts/basefold.md §4): 2^a values at x·ζ^k
 * folded a times with the layer's challenges, FRI's fold (Ben-Sasson–Bentov–Horesh–Riabzev, ICALP
 * 2018) that fixes the lowest remaining variable:
 *   v_k ← (v_k + v_{k+h})/2 + r·(v_k − v_{k+h}) / (2·x_t·ζ_t^k).
 */
import { P, add, inv, mul, pow, rootOfUnity, sub } from '../field/babybear.ts';
import { type Ext, eMul, eMulBase } from '../field/ext4.ts';

const INV2 = (P + 1) / 2;

/** x = s_l·ω_{N_l}^m, the first point of leaf m of a layer (s_l from its first folded variable). */
export function leafPoint(shift: number, logSize: number, m: number): number {
  return mul(shift, pow(rootOfUnity(logSize), m));
}

/**
 * Folds one leaf. `values` is a flat ext vector of 2^a entries (k order); `challenges` the a
 * layer challenges, flat ext. Returns the folded value (an ext element).
 */
export function foldLeaf(values: Uint32Array, x: number, challenges: Uint32Array): Ext {
  const a = challenges.length / 4;
  const v = Uint32Array.from(values);
  const zetaInv = inv(rootOfUnity(a));
  let xInv = inv(x);
  let zInv = zetaInv;
  for (let t = 0; t < a; t++) {
    const h = 2 ** (a - t - 1);
    const r = challenges.subarray(4 * t, 4 * t + 4);
    let zk = 1;
    for (let k = 0; k < h; k++) {
      const scale = mul(INV2, mul(xInv, zk));
      const sum = new Uint32Array(4);
      const diff = new Uint32Array(4);
      for (let c = 0; c < 4; c++) {
        sum[c] = mul(add(v[4 * k + c], v[4 * (k + h) + c]), INV2);
        diff[c] = sub(v[4 * k + c], v[4 * (k + h) + c]);
      }
      const term = eMul(r, eMulBase(diff, scale));
      for (let c = 0; c < 4; c++) v[4 * k + c] = add(sum[c], term[c]);
      zk = mul(zk, zInv);
    }
    xInv = mul(xInv, xInv);
    zInv = mul(zInv, zInv);
  }
  return v.slice(0, 4);
}

/** The univariate Σ_k c_k y^k (flat ext coefficients) at a base point y. */
export function evalFinalUnivariate(coeffs: Uint32Array, y: number): Ext {
  const out = new Uint32Array(4);
  for (let k = coeffs.length / 4 - 1; k >= 0; k--) {
    for (let c = 0; c < 4; c++) out[c] = add(mul(out[c], y), coeffs[4 * k + c]);
  }
  return out;
}

/** The multilinear Σ_k c_k Π_{j ∈ bits(k)} y_j (monomial basis) at an ext point (flat). */
export function evalFinalMultilinear(coeffs: Uint32Array, point: Uint32Array): Ext {
  let table = Uint32Array.from(coeffs);
  const vars = point.length / 4;
  for (let j = 0; j < vars; j++) {
    const half = table.length / 8;
    const next = new Uint32Array(4 * half);
    const r = point.subarray(4 * j, 4 * j + 4);
    for (let i = 0; i < half; i++) {
      const t = eMul(r, table.subarray(8 * i + 4, 8 * i + 8));
      for (let c = 0; c < 4; c++) next[4 * i + c] = add(table[8 * i + c], t[c]);
    }
    table = next;
  }
  return table.slice(0, 4);
}

