/**
 * Concat along an axis (ONNX Concat): pure data movement of integers at one shared scale (the
 * quantizer requantizes inputs of other scales to it first).
 */
import { concatIndex } from '../../float/ops/shape.ts';
import { intAttr } from '../graph.ts';
import type { IntOpArgs } from './types.ts';

/** Runs a Concat node. Attribute: axis (≥ 0). */
export function concat(args: IntOpArgs): Int32Array {
  const { which, index } = concatIndex(args.inShapes, intAttr(args.node, 'axis'));
  const out = new Int32Array(which.length);
  for (let i = 0; i < out.length; i++) out[i] = args.inputs[which[i]][index[i]];
  return out;
}
