import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.ts';
import { grindPow, leadingZeroBits, verifyPow } from '../../src/transcript/grinding.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';

const fresh = (): Sha256Transcript => {
  const t = new Sha256Transcript('vouch/pow-test', 1);
  t.absorbU32('statement', 42);
  return t;
};

describe('proof-of-work grinding', () => {
  it('leadingZeroBits counts big-endian zero bits', () => {
    expect(leadingZeroBits(Uint8Array.of(0x80))).toBe(0);
    expect(leadingZeroBits(Uint8Array.of(0x01))).toBe(7);
    expect(leadingZeroBits(Uint8Array.of(0, 0x20, 0xff))).toBe(10);
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
  });

  it('an honest nonce verifies and leaves both transcripts in the same state', () => {
    const p = fresh();
    const nonce = grindPow(p, 'pow', 10);
    const v = fresh();
    verifyPow(v, 'pow', 10, nonce);
    expect(v.stateDigest()).toEqual(p.stateDigest());
    expect(v.challengeIndices('q', 1000, 5)).toEqual(p.challengeIndices('q', 1000, 5));
  });

  it('grindPow returns the smallest valid nonce', () => {
    const nonce = grindPow(fresh(), 'pow', 8);
    for (let n = 0; n < nonce; n++) {
      expect(() => verifyPow(fresh(), 'pow', 8, n)).toThrow(VerificationError);
    }
  });

  it('an invalid nonce is rejected with transcript.pow', () => {
    const nonce = grindPow(fresh(), 'pow', 12);
    let bad = nonce + 1;
    // find a nonce that fails (almost every other nonce does)
    for (;;) {
      try {
        verifyPow(fresh(), 'pow', 12, bad);
        bad++;
      } catch (e) {
        expect(e).toBeInstanceOf(VerificationError);
        expect((e as VerificationError).check).toBe('transcript.pow');
        break;
      }
    }
  });

  it('a nonce ground for one transcript state fails for another', () => {
    const nonce = grindPow(fresh(), 'pow', 14);
    const other = new Sha256Transcript('vouch/pow-test', 1);
    other.absorbU32('statement', 43);
    expect(() => verifyPow(other, 'pow', 14, nonce)).toThrow(VerificationError);
  });

  it('rejects bad parameters with RangeError', () => {
    expect(() => grindPow(fresh(), 'pow', 25)).toThrow(RangeError);
    expect(() => verifyPow(fresh(), 'pow', -1, 0)).toThrow(RangeError);
    expect(() => verifyPow(fresh(), 'pow', 4, 2 ** 32)).toThrow(RangeError);
  });
});
