/**
 * Conv: 2-D convolution over NCHW int8 activations with int8 weights [F, C/group, KH, KW]
 * (per output channel f), int32 bias, explicit zero padding (zero point 0, so padding is exact),
 * strides, dilations and groups (ONNX Conv semantics). Output: the int32 accumulator, requantized
 * by a following Requant node. Bounds as for Linear: the range analysis limits each sum to (p−1)/2.
 */
import { HALF_P } from '../core.ts';
import { IntExecError } from '../errors.ts';
import { intAttr, intAttrs } from '../graph.ts';
import { optParam, param, type IntOpArgs } from './types.ts';

/** Runs a Conv node. Attributes: strides [sh, sw], pads [t, l, b, r], dilations [dh, dw], group. */
export function conv(args: IntOpArgs): Int32Array {
  const { node } = args;
  const x = args.inputs[0];
  const [N, C, H, W] = args.inShapes[0];
  const w = param(args, 'weight');
  const [F, Cg, KH, KW] = w.shape;
  const group = intAttr(node, 'group');
  if (Cg * group !== C) throw new IntExecError(node.name, `channels: expected ${Cg}·${group}, got ${C}`);
  const [sh, sw] = intAttrs(node, 'strides');
  const [pt, pl] = intAttrs(node, 'pads');
  const [dh, dw] = intAttrs(node, 'dilations');
  const [, , OH, OW] = args.outShape;
  const b = optParam(args, 'bias');
  const wd = w.data;
  const out = new Int32Array(N * F * OH * OW);
  const fpg = F / group;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      const cin0 = Math.floor(f / fpg) * Cg;
      const bias = b ? b.data[f] : 0;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          let s = bias;
          for (let c = 0; c < Cg; c++) {
            const xo = (n * C + cin0 + c) * H;
            const wo = (f * Cg + c) * KH;
            for (let i = 0; i < KH; i++) {
              const ih = oh * sh - pt + i * dh;
              if (ih < 0 || ih >= H) continue;
              const xr = (xo + ih) * W;
              const wr = (wo + i) * KW;
              for (let j = 0; j < KW; j++) {
                const iw = ow * sw - pl + j * dw;
                if (iw < 0 || iw >= W) continue;
                s += x[xr + iw] * wd[wr + j];
              }
            }
          }
          if (s > HALF_P || s < -HALF_P) throw new IntExecError(node.name, `accumulator: expected |acc| ≤ ${HALF_P}, got ${s}`);
          out[((n * F + f) * OH + oh) * OW + ow] = s;
        }
      }
    }
  }
  return out;
}
