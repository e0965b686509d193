/**
 * Aligned packing (prove/aligned-packing.ts): nodes with identical sub-row aligned allocations share
 * rows, each in its own column slot; the band's triples cover every member (a changed product in
 * the second member's slot breaks the shared row triple), and honest witnesses still pass.
 */
import { describe, expect, it } from 'vitest';
import { toSigned } from '@vouch/core';
import { AlignedPacker, packingKey } from '../../../src/prove/aligned-packing.ts';
import { check, failed, getEntry, harness, internal, setEntry, type Harness } from './harness.ts';
import { IntGraphBuilder, ints, rng } from './graphs.ts';

function rsqrt(scale: number): Int32Array {
  const e = 1e-5 / (scale * scale);
  return Int32Array.from({ length: 65026 }, (_, v) => Math.min(65535, Math.floor(2 ** 16 / Math.sqrt(v + e) + 0.5)));
}

/** Three LayerNorms of one shape [R, N] on the same input (identical aligned allocations). */
function threeLn(R: number, N: number) {
  const r = rng(5);
  const b = new IntGraphBuilder();
  const x = b.input('x', [R, N]);
  const outs = ['ln1', 'ln2', 'ln3'].map((name, k) =>
    b.node(name, 'LayerNorm', [x], [R, N], 'int32', {}, {
      rsqrt: b.param(`${name}.rsqrt`, [65026], 'int32', rsqrt(0.05 * (k + 1)), 'public'),
      gamma: b.param(`${name}.gamma`, [N], 'int8', ints(r, N, -127, 127), 'private'),
      beta: b.param(`${name}.beta`, [N], 'int32', ints(r, N, -5000, 5000), 'private'),
    }),
  );
  return b.build(outs);
}

const v = (h: Harness, node: string, k: string, i: number) => toSigned(getEntry(h, internal(h, node, k), i));

describe('aligned packing', () => {
  it('packs nodes of one signature into column slots of shared rows (row width 64, tensors of 16)', () => {
    const { graph, params } = threeLn(2, 8);
    const h = harness(graph, params, [ints(rng(1), 16, -128, 127)], { rowWidth: 64 });
    const d = ['ln1', 'ln2', 'ln3'].map((n) => internal(h, n, 'd').ref);
    expect(d.map((r) => r.row)).toEqual([d[0].row, d[0].row, d[0].row]);
    expect(d.map((r) => r.col)).toEqual([0, 16, 32]);
    // the same graph at a row width no larger than the tensors: no packing
    const wide = harness(graph, params, [ints(rng(1), 16, -128, 127)], { rowWidth: 16 });
    expect(new Set(['ln1', 'ln2', 'ln3'].map((n) => internal(wide, n, 'd').ref.row)).size).toBe(3);
  });

  it('accepts honest witnesses in open and private mode', () => {
    const { graph, params } = threeLn(2, 8);
    const x = [ints(rng(2), 16, -128, 127), ints(rng(3), 16, -128, 127)];
    expect(check(harness(graph, params, x, { rowWidth: 64 }))).toEqual([]);
    expect(check(harness(graph, params, x, { rowWidth: 64, mode: 'private' }))).toEqual([]);
  });

  it("a wrong product in a later member's slot breaks the band's row triple", () => {
    const { graph, params } = threeLn(2, 8);
    const f = failed(
      harness(graph, params, [ints(rng(4), 16, -128, 127)], {
        rowWidth: 64,
        tamper: (h) => setEntry(h, internal(h, 'ln3', 'd2'), 3, v(h, 'ln3', 'd', 3) ** 2 + 1),
      }),
    );
    const d = (h: Harness) => internal(h, 'ln3', 'd2').ref.row;
    const h0 = harness(graph, params, [ints(rng(4), 16, -128, 127)], { rowWidth: 64 });
    expect(f.some((l) => l.startsWith('triple ') && l.endsWith(`=${d(h0)}`))).toBe(true);
  });

  it('refuses to pack mixed sizes, tensors of a whole row, and triples on foreign tensors', () => {
    expect(packingKey({ sizes: [16, 16], triples: [[0, 0, 1]] }, 64)).toBe('16|2|0,0,1');
    expect(packingKey({ sizes: [16, 32], triples: [] }, 64)).toBeUndefined();
    expect(packingKey({ sizes: [64, 64], triples: [] }, 64)).toBeUndefined();
    expect(packingKey({ sizes: [16], triples: [undefined] }, 64)).toBeUndefined();
    expect(packingKey({ sizes: [], triples: [] }, 64)).toBeUndefined();
    const p = new AlignedPacker(64);
    const sig = { sizes: [16, 16], triples: [[0, 0, 1] as [number, number, number]] };
    // 4 slots per band: slots 0..3, then a new band
    expect([0, 1, 2, 3, 4].map(() => p.slotFor(sig)!.slot)).toEqual([0, 1, 2, 3, 0]);
    expect(p.slotFor({ sizes: [16, 32], triples: [] })).toBeUndefined();
  });
});
