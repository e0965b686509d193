/**
 * The Ligero linear test (Ames et al. CCS 2017 §4.3, "testing linear constraints"; Longfellow's
 * "dot" test), in zero knowledge with the mask M_L.
 *
 * The constraints c (zk/constraints.ts: Σ_sparse + Σ_tensor + constant_c = 0) are combined with
 * independent random α_c ∈ K into one coefficient matrix a (a_r ∈ K^ℓ per witness row), so that
 * Σ_c α_c (lhs_c) = Σ_r ⟨a_r, w_r⟩. With ā_r the interpolant of a_r on H,
 *     q_L = Σ_r ā_r·f_r + M_L,   deg q_L < ℓ + k,   Σ_{x∈H} q_L(x) = Σ_r ⟨a_r, w_r⟩ = −Σ_c α_c·constant_c.
 * The verifier checks the sum (coefficient form: ℓ·Σ_{m≡0 mod ℓ} q_m) and, at each opened column
 * η_j, q_L(η_j) = Σ_r ā_r(η_j)·U_r[j] + M_L0[j] + η_j^ℓ·M_L1[j].
 *
 * Prover: tensor terms sharing a ColumnVector V (by object identity) collapse to V̄·(Σ_r c_r f_r), so
 * it does one polynomial product per distinct V plus one per row holding sparse terms.
 * Verifier: ā_r(η_j) = Σ_i a_r[i]·L_i(η_j) with the Lagrange values L_i(η_j) ∈ F_p precomputed
 * (t·ℓ); each distinct V is interpolated once (t·ℓ), each tensor term costs O(t·rows), each sparse
 * term O(t). No N-sized vector is materialized.
 */
import { P, mul } from '../field/babybear.ts';
import { eMulInto, type Ext } from '../field/ext4.ts';
import { extAxpyBase, extInnerBase } from '../field/vec.ts';
import { cosetNtt, cosetNttExt, inttExt } from '../ntt/ntt.ts';
import type { ColumnVector, LinearConstraint } from '../zk/constraints.ts';
import { combineMask } from './masks.ts';
import { MASK, nextPow2, type LigeroShape } from './params.ts';
import { addExtTimesBase, addExtTimesExt, mulAccExtBase, mulAccExtExt } from './polyops.ts';

/**
 * Checks that every constraint only touches witness rows with well-formed coefficients.
 * @throws RangeError naming the constraint on a wire outside the witness or a malformed term.
 */
export function checkConstraints(constraints: readonly LinearConstraint[], shape: LigeroShape): void {
  const l = shape.rowWidth;
  const W = shape.witnessRows;
  constraints.forEach((c, ci) => {
    const what = `constraint ${ci} (${c.label})`;
    if (!(c.constant instanceof Uint32Array) || c.constant.length !== 4) throw new RangeError(`${what}: expected an ext constant`);
    for (const [w, coef] of c.sparse) {
      if (!Number.isInteger(w) || w < 0 || w >= W * l) throw new RangeError(`${what}: expected a wire in [0, ${W * l}), got ${w}`);
      if (!(coef instanceof Uint32Array) || coef.length !== 4) throw new RangeError(`${what}: expected an ext coefficient for wire ${w}`);
    }
    for (const t of c.tensor) {
      const rows = t.rowCoeffs.length / 4;
      if (!Number.isInteger(rows) || !Number.isInteger(t.row) || t.row < 0 || t.row + rows > W) {
        throw new RangeError(`${what}: expected tensor rows inside [0, ${W}), got row ${t.row} + ${t.rowCoeffs.length / 4}`);
      }
      if (t.cols.values.length !== 4 * l) throw new RangeError(`${what}: expected ${l} column coefficients, got ${t.cols.values.length / 4}`);
    }
  });
}

/** −Σ_c α_c·constant_c: the value Σ_{x∈H} q_L(x) must take. */
export function linearTarget(constraints: readonly LinearConstraint[], alpha: Uint32Array): Ext {
  const acc = new Uint32Array(4);
  constraints.forEach((c, ci) => addExtTimesExt(acc, 0, c.constant, 0, alpha, 4 * ci));
  for (let i = 0; i < 4; i++) acc[i] = acc[i] === 0 ? 0 : P - acc[i];
  return acc;
}

/**
 * Prover: the linear response q_L (flat ext, ℓ + k coefficients), mask included.
 * @param coeffs - row polynomials, R × k (witness rows then masking rows).
 */
export function linearResponse(shape: LigeroShape, coeffs: Uint32Array, constraints: readonly LinearConstraint[], alpha: Uint32Array): Uint32Array {
  const l = shape.rowWidth;
  const k = shape.degreeBound;
  const W = shape.witnessRows;
  const m = nextPow2(l + k - 1);
  const sparseRows = new Map<number, Uint32Array>();
  const groups = new Map<ColumnVector, Map<number, Uint32Array>>();
  constraints.forEach((c, ci) => {
    const ao = 4 * ci;
    for (const [w, coef] of c.sparse) {
      const r = w >>> shape.logRowWidth;
      let a = sparseRows.get(r);
      if (!a) sparseRows.set(r, (a = new Uint32Array(4 * l)));
      addExtTimesExt(a, 4 * (w & (l - 1)), coef, 0, alpha, ao);
    }
    for (const t of c.tensor) {
      let g = groups.get(t.cols);
      if (!g) groups.set(t.cols, (g = new Map()));
      const rows = t.rowCoeffs.length / 4;
      for (let rr = 0; rr < rows; rr++) {
        let e = g.get(t.row + rr);
        if (!e) g.set(t.row + rr, (e = new Uint32Array(4)));
        addExtTimesExt(e, 0, t.rowCoeffs, 4 * rr, alpha, ao);
      }
    }
  });
  const acc = new Uint32Array(4 * m);
  for (const [cols, rowCoef] of groups) {
    const F = new Uint32Array(4 * k);
    for (const [r, e] of rowCoef) extAxpyBase(F, e, coeffs.subarray(r * k, (r + 1) * k));
    const vbar = Uint32Array.from(cols.values);
    inttExt(vbar);
    mulAccExtExt(acc, cosetNttExt(vbar, 1, m), cosetNttExt(F, 1, m));
  }
  for (const [r, a] of sparseRows) {
    inttExt(a);
    mulAccExtBase(acc, cosetNttExt(a, 1, m), cosetNtt(coeffs.subarray(r * k, (r + 1) * k), 1, m));
  }
  inttExt(acc);
  const q = combineMask(coeffs, k, W + MASK.linear0, W + MASK.linear1, l, l + k);
  const top = Math.min(l + k, m);
  for (let i = 0; i < 4 * top; i++) {
    const s = q[i] + acc[i];
    q[i] = s >= P ? s - P : s;
  }
  return q;
}

/**
 * Verifier: Σ_r ā_r(η_j)·U_r[j] at each opened column (flat ext, t values).
 * @param lagrange - t × ℓ values L_i(η_j) (encode.ts lagrangeAtPoints).
 * @param columns - opened columns, t × R (row values of column j contiguous).
 */
export function linearColumnValues(
  shape: LigeroShape,
  constraints: readonly LinearConstraint[],
  alpha: Uint32Array,
  lagrange: Uint32Array,
  columns: Uint32Array,
): Uint32Array {
  const l = shape.rowWidth;
  const R = shape.totalRows;
  const t = columns.length / R;
  const out = new Uint32Array(4 * t);
  const interp = new Map<ColumnVector, Uint32Array>();
  const scaled = new Uint32Array(4);
  const s = new Uint32Array(4 * t);
  constraints.forEach((c, ci) => {
    const ao = 4 * ci;
    for (const [w, coef] of c.sparse) {
      const r = w >>> shape.logRowWidth;
      const col = w & (l - 1);
      eMulInto(scaled, 0, coef, 0, alpha, ao);
      for (let j = 0; j < t; j++) addExtTimesBase(out, 4 * j, scaled, 0, mul(lagrange[j * l + col], columns[j * R + r]));
    }
    for (const term of c.tensor) {
      let vbar = interp.get(term.cols);
      if (!vbar) {
        vbar = new Uint32Array(4 * t);
        for (let j = 0; j < t; j++) {
          vbar.set(extInnerBase(term.cols.values, lagrange.subarray(j * l, (j + 1) * l)), 4 * j);
        }
        interp.set(term.cols, vbar);
      }
      const rows = term.rowCoeffs.length / 4;
      for (let j = 0; j < t; j++) {
        s.set(extInnerBase(term.rowCoeffs, columns.subarray(j * R + term.row, j * R + term.row + rows)), 4 * j);
      }
      for (let j = 0; j < t; j++) {
        eMulInto(scaled, 0, vbar, 4 * j, s, 4 * j);
        addExtTimesExt(out, 4 * j, scaled, 0, alpha, ao);
      }
    }
  });
  return out;
}

/**
 * Plain reference for tests: the full coefficient matrix a (numRows × ℓ ext, row-major flat),
 * a[w] = Σ_c α_c·coeff_c(w).
 */
export function combinedCoefficientsReference(shape: LigeroShape, constraints: readonly LinearConstraint[], alpha: Uint32Array): Uint32Array {
  const l = shape.rowWidth;
  const a = new Uint32Array(4 * shape.witnessRows * l);
  const tmp = new Uint32Array(4);
  constraints.forEach((c, ci) => {
    for (const [w, coef] of c.sparse) addExtTimesExt(a, 4 * w, coef, 0, alpha, 4 * ci);
    for (const term of c.tensor) {
      for (let rr = 0; rr < term.rowCoeffs.length / 4; rr++) {
        eMulInto(tmp, 0, term.rowCoeffs, 4 * rr, alpha, 4 * ci);
        for (let i = 0; i < l; i++) addExtTimesExt(a, 4 * ((term.row + rr) * l + i), tmp, 0, term.cols.values, 4 * i);
      }
    }
  });
  return a;
}

