/**
 * Each integer op against the float executor on tiny random graphs. Tolerance (documented in
 * docs/parts/quantization.md): max |float − dequantized int| ≤ 4·s_out + 2% of the float output's
 * range, where s_out is the output scale — rounding of the output (s_out/2), of the inputs and of
 * the weights (≤ 1/254 relative per weight) propagate through one or two layers.
 */
import { describe, expect, it } from 'vitest';
import { runFloat } from '../../src/float/executor.ts';
import type { AttrValue, FloatGraph } from '../../src/ir/graph.ts';
import { validateGraph } from '../../src/ir/ops.ts';
import { runInteger } from '../../src/quant/api.ts';
import { quantizeGraph } from '../../src/quant/quantize.ts';
import { GraphBuilder, randArray, rng } from '../helpers/build.ts';

function check(graph: FloatGraph, seed: number, lo = -1, hi = 1): { maxErr: number; tol: number } {
  validateGraph(graph);
  const r = rng(seed);
  const n = graph.inputs[0].shape.reduce((a, b) => a * b, 1);
  const calib = Array.from({ length: 16 }, () => randArray(r, n, lo, hi));
  const { pkg } = quantizeGraph(graph, calib);
  let maxErr = 0;
  let range = 0;
  for (let t = 0; t < 8; t++) {
    const x = t < 4 ? calib[t] : randArray(r, n, lo, hi);
    const f = runFloat(graph, [x]).outputs[0];
    const { logits } = runInteger(pkg, x);
    expect(logits.length).toBe(f.length);
    for (let i = 0; i < f.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(f[i] - logits[i]));
      range = Math.max(range, Math.abs(f[i]));
    }
  }
  const tol = 4 * pkg.settings.outputScales[0] + 0.02 * range;
  expect(maxErr).toBeLessThanOrEqual(tol);
  return { maxErr, tol };
}

function single(op: string, inShape: number[], outShape: number[], attrs: Record<string, AttrValue> = {}): FloatGraph {
  const g = new GraphBuilder();
  const x = g.input('x', inShape);
  return g.build([g.node(op, [x], outShape, attrs)]);
}

describe('integer ops vs float executor', () => {
  it('Gemm (per-channel weights, bias)', () => {
    const r = rng(3);
    const g = new GraphBuilder();
    const x = g.input('x', [2, 16]);
    const w = g.constant('w', [16, 8], randArray(r, 128, -0.5, 0.5));
    const b = g.constant('b', [8], randArray(r, 8, -0.2, 0.2));
    check(g.build([g.node('Gemm', [x, w, b], [2, 8])]), 1);
  });

  it('MatMul with a constant right operand and a fused bias Add, then Relu', () => {
    const r = rng(4);
    const g = new GraphBuilder();
    const x = g.input('x', [3, 12]);
    const w = g.constant('w', [12, 5], randArray(r, 60));
    const b = g.constant('b', [5], randArray(r, 5, -0.3, 0.3));
    const y = g.node('MatMul', [x, w], [3, 5]);
    const z = g.node('Add', [y, b], [3, 5]);
    check(g.build([g.node('Relu', [z], [3, 5])]), 2);
  });

  it('MatMul of two activations (batched)', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [2, 3, 4]);
    const t = g.node('Transpose', [x], [2, 4, 3], { perm: [0, 2, 1] });
    check(g.build([g.node('MatMul', [x, t], [2, 3, 3])]), 3);
  });

  it('Conv with padding, stride and groups, fused Relu', () => {
    const r = rng(5);
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4, 7, 7]);
    const w = g.constant('w', [6, 2, 3, 3], randArray(r, 108, -0.4, 0.4));
    const b = g.constant('b', [6], randArray(r, 6, -0.1, 0.1));
    const y = g.node('Conv', [x, w, b], [1, 6, 4, 4], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], group: 2 });
    check(g.build([g.node('Relu', [y], [1, 6, 4, 4])]), 4);
  });

  it('Conv with dilation and asymmetric padding', () => {
    const r = rng(6);
    const g = new GraphBuilder();
    const x = g.input('x', [1, 2, 8, 8]);
    const w = g.constant('w', [3, 2, 3, 3], randArray(r, 54, -0.4, 0.4));
    const b = g.constant('b', [3], randArray(r, 3, -0.1, 0.1));
    check(g.build([g.node('Conv', [x, w, b], [1, 3, 5, 5], { kernel_shape: [3, 3], strides: [1, 1], pads: [0, 1, 1, 0], dilations: [2, 2], group: 1 })]), 17);
  });

  it('MaxPool, AveragePool, GlobalAveragePool', () => {
    check(single('MaxPool', [1, 2, 6, 6], [1, 2, 3, 3], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] }), 5);
    check(single('AveragePool', [1, 2, 6, 6], [1, 2, 2, 2], { kernel_shape: [3, 3], strides: [3, 3], pads: [0, 0, 0, 0], count_include_pad: 0 }), 6);
    check(single('AveragePool', [1, 1, 5, 5], [1, 1, 3, 3], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }), 7);
    check(single('GlobalAveragePool', [1, 3, 4, 4], [1, 3, 1, 1]), 8);
  });

  it('Reshape, Transpose and standalone Relu are exact at the input scale', () => {
    check(single('Reshape', [2, 3, 4], [6, 4], { shape: [6, 4] }), 9);
    check(single('Transpose', [2, 3, 4], [4, 2, 3], { perm: [2, 0, 1] }), 10);
    check(single('Relu', [10], [10]), 11);
  });

  it('Add and Sub of two activations at different scales (residual), with a fused Relu', () => {
    const r = rng(12);
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8]);
    const w = g.constant('w', [8, 8], randArray(r, 64, -2, 2));
    const b = g.constant('b', [8], new Float32Array(8));
    const y = g.node('Gemm', [x, w, b], [1, 8]);
    const s = g.node('Add', [x, y], [1, 8]);
    const d = g.node('Sub', [s, x], [1, 8]);
    check(g.build([g.node('Relu', [d], [1, 8])]), 12);
  });

  it('Sigmoid, Tanh, Gelu, LeakyRelu lookup tables', () => {
    check(single('Sigmoid', [32], [32]), 13, -6, 6);
    check(single('Tanh', [32], [32]), 14, -3, 3);
    check(single('Gelu', [32], [32], { approximate: 'none' }), 15, -4, 4);
    check(single('LeakyRelu', [32], [32], { alpha: 0.1 }), 16, -4, 4);
  });
});
