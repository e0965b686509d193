/**
 * Vector operations over BabyBear (Uint32Array of canonical elements) and flat K-vectors
 * (4 coordinates per element, K = F_p[X]/(X^4 − 11)), written for throughput.
 *
 * Reduction strategy (bounds proved in docs/parts/field-ntt.md §Reduction):
 * - Products that each need their own result (scale, axpy, hadamard) use the Shoup-style form:
 *   for a fixed multiplier s, q = ⌊x·(s/p)⌋ is off by at most one, and x·s − q·p is computed
 *   exactly mod 2^32 with Math.imul, then corrected once.
 * - Inner products split each right operand b = b_hi·2^16 + b_lo and accumulate x·b_lo (< 2^47)
 *   and x·b_hi (< 2^46) in doubles, reducing once every 64 terms: 64·2^47 + p < 2^53, so every
 *   partial sum is an exact integer.
 * Every function has a plain reference in vec-reference.ts; tests compare them on random inputs.
 * Inputs are trusted to be canonical; lengths are validated.
 * Dispatch: vecAxpy, vecInner, extAxpyBase, extInnerBase and extInner use the WASM SIMD kernels
 * (src/wasm) for n ≥ 1024 when the module loads (identical results); the `…Js` exports are the
 * TypeScript paths, and setVecBackend('js') forces them.
 */
import { P } from './babybear.ts';
import type { Ext } from './ext4.ts';
import { wasmKernels, type WasmKernels } from '../wasm/kernels.ts';

/** Which implementation the dispatching functions use: 'auto' (WASM when available) or 'js'. */
export type VecBackend = 'auto' | 'js';
let backend: VecBackend = 'auto';
/**
 * Smallest length (elements) that {@link vecAxpy}, {@link vecInner}, {@link extAxpyBase},
 * {@link extInnerBase} and {@link extInner} send to the WASM kernels in 'auto' mode; below it the
 * copies into linear memory cost more than they save (measured crossover ≈ 256–4096).
 */
export const WASM_VEC_MIN_SIZE = 1024;

/** Selects the backend of the dispatching vector functions; results are identical either way. */
export function setVecBackend(b: VecBackend): void {
  if (b !== 'auto' && b !== 'js') throw new RangeError(`setVecBackend: expected 'auto' or 'js', got ${String(b)}`);
  backend = b;
}

/** The current backend of the dispatching vector functions. */
export function getVecBackend(): VecBackend {
  return backend;
}

function kernelsFor(n: number): WasmKernels | undefined {
  return backend === 'auto' && n >= WASM_VEC_MIN_SIZE ? wasmKernels() : undefined;
}

/**
 * p as a module-local literal, so hot loops never depend on how a bundler or loader rewrites the
 * imported binding (under a CommonJS transform an import becomes a property load, and this loop
 * measured 5–10× slower; under native ESM no difference was measured).
 */
const M = 2013265921;
if (M !== P) throw new Error('vec: local modulus literal differs from babybear P');
/** Terms accumulated before one reduction in the split inner products (see header). */
const BLOCK = 64;

function sameLength(a: Uint32Array, b: Uint32Array, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: expected equal lengths, got ${a.length} and ${b.length}`);
}

function flatLength(a: Uint32Array, what: string): number {
  if (a.length % 4 !== 0) throw new RangeError(`${what}: expected a flat ext vector (length a multiple of 4), got length ${a.length}`);
  return a.length >> 2;
}

/** a + b element-wise, written into `out` (default a new array; may alias a or b). */
export function vecAdd(a: Uint32Array, b: Uint32Array, out: Uint32Array = new Uint32Array(a.length)): Uint32Array {
  sameLength(a, b, 'vecAdd');
  sameLength(a, out, 'vecAdd');
  for (let i = 0; i < a.length; i++) {
    let s = (a[i] + b[i] - M) | 0;
    s += (s >> 31) & M;
    out[i] = s;
  }
  return out;
}

/** a − b element-wise, written into `out` (default a new array; may alias a or b). */
export function vecSub(a: Uint32Array, b: Uint32Array, out: Uint32Array = new Uint32Array(a.length)): Uint32Array {
  sameLength(a, b, 'vecSub');
  sameLength(a, out, 'vecSub');
  for (let i = 0; i < a.length; i++) {
    let d = (a[i] - b[i]) | 0;
    d += (d >> 31) & M;
    out[i] = d;
  }
  return out;
}

/** s·a element-wise for a base scalar s, written into `out` (default new; may alias a). */
export function vecScale(a: Uint32Array, s: number, out: Uint32Array = new Uint32Array(a.length)): Uint32Array {
  sameLength(a, out, 'vecScale');
  const sq = s / M;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const q = Math.floor(x * sq);
    let r = (Math.imul(x, s) - Math.imul(q, M)) | 0;
    if (r < 0) r += M;
    else if (r >= M) r -= M;
    out[i] = r;
  }
  return out;
}

/** acc += s·x in place (base scalar s). Returns acc. WASM for long vectors (see setVecBackend). */
export function vecAxpy(acc: Uint32Array, s: number, x: Uint32Array): Uint32Array {
  sameLength(acc, x, 'vecAxpy');
  const k = kernelsFor(acc.length);
  return k ? k.vecAxpy(acc, s, x) : vecAxpyJs(acc, s, x);
}

/** The TypeScript path of {@link vecAxpy} (Shoup products), never WASM. */
export function vecAxpyJs(acc: Uint32Array, s: number, x: Uint32Array): Uint32Array {
  sameLength(acc, x, 'vecAxpy');
  const sq = s / M;
  for (let i = 0; i < acc.length; i++) {
    const y = x[i];
    const q = Math.floor(y * sq);
    let r = (Math.imul(y, s) - Math.imul(q, M)) | 0;
    if (r < 0) r += M;
    else if (r >= M) r -= M;
    let t = (acc[i] + r - M) | 0;
    t += (t >> 31) & M;
    acc[i] = t;
  }
  return acc;
}

/** a ⊙ b (element-wise product), written into `out` (default new; may alias a or b). */
export function vecHadamard(a: Uint32Array, b: Uint32Array, out: Uint32Array = new Uint32Array(a.length)): Uint32Array {
  sameLength(a, b, 'vecHadamard');
  sameLength(a, out, 'vecHadamard');
  const PINV = 1 / M;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    const q = Math.floor(x * y * PINV);
    let r = (Math.imul(x, y) - Math.imul(q, M)) | 0;
    if (r < 0) r += M;
    else if (r >= M) r -= M;
    out[i] = r;
  }
  return out;
}

/** Σ a[i]·b[i] mod p. WASM for long vectors (see setVecBackend). */
export function vecInner(a: Uint32Array, b: Uint32Array): number {
  sameLength(a, b, 'vecInner');
  const k = kernelsFor(a.length);
  return k ? k.vecInner(a, b) : vecInnerJs(a, b);
}

/** The TypeScript path of {@link vecInner}: split lazy accumulation, one reduction per 64 terms. */
export function vecInnerJs(a: Uint32Array, b: Uint32Array): number {
  sameLength(a, b, 'vecInner');
  const n = a.length;
  let lo = 0, hi = 0;
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + BLOCK);
    for (; i < end; i++) {
      const x = a[i], y = b[i];
      lo += x * (y & 0xffff);
      hi += x * (y >>> 16);
    }
    lo %= M;
    hi %= M;
  }
  return (hi * 65536 + lo) % M;
}

/**
 * acc += s·base in place, for a flat ext vector acc (4n), ext scalar s and base vector (n).
 * WASM for long vectors (see setVecBackend).
 */
export function extAxpyBase(acc: Uint32Array, s: Ext, base: Uint32Array): Uint32Array {
  const k = kernelsFor(base.length);
  return k ? k.extAxpyBase(acc, s, base) : extAxpyBaseJs(acc, s, base);
}

/** The TypeScript path of {@link extAxpyBase}, never WASM. */
export function extAxpyBaseJs(acc: Uint32Array, s: Ext, base: Uint32Array): Uint32Array {
  const n = flatLength(acc, 'extAxpyBase');
  if (base.length !== n) throw new RangeError(`extAxpyBase: expected a base vector of length ${n}, got ${base.length}`);
  const s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
  const q0 = s0 / M, q1 = s1 / M, q2 = s2 / M, q3 = s3 / M;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const y = base[i];
    let q = Math.floor(y * q0);
    let r = (Math.imul(y, s0) - Math.imul(q, M)) | 0;
    if (r < 0) r += M; else if (r >= M) r -= M;
    let t = (acc[o] + r - M) | 0;
    acc[o] = t + ((t >> 31) & M);
    q = Math.floor(y * q1);
    r = (Math.imul(y, s1) - Math.imul(q, M)) | 0;
    if (r < 0) r += M; else if (r >= M) r -= M;
    t = (acc[o + 1] + r - M) | 0;
    acc[o + 1] = t + ((t >> 31) & M);
    q = Math.floor(y * q2);
    r = (Math.imul(y, s2) - Math.imul(q, M)) | 0;
    if (r < 0) r += M; else if (r >= M) r -= M;
    t = (acc[o + 2] + r - M) | 0;
    acc[o + 2] = t + ((t >> 31) & M);
    q = Math.floor(y * q3);
    r = (Math.imul(y, s3) - Math.imul(q, M)) | 0;
    if (r < 0) r += M; else if (r >= M) r -= M;
    t = (acc[o + 3] + r - M) | 0;
    acc[o + 3] = t + ((t >> 31) & M);
  }
  return acc;
}

/** Σ_i e_i·b_i ∈ K for a flat ext vector e (4n) and base vector b (n). WASM for long vectors. */
export function extInnerBase(ext: Uint32Array, base: Uint32Array): Ext {
  const k = kernelsFor(base.length);
  return k ? k.extInnerBase(ext, base) : extInnerBaseJs(ext, base);
}

/** The TypeScript path of {@link extInnerBase} (split lazy accumulation), never WASM. */
export function extInnerBaseJs(ext: Uint32Array, base: Uint32Array): Ext {
  const n = flatLength(ext, 'extInnerBase');
  if (base.length !== n) throw new RangeError(`extInnerBase: expected a base vector of length ${n}, got ${base.length}`);
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0, h0 = 0, h1 = 0, h2 = 0, h3 = 0;
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + BLOCK);
    for (; i < end; i++) {
      const y = base[i];
      const yl = y & 0xffff, yh = y >>> 16;
      const o = i << 2;
      const x0 = ext[o], x1 = ext[o + 1], x2 = ext[o + 2], x3 = ext[o + 3];
      l0 += x0 * yl; h0 += x0 * yh;
      l1 += x1 * yl; h1 += x1 * yh;
      l2 += x2 * yl; h2 += x2 * yh;
      l3 += x3 * yl; h3 += x3 * yh;
    }
    l0 %= M; l1 %= M; l2 %= M; l3 %= M;
    h0 %= M; h1 %= M; h2 %= M; h3 %= M;
  }
  return Uint32Array.of((h0 * 65536 + l0) % M, (h1 * 65536 + l1) % M, (h2 * 65536 + l2) % M, (h3 * 65536 + l3) % M);
}

/** s·e for every element e of a flat ext vector, written into `out` (default new; may alias). */
export function extScale(ext: Uint32Array, s: Ext, out: Uint32Array = new Uint32Array(ext.length)): Uint32Array {
  flatLength(ext, 'extScale');
  sameLength(ext, out, 'extScale');
  const b0 = s[0], b1 = s[1], b2 = s[2], b3 = s[3];
  // 11·b_k precomputed: the X^4 = 11 wrap-around terms then need no extra multiplication.
  const w1 = (11 * b1) % M, w2 = (11 * b2) % M, w3 = (11 * b3) % M;
  for (let o = 0; o < ext.length; o += 4) {
    const a0 = ext[o], a1 = ext[o + 1], a2 = ext[o + 2], a3 = ext[o + 3];
    out[o] = (mulM(a0, b0) + mulM(a1, w3) + mulM(a2, w2) + mulM(a3, w1)) % M;
    out[o + 1] = (mulM(a0, b1) + mulM(a1, b0) + mulM(a2, w3) + mulM(a3, w2)) % M;
    out[o + 2] = (mulM(a0, b2) + mulM(a1, b1) + mulM(a2, b0) + mulM(a3, w3)) % M;
    out[o + 3] = (mulM(a0, b3) + mulM(a1, b2) + mulM(a2, b1) + mulM(a3, b0)) % M;
  }
  return out;
}

/** a + b for flat ext vectors (coordinate-wise), written into `out` (default new; may alias). */
export function extAdd(a: Uint32Array, b: Uint32Array, out: Uint32Array = new Uint32Array(a.length)): Uint32Array {
  flatLength(a, 'extAdd');
  sameLength(a, b, 'extAdd');
  return vecAdd(a, b, out);
}

/**
 * Σ_i a_i·b_i ∈ K for flat ext vectors. The 7 coefficients of the product polynomial are
 * accumulated from reduced base products (each < p, at most 4 per coefficient per element,
 * reduced every 64 elements: 256·p < 2^39) and folded with X^4 = 11 once at the end.
 */
export function extInner(a: Uint32Array, b: Uint32Array): Ext {
  const k = kernelsFor(a.length >> 2);
  return k ? k.extInner(a, b) : extInnerJs(a, b);
}

/** The TypeScript path of {@link extInner}, never WASM. */
export function extInnerJs(a: Uint32Array, b: Uint32Array): Ext {
  const n = flatLength(a, 'extInner');
  sameLength(a, b, 'extInner');
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0;
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + BLOCK);
    for (; i < end; i++) {
      const o = i << 2;
      const a0 = a[o], a1 = a[o + 1], a2 = a[o + 2], a3 = a[o + 3];
      const b0 = b[o], b1 = b[o + 1], b2 = b[o + 2], b3 = b[o + 3];
      t0 += mulM(a0, b0);
      t1 += mulM(a0, b1) + mulM(a1, b0);
      t2 += mulM(a0, b2) + mulM(a1, b1) + mulM(a2, b0);
      t3 += mulM(a0, b3) + mulM(a1, b2) + mulM(a2, b1) + mulM(a3, b0);
      t4 += mulM(a1, b3) + mulM(a2, b2) + mulM(a3, b1);
      t5 += mulM(a2, b3) + mulM(a3, b2);
      t6 += mulM(a3, b3);
    }
    t0 %= M; t1 %= M; t2 %= M; t3 %= M; t4 %= M; t5 %= M; t6 %= M;
  }
  return Uint32Array.of((t0 + 11 * t4) % M, (t1 + 11 * t5) % M, (t2 + 11 * t6) % M, t3);
}

/** a·b mod p with the local modulus literal (same algorithm as babybear `mul`). */
function mulM(a: number, b: number): number {
  const q = Math.floor(a * b * (1 / M));
  let r = (Math.imul(a, b) - Math.imul(q, M)) | 0;
  if (r < 0) r += M;
  else if (r >= M) r -= M;
  return r;
}
