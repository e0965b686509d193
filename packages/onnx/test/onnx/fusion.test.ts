/**
 * Fusion and folding at import: the fused canonical graph must give onnxruntime the same
 * outputs as the original decomposed graph.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder, feedsFor, opsOf, roundTrip } from './helpers.ts';

function erfGelu(g: GraphBuilder, x: string, out: string, variant: 'a' | 'b' | 'c', p: string): void {
  g.const(`${p}sqrt2`, [], [Math.SQRT2]);
  g.const(`${p}one`, [], [1]);
  g.const(`${p}half`, [], [0.5]);
  g.node('Div', [x, `${p}sqrt2`], `${p}s`);
  g.node('Erf', [`${p}s`], `${p}e`);
  g.node('Add', [`${p}one`, `${p}e`], `${p}a`);
  if (variant === 'a') {
    g.node('Mul', [x, `${p}a`], `${p}m`);
    g.node('Mul', [`${p}m`, `${p}half`], out);
  } else if (variant === 'b') {
    g.node('Mul', [`${p}half`, x], `${p}h`);
    g.node('Mul', [`${p}h`, `${p}a`], out);
  } else {
    g.node('Mul', [`${p}a`, `${p}half`], `${p}m`);
    g.node('Mul', [x, `${p}m`], out);
  }
}

describe('fusions', () => {
  it('fuses the three Erf-GELU association orders to Gelu with identical outputs', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 8]);
    g.const('W', [8, 8]);
    g.node('MatMul', ['x', 'W'], 'h');
    erfGelu(g, 'h', 'g1', 'a', 'p_');
    erfGelu(g, 'g1', 'g2', 'b', 'q_');
    erfGelu(g, 'g2', 'y', 'c', 'r_');
    g.output('y', [2, 8]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['MatMul', 'Gelu', 'Gelu', 'Gelu']);
    expect(r.graph.nodes[1]!.attrs).toEqual({ approximate: 'none' });
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it("re-imports the writer's own Gelu expansion (opset 17) as Gelu", async () => {
    const g = new GraphBuilder();
    g.input('x', [3, 4]);
    g.node('Gelu', ['x'], 'y');
    g.output('y', [3, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Gelu']);
    expect(r.maxDiff).toBeLessThan(1e-6);
  });

  it("re-imports the writer's tanh Gelu expansion (opset 17) as Gelu(tanh), and the Mul(Mul(x, x), x) cube form", async () => {
    const g = new GraphBuilder();
    g.input('x', [3, 4]);
    g.node('Gelu', ['x'], 'y', { approximate: 'tanh' });
    g.output('y', [3, 4]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Gelu']);
    expect(r.graph.nodes[0]!.attrs).toEqual({ approximate: 'tanh' });
    expect(r.maxDiff).toBeLessThan(1e-6);

    const h = new GraphBuilder();
    h.input('x', [2, 3]);
    h.const('c', [], [0.044715]);
    h.const('k', [], [Math.sqrt(2 / Math.PI)]);
    h.const('one', [], [1]);
    h.const('half', [], [0.5]);
    h.node('Mul', ['x', 'x'], 'x2');
    h.node('Mul', ['x2', 'x'], 'x3');
    h.node('Mul', ['c', 'x3'], 'cx3');
    h.node('Add', ['cx3', 'x'], 'inner');
    h.node('Mul', ['k', 'inner'], 'sc');
    h.node('Tanh', ['sc'], 'th');
    h.node('Add', ['th', 'one'], 'op');
    h.node('Mul', ['half', 'x'], 'hx');
    h.node('Mul', ['hx', 'op'], 'y');
    h.output('y', [2, 3]);
    const s = await roundTrip(h.build(), feedsFor(h.build()));
    expect(opsOf(s.graph)).toEqual(['Gelu']);
    expect(s.maxDiff).toBeLessThan(1e-6);
  });

  it('does not fuse an Erf pattern whose inner value is also read elsewhere, and then rejects the lone Erf', async () => {
    const g = new GraphBuilder();
    g.input('x', [4]);
    erfGelu(g, 'x', 'y', 'a', 'p_');
    g.node('Relu', ['p_e'], 'z');
    g.output('y', [4]);
    g.output('z', [4]);
    const { writeOnnx, readOnnx, UnsupportedOpError } = await import('@vouch/onnx');
    const bytes = writeOnnx(g.build());
    expect(() => readOnnx(bytes)).toThrow(UnsupportedOpError);
    expect(() => readOnnx(bytes)).toThrow(/Erf/);
  });

  for (const [label, square, affine] of [
    ['Pow', 'Pow', true],
    ['Mul(d, d), no affine', 'Mul', false],
  ] as const) {
    it(`fuses decomposed LayerNorm (${label}) to LayerNormalization`, async () => {
      const g = new GraphBuilder();
      g.input('x', [2, 3, 6]);
      g.int64('axes', [-1]);
      g.const('two', [], [2]);
      g.const('eps', [], [1e-5]);
      g.const('gamma', [6]);
      g.const('beta', [6]);
      g.node('ReduceMean', ['x'], 'mean', { axes: [-1], keepdims: 1 });
      g.node('Sub', ['x', 'mean'], 'd');
      if (square === 'Pow') g.node('Pow', ['d', 'two'], 'sq');
      else g.node('Mul', ['d', 'd'], 'sq');
      g.node('ReduceMean', ['sq'], 'var', { axes: [2], keepdims: 1 });
      g.node('Add', ['var', 'eps'], 've');
      g.node('Sqrt', ['ve'], 'sd');
      g.node('Div', ['d', 'sd'], affine ? 'n' : 'y');
      if (affine) {
        g.node('Mul', ['n', 'gamma'], 'gn');
        g.node('Add', ['gn', 'beta'], 'y');
      }
      g.output('y', [2, 3, 6]);
      const r = await roundTrip(g.build(), feedsFor(g.build()));
      expect(opsOf(r.graph)).toEqual(['LayerNormalization']);
      expect(r.graph.nodes[0]!.attrs['axis']).toBe(2);
      expect(r.graph.nodes[0]!.attrs['epsilon']).toBeCloseTo(1e-5, 9);
      expect(r.maxDiff).toBeLessThan(1e-5);
    });
  }

  it('folds BatchNormalization into the preceding Conv', async () => {
    const g = new GraphBuilder();
    g.input('x', [1, 2, 5, 5]);
    g.const('W', [3, 2, 3, 3]);
    g.const('b', [3]);
    g.const('s', [3], [1.5, -0.5, 2]);
    g.const('t', [3]);
    g.const('mu', [3]);
    g.const('var', [3], [0.5, 1, 2]);
    g.node('Conv', ['x', 'W', 'b'], 'c', { pads: [1, 1, 1, 1] });
    g.node('BatchNormalization', ['c', 's', 't', 'mu', 'var'], 'bn', { epsilon: 1e-3 });
    g.node('Relu', ['bn'], 'y');
    g.output('y', [1, 3, 5, 5]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Conv', 'Relu']);
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it('folds BatchNormalization after Gemm and after 2-D MatMul (into Gemm)', async () => {
    for (const op of ['Gemm', 'MatMul']) {
      const g = new GraphBuilder();
      g.input('x', [3, 4]);
      g.const('W', [4, 5]);
      g.const('s', [5]);
      g.const('t', [5]);
      g.const('mu', [5]);
      g.const('var', [5], [1, 2, 3, 4, 5]);
      g.node(op, ['x', 'W'], 'h');
      g.node('BatchNormalization', ['h', 's', 't', 'mu', 'var'], 'y');
      g.output('y', [3, 5]);
      const r = await roundTrip(g.build(), feedsFor(g.build()));
      expect(opsOf(r.graph)).toEqual(['Gemm']);
      expect(r.maxDiff).toBeLessThan(1e-5);
    }
  });

  it('lowers a BatchNormalization that cannot fold (after an input) to Mul + Add', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 2, 2]);
    for (const n of ['s', 't', 'mu']) g.const(n, [3]);
    g.const('var', [3], [0.25, 1, 4]);
    g.node('BatchNormalization', ['x', 's', 't', 'mu', 'var'], 'y');
    g.output('y', [2, 3, 2, 2]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Mul', 'Add']);
    expect(r.graph.shapes.get(r.graph.nodes[0]!.inputs[1]!)).toEqual([3, 1, 1]);
    expect(r.maxDiff).toBeLessThan(1e-5);
  });

  it('folds a static shape subgraph (Shape → Gather → Unsqueeze → Concat → Reshape, Cast, ConstantOfShape)', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3, 4]);
    g.int64('zero', [0], []);
    g.int64('ax', [0]);
    g.int64('minus1', [-1]);
    g.node('Shape', ['x'], 'shp');
    g.node('Gather', ['shp', 'zero'], 'n', { axis: 0 });
    g.node('Unsqueeze', ['n', 'ax'], 'n1');
    g.node('Concat', ['n1', 'minus1'], 'target', { axis: 0 });
    g.node('Reshape', ['x', 'target'], 'flat');
    g.node('Shape', ['flat'], 'fs');
    g.node('ConstantOfShape', ['fs'], 'ones', { value: { shape: [1], data: Float32Array.of(1) } });
    g.node('Cast', ['ones'], 'onesf', { to: 1 });
    g.node('Add', ['flat', 'onesf'], 'y');
    g.output('y', [2, 12]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Reshape', 'Add']);
    expect(r.graph.nodes[0]!.attrs['shape']).toEqual([2, 12]);
    expect(r.maxDiff).toBe(0);
  });

  it('folds a constant causal-mask computation (Range, Less, Where, Cast, Neg, Min) into a constant', async () => {
    const g = new GraphBuilder();
    g.input('att', [3, 3]);
    g.int64('zero', [0], []);
    g.int64('three', [3], []);
    g.int64('one', [1], []);
    g.int64('ax0', [0]);
    g.int64('ax1', [1]);
    g.const('big', [], [1e4]);
    g.const('zf', [], [0]);
    g.node('Range', ['zero', 'three', 'one'], 'pos');
    g.node('Unsqueeze', ['pos', 'ax0'], 'row');
    g.node('Unsqueeze', ['pos', 'ax1'], 'col');
    g.node('Less', ['col', 'row'], 'future');
    g.node('Neg', ['big'], 'nbig');
    g.node('Where', ['future', 'nbig', 'zf'], 'mask0');
    g.node('Min', ['mask0', 'zf'], 'mask');
    g.node('Add', ['att', 'mask'], 'masked');
    g.node('Softmax', ['masked'], 'y', { axis: -1 });
    g.output('y', [3, 3]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual(['Add', 'Softmax']);
    expect(Array.from(r.graph.constants.get('mask')!.data)).toEqual([0, -1e4, -1e4, 0, 0, -1e4, 0, 0, 0]);
    expect(r.maxDiff).toBeLessThan(1e-6);
  });

  it('rejects fold-only ops on activations', async () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.const('z', [2]);
    g.node('Less', ['x', 'z'], 'y', {}, 'cmp');
    g.output('y', [2]);
    const { writeOnnx, readOnnx } = await import('@vouch/onnx');
    expect(() => readOnnx(writeOnnx(g.build()))).toThrow(
      /unsupported use of Less in node cmp: expected constant inputs/,
    );
  });

  it('lowers a lone square Pow(x, 2) to Mul(x, x) and rejects other lone powers', async () => {
    const g = new GraphBuilder();
    g.input('x', [2, 3]);
    g.const('two', [], [2]);
    g.node('Pow', ['x', 'two'], 'y', {}, 'sq');
    g.output('y', [2, 3]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(r.graph.nodes.map((n) => [n.op, ...n.inputs])).toEqual([['Mul', 'x', 'x']]);
    expect(r.maxDiff).toBeLessThan(1e-6);
    const h = new GraphBuilder();
    h.input('x', [2]);
    h.const('three', [], [3]);
    h.node('Pow', ['x', 'three'], 'y', {}, 'cube');
    h.output('y', [2]);
    const { writeOnnx, readOnnx } = await import('@vouch/onnx');
    expect(() => readOnnx(writeOnnx(h.build()))).toThrow(/unsupported use of Pow in node cube/);
  });
});
