import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256, sha256Concat, withSha256Backend } from '../../src/hash/sha256.ts';
import { sha256Js, sha256JsInto, sha256TaggedPairInto, sha256TaggedPairsJs } from '../../src/hash/sha256-kernel.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('plain-TS SHA-256 kernel', () => {
  it('matches the FIPS 180-4 vectors', () => {
    expect(hex(sha256Js(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256Js(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256Js(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha256Js(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('sha256JsInto matches the backend on long messages and writes only at its offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 100, maxLength: 1500 }), fc.nat(16), (m, o) => {
        const out = new Uint8Array(o + 40).fill(0xee);
        sha256JsInto(m, out, o);
        expect(hex(out.subarray(o, o + 32))).toBe(hex(sha256(m)));
        expect(out.subarray(0, o).every((x) => x === 0xee) && out.subarray(o + 32).every((x) => x === 0xee)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('matches the reference backends on random messages (all padding boundaries 0..200)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (m) => {
        expect(hex(sha256Js(m))).toBe(hex(sha256(m)));
        expect(hex(sha256Js(m))).toBe(hex(withSha256Backend('noble', () => sha256(m))));
      }),
      { numRuns: 300 },
    );
  });

  it('the specialised tagged-pair path equals SHA-256(tag ‖ 64 bytes) for random tags, data and offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.nat(40),
        fc.nat(40),
        (tag, d, so, oo) => {
          const src = new Uint8Array(so + 64);
          src.set(d, so);
          const out = new Uint8Array(oo + 32);
          sha256TaggedPairInto(tag, src, so, out, oo);
          expect(hex(out.subarray(oo))).toBe(hex(sha256Concat(Uint8Array.of(tag), d)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the batch form hashes every pair and checks its buffers', () => {
    const n = 37;
    const src = new Uint8Array(64 * n).map((_, i) => (i * 131 + 7) & 255);
    const out = new Uint8Array(32 * n + 32);
    sha256TaggedPairsJs(1, src, n, out, 32);
    for (let i = 0; i < n; i++) {
      expect(hex(out.subarray(32 + 32 * i, 64 + 32 * i))).toBe(
        hex(sha256Concat(Uint8Array.of(1), src.subarray(64 * i, 64 * i + 64))),
      );
    }
    expect(() => sha256TaggedPairsJs(1, src, n + 1, new Uint8Array(32 * (n + 1)))).toThrow(RangeError);
    expect(() => sha256TaggedPairsJs(1, src, n, new Uint8Array(32 * n - 1))).toThrow(RangeError);
    expect(() => sha256TaggedPairsJs(256, src, 1, out)).toThrow(RangeError);
  });
});
