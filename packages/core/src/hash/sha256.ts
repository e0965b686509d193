/**
 * SHA-256 (FIPS 180-4) with two interchangeable backends.
 *
 * - `node`: node:crypto's one-shot `hash()` (or `createHash` on older Node), found at run time via
 *   `globalThis.process?.getBuiltinModule?.('node:crypto')` (Node ≥ 20.16). There is no static import
 *   of any `node:` module, so this file (and every verifier that uses it) loads in a browser.
 * - `noble`: @noble/hashes (audited, pure JS), used in browsers and selectable for tests.
 *
 * Both backends compute the same function; tests check them against each other and against the
 * FIPS 180-4 / NIST CAVP vectors. The batch forms ({@link sha256PrefixedBatch}) are what Merkle
 * building uses: they hash `count` fixed-size records, each preceded by one tag byte, into a
 * caller-provided contiguous output buffer, with one reusable scratch buffer and no per-record
 * allocation on our side.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { sha256JsInto } from './sha256-kernel.ts';

/** Digest size of SHA-256 in bytes. */
export const DIGEST_BYTES = 32;

/** Names of the available SHA-256 backends. */
export type Sha256BackendName = 'node' | 'noble';

/** The subset of node:crypto we use, typed locally so no Node types leak into browser builds. */
interface NodeCryptoLike {
  hash?: (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Uint8Array;
  createHash: (algorithm: string) => {
    update(data: Uint8Array): unknown;
    digest(): Uint8Array;
  };
}

type HashFn = (data: Uint8Array) => Uint8Array;

function findNodeCrypto(): NodeCryptoLike | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCryptoLike | undefined;
    return mod && typeof mod.createHash === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

const nodeCrypto = findNodeCrypto();

/** node:crypto digest (a Buffer, possibly from a shared pool: callers copy out of it). */
const nodeRaw: HashFn | undefined = nodeCrypto
  ? typeof nodeCrypto.hash === 'function'
    ? (data) => nodeCrypto.hash!('sha256', data, 'buffer')
    : (data) => {
        const h = nodeCrypto.createHash('sha256');
        h.update(data);
        return h.digest();
      }
  : undefined;

let raw: HashFn = nodeRaw ?? nobleSha256;
let active: Sha256BackendName = nodeRaw ? 'node' : 'noble';

/** Whether the node:crypto backend is available in this runtime. */
export function hasNodeSha256(): boolean {
  return nodeRaw !== undefined;
}

/** The backend currently in use. */
export function sha256Backend(): Sha256BackendName {
  return active;
}

/**
 * Selects the SHA-256 backend (process-wide). Intended for tests and benchmarks that compare the
 * two; production code never needs it (the fastest available backend is chosen at load time).
 *
 * @param name - `'node'` or `'noble'`.
 * @throws RangeError if `name` is `'node'` and node:crypto is unavailable.
 */
export function setSha256Backend(name: Sha256BackendName): void {
  if (name === 'node') {
    if (!nodeRaw) throw new RangeError('setSha256Backend: expected a runtime with node:crypto, got none');
    raw = nodeRaw;
  } else if (name === 'noble') {
    raw = nobleSha256;
  } else {
    throw new RangeError(`setSha256Backend: expected 'node' or 'noble', got ${String(name)}`);
  }
  active = name;
}

/**
 * Runs `fn` with the given backend selected, restoring the previous one afterwards.
 *
 * @example
 * const a = withSha256Backend('noble', () => sha256(data));
 */
export function withSha256Backend<T>(name: Sha256BackendName, fn: () => T): T {
  const prev = active;
  setSha256Backend(name);
  try {
    return fn();
  } finally {
    setSha256Backend(prev);
  }
}

/**
 * SHA-256 of `data`.
 *
 * @returns a fresh 32-byte `Uint8Array` (never a Buffer view into a shared pool).
 * @example
 * sha256(new TextEncoder().encode('abc')); // ba7816bf…f20015ad
 */
export function sha256(data: Uint8Array): Uint8Array {
  if (raw === nobleSha256) return nobleSha256(data); // already a fresh, unshared Uint8Array(32)
  const out = new Uint8Array(DIGEST_BYTES);
  out.set(raw(data));
  return out;
}

/**
 * Longest input (bytes) that {@link sha256Fast} hashes with the plain-TS kernel: up to two blocks,
 * where the per-call overhead of node:crypto (~0.7 µs) exceeds the kernel's compression time.
 */
export const SHORT_HASH_MAX = 119;

/**
 * SHA-256 of `data`, choosing the faster path by length: the allocation-free plain-TS kernel
 * (sha256-kernel.ts) for inputs of at most {@link SHORT_HASH_MAX} bytes, the active backend otherwise.
 * Same function as {@link sha256}; used by the transcript, whose inputs are mostly short.
 */
export function sha256Fast(data: Uint8Array): Uint8Array {
  if (data.length > SHORT_HASH_MAX) return sha256(data);
  const out = new Uint8Array(DIGEST_BYTES);
  sha256JsInto(data, out, 0);
  return out;
}

/**
 * SHA-256 of `data`, written into `out[outOffset .. outOffset + 32)`. No allocation on our side.
 *
 * @throws RangeError if `out` has no room for 32 bytes at `outOffset`.
 */
export function sha256Into(data: Uint8Array, out: Uint8Array, outOffset = 0): void {
  if (!(outOffset >= 0 && outOffset + DIGEST_BYTES <= out.length)) {
    throw new RangeError(`sha256Into: expected room for 32 bytes at offset ${outOffset}, got buffer of ${out.length}`);
  }
  out.set(raw(data), outOffset);
}

/** SHA-256 of the concatenation of `parts`. */
export function sha256Concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const buf = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    buf.set(p, o);
    o += p.length;
  }
  return sha256(buf);
}

/**
 * SHA-256(left ‖ right) of two 32-byte digests (untagged; Merkle trees use the tagged `hashNode`).
 *
 * @throws RangeError unless both inputs are 32 bytes.
 */
export function hashPair(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== DIGEST_BYTES || right.length !== DIGEST_BYTES) {
    throw new RangeError(`hashPair: expected two 32-byte digests, got ${left.length} and ${right.length} bytes`);
  }
  const buf = new Uint8Array(64);
  buf.set(left, 0);
  buf.set(right, 32);
  return sha256(buf);
}

/**
 * Batch hashing of tagged fixed-size records:
 * `out[i·32 ..] = SHA-256(tag ‖ input[i·recordBytes .. (i+1)·recordBytes))` for i < count.
 *
 * With `tag = 0x01` and `recordBytes = 64` this computes one Merkle level from the level below.
 * One scratch buffer is reused for every record.
 *
 * @param tag - a byte 0..255 prepended to every record, or -1 for none.
 * @throws RangeError if the buffers are too small or the parameters are out of range.
 */
export function sha256PrefixedBatch(
  tag: number,
  input: Uint8Array,
  recordBytes: number,
  count: number,
  out: Uint8Array,
  outOffset = 0,
): void {
  if (!Number.isInteger(tag) || tag < -1 || tag > 255) {
    throw new RangeError(`sha256PrefixedBatch: expected tag in [-1, 255], got ${tag}`);
  }
  if (!Number.isInteger(recordBytes) || recordBytes < 0 || !Number.isInteger(count) || count < 0) {
    throw new RangeError(
      `sha256PrefixedBatch: expected non-negative integer sizes, got recordBytes=${recordBytes}, count=${count}`,
    );
  }
  if (recordBytes * count > input.length) {
    throw new RangeError(
      `sha256PrefixedBatch: expected at least ${recordBytes * count} input bytes, got ${input.length}`,
    );
  }
  if (!(outOffset >= 0 && outOffset + DIGEST_BYTES * count <= out.length)) {
    throw new RangeError(
      `sha256PrefixedBatch: expected room for ${count} digests at offset ${outOffset}, got buffer of ${out.length}`,
    );
  }
  const h = raw;
  if (tag < 0) {
    for (let i = 0; i < count; i++) {
      out.set(h(input.subarray(i * recordBytes, (i + 1) * recordBytes)), outOffset + i * DIGEST_BYTES);
    }
    return;
  }
  const scratch = new Uint8Array(1 + recordBytes);
  scratch[0] = tag;
  for (let i = 0; i < count; i++) {
    scratch.set(input.subarray(i * recordBytes, (i + 1) * recordBytes), 1);
    out.set(h(scratch), outOffset + i * DIGEST_BYTES);
  }
}
