/**
 * SumPool: the window sums of AveragePool / GlobalAveragePool over NCHW integers (padding adds
 * zeros). The average is the following Requant with multiplier M/2^s ≈ 1/(window size), which the
 * quantizer only emits when every window has the same divisor (no pads, or count_include_pad = 1).
 */
import { windowReduce } from './maxpool.ts';
import type { IntOpArgs } from './types.ts';

/** Runs a SumPool node. Attributes: kernel, strides, pads, dilations (as MaxPool). */
export function sumpool(args: IntOpArgs): Int32Array {
  return windowReduce(args, false);
}
