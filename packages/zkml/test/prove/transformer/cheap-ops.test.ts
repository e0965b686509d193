/**
 * Lookup, Transpose and Concat provers: honest instances accepted (direct check of every constraint
 * and triple), and each check broken by tampering with exactly the value it guards.
 */
import { describe, expect, it } from 'vitest';
import { check, failed, harness, setEntry, type Harness } from './harness.ts';
import type { IntGraph, IntParams } from '../../../src/int/graph.ts';
import { IntGraphBuilder, geluTable, ints, rng } from './graphs.ts';

function lookupGraph(shape: number[]) {
  const b = new IntGraphBuilder();
  const x = b.input('x', shape);
  const t = b.param('gelu.table', [256], 'int32', geluTable(), 'public');
  const h = b.node('gelu', 'Lookup', [x], shape, 'int8', { lo: -128 }, { table: t });
  // a Transpose after it so the lookup output is not the graph output
  const y = b.node('tr', 'Transpose', [h], [...shape].reverse(), 'int8', { perm: shape.map((_, i) => shape.length - 1 - i) });
  return b.build([y]);
}

describe('Lookup (fixed public table)', () => {
  it('accepts an honest GELU lookup, padded shapes and a batch of 3', () => {
    const r = rng(1);
    const { graph, params } = lookupGraph([5, 12]);
    const h = harness(graph, params, [ints(r, 60, -128, 127), ints(r, 60, -128, 127), ints(r, 60, -128, 127)]);
    expect(check(h)).toEqual([]);
  });

  it('rejects an output entry changed to a value outside the table pair (lookup leaf)', () => {
    const r = rng(2);
    const { graph, params } = lookupGraph([4, 8]);
    const h = harness(graph, params, [ints(r, 32, -128, 127)], {
      tamper: (hh) => setEntry(hh, hh.g.tensors.get('gelu_out')!, 3, 99),
    });
    const f = failed(h);
    expect(f.some((l) => l.startsWith('gelu/lookup'))).toBe(true);
    // the changed output also feeds the Transpose; nothing else fails
    expect(f.every((l) => l.startsWith('gelu/lookup') || l === 'tr/transpose.permute')).toBe(true);
  });

  it('rejects an input outside the domain even with the same output', () => {
    const r = rng(3);
    const { graph, params } = lookupGraph([4, 8]);
    const h = harness(graph, params, [ints(r, 32, -128, 127)], {
      tamper: (hh) => setEntry(hh, hh.g.tensors.get('x')!, 0, 300),
    });
    const f = failed(h);
    expect(f.filter((l) => !l.startsWith('tr/')).every((l) => l.startsWith('gelu/lookup'))).toBe(true);
    expect(f.some((l) => l.startsWith('gelu/lookup'))).toBe(true);
  });

  it('refuses a private table at planning', () => {
    const b = new IntGraphBuilder();
    const x = b.input('x', [4]);
    const t = b.param('t', [256], 'int32', geluTable(), 'private');
    const y = b.node('lk', 'Lookup', [x], [4], 'int8', { lo: -128 }, { table: t });
    const { graph, params } = b.build([y]);
    expect(() => harness(graph, params, [Int32Array.of(1, 2, 3, 4)], { mode: 'private' })).toThrow(/public lookup table/);
  });
});

describe('Transpose', () => {
  it('accepts an honest 3-d permutation with padding, batch 2', () => {
    const r = rng(4);
    const b = new IntGraphBuilder();
    const x = b.input('x', [3, 5, 6]);
    const y = b.node('tr', 'Transpose', [x], [6, 3, 5], 'int8', { perm: [2, 0, 1] });
    const { graph, params } = b.build([y]);
    const h = harness(graph, params, [ints(r, 90, -128, 127), ints(r, 90, -128, 127)]);
    expect(check(h)).toEqual([]);
  });

  it('rejects a moved entry (transpose.permute)', () => {
    const r = rng(5);
    const b = new IntGraphBuilder();
    const x = b.input('x', [4, 8]);
    const y = b.node('tr', 'Transpose', [x], [8, 4], 'int8', { perm: [1, 0] });
    const { graph, params } = b.build([y]);
    const h = harness(graph, params, [ints(r, 32, -128, 127)], { tamper: (hh) => setEntry(hh, hh.g.tensors.get(y)!, 5, 77) });
    expect(failed(h)).toEqual(['tr/transpose.permute']);
  });
});

describe('Concat', () => {
  function concatGraph(widths: number[]) {
    const b = new IntGraphBuilder();
    const xs = widths.map((w, i) => b.node(`id${i}`, 'Transpose', [b.input(`x${i}`, [w, 3])], [3, w], 'int8', { perm: [1, 0] }));
    const total = widths.reduce((a, c) => a + c, 0);
    const y = b.node('cat', 'Concat', xs, [3, total], 'int8', { axis: 1 });
    return { b, y };
  }

  it('accepts an honest concat of four heads (B5 layout) and of 8+4+4, batch 3', () => {
    const r = rng(6);
    for (const widths of [[4, 4, 4, 4], [8, 4, 4], [2, 2, 4]]) {
      const { b, y } = concatGraph(widths);
      const { graph, params } = b.build([y]);
      const h = harnessMulti(graph, params, widths.map((w) => ints(r, 3 * w, -128, 127)));
      expect(check(h)).toEqual([]);
    }
  });

  it('rejects a wrong entry and a non-zero axis padding entry (concat.blocks)', () => {
    const r = rng(7);
    const { b, y } = concatGraph([4, 2]);
    const { graph, params } = b.build([y]);
    const ins = [ints(r, 12, -128, 127), ints(r, 6, -128, 127)];
    const h1 = harnessMulti(graph, params, ins, (hh) => setEntry(hh, hh.g.tensors.get(y)!, 1, 5));
    expect(failed(h1)).toEqual(['cat/concat.blocks']);
    // output row 0, axis position 7 (≥ 6 real): padding that must be 0
    const h2 = harnessMulti(graph, params, ins, (hh) => setEntry(hh, hh.g.tensors.get(y)!, 7, 1));
    expect(failed(h2)).toEqual(['cat/concat.blocks']);
  });

  it('refuses unaligned inputs at planning', () => {
    const { b, y } = concatGraph([2, 4]);
    const { graph, params } = b.build([y]);
    expect(() => harnessMulti(graph, params, [new Int32Array(6), new Int32Array(12)])).toThrow(/aligned offsets/);
  });
});

function harnessMulti(graph: IntGraph, params: IntParams, ins: Int32Array[], tamper?: (h: Harness) => void) {
  return harness(graph, params, [ins], tamper ? { tamper } : {});
}
