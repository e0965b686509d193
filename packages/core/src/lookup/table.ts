/**
 * Lookup tables for logUp (Haböck, ePrint 2022/1530): closed-form ranges and fixed public tables of
 * up to 3 columns combined by a random β into one ext column t_i = Σ_c β^c·t_{c,i}.
 *
 * - `range`: t_i = offset + i for i < 2^bits (bits ≤ 16, offset any safe integer, e.g. −2^15 for
 *   signed values). Its MLE over a hypercube of m ≥ bits variables (zero beyond 2^bits) is
 *   Π_{k ≥ bits}(1 − z_k)·(offset + Σ_{k < bits} 2^k z_k): the verifier works in O(m).
 * - `fixed`: public columns of T ≤ 2^16 rows; the verifier evaluates their MLEs in O(T).
 */
import { P, fromInt, isCanonical } from '../field/babybear.ts';
import { type Ext, eAdd, eMul, eMulBase, eOne, eSub, eZero, eFromBase } from '../field/ext4.ts';
import { mleEvalBase } from '../poly/mle.ts';
import { rangeMle } from '../poly/range.ts';

/** Largest table size (rows). */
export const MAX_TABLE_LOG = 16;
/** Largest number of table columns. */
export const MAX_TABLE_COLUMNS = 3;

/** A lookup table. */
export type LookupTable =
  | { readonly kind: 'range'; readonly bits: number; readonly offset?: number }
  | { readonly kind: 'fixed'; readonly columns: readonly Uint32Array[] };

/** Validates a table and returns its number of rows and columns. */
export function tableShape(table: LookupTable): { rows: number; columns: number } {
  if (table.kind === 'range') {
    if (!Number.isInteger(table.bits) || table.bits < 0 || table.bits > MAX_TABLE_LOG) throw new RangeError(`lookup table: expected range bits in [0, ${MAX_TABLE_LOG}], got ${table.bits}`);
    if (table.offset !== undefined && !Number.isSafeInteger(table.offset)) throw new RangeError(`lookup table: expected a safe-integer offset, got ${table.offset}`);
    return { rows: 2 ** table.bits, columns: 1 };
  }
  const cols = table.columns;
  if (cols.length < 1 || cols.length > MAX_TABLE_COLUMNS) throw new RangeError(`lookup table: expected 1..${MAX_TABLE_COLUMNS} columns, got ${cols.length}`);
  const rows = cols[0].length;
  if (rows < 1 || rows > 2 ** MAX_TABLE_LOG) throw new RangeError(`lookup table: expected 1..${2 ** MAX_TABLE_LOG} rows, got ${rows}`);
  cols.forEach((c, k) => {
    if (c.length !== rows) throw new RangeError(`lookup table: expected column ${k} to have ${rows} rows, got ${c.length}`);
    for (let i = 0; i < rows; i++) if (!isCanonical(c[i])) throw new RangeError(`lookup table: expected canonical entries, got ${c[i]} in column ${k} row ${i}`);
  });
  return { rows, columns: cols.length };
}

/** Column c of the table as field elements (materialized; ranges included). */
export function tableColumn(table: LookupTable, c: number): Uint32Array {
  if (table.kind === 'fixed') return table.columns[c];
  const n = 2 ** table.bits;
  const off = fromInt(table.offset ?? 0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = (off + i) % P;
  return out;
}

/** Π_{k ≥ from} (1 − z_k): the factor that zero-extends an MLE of `from` variables to all of z. */
export function zeroExtendFactor(point: Uint32Array, from: number): Ext {
  let acc = eOne();
  for (let k = from; k < point.length / 4; k++) acc = eMul(acc, eSub(eOne(), point.subarray(4 * k, 4 * k + 4)));
  return acc;
}

/** Powers 1, β, β², … (count of them). */
export function betaPowers(beta: Ext, count: number): Ext[] {
  const out: Ext[] = [eOne()];
  for (let c = 1; c < count; c++) out.push(eMul(out[c - 1], beta));
  return out;
}

/**
 * The MLE at z of the β-combined table padded to 2^⌈log2 rows⌉ rows by repeating row 0 (the padding
 * the logUp leaves use), O(m) for ranges, O(2^m) for fixed tables. For ranges, z may have more than
 * `bits` variables: the table is then zero-extended.
 */
export function combinedTableMle(table: LookupTable, beta: Ext, point: Uint32Array): Ext {
  const { rows, columns } = tableShape(table);
  const m = point.length / 4;
  if (table.kind === 'range') {
    if (m < table.bits) throw new RangeError(`combinedTableMle: expected at least ${table.bits} variables, got ${m}`);
    const inner = eAdd(rangeMle(point.subarray(0, 4 * table.bits)), eFromBase(fromInt(table.offset ?? 0)));
    return eMul(zeroExtendFactor(point, table.bits), inner);
  }
  const b = rows <= 1 ? 0 : Math.ceil(Math.log2(rows));
  if (m !== b) throw new RangeError(`combinedTableMle: expected ${b} variables for ${rows} rows, got ${m}`);
  const pw = betaPowers(beta, columns);
  let acc = eZero();
  for (let c = 0; c < columns; c++) acc = eAdd(acc, eMul(pw[c], mleEvalBase(paddedColumn(table, c), point)));
  return acc;
}

/** Column c padded to a power of two by repeating row 0. */
export function paddedColumn(table: LookupTable, c: number): Uint32Array {
  const col = tableColumn(table, c);
  const n = col.length <= 1 ? 1 : 2 ** Math.ceil(Math.log2(col.length));
  if (n === col.length) return col;
  const out = new Uint32Array(n).fill(col[0]);
  out.set(col);
  return out;
}

/** The β-combined entries Σ_c β^c·col_c[i] of equal-length base columns, flat ext. */
export function combineColumns(columns: readonly Uint32Array[], beta: Ext): Uint32Array {
  const n = columns[0].length;
  const out = new Uint32Array(4 * n);
  if (columns.length === 1) {
    for (let i = 0; i < n; i++) out[4 * i] = columns[0][i];
    return out;
  }
  const pw = betaPowers(beta, columns.length);
  for (let i = 0; i < n; i++) {
    let acc = eFromBase(columns[0][i]);
    for (let c = 1; c < columns.length; c++) acc = eAdd(acc, eMulBase(pw[c], columns[c][i]));
    out.set(acc, 4 * i);
  }
  return out;
}
