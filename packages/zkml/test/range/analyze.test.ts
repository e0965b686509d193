import { describe, expect, it } from 'vitest';
import type { IntGraph, IntNode, IntParamSpec, IntTensor, IntValueInfo } from '../../src/int/graph.ts';
import { quantizeGraph } from '../../src/quant/quantize.ts';
import { analyzeRanges } from '../../src/range/analyze.ts';
import { RangeAnalysisError } from '../../src/range/errors.ts';
import { lenet, mlp, randArray, rng } from '../helpers/build.ts';

/** A one-input integer graph: Linear (K inputs → N outputs) then Requant, or any nodes given. */
function graph(values: IntValueInfo[], nodes: IntNode[], params: Record<string, IntTensor>): { g: IntGraph; p: Map<string, IntTensor> } {
  const specs = new Map<string, IntParamSpec>(Object.entries(params).map(([name, t]) => [name, { name, shape: t.shape, dtype: t.dtype, visibility: 'private' as const }]));
  const vmap = new Map(values.map((v) => [v.name, v]));
  return { g: { name: 't', inputs: [values[0]], outputs: [values[values.length - 1]], values: vmap, nodes, params: specs }, p: new Map(Object.entries(params)) };
}

function linearGraph(K: number, wValue: number, m: number, s: number): { g: IntGraph; p: Map<string, IntTensor> } {
  return graph(
    [
      { name: 'x', shape: [1, K], dtype: 'int8' },
      { name: 'acc', shape: [1, 1], dtype: 'int32' },
      { name: 'y', shape: [1, 1], dtype: 'int8' },
    ],
    [
      { name: 'fc', op: 'Linear', inputs: ['x'], output: 'acc', attrs: {}, params: { weight: 'w' } },
      { name: 'rq', op: 'Requant', inputs: ['acc'], output: 'y', attrs: { axis: -1, lo: -128, hi: 127 }, params: { multiplier: 'm', shift: 's' } },
    ],
    {
      w: { shape: [1, K], dtype: 'int8', data: new Int8Array(K).fill(wValue) },
      m: { shape: [1], dtype: 'int32', data: Int32Array.of(m) },
      s: { shape: [1], dtype: 'int32', data: Int32Array.of(s) },
    },
  );
}

function refusal(f: () => unknown): RangeAnalysisError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RangeAnalysisError);
    return e as RangeAnalysisError;
  }
  throw new Error('expected a RangeAnalysisError, got none');
}

describe('range analysis', () => {
  it('accepts a 4,096-term int8 dot product with a sane requantization', () => {
    const { g, p } = linearGraph(4096, 1, 1, 20);
    const rep = analyzeRanges(g, p);
    expect(rep.values.get('acc')).toMatchObject({ lo: -4096 * 128, hi: 4096 * 127 });
    expect(rep.checks.some((c) => c.quantity.startsWith('requant h·M + c'))).toBe(true);
  });

  it('refuses a 70,000-term int8 dot product (could leave ±(p−1)/2 for some int8 weights)', () => {
    const e = refusal(() => analyzeRanges(...Object.values(linearGraph(70_000, 1, 1, 24)) as [IntGraph, Map<string, IntTensor>]));
    expect(e.node).toBe('fc');
    expect(e.quantity).toMatch(/accumulator for any int8 weights \(70000 terms\)/);
    expect(e.message).toMatch(/1006632960/);
    // with large actual weights the actual partial sums already overflow
    const e2 = refusal(() => analyzeRanges(...Object.values(linearGraph(70_000, 127, 1, 24)) as [IntGraph, Map<string, IntTensor>]));
    expect(e2.quantity).toBe('accumulator partial sums');
  });

  it('refuses a multiplier ≥ 2^16 and a shift outside [13, 29]', () => {
    const e = refusal(() => { const { g, p } = linearGraph(16, 1, 65536, 20); analyzeRanges(g, p); });
    expect(e.node).toBe('rq');
    expect(e.quantity).toBe('multiplier[0]');
    const e2 = refusal(() => { const { g, p } = linearGraph(16, 1, 100, 12); analyzeRanges(g, p); });
    expect(e2.quantity).toBe('shift[0]');
  });

  it('refuses l·M + 2^(s−1) ≥ 2^29 and |h·M + c| ≥ 2^29', () => {
    const e = refusal(() => { const { g, p } = linearGraph(16, 1, 65535, 29); analyzeRanges(g, p); });
    expect(e.quantity).toMatch(/l·M \+ 2\^\(s−1\)/);
    const e2 = refusal(() => { const { g, p } = linearGraph(30_000, 127, 32767, 20); analyzeRanges(g, p); });
    expect(e2.quantity).toMatch(/h·M \+ c/);
  });

  it('refuses a requantized value that could leave the clamp table [−2^15, 2^15)', () => {
    const e = refusal(() => { const { g, p } = linearGraph(4096, 127, 16384, 13); analyzeRanges(g, p); });
    expect(e.quantity).toMatch(/q before clamp/);
  });

  it('refuses a lookup whose input could leave the table domain', () => {
    const { g, p } = graph(
      [
        { name: 'x', shape: [4], dtype: 'int8' },
        { name: 'y', shape: [4], dtype: 'int8' },
      ],
      [{ name: 'sig', op: 'Lookup', inputs: ['x'], output: 'y', attrs: { lo: 0 }, params: { table: 't' } }],
      { t: { shape: [128], dtype: 'int32', data: new Int32Array(128) } },
    );
    const e = refusal(() => analyzeRanges(g, p));
    expect(e.node).toBe('sig');
    expect(e.quantity).toBe('table input');
  });

  it('refuses a token-id input whose declared range exceeds the embedding table', () => {
    const { g, p } = graph(
      [
        { name: 'ids', shape: [4], dtype: 'int32', range: [0, 20] },
        { name: 'y', shape: [4, 2], dtype: 'int8' },
      ],
      [{ name: 'emb', op: 'Gather', inputs: ['ids'], output: 'y', attrs: {}, params: { table: 't' } }],
      { t: { shape: [11, 2], dtype: 'int8', data: new Int8Array(22) } },
    );
    const e = refusal(() => analyzeRanges(g, p));
    expect(e.node).toBe('emb');
    expect(e.quantity).toBe('index');
  });

  it('accepts the quantized MLP and LeNet and bounds every accumulator', () => {
    for (const f of [mlp(1, [784, 56, 10]), lenet(3)]) {
      const r = rng(1);
      const { pkg, report } = quantizeGraph(f, [randArray(r, 784, 0, 1), randArray(r, 784, 0, 1)]);
      expect(report.rangeReport.checks.length).toBeGreaterThan(10);
      for (const n of pkg.graph.nodes.filter((n) => n.op === 'Linear' || n.op === 'Conv')) {
        const v = report.rangeReport.values.get(n.output)!;
        expect(Math.max(-v.lo, v.hi)).toBeLessThan(1006632960);
      }
    }
  });
});
