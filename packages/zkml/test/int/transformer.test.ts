/**
 * Transformer ops (Gather, constant Add, masked Softmax, LayerNorm, Concat, activation MatMul, Gelu)
 * against the float executor, one op at a time and as a whole decoder block.
 */
import { describe, expect, it } from 'vitest';
import { runFloat } from '../../src/float/executor.ts';
import { InputShapeError } from '../../src/float/errors.ts';
import { validateGraph } from '../../src/ir/ops.ts';
import { quantizeInput, runInteger } from '../../src/quant/api.ts';
import { runIntGraph } from '../../src/int/executor.ts';
import { argmax } from '../../src/quant/evaluate.ts';
import { quantizeGraph } from '../../src/quant/quantize.ts';
import { decodePackage, encodePackage } from '../../src/package/format.ts';
import { GraphBuilder, randArray, rng, tinyGpt } from '../helpers/build.ts';

function maxErr(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('integer transformer ops', () => {
  it('Softmax over the last axis with a fused causal mask: probabilities within 2/255', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [6, 6]);
    const mask = new Float32Array(36);
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) mask[i * 6 + j] = -1e9;
    const s = g.node('Add', [x, g.constant('m', [6, 6], mask)], [6, 6]);
    const graph = g.build([g.node('MatMul', [g.node('Softmax', [s], [6, 6], { axis: 1 }), x], [6, 6])]);
    validateGraph(graph);
    const r = rng(1);
    const calib = Array.from({ length: 8 }, () => randArray(r, 36, -3, 3));
    const { pkg } = quantizeGraph(graph, calib);
    const sm = pkg.graph.nodes.find((n) => n.op === 'Softmax')!;
    expect(sm.params.mask).toBeDefined();
    expect(pkg.graph.nodes.some((n) => n.op === 'ScaledAdd')).toBe(false);
    for (const x0 of calib.slice(0, 4)) {
      const fv = runFloat(graph, [x0]).values.get(graph.nodes[1].outputs[0])!.data;
      const iv = runIntGraph(pkg.graph, pkg.params, [quantizeInput(pkg, x0)]).values.get(sm.output)!;
      for (let i = 0; i < 36; i++) expect(Math.abs(iv[i] / 255 - fv[i])).toBeLessThanOrEqual(2 / 255 + 0.02);
      // masked entries are exactly 0
      expect(iv[1]).toBe(0);
      expect(iv[5]).toBe(0);
    }
  });

  it('LayerNormalization: within 4·s_out + 3% of the range', () => {
    const r = rng(2);
    const g = new GraphBuilder();
    const x = g.input('x', [4, 32]);
    const y = g.node('LayerNormalization', [x, g.constant('g', [32], randArray(r, 32, 0.5, 1.5)), g.constant('b', [32], randArray(r, 32, -0.2, 0.2))], [4, 32], { axis: 1, epsilon: 1e-5 });
    const graph = g.build([y]);
    const calib = Array.from({ length: 8 }, () => randArray(r, 128, -2, 3));
    const { pkg } = quantizeGraph(graph, calib);
    for (const x0 of calib.slice(0, 4)) {
      const f = runFloat(graph, [x0]).outputs[0];
      const { logits } = runInteger(pkg, x0);
      const range = Math.max(...Array.from(f, Math.abs));
      expect(maxErr(f, logits)).toBeLessThanOrEqual(4 * pkg.settings.outputScales[0] + 0.03 * range);
    }
  });

  it('a decoder block from token ids: ≥ 90% next-token agreement, logits close, package round trip', () => {
    const graph = tinyGpt(5);
    validateGraph(graph);
    const r = rng(3);
    const toks = (): Float32Array => Float32Array.from({ length: 8 }, () => Math.floor(r() * 11));
    const calib = Array.from({ length: 12 }, toks);
    const { pkg, report } = quantizeGraph(graph, calib);
    expect(pkg.graph.inputs[0]).toMatchObject({ dtype: 'int32', range: [0, 10] });
    expect(new Set(pkg.graph.nodes.map((n) => n.op))).toEqual(new Set(['Gather', 'ScaledAdd', 'Requant', 'LayerNorm', 'Linear', 'Transpose', 'MatMul', 'Softmax', 'Concat', 'Lookup']));
    expect(report.rangeReport.checks.some((c) => c.quantity.startsWith('variance'))).toBe(true);
    let agree = 0;
    let total = 0;
    let err = 0;
    let range = 0;
    for (let t = 0; t < 8; t++) {
      const x = toks();
      const f = runFloat(graph, [x]).outputs[0];
      const { logits } = runInteger(pkg, x);
      for (let p = 0; p < 8; p++) {
        if (argmax(f.subarray(p * 11, p * 11 + 11)) === argmax(logits.subarray(p * 11, p * 11 + 11))) agree++;
        total++;
      }
      err = Math.max(err, maxErr(f, logits));
      range = Math.max(range, ...Array.from(f, Math.abs));
    }
    if (process.env.VOUCH_DEBUG) console.log({ agree: agree / total, err, range });
    expect(agree / total).toBeGreaterThanOrEqual(0.9);
    expect(err).toBeLessThan(0.06 * range);
    const back = decodePackage(encodePackage(pkg));
    const x = toks();
    expect(Array.from(runInteger(back, x).raw)).toEqual(Array.from(runInteger(pkg, x).raw));
    expect(() => runInteger(pkg, Float32Array.of(0, 1, 2, 3, 4, 5, 6, 11))).toThrow(InputShapeError);
    expect(() => runInteger(pkg, Float32Array.of(0, 1, 2, 3, 4, 5, 6, 1.5))).toThrow(InputShapeError);
  });
});
