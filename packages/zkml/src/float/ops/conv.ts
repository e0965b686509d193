/**
 * Float 2-D convolution, ONNX Conv semantics over NCHW: explicit pads, strides, dilations, groups,
 * optional bias. Direct loops with float64 accumulation (reference, not a fast path).
 */
import { attrInts, attrNum, window2d, windowOut } from '../attrs.ts';
import { unsupported } from '../errors.ts';
import type { FloatOpArgs } from './types.ts';

/** ONNX Conv (2-D). */
export function conv({ node, inputs }: FloatOpArgs): Float32Array {
  const [x, w, b] = inputs;
  if (x.shape.length !== 4 || w.shape.length !== 4) throw unsupported(node, 'expected 4-D input and weight (NCHW)');
  const [N, C, H, W] = x.shape;
  const [F, Cg, KH, KW] = w.shape;
  const group = attrNum(node, 'group', 1);
  if (C !== Cg * group || F % group !== 0) throw unsupported(node, `channels: expected C = ${Cg}·${group}, got ${C}`);
  const win = window2d(node, attrInts(node, 'kernel_shape', [KH, KW]));
  const [OH, OW] = windowOut(win, H, W);
  const out = new Float32Array(N * F * OH * OW);
  const fpg = F / group;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      const g = Math.floor(f / fpg);
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          let s = b ? b.data[f] : 0;
          for (let c = 0; c < Cg; c++) {
            const cin = g * Cg + c;
            for (let i = 0; i < KH; i++) {
              const ih = oh * win.sh - win.pt + i * win.dh;
              if (ih < 0 || ih >= H) continue;
              for (let j = 0; j < KW; j++) {
                const iw = ow * win.sw - win.pl + j * win.dw;
                if (iw < 0 || iw >= W) continue;
                s += x.data[((n * C + cin) * H + ih) * W + iw] * w.data[((f * Cg + c) * KH + i) * KW + j];
              }
            }
          }
          out[((n * F + f) * OH + oh) * OW + ow] = s;
        }
      }
    }
  }
  return out;
}
