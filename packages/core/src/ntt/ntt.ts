/**
 * Power-of-two number-theoretic transforms over BabyBear and its degree-4 extension.
 *
 * Convention: natural order in and out. For n = 2^k and ω = rootOfUnity(k),
 *   ntt(a)[j]  = Σ_i a[i]·ω^{ij}          (evaluations of the polynomial Σ a_i X^i on ⟨ω⟩),
 *   intt(a)[i] = n^{-1}·Σ_j a[j]·ω^{-ij}  (its inverse),
 * and on a coset shift·⟨ω_n⟩: cosetNtt(c, shift, n)[j] = Σ_i c[i]·(shift·ω_n^j)^i.
 * Algorithm: iterative radix-2 Cooley–Tukey decimation in time (bit-reversal permutation, then
 * log n butterfly passes, fused in pairs so each pair of passes streams memory once) with cached
 * twiddle tables (twiddles.ts). Each twiddle product uses a precomputed double w/p, so the
 * quotient estimate is one float multiplication; see
 * docs/parts/field-ntt.md for the exactness bound. Extension vectors are transformed per
 * coordinate (the twiddles lie in the base field, so the transform is F_p-linear per coordinate).
 * Backend: for n ≥ 64, ntt/intt run the WASM SIMD kernel when it loads (identical results,
 * tested against this file's plain path, exported as nttJs/inttJs); setNttBackend('js') forces
 * the TypeScript path.
 */
import { P, mul, inv } from '../field/babybear.ts';
import { twiddles, bitReversal } from './twiddles.ts';
import { log2Exact } from './size.ts';
import { wasmKernels, type WasmKernels } from '../wasm/kernels.ts';

export { log2Exact };
export { evalPolyBase, evalPolyExt } from './eval-poly.ts';

/** Which implementation {@link ntt} and {@link intt} use: 'auto' (WASM when available) or 'js'. */
export type NttBackend = 'auto' | 'js';
let backend: NttBackend = 'auto';
/** Smallest size sent to the WASM kernel in 'auto' mode (below it the copies dominate). */
export const WASM_NTT_MIN_SIZE = 64;

/**
 * Selects the backend of {@link ntt}/{@link intt} (and everything built on them). Both compute
 * identical results; 'js' forces the plain TypeScript path (tests, benchmarks, debugging).
 */
export function setNttBackend(b: NttBackend): void {
  if (b !== 'auto' && b !== 'js') throw new RangeError(`setNttBackend: expected 'auto' or 'js', got ${String(b)}`);
  backend = b;
}

/** The current backend of {@link ntt}/{@link intt}. */
export function getNttBackend(): NttBackend {
  return backend;
}

/**
 * p as a module-local literal, so hot loops never depend on how a bundler or loader rewrites the
 * imported binding (under a CommonJS transform an import becomes a property load, and this loop
 * measured 5–10× slower; under native ESM no difference was measured).
 */
const M = 2013265921;
if (M !== P) throw new Error('ntt: local modulus literal differs from babybear P');

function checkArray(a: unknown, what: string): asserts a is Uint32Array {
  if (!(a instanceof Uint32Array)) {
    throw new TypeError(`${what}: expected a Uint32Array, got ${Object.prototype.toString.call(a)}`);
  }
}

/** Permutes `a` (length 2^logN) into bit-reversed order in place. */
function bitReversePermute(a: Uint32Array, logN: number): void {
  if (logN < 2) return;
  const rev = bitReversal(logN);
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (i < j) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

/** y·w mod p for a twiddle w with precomputed wq = w/p (Shoup quotient; off by at most one). */
function mulTw(y: number, w: number, wq: number): number {
  const q = Math.floor(y * wq);
  let t = (Math.imul(y, w) - Math.imul(q, M)) | 0;
  if (t < 0) t += M;
  else if (t >= M) t -= M;
  return t;
}

/**
 * The in-place transform with the given twiddle table (forward or inverse, no 1/n scaling),
 * after the bit-reversal permutation. Radix-2 butterfly: (x, y) ← (x + w·y, x − w·y), all values
 * canonical. Passes are fused in pairs (h, 2h): each 4-element group i, i+h, i+2h, i+3h is loaded
 * once, goes through both radix-2 stages in registers, and is stored once, halving memory
 * traffic; an odd leftover pass runs alone. The arithmetic is exactly the radix-2 one.
 */
function transform(a: Uint32Array, logN: number, invert: boolean): void {
  const n = a.length;
  if (n === 1) return;
  bitReversePermute(a, logN);
  const { w, wq } = twiddles(logN, invert);
  let h = 1;
  for (; 4 * h <= n; h <<= 2) {
    const h2 = h << 1, step = h << 2;
    for (let start = 0; start < n; start += step) {
      for (let k = 0; k < h; k++) {
        const i0 = start + k, i1 = i0 + h, i2 = i1 + h, i3 = i2 + h;
        const w1 = w[h + k], w1q = wq[h + k];
        const a0 = a[i0];
        const a2 = a[i2];
        // Stage h: (a0, a1) and (a2, a3) with ω_{2h}^k.
        let t = mulTw(a[i1], w1, w1q);
        let b0 = (a0 + t - M) | 0;
        b0 += (b0 >> 31) & M;
        let b1 = (a0 - t) | 0;
        b1 += (b1 >> 31) & M;
        t = mulTw(a[i3], w1, w1q);
        let b2 = (a2 + t - M) | 0;
        b2 += (b2 >> 31) & M;
        let b3 = (a2 - t) | 0;
        b3 += (b3 >> 31) & M;
        // Stage 2h: (b0, b2) with ω_{4h}^k, (b1, b3) with ω_{4h}^{k+h}.
        t = mulTw(b2, w[h2 + k], wq[h2 + k]);
        let c = (b0 + t - M) | 0;
        a[i0] = c + ((c >> 31) & M);
        c = (b0 - t) | 0;
        a[i2] = c + ((c >> 31) & M);
        t = mulTw(b3, w[h2 + h + k], wq[h2 + h + k]);
        c = (b1 + t - M) | 0;
        a[i1] = c + ((c >> 31) & M);
        c = (b1 - t) | 0;
        a[i3] = c + ((c >> 31) & M);
      }
    }
  }
  if (h < n) {
    // One radix-2 pass left (log n odd); here h = n/2.
    for (let k = 0; k < h; k++) {
      const t = mulTw(a[k + h], w[h + k], wq[h + k]);
      const x = a[k];
      let s = (x + t - M) | 0;
      a[k] = s + ((s >> 31) & M);
      s = (x - t) | 0;
      a[k + h] = s + ((s >> 31) & M);
    }
  }
}

/**
 * Forward NTT in place: a[j] ← Σ_i a[i]·ω^{ij}, ω = rootOfUnity(log2 n). Natural order in and out.
 * @param a - coefficients, length a power of two; overwritten by the evaluations on ⟨ω⟩.
 * @throws RangeError when the length is not a power of two in [1, 2^27].
 * @example ntt(Uint32Array.of(1, 1)) // → [2, 0]
 */
export function ntt(a: Uint32Array): void {
  checkArray(a, 'ntt');
  const logN = log2Exact(a.length, 'ntt');
  const k = backend === 'auto' && a.length >= WASM_NTT_MIN_SIZE ? wasmKernels() : undefined;
  if (k) k.ntt(a);
  else transform(a, logN, false);
}

/** The plain TypeScript forward NTT (same result as {@link ntt}; never uses WASM). */
export function nttJs(a: Uint32Array): void {
  checkArray(a, 'nttJs');
  transform(a, log2Exact(a.length, 'nttJs'), false);
}

/** The plain TypeScript inverse NTT (same result as {@link intt}; never uses WASM). */
export function inttJs(a: Uint32Array): void {
  checkArray(a, 'inttJs');
  transform(a, log2Exact(a.length, 'inttJs'), true);
  scaleInPlace(a, inv(a.length % P));
}

/**
 * Inverse NTT in place: a[i] ← n^{-1}·Σ_j a[j]·ω^{-ij}. Natural order in and out.
 * @throws RangeError when the length is not a power of two in [1, 2^27].
 */
export function intt(a: Uint32Array): void {
  checkArray(a, 'intt');
  const logN = log2Exact(a.length, 'intt');
  const k = backend === 'auto' && a.length >= WASM_NTT_MIN_SIZE ? wasmKernels() : undefined;
  if (k) {
    k.intt(a);
    return;
  }
  transform(a, logN, true);
  scaleInPlace(a, inv(a.length % P));
}

function scaleInPlace(a: Uint32Array, s: number): void {
  if (s === 1) return;
  const sq = s / M;
  for (let i = 0; i < a.length; i++) {
    const y = a[i];
    const q = Math.floor(y * sq);
    let t = (Math.imul(y, s) - Math.imul(q, M)) | 0;
    if (t < 0) t += M;
    else if (t >= M) t -= M;
    a[i] = t;
  }
}

/** a[i] ← a[i]·g^i in place. */
function powerScale(a: Uint32Array, g: number): void {
  let x = 1;
  for (let i = 0; i < a.length; i++) {
    a[i] = mul(a[i], x);
    x = mul(x, g);
  }
}

function checkShift(shift: number, what: string): void {
  if (!Number.isInteger(shift) || shift <= 0 || shift >= P) {
    throw new RangeError(`${what}: expected a non-zero canonical shift in [1, p), got ${shift}`);
  }
}

/**
 * Evaluations of Σ_i coeffs[i]·X^i at shift·ω_n^j for j < n (a new array; coeffs untouched).
 * @param coeffs - at most n coefficients (zero-padded to n).
 * @param shift - non-zero coset offset (1 gives the subgroup itself).
 * @param n - evaluation-domain size, a power of two ≥ coeffs.length (default coeffs.length).
 * @throws RangeError on a bad size or shift.
 */
export function cosetNtt(coeffs: Uint32Array, shift: number, n: number = coeffs.length): Uint32Array {
  checkArray(coeffs, 'cosetNtt');
  checkShift(shift, 'cosetNtt');
  log2Exact(n, 'cosetNtt');
  if (coeffs.length > n) throw new RangeError(`cosetNtt: expected at most n = ${n} coefficients, got ${coeffs.length}`);
  const out = new Uint32Array(n);
  out.set(coeffs);
  const k = backend === 'auto' && n >= WASM_NTT_MIN_SIZE ? wasmKernels() : undefined;
  if (k) {
    k.cosetNtt(out, shift);
    return out;
  }
  if (shift !== 1) powerScale(out, shift);
  transform(out, log2Exact(n), false);
  return out;
}

/**
 * Coefficients (length n) of the polynomial of degree < n whose values at shift·ω_n^j are evals[j].
 * Inverse of {@link cosetNtt} with the same shift. Returns a new array.
 * @throws RangeError on a bad size or shift.
 */
export function cosetIntt(evals: Uint32Array, shift: number): Uint32Array {
  checkArray(evals, 'cosetIntt');
  checkShift(shift, 'cosetIntt');
  const out = Uint32Array.from(evals);
  const k = backend === 'auto' && out.length >= WASM_NTT_MIN_SIZE ? wasmKernels() : undefined;
  if (k) {
    log2Exact(out.length, 'cosetIntt');
    k.cosetIntt(out, shift);
    return out;
  }
  inttJs(out);
  if (shift !== 1) powerScale(out, inv(shift));
  return out;
}

/** The WASM kernels when the ext transforms of n elements should use them. */
function extKernels(n: number): WasmKernels | undefined {
  return backend === 'auto' && n >= WASM_NTT_MIN_SIZE ? wasmKernels() : undefined;
}

/** Splits a flat ext vector into its 4 coordinate vectors. */
function deinterleave(flat: Uint32Array, n: number): Uint32Array[] {
  const cs = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  const [c0, c1, c2, c3] = cs;
  for (let i = 0, o = 0; i < flat.length; i += 4, o++) {
    c0[o] = flat[i];
    c1[o] = flat[i + 1];
    c2[o] = flat[i + 2];
    c3[o] = flat[i + 3];
  }
  return cs;
}

function interleave(cs: Uint32Array[], out: Uint32Array): void {
  const [c0, c1, c2, c3] = cs;
  for (let o = 0, i = 0; o < c0.length; o++, i += 4) {
    out[i] = c0[o];
    out[i + 1] = c1[o];
    out[i + 2] = c2[o];
    out[i + 3] = c3[o];
  }
}

function checkFlat(flat: Uint32Array, what: string): number {
  checkArray(flat, what);
  if (flat.length % 4 !== 0) throw new RangeError(`${what}: expected a flat ext vector (length a multiple of 4), got length ${flat.length}`);
  return flat.length / 4;
}

/** Forward NTT of a flat ext vector (4n coordinates) in place; n a power of two. */
export function nttExt(flat: Uint32Array): void {
  const n = checkFlat(flat, 'nttExt');
  log2Exact(n, 'nttExt');
  const k = extKernels(n);
  if (k) return k.transformExt(flat, false);
  const cs = deinterleave(flat, n);
  for (const c of cs) ntt(c);
  interleave(cs, flat);
}

/** Inverse NTT of a flat ext vector in place (includes 1/n). */
export function inttExt(flat: Uint32Array): void {
  const n = checkFlat(flat, 'inttExt');
  log2Exact(n, 'inttExt');
  const k = extKernels(n);
  if (k) return k.transformExt(flat, true);
  const cs = deinterleave(flat, n);
  for (const c of cs) intt(c);
  interleave(cs, flat);
}

/**
 * {@link cosetNtt} for a flat ext coefficient vector: returns 4n coordinates, the ext evaluations
 * at shift·ω_n^j. `n` defaults to the number of ext coefficients.
 */
export function cosetNttExt(flat: Uint32Array, shift: number, n: number = flat.length / 4): Uint32Array {
  const m = checkFlat(flat, 'cosetNttExt');
  checkShift(shift, 'cosetNttExt');
  log2Exact(n, 'cosetNttExt');
  if (m > n) throw new RangeError(`cosetNttExt: expected at most n = ${n} coefficients, got ${m}`);
  const k = extKernels(n);
  if (k) {
    const out = new Uint32Array(4 * n);
    out.set(flat);
    k.transformExt(out, false, shift);
    return out;
  }
  const cs = deinterleave(flat, m).map((c) => cosetNtt(c, shift, n));
  const out = new Uint32Array(4 * n);
  interleave(cs, out);
  return out;
}

/** {@link cosetIntt} for a flat ext evaluation vector: returns 4n ext coefficients. */
export function cosetInttExt(flat: Uint32Array, shift: number): Uint32Array {
  const n = checkFlat(flat, 'cosetInttExt');
  checkShift(shift, 'cosetInttExt');
  log2Exact(n, 'cosetInttExt');
  const k = extKernels(n);
  if (k) {
    const out = Uint32Array.from(flat);
    k.transformExt(out, true, shift);
    return out;
  }
  const cs = deinterleave(flat, n).map((c) => cosetIntt(c, shift));
  const out = new Uint32Array(4 * n);
  interleave(cs, out);
  return out;
}

/** g^i for i < n as a new array (powers of a coset shift or root). */
export function powers(g: number, n: number): Uint32Array {
  const out = new Uint32Array(n);
  let x = 1;
  for (let i = 0; i < n; i++) {
    out[i] = x;
    x = mul(x, g);
  }
  return out;
}
