/** Byte format: round trip, frozen fixture, and strict rejection of malformed bytes. */
import { describe, expect, it } from 'vitest';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { ligeroShape, parseLigeroProof, serializeLigeroProof } from '../../src/ligero/index.ts';
import { FIXTURE_PARAMS, fixtureBytes, fixtureInstance, readFixture } from './fixture.ts';
import { thrown, verify } from './harness.ts';

const shape = ligeroShape(FIXTURE_PARAMS, fixtureInstance.layout);
const { root, proof: bytes } = readFixture();

function verifyBytes(b: Uint8Array): void {
  verify(fixtureInstance, FIXTURE_PARAMS, { root, proof: parseLigeroProof(b, shape) });
}

describe('ligero proof format', () => {
  it('the frozen fixture parses, re-serializes identically and verifies', () => {
    const p = parseLigeroProof(bytes, shape);
    expect(Buffer.from(serializeLigeroProof(p)).equals(Buffer.from(bytes))).toBe(true);
    verifyBytes(bytes);
  });

  it('regenerating the fixture gives the same bytes (catches format or transcript drift)', () => {
    const now = fixtureBytes();
    expect(Buffer.from(now.root).toString('hex')).toBe(Buffer.from(root).toString('hex'));
    expect(Buffer.from(now.proof).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
  });

  it('every truncation → MalformedError', () => {
    for (let n = 0; n < bytes.length; n++) {
      const e = thrown(() => parseLigeroProof(bytes.subarray(0, n), shape));
      expect(e, `length ${n}`).toBeInstanceOf(MalformedError);
    }
  });

  it('a trailing byte → MalformedError', () => {
    const b = new Uint8Array(bytes.length + 1);
    b.set(bytes);
    expect(thrown(() => parseLigeroProof(b, shape))).toBeInstanceOf(MalformedError);
  });

  it('wrong version → MalformedError', () => {
    const b = Uint8Array.from(bytes);
    b[0] = 2;
    const e = thrown(() => parseLigeroProof(b, shape)) as MalformedError;
    expect(e).toBeInstanceOf(MalformedError);
    expect(e.field).toBe('ligero.version');
  });

  it('a count other than the shape’s → MalformedError', () => {
    const b = Uint8Array.from(bytes);
    b[1] -= 1; // proximity count k − 1
    expect(thrown(() => parseLigeroProof(b, shape))).toBeInstanceOf(MalformedError);
  });

  it('a non-canonical field element → MalformedError', () => {
    const b = Uint8Array.from(bytes);
    b.set([0xff, 0xff, 0xff, 0x7f], 5); // first proximity coordinate = 2^31 − 1 ≥ p
    const e = thrown(() => parseLigeroProof(b, shape)) as MalformedError;
    expect(e).toBeInstanceOf(MalformedError);
    expect(e.field).toMatch(/^ligero\.proximity/);
  });

  it('flipped bytes → MalformedError or VerificationError, nothing else', () => {
    for (let i = 0; i < bytes.length; i += 7) {
      const b = Uint8Array.from(bytes);
      b[i] ^= 1 << (i % 8);
      const e = thrown(() => verifyBytes(b));
      expect(e instanceof MalformedError || e instanceof VerificationError, `byte ${i}: ${String(e)}`).toBe(true);
    }
  });
});
