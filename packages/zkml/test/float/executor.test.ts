import { describe, expect, it } from 'vitest';
import { runFloat } from '../../src/float/executor.ts';
import { InputShapeError } from '../../src/float/errors.ts';
import { UnsupportedOpError } from '../../src/ir/errors.ts';
import { validateGraph } from '../../src/ir/ops.ts';
import { GraphBuilder, lenet, mlp } from '../helpers/build.ts';

describe('float executor', () => {
  it('computes Gemm + Relu by hand', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 2]);
    const w = g.constant('w', [2, 3], Float32Array.of(1, 2, 3, 4, 5, 6));
    const b = g.constant('b', [3], Float32Array.of(0.5, -100, 0));
    const y = g.node('Gemm', [x, w, b], [1, 3]);
    const z = g.node('Relu', [y], [1, 3]);
    const { outputs, values } = runFloat(g.build([z]), [Float32Array.of(1, -1)]);
    expect(Array.from(values.get(y)!.data)).toEqual([-2.5, -103, -3]);
    expect(Array.from(outputs[0])).toEqual([0, 0, 0]);
  });

  it('computes a padded strided Conv and pools by hand', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 1, 3, 3]);
    const w = g.constant('w', [1, 1, 2, 2], Float32Array.of(1, 1, 1, 1));
    const b = g.constant('b', [1], Float32Array.of(0));
    const y = g.node('Conv', [x, w, b], [1, 1, 2, 2], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 1, 1], dilations: [1, 1], group: 1 });
    const m = g.node('MaxPool', [x], [1, 1, 2, 2], { kernel_shape: [2, 2], strides: [1, 1], pads: [0, 0, 0, 0] });
    const a = g.node('GlobalAveragePool', [x], [1, 1, 1, 1]);
    const graph = g.build([y, m, a]);
    validateGraph(graph);
    const { outputs } = runFloat(graph, [Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9)]);
    expect(Array.from(outputs[0])).toEqual([12, 9, 15, 9]);
    expect(Array.from(outputs[1])).toEqual([5, 6, 8, 9]);
    expect(outputs[2][0]).toBeCloseTo(5, 6);
  });

  it('softmax rows sum to one and LayerNormalization normalizes', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [2, 4]);
    const s = g.node('Softmax', [x], [2, 4], { axis: 1 });
    const sc = g.constant('sc', [4], Float32Array.of(1, 1, 1, 1));
    const bi = g.constant('bi', [4], Float32Array.of(0, 0, 0, 0));
    const l = g.node('LayerNormalization', [x, sc, bi], [2, 4], { axis: 1, epsilon: 1e-5 });
    const { outputs } = runFloat(g.build([s, l]), [Float32Array.of(1, 2, 3, 4, -1, 0, 5, 100)]);
    expect(outputs[0][0] + outputs[0][1] + outputs[0][2] + outputs[0][3]).toBeCloseTo(1, 6);
    const row = outputs[1].slice(0, 4);
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5);
    expect(row.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 3);
  });

  it('returns every intermediate of the MLP and LeNet graphs, which validate against the IR', () => {
    const m = mlp(1, [784, 56, 10]);
    validateGraph(m);
    expect(runFloat(m, [new Float32Array(784)]).values.size).toBeGreaterThan(5);
    const l = lenet(2);
    validateGraph(l);
    const { outputs } = runFloat(l, [new Float32Array(784).fill(0.5)]);
    expect(outputs[0].length).toBe(10);
  });

  it('rejects wrong input sizes and unknown ops with typed errors', () => {
    expect(() => runFloat(mlp(1, [4, 3, 2]), [new Float32Array(5)])).toThrow(InputShapeError);
    expect(() => runFloat(mlp(1, [4, 3, 2]), [])).toThrow(InputShapeError);
    const g = new GraphBuilder();
    const x = g.input('x', [2]);
    const y = g.node('NonMaxSuppression', [x], [2]);
    expect(() => runFloat(g.build([y]), [new Float32Array(2)])).toThrow(UnsupportedOpError);
  });
});
