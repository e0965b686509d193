/**
 * Cross-implementation check: the TypeScript float executor against onnxruntime-node (through
 * @vouch/onnx writeOnnx + runFloatReference) on the test graphs — MLP with Softmax, LeNet-shaped CNN,
 * pooling variants, and a decoder block with Gather, LayerNormalization, masked Softmax, Concat and
 * Gelu. Tolerance: 1e-4 relative to the output's magnitude (float32 vs float64 accumulation).
 */
import { describe, expect, it } from 'vitest';
import { runFloatReference, writeOnnx } from '@vouch/onnx';
import { runFloat } from '../../src/float/executor.ts';
import type { FloatGraph } from '../../src/ir/graph.ts';
import { GraphBuilder, lenet, mlp, randArray, rng, tinyGpt } from '../helpers/build.ts';

async function compare(graph: FloatGraph, x: Float32Array): Promise<number> {
  const ours = runFloat(graph, [x]).outputs[0];
  const ref = (await runFloatReference(writeOnnx(graph), { [graph.inputs[0].name]: { data: x, shape: graph.inputs[0].shape } }))[graph.outputs[0].name];
  expect(ref.length).toBe(ours.length);
  let err = 0;
  let mag = 1e-6;
  for (let i = 0; i < ours.length; i++) {
    err = Math.max(err, Math.abs(ours[i] - ref[i]));
    mag = Math.max(mag, Math.abs(ref[i]));
  }
  expect(err).toBeLessThanOrEqual(1e-4 * mag);
  return err;
}

describe('float executor vs onnxruntime', () => {
  const r = rng(31);
  it('MLP with a final Softmax and a LeNet-shaped CNN', async () => {
    await compare(mlp(2, [784, 56, 10], true), randArray(r, 784, 0, 1));
    await compare(lenet(4), randArray(r, 784, 0, 1));
  });

  it('pooling: AveragePool with padding (both count_include_pad), MaxPool ceil_mode, GlobalAveragePool', async () => {
    for (const [op, attrs, out] of [
      ['AveragePool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 0 }, [1, 2, 4, 4]],
      ['AveragePool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }, [1, 2, 4, 4]],
      ['MaxPool', { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], ceil_mode: 1 }, [1, 2, 4, 4]],
      ['GlobalAveragePool', {}, [1, 2, 1, 1]],
    ] as const) {
      const g = new GraphBuilder();
      const x = g.input('x', [1, 2, 7, 7]);
      await compare(g.build([g.node(op, [x], [...out], attrs as Record<string, number | number[]>)]), randArray(r, 98));
    }
  });

  it('a decoder block: Gather, LayerNormalization, masked Softmax, Concat, Gelu', async () => {
    await compare(tinyGpt(8), Float32Array.from({ length: 8 }, () => Math.floor(r() * 11)));
  });
});
