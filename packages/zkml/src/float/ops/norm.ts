/**
 * Float Softmax (ONNX opset ≥ 13: normalized along one axis, max-subtracted for stability) and
 * LayerNormalization (ONNX opset 17: mean and biased variance over the axes from `axis` on, then
 * scale and bias).
 */
import { attrNum, normAxis } from '../attrs.ts';
import type { FloatOpArgs } from './types.ts';

/** Softmax along `axis` (default −1). */
export function softmax({ node, inputs }: FloatOpArgs): Float32Array {
  const x = inputs[0];
  const axis = normAxis(node, attrNum(node, 'axis', -1), x.shape.length);
  const d = x.shape[axis];
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = x.data.length / (d * inner);
  const out = new Float32Array(x.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * d * inner + i;
      let m = -Infinity;
      for (let k = 0; k < d; k++) m = Math.max(m, x.data[base + k * inner]);
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.exp(x.data[base + k * inner] - m);
      for (let k = 0; k < d; k++) out[base + k * inner] = Math.exp(x.data[base + k * inner] - m) / s;
    }
  }
  return out;
}

/** LayerNormalization over the trailing axes from `axis` (default −1), epsilon default 1e-5. */
export function layerNorm({ node, inputs }: FloatOpArgs): Float32Array {
  const [x, scale, bias] = inputs;
  const axis = normAxis(node, attrNum(node, 'axis', -1), x.shape.length);
  const eps = attrNum(node, 'epsilon', 1e-5);
  const n = x.shape.slice(axis).reduce((a, b) => a * b, 1);
  const rows = x.data.length / n;
  const out = new Float32Array(x.data.length);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let k = 0; k < n; k++) mean += x.data[r * n + k];
    mean /= n;
    let v = 0;
    for (let k = 0; k < n; k++) v += (x.data[r * n + k] - mean) ** 2;
    const inv = 1 / Math.sqrt(v / n + eps);
    for (let k = 0; k < n; k++) out[r * n + k] = (x.data[r * n + k] - mean) * inv * scale.data[k] + (bias ? bias.data[k] : 0);
  }
  return out;
}
