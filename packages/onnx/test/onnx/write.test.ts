import { describe, expect, it } from 'vitest';
import { writeOnnx, runFloatReference } from '@vouch/onnx';
import { GraphBuilder, maxAbsDiff, randTensor } from './helpers.ts';

/** Plain reference for y = relu(x·Wᵀ + b). */
function denseRelu(x: Float32Array, w: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const y = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = b[j]!;
      for (let t = 0; t < k; t++) s += x[i * k + t]! * w[j * k + t]!;
      y[i * n + j] = Math.max(0, s);
    }
  return y;
}

describe('writeOnnx', () => {
  it('writes a Gemm(transB)+Relu+Reshape(int64 shape) MLP that onnxruntime runs to the expected values', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3]);
    g.const('W', [4, 3]);
    g.const('b', [4]);
    g.int64('shape', [2, 2, 2]);
    g.node('Gemm', ['x', 'W', 'b'], 'h', { transB: 1, alpha: 1, beta: 1 });
    g.node('Relu', ['h'], 'r');
    g.node('Reshape', ['r', 'shape'], 'y');
    g.output('y', [2, 2, 2]);
    const graph = g.build();
    const bytes = writeOnnx(graph);
    const x = randTensor([2, 3], 99);
    const { y } = await runFloatReference(bytes, { x: { data: x.data, shape: [2, 3] } });
    const expected = denseRelu(x.data, graph.constants.get('W')!.data, graph.constants.get('b')!.data, 2, 3, 4);
    expect(maxAbsDiff(y!, expected)).toBeLessThan(1e-6);
  });

  it('expands Gelu to the Erf pattern below opset 20 with the exact GELU values', async () => {
    const g = new GraphBuilder();
    g.input('x', [1, 5]);
    g.node('Gelu', ['x'], 'y');
    g.output('y', [1, 5]);
    const bytes = writeOnnx(g.build());
    const xs = Float32Array.from([-3, -1, 0, 0.5, 2]);
    const { y } = await runFloatReference(bytes, { x: { data: xs, shape: [1, 5] } });
    // GELU(x) = x·Φ(x); Φ values for these points are tabulated (Φ(-3)=0.0013499, Φ(-1)=0.1586553, Φ(0.5)=0.6914625, Φ(2)=0.9772499).
    const expected = Float32Array.from([-3 * 0.0013499, -0.1586553, 0, 0.5 * 0.6914625, 2 * 0.9772499]);
    expect(maxAbsDiff(y!, expected)).toBeLessThan(1e-5);
  });

  it('writes the tanh Gelu approximation', async () => {
    const g = new GraphBuilder();
    g.input('x', [3]);
    g.node('Gelu', ['x'], 'y', { approximate: 'tanh' });
    g.output('y', [3]);
    const xs = Float32Array.from([-1, 0.3, 1.5]);
    const { y } = await runFloatReference(writeOnnx(g.build()), { x: { data: xs, shape: [3] } });
    const f = (v: number): number => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
    expect(maxAbsDiff(y!, Float32Array.from(xs, f))).toBeLessThan(1e-6);
  });

  it('keeps float attributes typed FLOAT even when integral (LeakyRelu alpha = 2)', async () => {
    const g = new GraphBuilder();
    g.input('x', [4]);
    g.node('LeakyRelu', ['x'], 'y', { alpha: 2 });
    g.output('y', [4]);
    const { y } = await runFloatReference(writeOnnx(g.build()), {
      x: { data: Float32Array.from([-1, -0.5, 0, 3]), shape: [4] },
    });
    expect(Array.from(y!)).toEqual([-2, -1, 0, 3]);
  });

  it('turns canonical Reshape/Slice attributes into int64 inputs', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 6]);
    g.node('Slice', ['x'], 's', { starts: [1, 0], ends: [2, 6], axes: [0, 1], steps: [1, 2] });
    g.node('Reshape', ['s'], 'y', { shape: [3, 1] });
    g.output('y', [3, 1]);
    const xs = Float32Array.from({ length: 12 }, (_, i) => i);
    const { y } = await runFloatReference(writeOnnx(g.build()), { x: { data: xs, shape: [2, 6] } });
    expect(Array.from(y!)).toEqual([6, 8, 10]);
  });

  it('feeds int64 inputs for Gather embeddings', async () => {
    const g = new GraphBuilder();
    g.input('ids', [1, 3], 'int64');
    g.const('E', [5, 2], [0, 1, 10, 11, 20, 21, 30, 31, 40, 41]);
    g.node('Gather', ['E', 'ids'], 'y', { axis: 0 });
    g.output('y', [1, 3, 2]);
    const { y } = await runFloatReference(writeOnnx(g.build()), {
      ids: { data: Float32Array.from([4, 0, 2]), shape: [1, 3] },
    });
    expect(Array.from(y!)).toEqual([40, 41, 0, 1, 20, 21]);
  });

  it('rejects constants whose data does not match their shape, and bad opsets', () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.constants.set('c', { shape: [3], data: new Float32Array(2) });
    g.node('Add', ['x', 'c'], 'y');
    g.output('y', [2]);
    expect(() => writeOnnx(g.build())).toThrow(/expected 3 values for shape \[3\], got 2/);
    const h = new GraphBuilder();
    h.input('x', [2]);
    h.output('x', [2]);
    expect(() => writeOnnx(h.build(), { opset: 9 })).toThrow(RangeError);
  });
});
