/**
 * LayerNorm prover, power-of-two rows: honest rows (private γ, β; batch with padding rows) accepted;
 * each committed quantity tampered consistently and rejected by the check that guards it. Rows of
 * any length: layernorm-any-row.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toSigned } from '@vouch/core';
import { check, failed, getEntry, harness, internal, setEntry, type Harness } from './harness.ts';
import { IntGraphBuilder, ints, rng } from './graphs.ts';

function rsqrt(scale: number): Int32Array {
  const e = 1e-5 / (scale * scale);
  return Int32Array.from({ length: 65026 }, (_, v) => Math.min(65535, Math.floor(2 ** 16 / Math.sqrt(v + e) + 0.5)));
}

function lnGraph(R: number, N: number, seed = 1) {
  const r = rng(seed);
  const b = new IntGraphBuilder();
  const x = b.input('x', [R, N]);
  const y = b.node('ln', 'LayerNorm', [x], [R, N], 'int32', {}, {
    rsqrt: b.param('ln.rsqrt', [65026], 'int32', rsqrt(0.05), 'public'),
    gamma: b.param('ln.gamma', [N], 'int8', ints(r, N, -127, 127), 'private'),
    beta: b.param('ln.beta', [N], 'int32', ints(r, N, -5000, 5000), 'private'),
  });
  const z = b.node('tr', 'Transpose', [y], [N, R], 'int32', { perm: [1, 0] });
  return b.build([z]);
}

const v = (h: Harness, k: string, i: number) => toSigned(getEntry(h, internal(h, 'ln', k), i));

describe('LayerNorm', () => {
  it('accepts honest rows in open and private mode (batch 3: padding rows), including clamped z', () => {
    const r = rng(2);
    const { graph, params } = lnGraph(3, 8);
    // one nearly constant row with an outlier drives |q| past 127 (clamp both ways)
    const s = [Int32Array.from([...Array(8).fill(0), 120, 0, 0, 0, 0, 0, 0, -120, ...ints(r, 8, -128, 127)]), ints(r, 24, -128, 127), ints(r, 24, -3, 3)];
    expect(check(harness(graph, params, s))).toEqual([]);
    expect(check(harness(graph, params, s, { mode: 'private' }))).toEqual([]);
  });

  const run = (tamper: (h: Harness) => void) => {
    const r = rng(3);
    const { graph, params } = lnGraph(2, 8);
    return failed(harness(graph, params, [ints(r, 16, -128, 127)], { tamper }));
  };

  it('rejects a wrong mean (layernorm.mean) and an uncentred d (layernorm.center)', () => {
    expect(run((h) => setEntry(h, internal(h, 'ln', 'm'), 0, v(h, 'm', 0) + 1))).toContain('ln/layernorm.mean');
    expect(run((h) => setEntry(h, internal(h, 'ln', 'd'), 3, v(h, 'd', 3) + 1))).toContain('ln/layernorm.center');
  });

  it('rejects a wrong variance (layernorm.var) and a wrong table value (rsqrt lookup)', () => {
    expect(run((h) => setEntry(h, internal(h, 'ln', 'rv'), 1, v(h, 'rv', 1) + 1))).toContain('ln/layernorm.var');
    const f = run((h) => setEntry(h, internal(h, 'ln', 'r'), 1, v(h, 'r', 1) + 1));
    expect(f.some((l) => l.startsWith('ln/layernorm.rsqrt'))).toBe(true);
  });

  it('rejects a broken broadcast (layernorm.rsqrt-bcast, layernorm.gamma)', () => {
    const f = run((h) => {
      setEntry(h, internal(h, 'ln', 'rb'), 2, v(h, 'rb', 2) + 1);
      setEntry(h, internal(h, 'ln', 'drb'), 2, v(h, 'd', 2) * v(h, 'rb', 2));
    });
    expect(f).toContain('ln/layernorm.rsqrt-bcast');
    const g = run((h) => {
      setEntry(h, internal(h, 'ln', 'gb'), 2, v(h, 'gb', 2) + 1);
      setEntry(h, internal(h, 'ln', 'zg'), 2, v(h, 'z', 2) * v(h, 'gb', 2));
    });
    expect(g).toContain('ln/layernorm.gamma');
  });

  it('rejects a wrong rounding (layernorm.round), clamp split (layernorm.clamp) and output (layernorm.affine)', () => {
    expect(run((h) => setEntry(h, internal(h, 'ln', 'q'), 5, v(h, 'q', 5) + 1))).toContain('ln/layernorm.round');
    expect(run((h) => setEntry(h, internal(h, 'ln', 'a'), 5, v(h, 'a', 5) + 1))).toContain('ln/layernorm.clamp');
    expect(run((h) => setEntry(h, h.g.tensors.get('ln_out')!, 5, 7))).toContain('ln/layernorm.affine');
  });

  it('rejects a clamp that fires without saturating z (layernorm.clamp-hi / clamp-lo)', () => {
    // z = q − a + b with a = 1 added and z lowered by 1: the sum holds, a > 0 with z ≠ 127 does not
    const hi = run((h) => {
      const i = 4;
      const z = v(h, 'z', i) - 1;
      setEntry(h, internal(h, 'ln', 'a'), i, v(h, 'a', i) + 1);
      setEntry(h, internal(h, 'ln', 'z'), i, z);
      setEntry(h, internal(h, 'ln', 'az'), i, v(h, 'a', i) * z);
      setEntry(h, internal(h, 'ln', 'bz'), i, v(h, 'b', i) * z);
      setEntry(h, internal(h, 'ln', 'zg'), i, v(h, 'gb', i) * z);
    });
    expect(hi).toContain('ln/layernorm.clamp-hi');
    expect(hi).not.toContain('ln/layernorm.clamp');
    const lo = run((h) => {
      const i = 4;
      const z = v(h, 'z', i) + 1;
      setEntry(h, internal(h, 'ln', 'b'), i, v(h, 'b', i) + 1);
      setEntry(h, internal(h, 'ln', 'z'), i, z);
      setEntry(h, internal(h, 'ln', 'az'), i, v(h, 'a', i) * z);
      setEntry(h, internal(h, 'ln', 'bz'), i, v(h, 'b', i) * z);
      setEntry(h, internal(h, 'ln', 'zg'), i, v(h, 'gb', i) * z);
    });
    expect(lo).toContain('ln/layernorm.clamp-lo');
  });

  it('refuses rows longer than 2^14 (the variance identity would not stay below p)', () => {
    const { graph, params } = lnGraph(1, 2 ** 14 + 1);
    expect(() => harness(graph, params, [new Int32Array(2 ** 14 + 1)])).toThrow(/row length in \[2, 16384\]/);
  });
});
