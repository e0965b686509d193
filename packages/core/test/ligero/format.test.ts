/** Byte format: round trip, frozen fixture, and strict rejection of malformed bytes. */
import { describe, expect, it } from 'vitest';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { LIGERO_PARAMS_BYTES, ligeroShape, parseLigeroProof, serializeLigeroProof } from '../../src/ligero/index.ts';
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
    expect(Buffer.from(serializeLigeroProof(p, shape)).equals(Buffer.from(bytes))).toBe(true);
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

  it('wrong version (the v1 format without the parameter record) → MalformedError', () => {
    const b = Uint8Array.from(bytes);
    b[0] = 1;
    const e = thrown(() => parseLigeroProof(b, shape)) as MalformedError;
    expect(e).toBeInstanceOf(MalformedError);
    expect(e.field).toBe('ligero.version');
  });

  it('a count other than the shape’s → MalformedError', () => {
    const b = Uint8Array.from(bytes);
    b[1 + LIGERO_PARAMS_BYTES] -= 1; // proximity count k − 1
    expect(thrown(() => parseLigeroProof(b, shape))).toBeInstanceOf(MalformedError);
  });

  it('a non-canonical field element → MalformedError', () => {
    const b = Uint8Array.from(bytes);
    b.set([0xff, 0xff, 0xff, 0x7f], 5 + LIGERO_PARAMS_BYTES); // first proximity coordinate = 2^31 − 1 ≥ p
    const e = thrown(() => parseLigeroProof(b, shape)) as MalformedError;
    expect(e).toBeInstanceOf(MalformedError);
    expect(e.field).toMatch(/^ligero\.proximity/);
  });

  it('the header holds the parameter record: ℓ, rows, mask rows, t, n, coset shift, salt bytes', () => {
    const v = new DataView(bytes.buffer, bytes.byteOffset + 1, LIGERO_PARAMS_BYTES);
    const fields = Array.from({ length: 7 }, (_, i) => v.getUint32(4 * i, true));
    expect(fields).toEqual([shape.rowWidth, shape.witnessRows, 20, shape.queries, shape.codeLength, 31, 16]);
  });

  it('a changed header field → VerificationError(ligero.params) naming the field', () => {
    const b = Uint8Array.from(bytes);
    b[1 + 12] += 1; // queries t
    const e = thrown(() => parseLigeroProof(b, shape)) as VerificationError;
    expect(e).toBeInstanceOf(VerificationError);
    expect(e.check).toBe('ligero.params');
    expect(e.shortMessage).toContain(`expected queries = ${shape.queries}, got ${shape.queries + 1}`);
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
