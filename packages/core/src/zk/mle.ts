/**
 * MLE-evaluation constraints on committed layout vectors.
 *
 * For a vector v of padded length 2^m laid out by zk/layout.ts, v~(z) = Σ_i eq(z)[i]·v[i] is one
 * tensor term of a linear constraint:
 * - whole-row vectors (2^m ≥ ℓ = 2^c): element i sits at row (start + ⌊i/ℓ⌋), column i mod ℓ, so
 *   v~(z) = Σ_r eq(z_hi)[r]·Σ_i eq(z_lo)[i]·W[start + r, i] with z_lo = (z_0..z_{c−1}), z_hi the rest;
 * - sub-row vectors (2^m < ℓ): one row, cols = eq(z) placed at the vector's column offset, zeros elsewhere.
 * The verifier's work is O(2^c + 2^{m−c}) per claim (Longfellow's tensor-structured linear test).
 */
import { type Layout, type VectorRef } from './layout.ts';
import { Affine, type TensorTerm } from './constraints.ts';
import { eqTable, pointVars } from '../poly/eq.ts';

/**
 * The tensor term Σ_i eq(point)[i]·vector[i].
 * @param point flat ext point with exactly vector.logLength variables.
 * @throws RangeError when the point has the wrong number of variables or the vector is not in the layout.
 */
export function mleTensorTerm(layout: Pick<Layout, 'rowWidth' | 'logRowWidth' | 'numRows'>, vector: VectorRef, point: Uint32Array): TensorTerm {
  const v = pointVars(point);
  if (v !== vector.logLength) throw new RangeError(`mleConstraint(${vector.label}): expected a point of ${vector.logLength} variables, got ${v}`);
  if (vector.row + vector.rowCount > layout.numRows) throw new RangeError(`mleConstraint(${vector.label}): expected rows inside the layout (${layout.numRows}), got ${vector.row}+${vector.rowCount}`);
  const c = layout.logRowWidth;
  if (vector.paddedLength >= layout.rowWidth) {
    const cols = eqTable(point.subarray(0, 4 * c));
    const rowCoeffs = eqTable(point.subarray(4 * c));
    return { row: vector.row, rowCoeffs, cols: { values: cols } };
  }
  const cols = new Uint32Array(4 * layout.rowWidth);
  cols.set(eqTable(point), 4 * vector.col);
  return { row: vector.row, rowCoeffs: Uint32Array.of(1, 0, 0, 0), cols: { values: cols } };
}

/**
 * The affine form vector~(point) (a single tensor term), for claims about committed vectors:
 * `mleConstraint(layout, w, z).equals(claimed, 'dense_1 W opening')`.
 */
export function mleConstraint(layout: Pick<Layout, 'rowWidth' | 'logRowWidth' | 'numRows'>, vector: VectorRef, point: Uint32Array): Affine {
  return Affine.tensorTerm(mleTensorTerm(layout, vector, point));
}
