/**
 * MatMul of two committed activations: honest instances (batch, head dims, K not a power of two)
 * accepted; a wrong accumulator, each padded message and each opening rejected by exactly its check.
 */
import { describe, expect, it } from 'vitest';
import { directCheck } from '@vouch/core';
import { check, failed, harness, proveOps, setEntry, verifyOps, type Harness } from './harness.ts';
import { IntGraphBuilder, ints, rng } from './graphs.ts';

function mmGraph(aShape: number[], cShape: number[], outShape: number[], dtypeA: 'int8' | 'int16' = 'int8') {
  const b = new IntGraphBuilder();
  const a = b.input('a', aShape, dtypeA);
  const c = b.input('c', cShape);
  const y = b.node('mm', 'MatMul', [a, c], outShape, 'int32');
  return b.build([y]);
}

function sample(r: () => number, aShape: number[], cShape: number[], aHi = 127): Int32Array[] {
  const n = (s: number[]) => s.reduce((x, y) => x * y, 1);
  return [ints(r, n(aShape), aHi === 255 ? 0 : -128, aHi), ints(r, n(cShape), -128, 127)];
}

function tamperedMessage(h: Harness, mutate: (ops: Uint32Array[][]) => void): string[] {
  const p = proveOps(h);
  const ops = p.ops.map((o) => o.map((m) => m.slice()));
  mutate(ops);
  return directCheck(h.g.layout, h.witness, verifyOps(h, ops, p.lookups)).map((f) => f.label);
}

describe('MatMul (activation × activation)', () => {
  it('accepts Q·Kᵀ-shaped products, batch 3', () => {
    const r = rng(1);
    const { graph, params } = mmGraph([8, 4], [4, 8], [8, 8]);
    expect(check(harness(graph, params, [sample(r, [8, 4], [4, 8]), sample(r, [8, 4], [4, 8]), sample(r, [8, 4], [4, 8])]))).toEqual([]);
  });

  it('accepts a single sample, softmax-range left operand (int16 storage, [0, 255])', () => {
    const r = rng(2);
    const { graph, params } = mmGraph([8, 8], [8, 4], [8, 4], 'int16');
    expect(check(harness(graph, params, [sample(r, [8, 8], [8, 4], 255)]))).toEqual([]);
  });

  it('accepts head dims and K not a power of two, and ignores operand padding along k', () => {
    const r = rng(3);
    const { graph, params } = mmGraph([2, 3, 5], [2, 5, 6], [2, 3, 6]);
    const s = [sample(r, [2, 3, 5], [2, 5, 6]), sample(r, [2, 3, 5], [2, 5, 6])];
    expect(check(harness(graph, params, s))).toEqual([]);
    // garbage in a's padding column k = 5 (row 0) must not change the relation
    const h = harness(graph, params, s, { tamper: (hh) => setEntry(hh, hh.g.tensors.get('a')!, 5, 1000) });
    expect(check(h)).toEqual([]);
  });

  it('rejects a wrong accumulator entry (sumcheck round 0 against the claim)', () => {
    const r = rng(4);
    const { graph, params } = mmGraph([4, 4], [4, 4], [4, 4]);
    const h = harness(graph, params, [sample(r, [4, 4], [4, 4])], { tamper: (hh) => setEntry(hh, hh.g.tensors.get('mm_out')!, 6, 12345) });
    expect(failed(h)).toEqual(['mm/matmul.sumcheck round 0']);
  });

  it('rejects a wrong left operand entry (the product no longer matches acc)', () => {
    const r = rng(5);
    const { graph, params } = mmGraph([4, 4], [4, 4], [4, 4]);
    const h = harness(graph, params, [sample(r, [4, 4], [4, 4])], { tamper: (hh) => setEntry(hh, hh.g.tensors.get('a')!, 1, 99) });
    expect(failed(h)).toEqual(['mm/matmul.sumcheck round 0']);
  });

  it('rejects a changed a-value message (final product and a-opening)', () => {
    const r = rng(6);
    const { graph, params } = mmGraph([4, 4], [4, 4], [4, 4]);
    const h = harness(graph, params, [sample(r, [4, 4], [4, 4]), sample(r, [4, 4], [4, 4])]);
    const f = tamperedMessage(h, (ops) => {
      const last = ops[0][ops[0].length - 1];
      last[0] = (last[0] + 1) % 2013265921;
    });
    expect(f).toEqual(['mm/matmul.final', 'mm/matmul.a-opening']);
  });

  it('rejects a changed c-value message (final product and c-opening)', () => {
    const r = rng(7);
    const { graph, params } = mmGraph([4, 4], [4, 4], [4, 4]);
    const h = harness(graph, params, [sample(r, [4, 4], [4, 4])]);
    const f = tamperedMessage(h, (ops) => {
      const last = ops[0][ops[0].length - 1];
      last[4] = (last[4] + 1) % 2013265921;
    });
    expect(f).toEqual(['mm/matmul.final', 'mm/matmul.c-opening']);
  });

  it('rejects a changed round message', () => {
    const r = rng(8);
    const { graph, params } = mmGraph([4, 4], [4, 4], [4, 4]);
    const h = harness(graph, params, [sample(r, [4, 4], [4, 4])]);
    const f = tamperedMessage(h, (ops) => {
      ops[0][0][0] = (ops[0][0][0] + 1) % 2013265921;
    });
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((l) => l.startsWith('mm/matmul.'))).toBe(true);
  });

  it('refuses int16 × int16 operands whose sums could wrap (framework no-wrap analysis or the op)', () => {
    const b = new IntGraphBuilder();
    const a = b.input('a', [4, 64], 'int16');
    const c = b.node('tr', 'Transpose', [a], [64, 4], 'int16', { perm: [1, 0] });
    const y = b.node('mm', 'MatMul', [a, c], [4, 4], 'int32');
    const { graph, params } = b.build([y]);
    expect(() => harness(graph, params, [new Int32Array(256)])).toThrow(/K·max\|/);
  });
});
