/**
 * Multilinear extensions of tables (Thaler §3.5): T~(z) = Σ_i eq(z)[i]·T[i], the unique multilinear
 * polynomial agreeing with T on {0,1}^v. Evaluated by folding the top variable repeatedly (O(2^v),
 * ext×base in the first fold), never by building eq(z).
 */
import { fromInt, isCanonical } from '../field/babybear.ts';
import { type Ext, eCopy, eFromBase } from '../field/ext4.ts';
import { foldBase, foldExt } from './fold.ts';
import { pointVars } from './eq.ts';

/**
 * A table of integers (possibly negative) or field elements, mapped into F_p and zero-padded to
 * 2^numVars entries (numVars defaults to ⌈log2 n⌉).
 * @throws RangeError when an entry is not a safe integer or the table does not fit 2^numVars.
 */
export function mleOfTable(values: ArrayLike<number>, numVars?: number): Uint32Array {
  const n = values.length;
  const v = numVars ?? (n <= 1 ? 0 : Math.ceil(Math.log2(n)));
  if (!Number.isInteger(v) || v < 0 || v > 30) throw new RangeError(`mleOfTable: expected numVars in [0, 30], got ${v}`);
  if (n > 2 ** v) throw new RangeError(`mleOfTable: expected at most ${2 ** v} entries, got ${n}`);
  const out = new Uint32Array(2 ** v);
  for (let i = 0; i < n; i++) out[i] = fromInt(values[i]);
  return out;
}

/**
 * T~(z) for a base-field table of exactly 2^v entries and a point of v ext coordinates.
 * @throws RangeError on a length mismatch or a non-canonical entry in the first fold's input.
 */
export function mleEvalBase(table: Uint32Array, point: Uint32Array): Ext {
  const v = pointVars(point);
  if (table.length !== 2 ** v) throw new RangeError(`mleEvalBase: expected ${2 ** v} entries for ${v} variables, got ${table.length}`);
  if (v === 0) {
    if (!isCanonical(table[0])) throw new RangeError(`mleEvalBase: expected a canonical element, got ${table[0]}`);
    return eFromBase(table[0]);
  }
  let t = foldBase(table, point.subarray(4 * (v - 1), 4 * v));
  for (let k = v - 2; k >= 0; k--) t = foldExt(t, point.subarray(4 * k, 4 * k + 4));
  return eCopy(t);
}

/** T~(z) for a flat ext table of exactly 2^v entries (4·2^v coordinates). */
export function mleEvalExt(table: Uint32Array, point: Uint32Array): Ext {
  const v = pointVars(point);
  if (table.length !== 4 * 2 ** v) throw new RangeError(`mleEvalExt: expected ${2 ** v} ext entries for ${v} variables, got ${table.length / 4}`);
  if (v === 0) return eCopy(table);
  let t = foldExt(table, point.subarray(4 * (v - 1), 4 * v));
  for (let k = v - 2; k >= 0; k--) t = foldExt(t, point.subarray(4 * k, 4 * k + 4));
  return eCopy(t);
}
