/**
 * ScaledAdd: y = a·K_a + b·K_b (int32) for two int8 tensors at different scales (residual / skip
 * connections), or for one int8 tensor and a private int8 constant `other` (positional embeddings:
 * `other` covers the trailing block of a's shape and repeats). With K_x = round(s_x/s_y · 2^S)
 * and a following Requant (M = 1, shift S) this is the quantized Add of Jacob et al. (CVPR 2018,
 * App. A.2) with one shared rounding. |K_a|, |K_b| < 2^15, so |y| < 2^23.
 */
import { optParam, param, type IntOpArgs } from './types.ts';

/** Runs a ScaledAdd node. Parameters: ka, kb (one int32 each), optional other (int8 constant operand). */
export function scaledAdd(args: IntOpArgs): Int32Array {
  const a = args.inputs[0];
  const other = optParam(args, 'other');
  const b = other ? other.data : args.inputs[1];
  const ka = param(args, 'ka', 1).data[0];
  const kb = param(args, 'kb', 1).data[0];
  const out = new Int32Array(a.length);
  const nb = b.length;
  for (let i = 0; i < a.length; i++) out[i] = a[i] * ka + b[i % nb] * kb;
  return out;
}
