/**
 * Range checks (prove/ranges.ts): real-prefix detection, aligned pieces, the direct-or-limbs choice
 * per width, and, on a batch large enough for the planner to look wide ranges up directly (one
 * lookup per element in a 2^bits table with shift −lo), that a remainder outside its range is
 * rejected by that table's logUp even when the cheating prover recomputes the multiplicities.
 */
import { describe, expect, it } from 'vitest';
import { P, computeLogupMultiplicities, fillLogup, vectorWire } from '@vouch/core';
import { alignedPieces, chooseDirectWidths, realPrefix } from '../../src/prove/ranges.ts';
import type { TensorRef } from '../../src/prove/types.ts';
import { check, labels, prepare } from './harness.ts';
import { makeMlp, randomInputs } from './mlp.ts';

const tensor = (dims: number[], padded: number[]): TensorRef => {
  const n = padded.reduce((a, b) => a * b, 1);
  return { label: 't', dims, padded, bits: padded.map((p) => Math.log2(p)), ref: { label: 't', length: n, paddedLength: n, logLength: Math.log2(n), row: 0, col: 0, rowCount: Math.max(1, n / 64) } };
};

describe('range planning', () => {
  it('real entries form a prefix only when every dim before the padded one has size 1 and none after is padded', () => {
    expect(realPrefix(tensor([534, 32], [1024, 32]))).toBe(534 * 32);
    expect(realPrefix(tensor([1, 56], [1, 64]))).toBe(56);
    expect(realPrefix(tensor([4, 8], [4, 8]))).toBe(32);
    expect(realPrefix(tensor([2, 3], [2, 4]))).toBeUndefined();
    expect(realPrefix(tensor([1, 6, 28, 28], [1, 8, 32, 32]))).toBeUndefined();
  });
  it('splits a run into aligned power-of-two pieces', () => {
    const base = tensor([1024], [1024]).ref;
    const sizes = (a: number, b: number) => alignedPieces(base, a, b, 64, 'x').map((p) => [p.paddedLength, p.row * 64 + p.col - (base.row * 64 + base.col)]);
    expect(sizes(0, 17088 % 1024)).toEqual([[512, 0], [128, 512], [64, 640]]);
    expect(sizes(96, 256)).toEqual([[32, 96], [128, 128]]);
    for (const [a, b] of [[0, 1000], [3, 777], [512, 1024]]) {
      const ps = alignedPieces(base, a, b, 64, 'x');
      expect(ps.reduce((s, p) => s + p.paddedLength, 0)).toBe(b - a);
      for (const p of ps) expect((p.row * 64 + p.col) % p.paddedLength).toBe(0);
    }
  });
  it('looks wide ranges up directly only when there are enough of them', () => {
    const req = (n: number, bits: number, lo = 0) => ({ tensor: tensor([n, 32], [2 ** Math.ceil(Math.log2(n)), 32]), lo, bits, label: 'r', prefix: n * 32 });
    expect([...chooseDirectWidths([req(1, 16), req(1, 13)])]).toEqual([]);
    expect([...chooseDirectWidths([req(4096, 16, -32768), req(4096, 16), req(4096, 13)])].sort()).toEqual([13, 16]);
  });
});

describe('range checks on a large batch (direct wide tables)', () => {
  const { graph, params } = makeMlp([15, 32, 16, 2], 3);
  const inputs = randomInputs(15, 300, 4);
  it('plans direct 13-, 14- and 16-bit tables, and an honest witness passes', () => {
    const prep = prepare(graph, params, inputs, 'open');
    expect(prep.plan.ranges.logupPlans().map((p) => p.label)).toEqual(['range[13@0]', 'range[14@0]', 'range[16@0]', 'range[7@0]']);
    expect(labels(check(prep, inputs))).toEqual([]);
  });
  it('a remainder outside its range is rejected by the direct table even with recomputed multiplicities', () => {
    const prep = prepare(graph, params, inputs, 'open');
    // r1 + 2^13 and c − 1 keep requant.low true (c also enters requant.high) but r1 leaves [0, 2^13)
    const node = prep.plan.ops.find((o) => o.node.name === 'fc1.requant')!;
    const t = (node as unknown as { t: Record<string, { ref: Parameters<typeof vectorWire>[1] }> }).t;
    const w = prep.witness;
    const at = (k: string) => vectorWire(prep.plan.layout, t[k].ref, 40);
    w[at('r1')] = (w[at('r1')] + 8192) % P;
    w[at('c')] = (w[at('c')] + P - 1) % P;
    for (const p of prep.plan.ranges.logupPlans()) fillLogup(p, prep.plan.layout, w, computeLogupMultiplicities(p, prep.plan.layout, w).mult);
    const f = labels(check(prep, inputs));
    expect(f).toContain('range[13@0].root');
    expect(f).not.toContain('fc1.requant/requant.low');
    expect(f.filter((l) => l.startsWith('range['))).toEqual(['range[13@0].root']);
  });
});
