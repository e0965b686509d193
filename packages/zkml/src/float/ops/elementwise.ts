/**
 * Float element-wise ops with ONNX (numpy) broadcasting: Add, Sub, Mul, Div, and unary Relu,
 * LeakyRelu, Sigmoid, Tanh, Gelu (exact erf form, or the tanh approximation), Exp, Erf, Sqrt,
 * Neg, Identity, Clip. `erf` uses the Chebyshev fit of Numerical Recipes §6.2 (erfc, fractional
 * error < 1.2e-7), well below float32 resolution of the activations it is compared against.
 */
import type { FloatTensor } from '../../ir/graph.ts';
import { attrNum, attrStr, stridesOf } from '../attrs.ts';
import { unsupported } from '../errors.ts';
import type { FloatOpArgs } from './types.ts';

/** Expands a tensor to `shape` by numpy broadcasting (trailing dimensions aligned). */
export function broadcastTo(t: FloatTensor, shape: readonly number[]): Float32Array {
  const n = shape.reduce((x, y) => x * y, 1);
  if (t.data.length === n && t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t.data;
  const off = shape.length - t.shape.length;
  if (off < 0) throw new RangeError(`broadcast: expected rank ≤ ${shape.length}, got ${t.shape.length}`);
  const ts = stridesOf(t.shape);
  const out = new Float32Array(n);
  const full = stridesOf(shape);
  for (let i = 0; i < n; i++) {
    let src = 0;
    for (let d = 0; d < shape.length; d++) {
      const j = d - off;
      if (j < 0) continue;
      const coord = Math.floor(i / full[d]) % shape[d];
      const dim = t.shape[j];
      if (dim !== 1 && dim !== shape[d]) throw new RangeError(`broadcast: dimension ${dim} does not broadcast to ${shape[d]}`);
      if (dim !== 1) src += coord * ts[j];
    }
    out[i] = t.data[src];
  }
  return out;
}

/** erf(x), |error| < 1.2e-7 (Numerical Recipes erfcc). */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

/** GELU: x·Φ(x) (exact) or the tanh approximation. */
export function gelu(x: number, approximate: 'none' | 'tanh' = 'none'): number {
  if (approximate === 'tanh') return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

/** Logistic sigmoid. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Binary element-wise op with broadcasting. */
export function binary({ node, inputs, outShape }: FloatOpArgs): Float32Array {
  const a = broadcastTo(inputs[0], outShape);
  const b = broadcastTo(inputs[1], outShape);
  const out = new Float32Array(a.length);
  switch (node.op) {
    case 'Add':
      for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
      break;
    case 'Sub':
      for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
      break;
    case 'Mul':
      for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
      break;
    case 'Div':
      for (let i = 0; i < out.length; i++) out[i] = a[i] / b[i];
      break;
    default:
      throw unsupported(node, 'not a binary op');
  }
  return out;
}

/** The scalar function of a unary op (shared with the quantizer, which tabulates it). */
export function unaryFn(node: FloatOpArgs['node']): (x: number) => number {
  switch (node.op) {
    case 'Relu':
      return (x) => (x > 0 ? x : 0);
    case 'LeakyRelu': {
      const alpha = attrNum(node, 'alpha', 0.01);
      return (x) => (x >= 0 ? x : alpha * x);
    }
    case 'Sigmoid':
      return sigmoid;
    case 'Tanh':
      return Math.tanh;
    case 'Gelu': {
      const approx = attrStr(node, 'approximate', 'none');
      if (approx !== 'none' && approx !== 'tanh') throw unsupported(node, `approximate: expected none or tanh, got ${approx}`);
      return (x) => gelu(x, approx);
    }
    case 'Exp':
      return Math.exp;
    case 'Erf':
      return erf;
    case 'Sqrt':
      return Math.sqrt;
    case 'Neg':
      return (x) => -x;
    case 'Identity':
      return (x) => x;
    case 'Clip': {
      const lo = attrNum(node, 'min', -Infinity);
      const hi = attrNum(node, 'max', Infinity);
      return (x) => Math.min(hi, Math.max(lo, x));
    }
    default:
      throw unsupported(node, 'not a unary op');
  }
}

/** Unary element-wise op. Clip's bounds may also come as constant inputs 1 and 2 (opset ≥ 11). */
export function unary({ node, inputs }: FloatOpArgs): Float32Array {
  let f = unaryFn(node);
  if (node.op === 'Clip' && inputs.length > 1) {
    const lo = inputs[1]?.data[0] ?? -Infinity;
    const hi = inputs[2]?.data[0] ?? Infinity;
    f = (x) => Math.min(hi, Math.max(lo, x));
  }
  const x = inputs[0].data;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

/** The unary op names {@link unary} handles. */
export const UNARY_OPS: readonly string[] = ['Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Gelu', 'Exp', 'Erf', 'Sqrt', 'Neg', 'Identity', 'Clip'];
/** The binary op names {@link binary} handles. */
export const BINARY_OPS: readonly string[] = ['Add', 'Sub', 'Mul', 'Div'];
