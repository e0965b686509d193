/**
 * Softmax prover (masked, integer): honest instances accepted; each committed quantity tampered and
 * rejected by the check that guards it.
 */
import { describe, expect, it } from 'vitest';
import { check, failed, getEntry, harness, internal, setEntry } from './harness.ts';
import { IntGraphBuilder, ints, rng } from './graphs.ts';
import { toSigned } from '@vouch/core';

function expTable(scale: number): Int32Array {
  return Int32Array.from({ length: 256 }, (_, k) => Math.floor(2 ** 15 * Math.exp((k - 255) * scale) + 0.5));
}

function smGraph(R: number, N: number, causal: boolean, scale = 0.05) {
  const b = new IntGraphBuilder();
  const x = b.input('x', [R, N]);
  const params: Record<string, string> = { exp: b.param('sm.exp', [256], 'int32', expTable(scale), 'public') };
  if (causal) {
    const mask = new Int8Array(R * N);
    for (let i = 0; i < R; i++) for (let j = i + 1; j < N; j++) mask[i * N + j] = 1;
    params.mask = b.param('sm.mask', [R * N], 'int8', mask, 'public');
  }
  const y = b.node('sm', 'Softmax', [x], [R, N], 'int16', {}, params);
  const z = b.node('tr', 'Transpose', [y], [N, R], 'int16', { perm: [1, 0] });
  return b.build([z]);
}

describe('Softmax', () => {
  it('accepts causal 8×8 rows (batch 2) and unmasked 3×5 rows with padding (batch 3)', () => {
    const r = rng(1);
    const a = smGraph(8, 8, true);
    expect(check(harness(a.graph, a.params, [ints(r, 64, -128, 127), ints(r, 64, -128, 127)]))).toEqual([]);
    const c = smGraph(3, 5, false, 0.02);
    expect(check(harness(c.graph, c.params, [ints(r, 15, -128, 127), ints(r, 15, -20, 20), ints(r, 15, 100, 127)]))).toEqual([]);
  });

  const base = () => {
    const r = rng(2);
    const g = smGraph(4, 4, true);
    return { ...g, x: [ints(r, 16, -128, 127)] };
  };
  const run = (tamper: Parameters<typeof harness>[3] extends infer O ? (O extends { tamper?: infer T } ? T : never) : never) => {
    const { graph, params, x } = base();
    return failed(harness(graph, params, x, { tamper }));
  };

  it('rejects a wrong output probability (softmax.div)', () => {
    // a consistent cheat: y and y⊙Sb both changed (the triple holds), the division identity does not
    const f = run((h) => {
      const y = h.g.tensors.get('sm_out')!;
      const v = toSigned(getEntry(h, y, 4)) + 1;
      setEntry(h, y, 4, v);
      setEntry(h, internal(h, 'sm', 'ySb'), 4, v * toSigned(getEntry(h, internal(h, 'sm', 'Sb'), 4)));
    });
    expect(f).toEqual(['sm/softmax.div', 'tr/transpose.permute']);
  });

  it('rejects a masked entry given a kept key (softmax.shift)', () => {
    // index 1 (row 0, column 1) is masked: its key must be 256, a key of 0 would admit a selector
    const f = run((h) => setEntry(h, internal(h, 'sm', 'K'), 1, 0));
    expect(f).toContain('sm/softmax.shift');
    // a changed key on a kept entry, with its exp value kept consistent with the table
    const g = run((h) => {
      const K = internal(h, 'sm', 'K');
      setEntry(h, K, 4, toSigned(getEntry(h, K, 4)) + 1);
    });
    expect(g).toContain('sm/softmax.shift');
  });

  it('rejects a wrong row maximum (softmax.shift)', () => {
    const f = run((h) => setEntry(h, internal(h, 'sm', 'm'), 2, 127));
    expect(f).toContain('sm/softmax.shift');
  });

  it('rejects a selector on a non-maximal entry (softmax.argmax) and a missing selector (softmax.select)', () => {
    // row 3 has four kept entries; move its selector to an entry whose key is not 0
    const f1 = run((h) => {
      const sel = internal(h, 'sm', 'sel');
      const K = internal(h, 'sm', 'K');
      for (let i = 12; i < 16; i++) setEntry(h, sel, i, 0);
      const j = [12, 13, 14, 15].find((i) => getEntry(h, K, i) !== 0)!;
      setEntry(h, sel, j, 1);
      setEntry(h, internal(h, 'sm', 'selK'), j, toSigned(getEntry(h, K, j))); // keep the triple consistent
    });
    expect(f1).toEqual(['sm/softmax.argmax']);
    const f2 = run((h) => {
      const sel = internal(h, 'sm', 'sel');
      for (let i = 12; i < 16; i++) setEntry(h, sel, i, 0);
    });
    expect(f2).toEqual(['sm/softmax.select']);
  });

  it('rejects a wrong exp value (lookup), a non-zero exp on a masked entry (lookup) and a wrong row sum (softmax.sum)', () => {
    const f = run((h) => setEntry(h, internal(h, 'sm', 'e'), 0, 5));
    expect(f.some((l) => l.startsWith('sm/softmax.exp'))).toBe(true);
    // index 1 is masked (key 256): only e = 0 is in the table
    const g = run((h) => setEntry(h, internal(h, 'sm', 'e'), 1, 5));
    expect(g.some((l) => l.startsWith('sm/softmax.exp'))).toBe(true);
    const f2 = run((h) => setEntry(h, internal(h, 'sm', 'Sb'), 0, 5));
    expect(f2).toContain('sm/softmax.sum');
  });

  it('rejects a remainder limb out of balance (softmax.div, softmax.rem-bound)', () => {
    const f = run((h) => setEntry(h, internal(h, 'sm', 'rho0'), 0, (toSigned(getEntry(h, internal(h, 'sm', 'rho0'), 0)) + 1) % 256));
    expect(f).toContain('sm/softmax.div');
    expect(f).toContain('sm/softmax.rem-bound');
  });

  it('refuses a fully masked row at planning', () => {
    const b = new IntGraphBuilder();
    const x = b.input('x', [2, 2]);
    const mask = b.param('m', [4], 'int8', [1, 1, 0, 0], 'public');
    const y = b.node('sm', 'Softmax', [x], [2, 2], 'int16', {}, { exp: b.param('e', [256], 'int32', expTable(0.05), 'public'), mask });
    const { graph, params } = b.build([y]);
    expect(() => harness(graph, params, [new Int32Array(4)])).toThrow(/unmasked entry/);
  });
});
