import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hasNodeSha256,
  hashPair,
  setSha256Backend,
  sha256,
  sha256Backend,
  sha256Concat,
  sha256Into,
  sha256PrefixedBatch,
  sha256Fast,
  SHORT_HASH_MAX,
  withSha256Backend,
  type Sha256BackendName,
} from '../../src/hash/sha256.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// FIPS 180-4 / NIST CAVP example vectors.
const VECTORS: [Uint8Array, string][] = [
  [new Uint8Array(0), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  [utf8('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

const BACKENDS: Sha256BackendName[] = hasNodeSha256() ? ['node', 'noble'] : ['noble'];

describe('sha256', () => {
  it('runs on node:crypto under Node', () => {
    expect(hasNodeSha256()).toBe(true);
    expect(sha256Backend()).toBe('node');
  });

  for (const b of BACKENDS) {
    it(`matches the FIPS 180-4 vectors (${b} backend)`, () => {
      withSha256Backend(b, () => {
        for (const [msg, want] of VECTORS) expect(hex(sha256(msg))).toBe(want);
      });
    });
  }

  it('node and noble backends agree on random inputs of every length 0..300', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (m) => {
        const a = withSha256Backend('node', () => sha256(m));
        const b = withSha256Backend('noble', () => sha256(m));
        expect(hex(a)).toBe(hex(b));
      }),
      { numRuns: 300 },
    );
  });

  for (const b of BACKENDS) {
    it(`returns a fresh plain Uint8Array, not a pooled Buffer (${b} backend)`, () => {
      const d = withSha256Backend(b, () => sha256(utf8('abc')));
      expect(Object.getPrototypeOf(d)).toBe(Uint8Array.prototype);
      expect(d.byteOffset).toBe(0);
      expect(d.buffer.byteLength).toBe(32);
    });
  }

  it('sha256Fast equals sha256 on every length around the kernel/backend switch, on both backends', () => {
    for (const b of BACKENDS) {
      withSha256Backend(b, () => {
        for (let n = 0; n <= SHORT_HASH_MAX + 70; n++) {
          const m = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
          expect(hex(sha256Fast(m)), `length ${n}`).toBe(hex(sha256(m)));
        }
      });
    }
  });

  it('withSha256Backend restores the previous backend, even on throw', () => {
    expect(() =>
      withSha256Backend('noble', () => {
        expect(sha256Backend()).toBe('noble');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(sha256Backend()).toBe('node');
    expect(() => setSha256Backend('md5' as Sha256BackendName)).toThrow(RangeError);
  });

  it('hashPair is SHA-256 of the concatenation and checks sizes', () => {
    const l = sha256(utf8('l'));
    const r = sha256(utf8('r'));
    expect(hex(hashPair(l, r))).toBe(hex(sha256Concat(l, r)));
    expect(hex(hashPair(l, r))).not.toBe(hex(hashPair(r, l)));
    expect(() => hashPair(l, new Uint8Array(31))).toThrow(RangeError);
  });

  it('sha256Into writes at the offset and rejects a short buffer', () => {
    const out = new Uint8Array(70);
    sha256Into(utf8('abc'), out, 5);
    expect(hex(out.subarray(5, 37))).toBe(VECTORS[1][1]);
    expect(out[4]).toBe(0);
    expect(() => sha256Into(utf8('abc'), out, 40)).toThrow(RangeError);
  });

  for (const b of BACKENDS) {
    it(`sha256PrefixedBatch equals per-record hashing (${b} backend)`, () => {
      withSha256Backend(b, () => {
        fc.assert(
          fc.property(
            fc.integer({ min: -1, max: 255 }),
            fc.integer({ min: 0, max: 70 }),
            fc.integer({ min: 0, max: 9 }),
            (tag, rec, count) => {
              const input = new Uint8Array(rec * count + 3).map((_, i) => (i * 31 + tag) & 0xff);
              const out = new Uint8Array(32 * count + 8);
              sha256PrefixedBatch(tag, input, rec, count, out, 8);
              for (let i = 0; i < count; i++) {
                const item = input.subarray(i * rec, (i + 1) * rec);
                const want = tag < 0 ? sha256(item) : sha256Concat(Uint8Array.of(tag), item);
                expect(hex(out.subarray(8 + 32 * i, 40 + 32 * i))).toBe(hex(want));
              }
            },
          ),
          { numRuns: 60 },
        );
      });
    });
  }

  it('sha256PrefixedBatch validates its parameters', () => {
    const out = new Uint8Array(64);
    expect(() => sha256PrefixedBatch(256, new Uint8Array(64), 32, 2, out)).toThrow(RangeError);
    expect(() => sha256PrefixedBatch(1, new Uint8Array(63), 32, 2, out)).toThrow(RangeError);
    expect(() => sha256PrefixedBatch(1, new Uint8Array(96), 32, 3, out)).toThrow(RangeError);
  });
});
