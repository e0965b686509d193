/** Transpose (ONNX semantics, attribute perm): a permutation of integers, scale unchanged. */
import { transposeIndex } from '../../float/ops/shape.ts';
import { intAttrs } from '../graph.ts';
import type { IntOpArgs } from './types.ts';

/** Runs a Transpose node. */
export function transpose(args: IntOpArgs): Int32Array {
  const idx = transposeIndex(args.inShapes[0], intAttrs(args.node, 'perm'));
  const x = args.inputs[0];
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = x[idx[i]];
  return out;
}
