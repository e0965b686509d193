/**
 * Whole small models in the shapes exporters produce (a CNN with BatchNorm, a transformer
 * block with an embedding, decomposed LayerNorm and Erf-GELU): import, write back, and compare
 * onnxruntime outputs; the imported graph is canonical and passes validateGraph.
 */
import { describe, expect, it } from 'vitest';
import { CANONICAL_OPS, validateGraph } from '@vouch/zkml';
import { readOnnx, writeOnnx } from '@vouch/onnx';
import { GraphBuilder, feedsFor, opsOf, roundTrip } from './helpers.ts';

describe('small models', () => {
  it('CNN: Conv-BN-Relu-MaxPool-Conv-BN-Relu-GlobalAveragePool-Flatten-Gemm-Softmax', async () => {
    const g = new GraphBuilder();
    g.input('img', [2, 1, 8, 8]);
    let x = 'img';
    let c = 1;
    for (const [i, oc] of [
      [1, 4],
      [2, 6],
    ] as const) {
      g.const(`w${i}`, [oc, c, 3, 3]);
      g.const(`b${i}`, [oc]);
      for (const p of ['s', 't', 'm']) g.const(`${p}${i}`, [oc]);
      g.const(
        `v${i}`,
        [oc],
        Array.from({ length: oc }, (_, k) => 0.5 + k),
      );
      g.node('Conv', [x, `w${i}`, `b${i}`], `conv${i}`, { pads: [1, 1, 1, 1], kernel_shape: [3, 3] });
      g.node('BatchNormalization', [`conv${i}`, `s${i}`, `t${i}`, `m${i}`, `v${i}`], `bn${i}`);
      g.node('Relu', [`bn${i}`], `relu${i}`);
      x = `relu${i}`;
      if (i === 1) {
        g.node('MaxPool', [x], 'pool1', { kernel_shape: [2, 2], strides: [2, 2] });
        x = 'pool1';
      }
      c = oc;
    }
    g.node('GlobalAveragePool', [x], 'gap');
    g.node('Flatten', ['gap'], 'flat');
    g.const('fc', [3, 6]);
    g.const('fcb', [3]);
    g.node('Gemm', ['flat', 'fc', 'fcb'], 'logits', { transB: 1 });
    g.node('Softmax', ['logits'], 'probs', { axis: 1 });
    g.output('probs', [2, 3]);
    const r = await roundTrip(g.build(), feedsFor(g.build()));
    expect(opsOf(r.graph)).toEqual([
      'Conv',
      'Relu',
      'MaxPool',
      'Conv',
      'Relu',
      'GlobalAveragePool',
      'Reshape',
      'Gemm',
      'Softmax',
    ]);
    expect(r.maxDiff).toBeLessThan(1e-5);
    expect(r.graph.nodes.every((n) => (CANONICAL_OPS as readonly string[]).includes(n.op))).toBe(true);
    expect(() => validateGraph(r.graph)).not.toThrow();
  });

  it('transformer block: embedding, decomposed LayerNorm, attention, Erf-GELU MLP, residuals', async () => {
    const T = 4;
    const D = 8;
    const g = new GraphBuilder();
    g.input('ids', [T], 'int64');
    g.const('wte', [10, D]);
    g.const('wpe', [T, D]);
    g.node('Gather', ['wte', 'ids'], 'tok');
    g.node('Add', ['tok', 'wpe'], 'h0');
    // decomposed LayerNorm (opset 17 ReduceMean takes axes as an attribute)
    g.const('two', [], [2]);
    g.const('eps', [], [1e-5]);
    g.const('ln_g', [D]);
    g.const('ln_b', [D]);
    g.node('ReduceMean', ['h0'], 'mu', { axes: [-1] });
    g.node('Sub', ['h0', 'mu'], 'd');
    g.node('Pow', ['d', 'two'], 'd2');
    g.node('ReduceMean', ['d2'], 'var', { axes: [-1] });
    g.node('Add', ['var', 'eps'], 've');
    g.node('Sqrt', ['ve'], 'sd');
    g.node('Div', ['d', 'sd'], 'nrm');
    g.node('Mul', ['nrm', 'ln_g'], 'nrm_g');
    g.node('Add', ['nrm_g', 'ln_b'], 'ln');
    // single-head attention
    for (const p of ['q', 'k', 'v']) {
      g.const(`W${p}`, [D, D]);
      g.const(`b${p}`, [D]);
      g.node('MatMul', ['ln', `W${p}`], `${p}0`);
      g.node('Add', [`${p}0`, `b${p}`], p);
    }
    g.node('Transpose', ['k'], 'kt', { perm: [1, 0] });
    g.node('MatMul', ['q', 'kt'], 'att0');
    g.const('scale', [], [1 / Math.sqrt(D)]);
    g.node('Mul', ['att0', 'scale'], 'att1');
    g.const(
      'mask',
      [T, T],
      Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)),
    );
    g.node('Add', ['att1', 'mask'], 'att2');
    g.node('Softmax', ['att2'], 'att', { axis: -1 });
    g.node('MatMul', ['att', 'v'], 'ctx');
    g.node('Add', ['h0', 'ctx'], 'h1');
    // MLP with Erf-GELU
    g.const('W1', [D, 2 * D]);
    g.const('W2', [2 * D, D]);
    g.const('sqrt2', [], [Math.SQRT2]);
    g.const('one', [], [1]);
    g.const('half', [], [0.5]);
    g.node('MatMul', ['h1', 'W1'], 'u');
    g.node('Div', ['u', 'sqrt2'], 'us');
    g.node('Erf', ['us'], 'ue');
    g.node('Add', ['ue', 'one'], 'ua');
    g.node('Mul', ['u', 'ua'], 'um');
    g.node('Mul', ['um', 'half'], 'gelu');
    g.node('MatMul', ['gelu', 'W2'], 'mlp');
    g.node('Add', ['h1', 'mlp'], 'out');
    g.output('out', [T, D]);
    const feeds = { ids: { data: Float32Array.from([3, 1, 4, 1]), shape: [T] } };
    const r = await roundTrip(g.build(), feeds);
    expect(opsOf(r.graph)).toEqual([
      'Gather',
      'Add',
      'LayerNormalization',
      'Gemm',
      'Gemm',
      'Gemm',
      'Transpose',
      'MatMul',
      'Mul',
      'Add',
      'Softmax',
      'MatMul',
      'Add',
      'MatMul',
      'Gelu',
      'MatMul',
      'Add',
    ]);
    expect(r.maxDiff).toBeLessThan(1e-5);
    // batch option does not apply to fully static inputs; re-import is stable (idempotent)
    const again = readOnnx(writeOnnx(r.graph));
    expect(opsOf(again)).toEqual(opsOf(r.graph));
  });
});
