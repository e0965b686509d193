/** The canonical IR contract (@vouch/zkml ir/ops.ts): shape inference and graph validation. */
import { describe, expect, it } from 'vitest';
import { ShapeError, UnsupportedOpError, inferShapes, validateGraph, windowOutSize, type GraphNode } from '@vouch/zkml';
import { runFloatReference, writeOnnx } from '@vouch/onnx';
import { GraphBuilder } from './helpers.ts';

const node = (op: string, attrs: GraphNode['attrs'] = {}): GraphNode => ({
  name: 'n',
  op,
  inputs: [],
  outputs: ['y'],
  attrs,
});

describe('inferShapes', () => {
  it('computes canonical output shapes', () => {
    expect(
      inferShapes(node('MatMul'), [
        [2, 1, 3, 4],
        [5, 4, 6],
      ]),
    ).toEqual([[2, 5, 3, 6]]);
    expect(inferShapes(node('MatMul'), [[4], [4, 6]])).toEqual([[6]]);
    expect(inferShapes(node('Gemm'), [[2, 3], [3, 5], [5]])).toEqual([[2, 5]]);
    expect(
      inferShapes(node('Add'), [
        [3, 1],
        [1, 4],
      ]),
    ).toEqual([[3, 4]]);
    const conv = node('Conv', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], group: 1 });
    expect(inferShapes(conv, [[1, 3, 9, 9], [8, 3, 3, 3], [8]])).toEqual([[1, 8, 5, 5]]);
    expect(
      inferShapes(node('Gather', { axis: 0 }), [
        [10, 4],
        [2, 3],
      ]),
    ).toEqual([[2, 3, 4]]);
    expect(
      inferShapes(node('Slice', { starts: [0, 3], ends: [2, -5], axes: [0, 1], steps: [1, -2] }), [[2, 4]]),
    ).toEqual([[2, 2]]);
    expect(windowOutSize(5, 2, 2, 0, 0, 1, true)).toBe(3);
    expect(windowOutSize(5, 2, 2, 0, 0, 1, false)).toBe(2);
  });

  it('throws ShapeError naming the node on mismatches', () => {
    expect(() =>
      inferShapes(node('Gemm'), [
        [2, 3],
        [4, 5],
      ]),
    ).toThrow(ShapeError);
    expect(() => inferShapes(node('Add'), [[3], [4]])).toThrow(/expected broadcastable shapes, got \[3\] and \[4\]/);
    expect(() => inferShapes(node('Reshape', { shape: [5] }), [[2, 3]])).toThrow(/6 elements/);
    expect(() => inferShapes(node('Transpose', { perm: [0, 0] }), [[2, 3]])).toThrow(/permutation/);
    expect(() =>
      inferShapes(node('Concat', { axis: 0 }), [
        [2, 3],
        [2, 4],
      ]),
    ).toThrow(/equal except on axis 0/);
  });

  it('throws UnsupportedOpError for non-canonical ops', () => {
    expect(() => inferShapes(node('Erf'), [[2]])).toThrow(UnsupportedOpError);
  });
});

describe('validateGraph', () => {
  it('rejects a graph whose declared shapes disagree with inference or that uses a value before it is defined', () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3]);
    g.node('Relu', ['x'], 'y');
    g.output('y', [3, 2]);
    expect(() => validateGraph(g.build())).toThrow(/expected shape \[2, 3\], got \[3, 2\]/);
    const h = new GraphBuilder();
    h.input('x', [2]);
    h.node('Relu', ['z'], 'y');
    h.node('Relu', ['x'], 'z');
    h.output('y', [2]);
    expect(() => validateGraph(h.build())).toThrow(/expected input z to be defined before the node/);
  });
});

describe('runFloatReference', () => {
  it('checks that every input is given with a matching size', async () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.node('Relu', ['x'], 'y');
    g.output('y', [2]);
    const bytes = writeOnnx(g.build());
    await expect(runFloatReference(bytes, {})).rejects.toThrow(/input x: expected a tensor/);
    await expect(runFloatReference(bytes, { x: { data: new Float32Array(3), shape: [2] } })).rejects.toThrow(
      /expected 2 values/,
    );
    const out = await runFloatReference(bytes, { x: { data: Float32Array.from([-1, 2]), shape: [2] } });
    expect(Array.from(out['y']!)).toEqual([0, 2]);
  });
});
