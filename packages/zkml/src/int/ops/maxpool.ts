/**
 * MaxPool over NCHW integers (ONNX MaxPool, 2-D, explicit pads that never win, ceil_mode 0).
 * Max commutes with a positive scale, so the quantized max is exact at the input's scale.
 */
import { intAttrs } from '../graph.ts';
import type { IntOpArgs } from './types.ts';

/** Runs a MaxPool node. Attributes: kernel [kh, kw], strides, pads [t, l, b, r], dilations. */
export function maxpool(args: IntOpArgs): Int32Array {
  return windowReduce(args, true);
}

/** Shared window loop of MaxPool and SumPool. */
export function windowReduce(args: IntOpArgs, isMax: boolean): Int32Array {
  const { node } = args;
  const x = args.inputs[0];
  const [N, C, H, W] = args.inShapes[0];
  const [kh, kw] = intAttrs(node, 'kernel');
  const [sh, sw] = intAttrs(node, 'strides');
  const [pt, pl] = intAttrs(node, 'pads');
  const [dh, dw] = intAttrs(node, 'dilations');
  const [, , OH, OW] = args.outShape;
  const out = new Int32Array(N * C * OH * OW);
  for (let nc = 0; nc < N * C; nc++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        let acc = isMax ? -Infinity : 0;
        for (let i = 0; i < kh; i++) {
          const ih = oh * sh - pt + i * dh;
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < kw; j++) {
            const iw = ow * sw - pl + j * dw;
            if (iw < 0 || iw >= W) continue;
            const v = x[(nc * H + ih) * W + iw];
            if (isMax) acc = v > acc ? v : acc;
            else acc += v;
          }
        }
        out[(nc * OH + oh) * OW + ow] = acc;
      }
    }
  }
  return out;
}
