/**
 * LayerNorm prover over rows whose length N is not a power of two (padded to 2^nb in the layout):
 * honest rows accepted in both modes for several N and row widths (every row-mask.ts layout case),
 * executor and prover agree on random inputs (the fill refuses any output that differs from the
 * executor's, the verifier's constraints then hold), x's padding is never read, and every check that
 * the padding brings in (masked mean and centring, the remainder bounds) rejects its tamper.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toSigned } from '@vouch/core';
import { check, failed, getEntry, harness, internal, setEntry, type Harness } from './harness.ts';
import { IntGraphBuilder, ints, rng } from './graphs.ts';

function rsqrt(scale: number): Int32Array {
  const e = 1e-5 / (scale * scale);
  return Int32Array.from({ length: 65026 }, (_, v) => Math.min(65535, Math.floor(2 ** 16 / Math.sqrt(v + e) + 0.5)));
}

/** x [R, N] int8 → LayerNorm → y [R, N] int32 (the graph output). */
function lnGraph(R: number, N: number, seed = 1) {
  const r = rng(seed);
  const b = new IntGraphBuilder();
  const x = b.input('x', [R, N]);
  const y = b.node('ln', 'LayerNorm', [x], [R, N], 'int32', {}, {
    rsqrt: b.param('ln.rsqrt', [65026], 'int32', rsqrt(0.05), 'public'),
    gamma: b.param('ln.gamma', [N], 'int8', ints(r, N, -127, 127), 'private'),
    beta: b.param('ln.beta', [N], 'int32', ints(r, N, -5000, 5000), 'private'),
  });
  return b.build([y]);
}

const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(n));
const v = (h: Harness, k: string, i: number) => toSigned(getEntry(h, internal(h, 'ln', k), i));

describe('LayerNorm, rows of any length', () => {
  // [N, rows, row width]: sub-row vectors, last dim within a row, last dim over several rows (whole
  // and partial last block), and the GPT-2 row length 768 = 12·64
  const honest: [number, number, number][] = [
    [3, 2, 64],
    [5, 3, 64],
    [12, 3, 16],
    [48, 3, 64],
    [48, 2, 16],
    [40, 3, 16],
    [96, 2, 64],
    [768, 2, 64],
  ];
  for (const [N, R, rowWidth] of honest) {
    it(`accepts honest rows, N = ${N}, ${R} rows, row width ${rowWidth}, open and private, batch 2`, () => {
      const r = rng(N);
      const { graph, params } = lnGraph(R, N);
      const s = [ints(r, R * N, -128, 127), ints(r, R * N, -4, 4)];
      expect(check(harness(graph, params, s, { rowWidth }))).toEqual([]);
      expect(check(harness(graph, params, s, { rowWidth, mode: 'private' }))).toEqual([]);
    });
  }

  it('agrees with the executor on random rows (property: any N in [2, 200], any spread, clamping included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.integer(), (N, R, spread, seed) => {
        const r = rng(seed);
        const lo = Math.max(-128, Math.floor(r() * 256) - 128 - spread);
        const hi = Math.min(127, lo + spread);
        const x = ints(r, R * N, lo, hi);
        if (N > 1) x[Math.floor(r() * x.length)] = r() < 0.5 ? -128 : 127; // an outlier drives |q| past 127
        const { graph, params } = lnGraph(R, N, seed);
        expect(check(harness(graph, params, [x], { rowWidth: r() < 0.5 ? 16 : 64 }))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  const N = 5;
  const Np = pow2(N);
  const make = (tamper: (h: Harness) => void, R: number, seed: number) => {
    const r = rng(seed);
    const { graph, params } = lnGraph(R, N);
    return harness(graph, params, [ints(r, R * N, -128, 127)], { tamper });
  };
  const run = (tamper: (h: Harness) => void, R = 2, seed = 3) => failed(make(tamper, R, seed));
  /** The first seed whose one-row instance satisfies `ok` (honest witness). */
  const seedWhere = (ok: (h: Harness) => boolean) => [...Array(100).keys()].find((s) => ok(make(() => {}, 1, s)));

  it('reads no padding entry of x (any values there are accepted)', () => {
    const f = run((h) => {
      const x = h.g.tensors.get('x')!;
      for (let row = 0; row < 2; row++) for (let i = N; i < Np; i++) setEntry(h, x, row * Np + i, 100 + i);
    });
    expect(f).toEqual([]);
  });

  it('rejects a wrong mean (layernorm.mean) and an uncentred d (layernorm.center)', () => {
    expect(run((h) => setEntry(h, internal(h, 'ln', 'm'), 0, v(h, 'm', 0) + 1))).toContain('ln/layernorm.mean');
    expect(run((h) => setEntry(h, internal(h, 'ln', 'd'), 3, v(h, 'd', 3) + 1))).toContain('ln/layernorm.center');
  });

  it('rejects a non-zero padding entry of d (layernorm.center), even with d⊙d consistent', () => {
    const f = run((h) => {
      setEntry(h, internal(h, 'ln', 'd'), N, 1);
      setEntry(h, internal(h, 'ln', 'd2'), N, 1);
      setEntry(h, internal(h, 'ln', 'drb'), N, v(h, 'rb', N));
    });
    expect(f).toContain('ln/layernorm.center');
  });

  it('rejects a variance that counts padding (layernorm.var), and a wrong variance', () => {
    // d⊙d = 1 at a padding entry with d = 0 there breaks only the triple and var
    const f = run((h) => setEntry(h, internal(h, 'ln', 'd2'), N, 1));
    expect(f).toContain('ln/layernorm.var');
    expect(f).not.toContain('ln/layernorm.center');
    expect(run((h) => setEntry(h, internal(h, 'ln', 'rv'), 1, v(h, 'rv', 1) + 1))).toContain('ln/layernorm.var');
  });

  it('rejects a mean floored one too low with ρm ≥ N (layernorm.mean-bound; no range witness when um follows)', () => {
    // rows where ρm + N < 2^nb: m − 1 with ρm + N satisfies mean and the 2^nb range of ρm
    const seed = seedWhere((h) => v(h, 'rm', 0) + N < Np)!;
    expect(seed).toBeDefined();
    const lower = (h: Harness) => {
      setEntry(h, internal(h, 'ln', 'm'), 0, v(h, 'm', 0) - 1);
      setEntry(h, internal(h, 'ln', 'rm'), 0, v(h, 'rm', 0) + N);
    };
    const f = run(lower, 1, seed);
    expect(f).toContain('ln/layernorm.mean-bound');
    expect(f).not.toContain('ln/layernorm.mean');
    // um = N − 1 − ρm < 0 then has no limbs in the range table: the range logUp cannot be filled
    const follow = (h: Harness) => {
      lower(h);
      setEntry(h, internal(h, 'ln', 'um'), 0, N - 1 - v(h, 'rm', 0));
    };
    expect(() => make(follow, 1, seed)).toThrow(/fillLogup\(range.*expected every value in the table/);
  });

  it('rejects a variance floored one too low with ρv ≥ N (layernorm.var-bound)', () => {
    const seed = seedWhere((h) => v(h, 'rv', 0) + N < Np && v(h, 'v', 0) > 0)!;
    expect(seed).toBeDefined();
    const f = run((h) => {
      setEntry(h, internal(h, 'ln', 'v'), 0, v(h, 'v', 0) - 1);
      setEntry(h, internal(h, 'ln', 'rv'), 0, v(h, 'rv', 0) + N);
    }, 1, seed);
    expect(f).toContain('ln/layernorm.var-bound');
    expect(f).not.toContain('ln/layernorm.var');
  });

  it('rejects a broken broadcast, rounding and output on a padded row length', () => {
    const g = run((h) => {
      setEntry(h, internal(h, 'ln', 'gb'), 2, v(h, 'gb', 2) + 1);
      setEntry(h, internal(h, 'ln', 'zg'), 2, v(h, 'z', 2) * v(h, 'gb', 2));
    });
    expect(g).toContain('ln/layernorm.gamma');
    expect(run((h) => setEntry(h, internal(h, 'ln', 'q'), Np + 1, v(h, 'q', Np + 1) + 1))).toContain('ln/layernorm.round');
    expect(run((h) => setEntry(h, h.g.tensors.get('ln_out')!, Np + 2, 7))).toContain('ln/layernorm.affine');
    // a padding entry of the output must stay 0 too
    expect(run((h) => setEntry(h, h.g.tensors.get('ln_out')!, N, 7))).toContain('ln/layernorm.affine');
  });
});
