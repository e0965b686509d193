/** Reshape (Flatten, Reshape, Squeeze, Unsqueeze): the same integers under a new static shape. */
import type { IntOpArgs } from './types.ts';

/** Runs a Reshape node (returns the input data; values are never mutated in place). */
export function reshape(args: IntOpArgs): Int32Array {
  return args.inputs[0];
}
