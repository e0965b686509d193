/**
 * Integer Softmax over the last axis (rows of length N), in the style of I-BERT (Kim et al., ICML
 * 2021) but with a table instead of a polynomial:
 *   m   = max over the row's unmasked x              (int8)
 *   d_i = x_i − m ∈ [−255, 0]
 *   e_i = E[d_i + 255] ∈ [0, 2^15]                    (public 256-row table, E[k] = ⌊2^15·exp((k−255)·s_in) + 1/2⌋)
 *         (e_i = 0 where the public mask is 1: causal attention)
 *   S   = Σ_i e_i                                    (≤ N·2^15)
 *   y_i = ⌊(2·255·e_i + S) / (2·S)⌋ ∈ [0, 255]       (round half up of 255·e_i/S; quotient and remainder)
 * Output scale 1/255 (values 0…255, stored as int16). A row whose entries are all masked is all 0.
 */
import { IntExecError } from '../errors.ts';
import type { IntOpArgs } from './types.ts';
import { optParam, param } from './types.ts';

/** Runs a Softmax node. Parameters: exp table (256 rows), optional mask (int8 0/1 of the input's shape, or of one row block). */
export function softmax(args: IntOpArgs): Int32Array {
  const x = args.inputs[0];
  const shape = args.inShapes[0];
  const N = shape[shape.length - 1];
  const rows = x.length / N;
  const E = param(args, 'exp', 256).data;
  const mask = optParam(args, 'mask')?.data;
  const out = new Int32Array(x.length);
  const e = new Float64Array(N);
  for (let r = 0; r < rows; r++) {
    const o = r * N;
    const mo = mask ? o % mask.length : 0;
    let m = -Infinity;
    for (let i = 0; i < N; i++) if (!(mask && mask[mo + i]) && x[o + i] > m) m = x[o + i];
    let S = 0;
    for (let i = 0; i < N; i++) {
      if (mask && mask[mo + i]) {
        e[i] = 0;
        continue;
      }
      const k = x[o + i] - m + 255;
      if (k < 0 || k > 255) throw new IntExecError(args.node.name, `exp table input: expected [0, 255], got ${k}`);
      e[i] = E[k];
      S += e[i];
    }
    if (S === 0) continue;
    for (let i = 0; i < N; i++) out[o + i] = Math.floor((510 * e[i] + S) / (2 * S));
  }
  return out;
}
