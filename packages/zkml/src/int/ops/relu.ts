/**
 * Relu on integers: y = max(x, 0). With zero point 0 the scale is unchanged, so the quantized
 * ReLU is exact. (A ReLU right after a linear op is fused into its Requant as lo = 0 instead.)
 */
import type { IntOpArgs } from './types.ts';

/** Runs a Relu node. */
export function relu(args: IntOpArgs): Int32Array {
  const x = args.inputs[0];
  const out = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : 0;
  return out;
}
