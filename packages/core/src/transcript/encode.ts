/**
 * Canonical byte encodings of transcript inputs (docs/parts/transcript-merkle.md §Transcript).
 *
 * Every absorbed value is turned into bytes the same way in every implementation (TypeScript
 * prover, browser verifier, Solidity verifier): u32 little-endian words, base elements as their
 * canonical u32 LE representative in [0, p), ext elements as 4 such coordinates, labels as UTF-8.
 * Non-canonical inputs are rejected with RangeError rather than reduced, so two different
 * in-memory values can never absorb to the same bytes.
 */
import { P } from '../field/babybear.ts';

const utf8 = new TextEncoder();

/** UTF-8 bytes of a label. @throws TypeError if `label` is not a string. */
export function labelBytes(label: string): Uint8Array {
  if (typeof label !== 'string') throw new TypeError(`transcript label: expected a string, got ${typeof label}`);
  return utf8.encode(label);
}

/** Writes `n` as 4 little-endian bytes at `out[o..o+4)`. */
export function putU32(out: Uint8Array, o: number, n: number): void {
  out[o] = n & 0xff;
  out[o + 1] = (n >>> 8) & 0xff;
  out[o + 2] = (n >>> 16) & 0xff;
  out[o + 3] = (n >>> 24) & 0xff;
}

/** Reads a little-endian u32 at `b[o..o+4)`. */
export function getU32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Whether `n` is an integer in [0, 2^32). */
export function isU32(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

/** 4-byte LE encoding of a u32. @throws RangeError unless `n` is an integer in [0, 2^32). */
export function encodeU32(what: string, n: number): Uint8Array {
  if (!isU32(n)) throw new RangeError(`${what}: expected an integer in [0, 2^32), got ${String(n)}`);
  const out = new Uint8Array(4);
  putU32(out, 0, n);
  return out;
}

/**
 * Encodes canonical base elements as consecutive u32 LE words.
 * @throws RangeError naming the first element that is not an integer in [0, p).
 */
export function encodeBase(what: string, xs: ArrayLike<number>): Uint8Array {
  const n = xs.length;
  const out = new Uint8Array(4 * n);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (!(Number.isInteger(x) && x >= 0 && x < P)) {
      throw new RangeError(`${what}[${i}]: expected a canonical base element in [0, ${P}), got ${String(x)}`);
    }
    putU32(out, 4 * i, x);
  }
  return out;
}

/**
 * Encodes a flat ext vector (4n canonical coordinates) as 4n u32 LE words.
 * @throws RangeError if the length is not a multiple of 4 or a coordinate is not canonical.
 */
export function encodeExt(what: string, xs: Uint32Array): Uint8Array {
  if (!(xs instanceof Uint32Array)) throw new TypeError(`${what}: expected a Uint32Array, got ${typeof xs}`);
  if (xs.length % 4 !== 0) {
    throw new RangeError(`${what}: expected a flat ext vector (length a multiple of 4), got length ${xs.length}`);
  }
  return encodeBase(what, xs);
}

/** Checks that `d` is a 32-byte digest. @throws RangeError otherwise. */
export function checkDigest(what: string, d: Uint8Array): Uint8Array {
  if (!(d instanceof Uint8Array) || d.length !== 32) {
    throw new RangeError(
      `${what}: expected a 32-byte digest, got ${d instanceof Uint8Array ? `${d.length} bytes` : typeof d}`,
    );
  }
  return d;
}

/** Checks that `b` is a Uint8Array. @throws TypeError otherwise. */
export function checkBytes(what: string, b: Uint8Array): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array, got ${typeof b}`);
  return b;
}
