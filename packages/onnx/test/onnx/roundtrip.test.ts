/**
 * Per-op round trips: build a tiny ONNX-standard graph, write it, run it with onnxruntime,
 * import it, write the canonical graph back and run it again; outputs must agree and the
 * imported graph must have the expected canonical ops and shapes.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder, feedsFor, opsOf, roundTrip } from './helpers.ts';

describe('readOnnx round trip per op', () => {
  it('Gemm with transA/transB/alpha/beta becomes canonical Gemm with B [K,N]', async () => {
    const g = new GraphBuilder();
    g.input('x', [3, 2]);
    g.const('W', [4, 3]);
    g.const('b', [1, 4]);
    g.node('Gemm', ['x', 'W', 'b'], 'y', { transA: 1, transB: 1, alpha: 0.5, beta: 2 });
    g.output('y', [2, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Transpose', 'Gemm']);
    const gemm = r.graph.nodes[1]!;
    expect(gemm.attrs).toEqual({});
    expect(r.graph.shapes.get(gemm.inputs[1]!)).toEqual([3, 4]);
    expect(r.graph.shapes.get(gemm.inputs[2]!)).toEqual([4]);
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it('Gemm with a computed B and alpha', async () => {
    const g = new GraphBuilder();
    g.input('a', [2, 3]);
    g.input('b', [4, 3]);
    g.node('Gemm', ['a', 'b'], 'y', { transB: 1, alpha: 3 });
    g.output('y', [2, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Transpose', 'Gemm', 'Mul']);
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it('MatMul (batched) and MatMul + bias Add fused to Gemm', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.const('W', [4, 5]);
    g.node('MatMul', ['x', 'W'], 'y');
    g.output('y', [2, 3, 5]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['MatMul']);
    expect(r.maxDiff).toBeLessThan(1e-5);

    const h = new GraphBuilder();
    h.input('x', [2, 4]);
    h.const('W', [4, 5]);
    h.const('b', [5]);
    h.node('MatMul', ['x', 'W'], 'm');
    h.node('Add', ['b', 'm'], 'y');
    h.output('y', [2, 5]);
    const s = await roundTrip(h.build(), feedsFor(h.build()));
    expect(opsOf(s.graph)).toEqual(['Gemm']);
    expect(s.maxDiff).toBeLessThan(1e-5);
  });

  it('Add, Sub, Mul with broadcasting between activations and constants; Div by a constant becomes Mul', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3]);
    g.input('z', [3]);
    g.const('c', [2, 1]);
    g.const('d', [], [4]);
    g.node('Add', ['x', 'z'], 'a');
    g.node('Sub', ['c', 'a'], 's');
    g.node('Mul', ['s', 'x'], 'm');
    g.node('Div', ['m', 'd'], 'y');
    g.output('y', [2, 3]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Add', 'Sub', 'Mul', 'Mul']);
    expect(r.graph.constants.get(r.graph.nodes[3]!.inputs[1]!)!.data[0]).toBeCloseTo(0.25, 7);
    expect(r.maxDiff).toBeLessThan(1e-6);
  });

  it('Relu, LeakyRelu, Sigmoid, Tanh', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 5]);
    g.node('Relu', ['x'], 'a');
    g.node('LeakyRelu', ['x'], 'b', { alpha: 0.2 });
    g.node('Sigmoid', ['x'], 'c');
    g.node('Tanh', ['x'], 'd');
    for (const o of ['a', 'b', 'c', 'd']) g.output(o, [2, 5]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Relu', 'LeakyRelu', 'Sigmoid', 'Tanh']);
    expect(r.graph.nodes[1]!.attrs).toEqual({ alpha: expect.closeTo(0.2, 6) });
    expect(r.maxDiff).toBeLessThan(1e-6);
  });

  it('Gelu at opset 20 imports as Gelu', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 4]);
    g.node('Gelu', ['x'], 'y', { approximate: 'tanh' });
    g.output('y', [2, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()), 20);
    expect(opsOf(r.graph)).toEqual(['Gelu']);
    expect(r.graph.nodes[0]!.attrs).toEqual({ approximate: 'tanh' });
    expect(r.maxDiff).toBeLessThan(1e-3);
  });

  it('Softmax (negative axis normalized) and LayerNormalization (no bias)', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.const('gamma', [4]);
    g.node('Softmax', ['x'], 's', { axis: -2 });
    g.node('LayerNormalization', ['s', 'gamma'], 'y', { axis: -1, epsilon: 1e-5 });
    g.output('y', [2, 3, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Softmax', 'LayerNormalization']);
    expect(r.graph.nodes[0]!.attrs).toEqual({ axis: 1 });
    expect(r.graph.nodes[1]!.attrs['axis']).toBe(2);
    expect(r.graph.nodes[1]!.inputs).toHaveLength(3);
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it('Conv with strides, pads, groups and no bias; SAME_UPPER auto_pad', async () => {
    const g = new GraphBuilder();
    g.input('x', [1, 4, 7, 7]);
    g.const('W', [6, 2, 3, 3]);
    g.const('W2', [2, 6, 2, 2]);
    g.const('b2', [2]);
    g.node('Conv', ['x', 'W'], 'c', { strides: [2, 1], pads: [1, 0, 1, 2], group: 2, kernel_shape: [3, 3] });
    g.node('Conv', ['c', 'W2', 'b2'], 'y', { auto_pad: 'SAME_UPPER', strides: [2, 2] });
    g.output('y', [1, 2, 2, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Conv', 'Conv']);
    expect(r.graph.shapes.get('c')).toEqual([1, 6, 4, 7]);
    expect(r.graph.nodes[1]!.attrs['pads']).toEqual([0, 0, 0, 1]);
    expect(r.graph.outputs[0]!.shape).toEqual([1, 2, 2, 4]);
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it('MaxPool (ceil_mode), AveragePool (pads, count_include_pad), GlobalAveragePool', async () => {
    const g = new GraphBuilder();
    g.input('x', [1, 2, 5, 5]);
    g.node('MaxPool', ['x'], 'm', { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 });
    g.node('AveragePool', ['x'], 'a', {
      kernel_shape: [3, 3],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
      count_include_pad: 0,
    });
    g.node('GlobalAveragePool', ['x'], 'p');
    g.output('m', [1, 2, 3, 3]);
    g.output('a', [1, 2, 3, 3]);
    g.output('p', [1, 2, 1, 1]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['MaxPool', 'AveragePool', 'GlobalAveragePool']);
    expect(r.graph.shapes.get('m')).toEqual([1, 2, 3, 3]);
    expect(r.original['m']!.length).toBe(18);
    expect(r.maxDiff).toBeLessThan(1e-6);
  });

  it('Flatten, Reshape (0 and -1), Squeeze, Unsqueeze all become Reshape', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.int64('shape', [0, -1, 2]);
    g.int64('ax0', [1]);
    g.node('Reshape', ['x', 'shape'], 'r');
    g.node('Unsqueeze', ['r', 'ax0'], 'u');
    g.node('Squeeze', ['u', 'ax0'], 's');
    g.node('Flatten', ['s'], 'y', { axis: 1 });
    g.output('y', [2, 12]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Reshape', 'Reshape', 'Reshape', 'Reshape']);
    expect(r.graph.nodes.map((n) => n.attrs['shape'])).toEqual([
      [2, 6, 2],
      [2, 1, 6, 2],
      [2, 6, 2],
      [2, 12],
    ]);
    expect(r.maxDiff).toBe(0);
  });

  it('Transpose, Concat (with a constant), Slice (negative indices and steps)', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.const('cls', [2, 1, 4]);
    g.int64('st', [-1, 3]);
    g.int64('en', [-1000, 0]);
    g.int64('ax', [2, 1]);
    g.int64('sp', [-2, -1]);
    g.node('Concat', ['cls', 'x'], 'c', { axis: -2 });
    g.node('Transpose', ['c'], 't', { perm: [0, 2, 1] });
    g.node('Slice', ['c', 'st', 'en', 'ax', 'sp'], 'y');
    g.output('t', [2, 4, 4]);
    g.output('y', [2, 3, 2]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Concat', 'Transpose', 'Slice']);
    expect(r.graph.nodes[0]!.attrs).toEqual({ axis: 1 });
    expect(r.graph.nodes[2]!.attrs).toEqual({
      starts: [0, 3, 3],
      ends: [2, 0, -5],
      axes: [0, 1, 2],
      steps: [1, -1, -2],
    });
    expect(r.maxDiff).toBe(0);
  });

  it('Gather embeddings from int64 token ids, and Gather with constant (negative) indices', async () => {
    const g = new GraphBuilder();
    g.input('ids', [1, 4], 'int64');
    g.const('E', [6, 3]);
    g.int64('pick', [-1, 0]);
    g.node('Gather', ['E', 'ids'], 'e');
    g.node('Gather', ['e', 'pick'], 'y', { axis: 2 });
    g.output('y', [1, 4, 2]);
    const feeds = { ids: { data: Float32Array.from([5, 0, 2, 2]), shape: [1, 4] } };
    const r = await roundTrip(g.build(), feeds);
    expect(opsOf(r.graph)).toEqual(['Gather', 'Gather']);
    expect(r.graph.inputs[0]).toEqual({ name: 'ids', shape: [1, 4], dtype: 'int64' });
    expect(Array.from(r.graph.constants.get(r.graph.nodes[1]!.inputs[1]!)!.data)).toEqual([2, 0]);
    expect(r.maxDiff).toBe(0);
  });

  it('Identity, Dropout and Constant vanish; a graph output behind Identity keeps its name', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 2]);
    g.nodes.push({
      name: 'k',
      op: 'Constant',
      inputs: [],
      outputs: ['k'],
      attrs: { value: { shape: [2], data: Float32Array.from([1, -1]) } },
    });
    g.node('Dropout', ['x'], 'd');
    g.node('Mul', ['d', 'k'], 'm');
    g.node('Identity', ['m'], 'y');
    g.output('y', [2, 2]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Mul']);
    expect(r.graph.nodes[0]!.outputs).toEqual(['y']);
    expect(r.maxDiff).toBe(0);
  });

  it('Softmax at opset 13 with the old flattening semantics below 13 lowered through Reshape', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.node('Softmax', ['x'], 'y', { axis: 1 });
    g.output('y', [2, 3, 4]);
    const graph = g.build();
    const { writeOnnx, readOnnx, runFloatReference } = await import('@vouch/onnx');
    // writeOnnx supports opset >= 13 only, so re-label an opset-13 model as opset 12 by hand.
    const onnxProto = (await import('onnx-proto')).default;
    const model = onnxProto.onnx.ModelProto.decode(writeOnnx(graph));
    model.opsetImport[0]!.version = 12;
    const bytes12 = onnxProto.onnx.ModelProto.encode(model).finish();
    const imported = readOnnx(bytes12);
    expect(opsOf(imported)).toEqual(['Reshape', 'Softmax', 'Reshape']);
    const feeds = feedsFor(graph);
    const a = await runFloatReference(bytes12, feeds);
    const b = await runFloatReference(writeOnnx(imported), feeds);
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += b['y']![i]!;
    expect(sum).toBeCloseTo(1, 5);
    expect(Math.max(...a['y']!.map((v, i) => Math.abs(v - b['y']![i]!)))).toBeLessThan(1e-6);
  });
});
