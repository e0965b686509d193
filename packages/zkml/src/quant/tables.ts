/**
 * Lookup tables for non-linear element-wise functions over int8 inputs: T[x + 128] =
 * clamp(⌊f(x·s_in)/s_out + 1/2⌋, outLo, outHi) for x ∈ [−128, 127] (256 rows). Every int8
 * input is in the table's domain, so no clamping or splitting of inputs is needed; wider inputs
 * (int16, 2^16 rows) use the same builder with lo = −32768.
 */
import { clamp, roundHalfUp } from '../int/arith.ts';

/**
 * Tabulates f over the integer domain [lo, hi].
 * @returns the table (length hi − lo + 1) and its output range
 */
export function buildTable(f: (x: number) => number, sIn: number, sOut: number, lo: number, hi: number, outLo: number, outHi: number): { table: Int32Array; min: number; max: number } {
  const n = hi - lo + 1;
  if (n > 65536) throw new RangeError(`table: expected at most 2^16 rows, got ${n}`);
  const table = new Int32Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = f((lo + i) * sIn) / sOut;
    const v = Number.isFinite(y) ? clamp(roundHalfUp(y), outLo, outHi) : y > 0 ? outHi : outLo;
    table[i] = v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { table, min, max };
}
