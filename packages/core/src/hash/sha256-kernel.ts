/**
 * Allocation-free SHA-256 compression in plain TypeScript (FIPS 180-4 §6.2), specialised for the
 * Merkle inner-node preimage 0x01 ‖ left ‖ right (65 bytes = two blocks).
 *
 * Why: a node hash through node:crypto costs one native call and one Buffer allocation (~0.8 µs,
 * almost all of it call overhead — SHA-NI hashes 128 bytes in ~50 ns); in browsers the only other
 * option is @noble/hashes, which allocates per call. This kernel reads the 64 child bytes straight
 * from the level buffer and writes the digest straight into the parent level, with no allocation.
 * The second block of a node preimage is constant except for its first word
 * (right[31] ‖ 0x80 ‖ 0 ‖ 0 … ‖ bit length 520), which the specialised path exploits.
 *
 * Reference: `sha256()` (node:crypto or @noble/hashes); tests compare every path on random inputs
 * and on the FIPS 180-4 vectors (`sha256Js`).
 */

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** Shared scratch (the kernel is synchronous and never re-entered). */
const W = new Int32Array(64);
const S = new Int32Array(8);

/** One compression: S ← S + F(S, W[0..16)), expanding W[16..64) in place. */
function compress(): void {
  const w = W;
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15];
    const b = w[t - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[t] = (s1 + w[t - 7] + s0 + w[t - 16]) | 0;
  }
  let a = S[0],
    b = S[1],
    c = S[2],
    d = S[3],
    e = S[4],
    f = S[5],
    g = S[6],
    h = S[7];
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  S[0] = (S[0] + a) | 0;
  S[1] = (S[1] + b) | 0;
  S[2] = (S[2] + c) | 0;
  S[3] = (S[3] + d) | 0;
  S[4] = (S[4] + e) | 0;
  S[5] = (S[5] + f) | 0;
  S[6] = (S[6] + g) | 0;
  S[7] = (S[7] + h) | 0;
}

/** Writes S big-endian at out[o..o+32). */
function output(out: Uint8Array, o: number): void {
  for (let i = 0; i < 8; i++) {
    const x = S[i];
    out[o + 4 * i] = x >>> 24;
    out[o + 4 * i + 1] = (x >>> 16) & 255;
    out[o + 4 * i + 2] = (x >>> 8) & 255;
    out[o + 4 * i + 3] = x & 255;
  }
}

/**
 * out[o..o+32) = SHA-256(tag ‖ src[s..s+64)) for one tag byte (0x01 for Merkle inner nodes).
 * No allocation; no bounds checks (callers validate).
 */
export function sha256TaggedPairInto(tag: number, src: Uint8Array, s: number, out: Uint8Array, o: number): void {
  S.set(IV);
  // Block 1: tag, then bytes s .. s+62 (each word straddles the 1-byte shift).
  W[0] = (tag << 24) | (src[s] << 16) | (src[s + 1] << 8) | src[s + 2];
  for (let i = 1; i < 16; i++) {
    const p = s + 4 * i - 1;
    W[i] = (src[p] << 24) | (src[p + 1] << 16) | (src[p + 2] << 8) | src[p + 3];
  }
  compress();
  // Block 2: last byte, 0x80 padding, zeros, 64-bit length 65·8 = 520.
  W[0] = (src[s + 63] << 24) | 0x800000;
  for (let i = 1; i < 15; i++) W[i] = 0;
  W[15] = 520;
  compress();
  output(out, o);
}

/**
 * Batch form: out[o + 32i ..] = SHA-256(tag ‖ src[64i .. 64i + 64)) for i < count.
 * One Merkle level from the level below when tag = 0x01.
 *
 * @throws RangeError if the buffers are too small or tag is not a byte.
 */
export function sha256TaggedPairsJs(tag: number, src: Uint8Array, count: number, out: Uint8Array, o = 0): void {
  if (!(Number.isInteger(tag) && tag >= 0 && tag <= 255))
    throw new RangeError(`sha256TaggedPairsJs: expected a tag byte, got ${String(tag)}`);
  if (!(Number.isInteger(count) && count >= 0 && 64 * count <= src.length && o >= 0 && o + 32 * count <= out.length)) {
    throw new RangeError(
      `sha256TaggedPairsJs: expected ${64 * count} input bytes and ${32 * count} output bytes at ${o}, got ${src.length} and ${out.length}`,
    );
  }
  for (let i = 0; i < count; i++) sha256TaggedPairInto(tag, src, 64 * i, out, o + 32 * i);
}

/** Scratch for the final (padded) blocks of {@link sha256JsInto}. */
const TAIL = new Uint8Array(128);

/** Loads W[0..16) from 64 bytes at b[o..o+64) (big-endian words). */
function load(b: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++) {
    const p = o + 4 * i;
    W[i] = (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
  }
}

/**
 * SHA-256 of an arbitrary message (FIPS 180-4 padding) written to out[o..o+32), with no
 * allocation: full blocks are read in place, the padded tail goes through a static scratch.
 * Used for short hashes where a native call's overhead dominates (transcript squeezes); long inputs
 * are faster through node:crypto.
 */
export function sha256JsInto(msg: Uint8Array, out: Uint8Array, o: number): void {
  const n = msg.length;
  S.set(IV);
  const full = n - (n % 64);
  for (let b = 0; b < full; b += 64) {
    load(msg, b);
    compress();
  }
  const rem = n - full;
  const tailLen = rem + 9 <= 64 ? 64 : 128;
  TAIL.fill(0, 0, tailLen);
  TAIL.set(msg.subarray(full), 0);
  TAIL[rem] = 0x80;
  const bits = n * 8;
  const hi = Math.floor(bits / 2 ** 32);
  const lo = bits >>> 0;
  TAIL[tailLen - 8] = hi >>> 24;
  TAIL[tailLen - 7] = (hi >>> 16) & 255;
  TAIL[tailLen - 6] = (hi >>> 8) & 255;
  TAIL[tailLen - 5] = hi & 255;
  TAIL[tailLen - 4] = lo >>> 24;
  TAIL[tailLen - 3] = (lo >>> 16) & 255;
  TAIL[tailLen - 2] = (lo >>> 8) & 255;
  TAIL[tailLen - 1] = lo & 255;
  for (let b = 0; b < tailLen; b += 64) {
    load(TAIL, b);
    compress();
  }
  output(out, o);
}

/** SHA-256 of an arbitrary message with the plain-TS kernel (a fresh 32-byte array). */
export function sha256Js(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256JsInto(msg, out, 0);
  return out;
}
