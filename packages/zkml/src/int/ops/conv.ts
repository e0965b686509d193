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
        // kernel rows i with 0 ≤ oh·sh − pt + i·dh < H (hoisted bounds instead of per-tap checks)
        const ih0 = oh * sh - pt;
        const iLo = ih0 >= 0 ? 0 : Math.ceil(-ih0 / dh);
        const iHi = Math.min(KH, Math.floor((H - 1 - ih0) / dh) + 1);
        for (let ow = 0; ow < OW; ow++) {
          const iw0 = ow * sw - pl;
          const jLo = iw0 >= 0 ? 0 : Math.ceil(-iw0 / dw);
          const jHi = Math.min(KW, Math.floor((W - 1 - iw0) / dw) + 1);
          let s = bias;
          for (let c = 0; c < Cg; c++) {
            const xo = (n * C + cin0 + c) * H;
            const wo = (f * Cg + c) * KH;
            for (let i = iLo; i < iHi; i++) {
              const xr = (xo + ih0 + i * dh) * W + iw0;
              const wr = (wo + i) * KW;
              for (let j = jLo; j < jHi; j++) s += x[xr + j * dw] * wd[wr + j];
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
