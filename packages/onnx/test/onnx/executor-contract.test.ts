/**
 * Contract between import and the float executor (@vouch/zkml runFloat, owned by the
 * quantization side): on canonical graphs produced by readOnnx, runFloat must agree with
 * onnxruntime on the original model. Covers the normalizations documented in ir/ops.ts
 * (Gemm with B [K,N] and C [N] or [M,N], resolved Reshape, per-axis Slice with the -dim-1
 * sentinel, explicit Conv pads and zero bias, ceil_mode pools, LayerNormalization with
 * explicit Scale/B, Gelu, int64 Gather).
 */
import { describe, expect, it } from 'vitest';
import { runFloat, type FloatGraph } from '@vouch/zkml';
import { readOnnx, runFloatReference, writeOnnx } from '@vouch/onnx';
import { GraphBuilder, feedsFor, maxAbsDiff } from './helpers.ts';

async function check(g: FloatGraph, feeds = feedsFor(g)): Promise<number> {
  const bytes = writeOnnx(g);
  const ref = await runFloatReference(bytes, feeds);
  const graph = readOnnx(bytes);
  const run = runFloat(
    graph,
    graph.inputs.map((v) => feeds[v.name]!.data),
  );
  let m = 0;
  graph.outputs.forEach((o, i) => (m = Math.max(m, maxAbsDiff(run.outputs[i]!, ref[o.name]!))));
  return m;
}

describe('readOnnx output runs in the float executor like onnxruntime', () => {
  it('Gemm forms (transposes, alpha/beta, C as [M,N])', async () => {
    const g = new GraphBuilder();
    g.input('x', [3, 2]);
    g.const('W', [4, 3]);
    g.const('C', [2, 4]);
    g.node('Gemm', ['x', 'W', 'C'], 'h', { transA: 1, transB: 1, alpha: 0.5, beta: 2 });
    g.const('W2', [4, 2]);
    g.const('b2', [2]);
    g.node('MatMul', ['h', 'W2'], 'm');
    g.node('Add', ['m', 'b2'], 'y');
    g.output('y', [2, 2]);
    expect(await check(g.build())).toBeLessThan(1e-5);
  });

  function sliceGraph(steps: number[]): FloatGraph {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.int64('st', [-1, 3]);
    g.int64('en', [-1000, 0]);
    g.int64('ax', [2, 1]);
    g.int64('sp', steps);
    g.node('Slice', ['x', 'st', 'en', 'ax', 'sp'], 's');
    g.node('Transpose', ['s'], 't', { perm: [2, 0, 1] });
    g.node('Concat', ['t', 't'], 'c', { axis: 2 });
    g.node('Flatten', ['c'], 'y', { axis: 2 });
    const outShape = readOnnx(writeOnnx({ ...g.build(), outputs: [{ name: 'y', shape: [1] }] })).outputs[0]!.shape;
    g.output('y', [...outShape]);
    return g.build();
  }

  it('Slice (unit steps, clamped bounds), Reshape, Transpose, Concat', async () => {
    expect(await check(sliceGraph([1, 1]))).toBe(0);
  });

  // The float executor reads the canonical `steps` attribute (sliceParams in float/ops/shape.ts).
  it('Slice with negative steps (canonical steps attribute)', async () => {
    expect(await check(sliceGraph([-2, -1]))).toBe(0);
  });

  it('Conv (pads, groups, no bias), BatchNorm folded, ceil_mode MaxPool, AveragePool, GlobalAveragePool', async () => {
    const g = new GraphBuilder();
    g.input('x', [1, 2, 7, 7]);
    g.const('W', [4, 1, 3, 3]);
    for (const p of ['s', 't', 'm']) g.const(p, [4]);
    g.const('v', [4], [1, 2, 3, 4]);
    g.node('Conv', ['x', 'W'], 'c', { pads: [1, 0, 1, 2], strides: [2, 1], group: 2 });
    g.node('BatchNormalization', ['c', 's', 't', 'm', 'v'], 'bn');
    g.node('MaxPool', ['bn'], 'mp', { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 });
    g.node('AveragePool', ['mp'], 'ap', { kernel_shape: [2, 2], pads: [1, 1, 0, 0], count_include_pad: 0 });
    g.node('GlobalAveragePool', ['ap'], 'y');
    g.output('y', [1, 4, 1, 1]);
    expect(await check(g.build())).toBeLessThan(1e-5);
  });

  it('embedding Gather, LayerNormalization, Gelu, Softmax, Sub, Sigmoid, Tanh, LeakyRelu', async () => {
    const g = new GraphBuilder();
    g.input('ids', [5], 'int64');
    g.const('E', [7, 6]);
    g.node('Gather', ['E', 'ids'], 'e');
    g.node('LayerNormalization', ['e', g.const('gamma', [6])], 'ln', { axis: -1 });
    g.node('Gelu', ['ln'], 'ge');
    g.node('Softmax', ['ge'], 'sm', { axis: 0 });
    g.node('Sigmoid', ['sm'], 'sg');
    g.node('Tanh', ['ge'], 'th');
    g.node('Sub', ['sg', 'th'], 'd');
    g.node('LeakyRelu', ['d'], 'y', { alpha: 0.1 });
    g.output('y', [5, 6]);
    const feeds = { ids: { data: Float32Array.from([6, 0, 3, 3, 1]), shape: [5] } };
    expect(await check(g.build(), feeds)).toBeLessThan(1e-5);
  });
});
