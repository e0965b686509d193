import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { P } from '../../src/field/babybear.ts';
import { Sha256Transcript, type Transcript } from '../../src/transcript/transcript.ts';
import { withSha256Backend } from '../../src/hash/sha256.ts';
import { RefTranscript } from './reference.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The fixed absorb sequence of the frozen test vector (docs/parts/transcript-merkle.md). */
function vectorAbsorbs(t: Transcript): void {
  t.absorbBytes('statement', utf8('hello vouch'));
  t.absorbU32('n', 1234567);
  t.absorbBase('xs', [0, 1, P - 1]);
  t.absorbExt('e', Uint32Array.of(1, 2, 3, 4));
  t.absorbDigest(
    'root',
    new Uint8Array(32).map((_, i) => i),
  );
}

/** A fingerprint of the challenges that follow: ext, base, indices, exts. */
function challenges(t: Transcript): string {
  return JSON.stringify([
    [...t.challengeExt('alpha')],
    t.challengeBase('beta'),
    t.challengeIndices('queries', 1000, 8),
    [...t.challengeExts('gammas', 2)],
  ]);
}

describe('Sha256Transcript', () => {
  it('reproduces the frozen test vector', () => {
    const t = new Sha256Transcript('vouch/test-vector', 1);
    expect(hex(t.stateDigest())).toBe('dc5361db40f1122a2260c793a0bc38a26280a56fb87b33460ccfcc8e19ace964');
    vectorAbsorbs(t);
    expect(hex(t.stateDigest())).toBe('013972cf514e05a907bd2363c45b5288fc741471ba7ae0d5da14e705b0316906');
    expect([...t.challengeExt('alpha')]).toEqual([1889777288, 352367174, 588538233, 1422452634]);
    expect(t.challengeBase('beta')).toBe(1482790075);
    expect(t.challengeIndices('queries', 1000, 8)).toEqual([297, 628, 107, 496, 4, 239, 827, 87]);
    expect([...t.challengeExts('gammas', 2)]).toEqual([
      1304000167, 1034644063, 1208359754, 854638739, 188327400, 1561823149, 1928590683, 51062327,
    ]);
    expect(hex(t.stateDigest())).toBe('b362d4157dcafb9121ae57590e5e2e4ae784f878541862e547ff8105efc77eb9');
  });

  it('gives the same vector on the noble backend', () => {
    const a = withSha256Backend('noble', () => {
      const t = new Sha256Transcript('vouch/test-vector', 1);
      vectorAbsorbs(t);
      return challenges(t);
    });
    const t = new Sha256Transcript('vouch/test-vector', 1);
    vectorAbsorbs(t);
    expect(challenges(t)).toBe(a);
  });

  it('matches an independent from-the-spec implementation on random conversations', () => {
    const op = fc.oneof(
      fc.record({
        k: fc.constant('bytes' as const),
        label: fc.string({ maxLength: 6 }),
        v: fc.uint8Array({ maxLength: 40 }),
      }),
      fc.record({
        k: fc.constant('u32' as const),
        label: fc.string({ maxLength: 6 }),
        v: fc.integer({ min: 0, max: 0xffffffff }),
      }),
      fc.record({
        k: fc.constant('base' as const),
        label: fc.string({ maxLength: 6 }),
        v: fc.array(fc.integer({ min: 0, max: P - 1 }), { maxLength: 5 }),
      }),
      fc.record({
        k: fc.constant('ext' as const),
        label: fc.string({ maxLength: 6 }),
        v: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({
        k: fc.constant('cext' as const),
        label: fc.string({ maxLength: 6 }),
        v: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({ k: fc.constant('cbase' as const), label: fc.string({ maxLength: 6 }), v: fc.constant(0) }),
      fc.record({
        k: fc.constant('cidx' as const),
        label: fc.string({ maxLength: 6 }),
        v: fc.integer({ min: 1, max: 3000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(op, { maxLength: 12 }),
        (domain, version, ops) => {
          const t = new Sha256Transcript(domain, version);
          const r = new RefTranscript(domain, version);
          for (const o of ops) {
            switch (o.k) {
              case 'bytes':
                t.absorbBytes(o.label, o.v);
                r.absorb(1, o.label, [...o.v]);
                break;
              case 'u32':
                t.absorbU32(o.label, o.v);
                r.absorb(2, o.label, [o.v & 255, (o.v >>> 8) & 255, (o.v >>> 16) & 255, o.v >>> 24]);
                break;
              case 'base': {
                t.absorbBase(o.label, o.v);
                r.absorb(
                  3,
                  o.label,
                  o.v.flatMap((x) => [x & 255, (x >>> 8) & 255, (x >>> 16) & 255, x >>> 24]),
                );
                break;
              }
              case 'ext': {
                const e = Uint32Array.from({ length: 4 * o.v }, (_, i) => (i * 7919 * 104729) % P);
                t.absorbExt(o.label, e);
                r.absorb(
                  4,
                  o.label,
                  [...e].flatMap((x) => [x & 255, (x >>> 8) & 255, (x >>> 16) & 255, x >>> 24]),
                );
                break;
              }
              case 'cext':
                expect([...t.challengeExts(o.label, o.v)]).toEqual(r.challengeExts(o.label, o.v));
                break;
              case 'cbase':
                expect(t.challengeBase(o.label)).toBe(r.challengeBase(o.label));
                break;
              case 'cidx': {
                const count = Math.min(o.v, 1 + (o.v % 17));
                expect(t.challengeIndices(o.label, o.v, count)).toEqual(r.challengeIndices(o.label, o.v, count));
                break;
              }
            }
          }
          expect(hex(t.stateDigest())).toBe(hex(r.s));
        },
      ),
      { numRuns: 150 },
    );
  });

  describe('binds every absorbed field', () => {
    const base = (): Sha256Transcript => {
      const t = new Sha256Transcript('vouch/test', 1);
      t.absorbBytes('a', utf8('abc'));
      t.absorbBase('b', [5, 6]);
      return t;
    };
    const ref = challenges(base());
    const variants: [string, () => Sha256Transcript][] = [
      [
        'domain',
        () => {
          const t = new Sha256Transcript('vouch/test2', 1);
          t.absorbBytes('a', utf8('abc'));
          t.absorbBase('b', [5, 6]);
          return t;
        },
      ],
      [
        'version',
        () => {
          const t = new Sha256Transcript('vouch/test', 2);
          t.absorbBytes('a', utf8('abc'));
          t.absorbBase('b', [5, 6]);
          return t;
        },
      ],
      [
        'label',
        () => {
          const t = new Sha256Transcript('vouch/test', 1);
          t.absorbBytes('A', utf8('abc'));
          t.absorbBase('b', [5, 6]);
          return t;
        },
      ],
      [
        'data',
        () => {
          const t = new Sha256Transcript('vouch/test', 1);
          t.absorbBytes('a', utf8('abd'));
          t.absorbBase('b', [5, 6]);
          return t;
        },
      ],
      [
        'element',
        () => {
          const t = new Sha256Transcript('vouch/test', 1);
          t.absorbBytes('a', utf8('abc'));
          t.absorbBase('b', [5, 7]);
          return t;
        },
      ],
      [
        'order',
        () => {
          const t = new Sha256Transcript('vouch/test', 1);
          t.absorbBase('b', [5, 6]);
          t.absorbBytes('a', utf8('abc'));
          return t;
        },
      ],
      [
        'type tag',
        () => {
          const t = new Sha256Transcript('vouch/test', 1);
          t.absorbBytes('a', utf8('abc'));
          t.absorbBytes('b', Uint8Array.of(5, 0, 0, 0, 6, 0, 0, 0));
          return t;
        },
      ],
      [
        'label/data boundary',
        () => {
          const t = new Sha256Transcript('vouch/test', 1);
          t.absorbBytes('aa', utf8('bc'));
          t.absorbBase('b', [5, 6]);
          return t;
        },
      ],
      [
        'an extra absorb',
        () => {
          const t = base();
          t.absorbBytes('', new Uint8Array(0));
          return t;
        },
      ],
    ];
    for (const [what, make] of variants) {
      it(`changing the ${what} changes the challenges`, () => {
        expect(challenges(make())).not.toBe(ref);
      });
    }
  });

  it('ratchets: repeated identical challenge calls differ, and the challenge label and kind matter', () => {
    const t = new Sha256Transcript('vouch/test', 1);
    const a = t.challengeExt('r');
    const b = t.challengeExt('r');
    expect([...a]).not.toEqual([...b]);
    const u = new Sha256Transcript('vouch/test', 1);
    expect([...u.challengeExt('s')]).not.toEqual([...a]);
    const v = new Sha256Transcript('vouch/test', 1);
    expect(v.challengeBase('r')).not.toBe(a[0]);
    const w = new Sha256Transcript('vouch/test', 1);
    expect(w.challengeIndices('q', 1000, 3)).not.toEqual(
      new Sha256Transcript('vouch/test', 1).challengeIndices('q', 1001, 3),
    );
  });

  it('challenges bind earlier challenges (a later absorb sees the ratcheted state)', () => {
    const t1 = new Sha256Transcript('vouch/test', 1);
    t1.challengeExt('r');
    t1.absorbU32('x', 1);
    const t2 = new Sha256Transcript('vouch/test', 1);
    t2.absorbU32('x', 1);
    expect(hex(t1.stateDigest())).not.toBe(hex(t2.stateDigest()));
  });

  it('clone continues identically and independently', () => {
    const t = new Sha256Transcript('vouch/test', 1);
    vectorAbsorbs(t);
    const c = t.clone();
    expect(challenges(c)).toBe(challenges(t));
    c.absorbU32('x', 1);
    expect(hex(c.stateDigest())).not.toBe(hex(t.stateDigest()));
  });

  it('rejects non-canonical or ill-typed absorbs with RangeError/TypeError', () => {
    const t = new Sha256Transcript('vouch/test', 1);
    expect(() => t.absorbBase('x', [P])).toThrow(RangeError);
    expect(() => t.absorbBase('x', [-1])).toThrow(RangeError);
    expect(() => t.absorbBase('x', [1.5])).toThrow(RangeError);
    expect(() => t.absorbExt('x', new Uint32Array(3))).toThrow(RangeError);
    expect(() => t.absorbExt('x', Uint32Array.of(0, 0, P, 0))).toThrow(RangeError);
    expect(() => t.absorbDigest('x', new Uint8Array(31))).toThrow(RangeError);
    expect(() => t.absorbU32('x', 2 ** 32)).toThrow(RangeError);
    expect(() => t.absorbU32('x', -1)).toThrow(RangeError);
    expect(() => t.absorbBytes('x', [1, 2] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => new Sha256Transcript('d', -1)).toThrow(RangeError);
    expect(() => t.challengeIndices('q', 0, 0)).toThrow(RangeError);
    expect(() => t.challengeIndices('q', 10, 11)).toThrow(RangeError);
    expect(() => t.challengeIndices('q', 2 ** 31 + 1, 1)).toThrow(RangeError);
    expect(() => t.challengeExts('r', -1)).toThrow(RangeError);
  });

  it('challengeIndices: distinct, in range, for power-of-two and other domains', () => {
    const t = new Sha256Transcript('vouch/test', 1);
    for (const [d, c] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [7, 5],
      [1000, 300],
      [1024, 1024],
      [65537, 200],
      [2 ** 31, 50],
      [1610612736, 40],
    ]) {
      const ix = t.challengeIndices(`q${d}`, d, c);
      expect(ix.length).toBe(c);
      expect(new Set(ix).size).toBe(c);
      for (const x of ix) expect(Number.isInteger(x) && x >= 0 && x < d).toBe(true);
    }
    expect(t.challengeIndices('none', 5, 0)).toEqual([]);
  });

  it('field challenges are canonical', () => {
    const t = new Sha256Transcript('vouch/test', 1);
    const xs = t.challengeExts('r', 2000);
    expect(xs.length).toBe(8000);
    expect(xs.every((x) => x < P)).toBe(true);
  });
});

describe('statistical sanity (deterministic seeds; thresholds at p ≈ 1e-4)', () => {
  /** Chi-square statistic of counts against a uniform expectation. */
  const chi2 = (counts: number[], n: number): number => {
    const e = n / counts.length;
    return counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
  };

  it('indices over a non-power-of-two domain (d = 10) are uniform', () => {
    const t = new Sha256Transcript('vouch/stat', 1);
    const counts = new Array(10).fill(0);
    const n = 20000;
    for (let i = 0; i < n; i++) counts[t.challengeIndices('q', 10, 1)[0]]++;
    expect(chi2(counts, n)).toBeLessThan(33.7); // 9 dof, p = 1e-4
  });

  it('indices have no modular bias for d = 3·2^29 (a mod-reduction would give P(x < 2^30) = 3/4, not 2/3)', () => {
    const t = new Sha256Transcript('vouch/stat', 1);
    const d = 3 * 2 ** 29;
    const n = 6000;
    const xs = t.challengeIndices('q', d, n);
    const low = xs.filter((x) => x < 2 ** 30).length / n;
    expect(Math.abs(low - 2 / 3)).toBeLessThan(4 * Math.sqrt(2 / 9 / n));
  });

  it('base challenges are uniform over 16 buckets of [0, p) and over their low 4 bits', () => {
    const t = new Sha256Transcript('vouch/stat', 1);
    const n = 32000;
    const xs = t.challengeExts('r', n / 4);
    const hi = new Array(16).fill(0);
    const lo = new Array(16).fill(0);
    for (const x of xs) {
      hi[Math.floor((x / P) * 16)]++;
      lo[x & 15]++;
    }
    expect(chi2(hi, n)).toBeLessThan(44.3); // 15 dof, p = 1e-4
    expect(chi2(lo, n)).toBeLessThan(44.3);
  });

  it('samples without replacement uniformly: each position of a full permutation of 5 is uniform', () => {
    const t = new Sha256Transcript('vouch/stat', 1);
    const n = 5000;
    const first = new Array(5).fill(0);
    const last = new Array(5).fill(0);
    for (let i = 0; i < n; i++) {
      const p = t.challengeIndices('perm', 5, 5);
      first[p[0]]++;
      last[p[4]]++;
    }
    expect(chi2(first, n)).toBeLessThan(23.5); // 4 dof, p = 1e-4
    expect(chi2(last, n)).toBeLessThan(23.5);
  });
});
