/**
 * ScaledAdd: y = a·K_a + b·K_b (int32) for two int8 tensors of the same shape at different scales
 * (residual / skip connections). With K_x = round(s_x/s_y · 2^S) and a following Requant
 * (M = 1, shift S) this is the quantized Add of Jacob et al. (CVPR 2018, App. A.2) with one shared
 * rounding. K_a, K_b < 2^15, so |y| < 2^23.
 */
import { param, type IntOpArgs } from './types.ts';

/** Runs a ScaledAdd node. Parameters: ka, kb (one int32 each). */
export function scaledAdd(args: IntOpArgs): Int32Array {
  const [a, b] = args.inputs;
  const ka = param(args, 'ka', 1).data[0];
  const kb = param(args, 'kb', 1).data[0];
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * ka + b[i] * kb;
  return out;
}
