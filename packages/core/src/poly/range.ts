/**
 * Closed-form multilinear extensions of range tables, used by the logUp range checks so the
 * verifier evaluates the table in O(v) instead of O(2^v) (Haböck, logUp, ePrint 2022/1530 §5).
 *
 * The identity table T[i] = i on {0,1}^v has MLE Σ_k 2^k z_k: it is already multilinear and agrees
 * with i = Σ_k b_k 2^k on the hypercube. A shifted range T[i] = offset + i has MLE offset + Σ_k 2^k z_k
 * because Σ_i eq(z)[i] = 1.
 */
import { fromInt } from '../field/babybear.ts';
import { type Ext, eAdd, eMulBase, eFromBase } from '../field/ext4.ts';
import { pointVars } from './eq.ts';

/** Σ_i i·eq(z)[i] = Σ_k 2^k z_k, the MLE of the table [0, 2^v) at z. */
export function rangeMle(point: Uint32Array): Ext {
  const v = pointVars(point);
  if (v > 30) throw new RangeError(`rangeMle: expected at most 30 variables, got ${v}`);
  let acc: Ext = new Uint32Array(4);
  for (let k = 0; k < v; k++) acc = eAdd(acc, eMulBase(point.subarray(4 * k, 4 * k + 4), 2 ** k));
  return acc;
}

/** The MLE at z of the table T[i] = offset + i, i < 2^v (offset any safe integer, e.g. −2^15). */
export function shiftedRangeMle(point: Uint32Array, offset: number): Ext {
  return eAdd(rangeMle(point), eFromBase(fromInt(offset)));
}
