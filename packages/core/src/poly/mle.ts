/**
 * Multilinear extensions of tables (Thaler §3.5): T~(z) = Σ_i eq(z)[i]·T[i], the unique multilinear
 * polynomial agreeing with T on {0,1}^v. Evaluated by folding the top variable repeatedly (O(2^v),
 * ext×base in the first fold) or, for large base tables, by the eq split over two half-size eq
 * tables; never by building the full eq(z).
 */
import { P, fromInt, isCanonical } from '../field/babybear.ts';
import { type Ext, eCopy, eFromBase, eMulInto, eZero } from '../field/ext4.ts';
import { partialEvalRows } from '../sumcheck/matvec.ts';
import { foldBase, foldExt } from './fold.ts';
import { eqTable, pointVars } from './eq.ts';

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

/** From this many variables on, {@link mleEvalBase} evaluates by the eq split instead of folding. */
const SPLIT_VARS = 10;

/**
 * T~(z) for a base-field table of exactly 2^v entries and a point of v ext coordinates.
 * For v ≥ 10 by the eq split (Thaler §3.5, Lemma 3.8's two-level form): with m = ⌊v/2⌋ low
 * (column) variables, T~(z) = Σ_c eq(z_lo)[c]·a[c] where a[c] = Σ_r eq(z_hi)[r]·T[r·2^m + c] is the
 * lazy-reduced ext×base partial evaluation of sumcheck/matvec.ts — about 4 base products per
 * entry and 2^m ext products instead of one ext product per entry (open-mode verifiers evaluate
 * every public weight matrix this way: B4's 1M-entry layers). Tested against the folding
 * reference {@link mleEvalBaseFold}.
 * @throws RangeError on a length mismatch or a non-canonical entry.
 */
export function mleEvalBase(table: Uint32Array, point: Uint32Array): Ext {
  const v = pointVars(point);
  if (table.length !== 2 ** v) throw new RangeError(`mleEvalBase: expected ${2 ** v} entries for ${v} variables, got ${table.length}`);
  if (v < SPLIT_VARS) return mleEvalBaseFold(table, point);
  for (let i = 0; i < table.length; i++) if (table[i] >= P) throw new RangeError(`mleEvalBase: expected canonical elements, got ${table[i]} at ${i}`);
  const m = v >> 1;
  const a = partialEvalRows(table, 2 ** (v - m), 2 ** m, eqTable(point.subarray(4 * m)));
  const e = eqTable(point.subarray(0, 4 * m));
  const acc = eZero();
  const t = new Uint32Array(4);
  for (let c = 0; c < 4 * 2 ** m; c += 4) {
    eMulInto(t, 0, a, c, e, c);
    for (let k = 0; k < 4; k++) {
      const s = acc[k] + t[k];
      acc[k] = s >= P ? s - P : s;
    }
  }
  return acc;
}

/**
 * Plain reference for {@link mleEvalBase}: folds the top variable repeatedly (ext×base in the
 * first fold, ext×ext after).
 * @throws RangeError on a length mismatch or a non-canonical entry when v = 0.
 */
export function mleEvalBaseFold(table: Uint32Array, point: Uint32Array): Ext {
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
