import { describe, expect, it } from 'vitest';
import { runFloat } from '../../src/float/executor.ts';
import { InputShapeError } from '../../src/float/errors.ts';
import { UnsupportedOpError } from '../../src/ir/errors.ts';
import { runInteger, quantizeInput } from '../../src/quant/api.ts';
import { argmax } from '../../src/quant/evaluate.ts';
import { quantizeGraph } from '../../src/quant/quantize.ts';
import { runIntGraph } from '../../src/int/executor.ts';
import { GraphBuilder, mlp, randArray, rng } from '../helpers/build.ts';

const r = rng(21);
const graph = mlp(8, [784, 56, 10], true);
const calib = Array.from({ length: 24 }, () => randArray(r, 784, 0, 1));
const test = Array.from({ length: 24 }, () => randArray(r, 784, 0, 1));
const labels = test.map((x) => argmax(runFloat(graph, [x]).values.get('gemm_2_out')!.data));

describe('quantizeGraph / runInteger / quantizeInput', () => {
  it('drops the final Softmax, reports scales and float-vs-integer accuracy', () => {
    const { pkg, report } = quantizeGraph(graph, calib, { testSet: { inputs: test, labels } });
    expect(report.droppedSoftmax).toBe(true);
    expect(pkg.settings.droppedSoftmax).toBe(true);
    expect(pkg.graph.nodes.map((n) => n.op)).toEqual(['Linear', 'Requant', 'Linear', 'Requant']);
    // the Relu after the first layer is fused into the requantization clamp
    expect(pkg.graph.nodes[1].attrs.lo).toBe(0);
    expect(report.layers.map((l) => l.node)).toEqual(['gemm_0', 'gemm_2']);
    expect(report.layers[0].weightScales).toHaveLength(56);
    const acc = report.accuracy!;
    expect(acc.samples).toBe(24);
    expect(acc.floatAccuracy).toBe(1); // labels are the float argmaxes
    expect(acc.top1Agreement).toBeGreaterThanOrEqual(0.9);
    expect(acc.quantAccuracy).toBe(acc.top1Agreement);
    // logits are int16 at r/4096; the error comes from the int8 hidden layer: within 3% of the logit range r
    expect(acc.maxLogitError).toBeLessThan(0.03 * pkg.settings.outputScales[0] * 4096);
    expect(pkg.graph.outputs[0].dtype).toBe("int16");
    expect(acc.maxLogitError).toBeGreaterThan(0);
  });

  it('runInteger on floats equals the executor on quantizeInput, and is deterministic', () => {
    const { pkg } = quantizeGraph(graph, calib);
    const q = quantizeInput(pkg, test[0]);
    expect(q).toBeInstanceOf(Int8Array);
    const a = runInteger(pkg, test[0]);
    const b = runInteger(pkg, q);
    expect(Array.from(a.raw)).toEqual(Array.from(b.raw));
    expect(Array.from(runIntGraph(pkg.graph, pkg.params, [q]).outputs[0])).toEqual(Array.from(a.raw));
    expect(a.logits[3]).toBeCloseTo(a.raw[3] * pkg.settings.outputScales[0], 6);
  });

  it('applies preprocessing constants of the hidden inputs to calibration and inference', () => {
    const raw = calib.map((x) => x.map((v) => v * 255));
    const hidden = { preprocessing: { scale: 1 / 255, mean: [0.5], std: [0.25] } };
    const { pkg } = quantizeGraph(graph, raw, { hidden });
    const pre = test[0].map((v) => (v - 0.5) / 0.25);
    const f = runFloat(graph, [pre]).values.get('gemm_2_out')!.data;
    expect(argmax(runInteger(pkg, test[0].map((v) => v * 255)).logits)).toBe(argmax(f));
  });

  it('percentile calibration clips outliers (smaller input scale than max)', () => {
    const withOutlier = [...calib, randArray(r, 784, 0, 1).map((v, i) => (i === 5 ? 40 : v))];
    const a = quantizeGraph(graph, withOutlier).pkg.settings.inputScales[0];
    const b = quantizeGraph(graph, withOutlier, { calibration: { kind: 'percentile', percentile: 99.9 } }).pkg.settings.inputScales[0];
    expect(b).toBeLessThan(a / 10);
  });

  it('rejects wrong input shapes and types with typed errors', () => {
    const { pkg } = quantizeGraph(graph, calib.slice(0, 2));
    expect(() => runInteger(pkg, new Float32Array(783))).toThrow(InputShapeError);
    expect(() => runInteger(pkg, new Int8Array(785))).toThrow(InputShapeError);
    expect(() => quantizeInput(pkg, new Float64Array(784) as unknown as Float32Array)).toThrow(InputShapeError);
    expect(() => runIntGraph(pkg.graph, pkg.params, [Int32Array.from({ length: 784 }, () => 200)])).toThrow(InputShapeError);
    expect(() => quantizeGraph(graph, [])).toThrow(InputShapeError);
    expect(() => quantizeGraph(graph, [new Float32Array(10)])).toThrow(InputShapeError);
  });

  it('refuses ops the integer IR does not support, naming the node', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 4]);
    const y = g.node('Mul', [x, x], [1, 4]);
    expect(() => quantizeGraph(g.build([y]), [new Float32Array(4).fill(1)])).toThrow(UnsupportedOpError);
  });
});
