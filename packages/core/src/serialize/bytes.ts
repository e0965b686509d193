/**
 * Strict little-endian byte encoding for proofs and commitments
 * (docs/parts/transcript-merkle.md §Serialization).
 *
 *   u8 · u32 (4 bytes LE) · base element (u32 LE, must be < p) · ext element (4 base elements,
 *   c0 first) · digest (32 bytes) · vectors and byte strings: u32 LE count, then the items
 *
 * The reader is strict: every encoding has exactly one accepted byte string. It throws
 * {@link MalformedError} naming the field and byte offset on truncation, a non-canonical field
 * element (≥ p), a length above the caller's maximum, and trailing bytes at {@link ByteReader.finish}.
 * Length prefixes are checked against the maximum and against the bytes left *before* anything is
 * allocated, so a hostile length cannot make the reader allocate or loop.
 */
import { P } from '../field/babybear.ts';
import { MalformedError } from '../errors.ts';

const DIGEST = 32;

/** Appends values to a growable buffer. Inputs are trusted-side data: invalid ones throw RangeError. */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #len = 0;

  /** @param initialCapacity - starting buffer size in bytes (grows by doubling). */
  constructor(initialCapacity = 256) {
    this.#buf = new Uint8Array(Math.max(16, initialCapacity));
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  #reserve(n: number): number {
    const need = this.#len + n;
    if (need > this.#buf.length) {
      let cap = this.#buf.length * 2;
      while (cap < need) cap *= 2;
      const nb = new Uint8Array(cap);
      nb.set(this.#buf.subarray(0, this.#len));
      this.#buf = nb;
      this.#view = new DataView(nb.buffer);
    }
    const at = this.#len;
    this.#len = need;
    return at;
  }

  /** One byte. @throws RangeError unless an integer in [0, 255]. */
  u8(n: number): this {
    if (!(Number.isInteger(n) && n >= 0 && n <= 255))
      throw new RangeError(`ByteWriter.u8: expected an integer in [0, 255], got ${String(n)}`);
    const at = this.#reserve(1);
    this.#buf[at] = n;
    return this;
  }

  /** 4-byte little-endian u32. @throws RangeError unless an integer in [0, 2^32). */
  u32(n: number): this {
    if (!(Number.isInteger(n) && n >= 0 && n <= 0xffffffff))
      throw new RangeError(`ByteWriter.u32: expected an integer in [0, 2^32), got ${String(n)}`);
    const at = this.#reserve(4); // reserve first: it may replace the view
    this.#view.setUint32(at, n, true);
    return this;
  }

  /** A base element as u32 LE. @throws RangeError unless canonical (integer in [0, p)). */
  base(x: number): this {
    if (!(Number.isInteger(x) && x >= 0 && x < P))
      throw new RangeError(`ByteWriter.base: expected a canonical element in [0, ${P}), got ${String(x)}`);
    const at = this.#reserve(4);
    this.#view.setUint32(at, x, true);
    return this;
  }

  /** An ext element (4 coordinates, c0 first; `e` may be a flat vector with `offset` in elements). */
  ext(e: Uint32Array, index = 0): this {
    if (!(e instanceof Uint32Array) || 4 * index + 4 > e.length) {
      throw new RangeError(
        `ByteWriter.ext: expected ext element ${index} in a Uint32Array, got length ${(e as Uint32Array)?.length}`,
      );
    }
    for (let c = 0; c < 4; c++) this.base(e[4 * index + c]);
    return this;
  }

  /** u32 count, then each base element. */
  baseVec(xs: ArrayLike<number>): this {
    this.u32(xs.length);
    for (let i = 0; i < xs.length; i++) this.base(xs[i]);
    return this;
  }

  /** u32 count of ext elements (n, not 4n), then 4n coordinates. @throws RangeError if length % 4 ≠ 0. */
  extVec(xs: Uint32Array): this {
    if (!(xs instanceof Uint32Array) || xs.length % 4 !== 0) {
      throw new RangeError(
        `ByteWriter.extVec: expected a flat ext vector (length a multiple of 4), got length ${(xs as Uint32Array)?.length}`,
      );
    }
    this.u32(xs.length / 4);
    for (let i = 0; i < xs.length; i++) this.base(xs[i]);
    return this;
  }

  /** A 32-byte digest, no prefix. @throws RangeError unless 32 bytes. */
  digest(d: Uint8Array): this {
    if (!(d instanceof Uint8Array) || d.length !== DIGEST)
      throw new RangeError(`ByteWriter.digest: expected 32 bytes, got ${(d as Uint8Array)?.length}`);
    return this.raw(d);
  }

  /** u32 length, then the bytes. */
  bytes(b: Uint8Array): this {
    this.u32(b.length);
    return this.raw(b);
  }

  /** The bytes with no prefix (fixed-size fields whose length the format fixes). */
  raw(b: Uint8Array): this {
    const at = this.#reserve(b.length);
    this.#buf.set(b, at);
    return this;
  }

  /** A copy of everything written. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

/** Reads values from bytes strictly; every read names its field for error messages. */
export class ByteReader {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  #pos = 0;

  /** @param bytes - the input (not copied; do not mutate while reading). */
  constructor(bytes: Uint8Array) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`ByteReader: expected a Uint8Array, got ${typeof bytes}`);
    this.#buf = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Current byte offset. */
  get offset(): number {
    return this.#pos;
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.#buf.length - this.#pos;
  }

  #need(field: string, n: number): number {
    if (n > this.#buf.length - this.#pos) {
      throw new MalformedError(
        field,
        `expected ${n} more bytes, got ${this.#buf.length - this.#pos} (truncated)`,
        this.#pos,
      );
    }
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  /** One byte. */
  u8(field: string): number {
    return this.#buf[this.#need(field, 1)];
  }

  /** A u32 LE; with `max`, throws MalformedError if the value exceeds it. */
  u32(field: string, max = 0xffffffff): number {
    const at = this.#need(field, 4);
    const n = this.#view.getUint32(at, true);
    if (n > max) throw new MalformedError(field, `expected a value ≤ ${max}, got ${n}`, at);
    return n;
  }

  /** A canonical base element. @throws MalformedError if ≥ p. */
  base(field: string): number {
    const at = this.#need(field, 4);
    const x = this.#view.getUint32(at, true);
    if (x >= P) throw new MalformedError(field, `expected a canonical element < ${P}, got ${x}`, at);
    return x;
  }

  /** One ext element (4 canonical coordinates). */
  ext(field: string): Uint32Array {
    const out = new Uint32Array(4);
    this.#readBaseInto(field, out, 4);
    return out;
  }

  #readBaseInto(field: string, out: Uint32Array, n: number): void {
    const start = this.#need(field, 4 * n);
    for (let i = 0; i < n; i++) {
      const at = start + 4 * i;
      const x = this.#view.getUint32(at, true);
      if (x >= P) throw new MalformedError(`${field}[${i}]`, `expected a canonical element < ${P}, got ${x}`, at);
      out[i] = x;
    }
  }

  #count(field: string, max: number, itemBytes: number): number {
    if (!(Number.isInteger(max) && max >= 0))
      throw new RangeError(`ByteReader(${field}): expected a maximum length ≥ 0, got ${String(max)}`);
    const at = this.#pos;
    const n = this.u32(`${field}.length`);
    if (n > max) throw new MalformedError(field, `expected length ≤ ${max}, got ${n}`, at);
    if (n * itemBytes > this.remaining) {
      throw new MalformedError(
        field,
        `expected ${n * itemBytes} more bytes for ${n} items, got ${this.remaining} (truncated)`,
        this.#pos,
      );
    }
    return n;
  }

  /** u32 count (≤ `maxLen`), then that many canonical base elements. */
  baseVec(field: string, maxLen: number): Uint32Array {
    const n = this.#count(field, maxLen, 4);
    const out = new Uint32Array(n);
    this.#readBaseInto(field, out, n);
    return out;
  }

  /** u32 count of ext elements (≤ `maxLen`), then 4n canonical coordinates; returns the flat vector. */
  extVec(field: string, maxLen: number): Uint32Array {
    const n = this.#count(field, maxLen, 16);
    const out = new Uint32Array(4 * n);
    this.#readBaseInto(field, out, 4 * n);
    return out;
  }

  /** A 32-byte digest (a copy). */
  digest(field: string): Uint8Array {
    return this.raw(field, DIGEST);
  }

  /** u32 length (≤ `maxLen`), then that many bytes (a copy). */
  bytes(field: string, maxLen: number): Uint8Array {
    const n = this.#count(field, maxLen, 1);
    return this.raw(field, n);
  }

  /** Exactly `n` bytes (a copy). */
  raw(field: string, n: number): Uint8Array {
    if (!(Number.isInteger(n) && n >= 0))
      throw new RangeError(`ByteReader.raw(${field}): expected a byte count ≥ 0, got ${String(n)}`);
    const at = this.#need(field, n);
    return this.#buf.slice(at, at + n);
  }

  /** Asserts every byte was consumed. @throws MalformedError on trailing bytes. */
  finish(field = 'end of input'): void {
    if (this.#pos !== this.#buf.length) {
      throw new MalformedError(
        field,
        `expected end of input, got ${this.#buf.length - this.#pos} trailing bytes`,
        this.#pos,
      );
    }
  }
}
