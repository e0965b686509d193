/**
 * Float pooling over NCHW, ONNX semantics: MaxPool (padding never wins; ceil_mode windows that
 * overhang are cut), AveragePool (count_include_pad 0 or 1, ceil_mode 0), GlobalAveragePool.
 */
import { attrInts, attrNum, window2d } from '../attrs.ts';
import { unsupported } from '../errors.ts';
import type { FloatOpArgs } from './types.ts';

/** ONNX MaxPool / AveragePool (2-D). */
export function pool({ node, inputs, outShape }: FloatOpArgs): Float32Array {
  const x = inputs[0];
  if (x.shape.length !== 4) throw unsupported(node, 'expected a 4-D input (NCHW)');
  const [N, C, H, W] = x.shape;
  const win = window2d(node, attrInts(node, 'kernel_shape', []));
  const [, , OH, OW] = outShape;
  const isMax = node.op === 'MaxPool';
  if (!isMax && attrNum(node, 'ceil_mode', 0) !== 0) throw unsupported(node, 'AveragePool with ceil_mode 1 is not supported');
  const includePad = attrNum(node, 'count_include_pad', 0) === 1;
  const out = new Float32Array(N * C * OH * OW);
  for (let nc = 0; nc < N * C; nc++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        let acc = isMax ? -Infinity : 0;
        let cnt = 0;
        for (let i = 0; i < win.kh; i++) {
          const ih = oh * win.sh - win.pt + i * win.dh;
          for (let j = 0; j < win.kw; j++) {
            const iw = ow * win.sw - win.pl + j * win.dw;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
              if (includePad) cnt++;
              continue;
            }
            const v = x.data[(nc * H + ih) * W + iw];
            if (isMax) acc = v > acc ? v : acc;
            else acc += v;
            cnt++;
          }
        }
        out[(nc * OH + oh) * OW + ow] = isMax ? acc : acc / cnt;
      }
    }
  }
  return out;
}

/** ONNX GlobalAveragePool: mean over every spatial position, output [N, C, 1, 1]. */
export function globalAveragePool({ node, inputs }: FloatOpArgs): Float32Array {
  const x = inputs[0];
  if (x.shape.length < 3) throw unsupported(node, 'expected rank ≥ 3');
  const NC = x.shape[0] * x.shape[1];
  const S = x.data.length / NC;
  const out = new Float32Array(NC);
  for (let i = 0; i < NC; i++) {
    let s = 0;
    for (let k = 0; k < S; k++) s += x.data[i * S + k];
    out[i] = s / S;
  }
  return out;
}
