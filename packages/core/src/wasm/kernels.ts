/**
 * Loader and typed wrappers for the AssemblyScript kernels (packages/core/assembly), embedded in
 * kernels.generated.ts as base64 and compiled synchronously with `new WebAssembly.Module`, so
 * it works in Node and browsers without file reads.
 *
 * Memory model: one module instance with its own linear memory. Each call lays its arrays out
 * in a scratch region (bump allocation from a fixed base, 16-byte aligned, reset per call),
 * copies the inputs in (TypedArray.set: one memcpy each), runs the kernel and copies the outputs
 * back. Copying costs about one memory pass per array (a few GB/s), which is small next to an
 * NTT (log n passes) but comparable to a single-pass kernel such as an axpy: use the WASM paths
 * for compute-heavy calls, or keep data resident via {@link WasmKernels.memory}. Twiddle tables
 * stay resident below the scratch region and are rebuilt only when a larger NTT size is needed.
 *
 * Semantics match the TypeScript paths exactly (field/vec.ts, poly/fold.ts, and ntt/ntt.ts's nttJs/inttJs); the
 * tests in test/wasm compare every kernel with its TypeScript counterpart on random inputs.
 * Fixed multipliers are passed in Montgomery form s·2^32 mod p (see assembly/field.ts).
 */
import { P, mul, inv } from '../field/babybear.ts';
import { EXT_W, type Ext } from '../field/ext4.ts';
import { twiddles } from '../ntt/twiddles.ts';
import { log2Exact } from '../ntt/size.ts';
import { KERNELS_WASM_BASE64 } from './kernels.generated.ts';

/** 2^32 mod p: multiplying by it puts a value in Montgomery form. */
const R_MOD_P = 268435454;

/** s·2^32 mod p, the form in which kernels take fixed multipliers. */
export function toMontgomery(s: number): number {
  return mul(s, R_MOD_P);
}

/** The module's raw exports: pointer-based kernels (byte offsets into `memory`; see assembly/). */
export interface RawExports {
  memory: WebAssembly.Memory;
  heap_base(): number;
  vec_mul_add(acc: number, a: number, b: number, n: number): void;
  vec_axpy(acc: number, x: number, n: number, sMont: number): void;
  vec_scale(a: number, n: number, sMont: number): void;
  vec_inner(a: number, b: number, n: number): number;
  vec_mul_powers(a: number, n: number, l0: number, l1: number, l2: number, l3: number, g4: number): void;
  ext_axpy_base(acc: number, base: number, n: number, s0: number, s1: number, s2: number, s3: number): void;
  ext_inner_base(ext: number, base: number, n: number, out: number): void;
  ext_inner(a: number, b: number, n: number, out: number): void;
  fold_base(table: number, out: number, half: number, r0: number, r1: number, r2: number, r3: number): void;
  fold_ext(table: number, out: number, half: number, r0: number, r1: number, r2: number, r3: number, w1: number, w2: number, w3: number): void;
  ntt(a: number, logN: number, tw: number): void;
  ext_split(src: number, dst: number, n: number): void;
  ext_join(src: number, dst: number, n: number): void;
  gkr_to_mont(ptr: number, n: number): void;
  gkr_from_mont(ptr: number, n: number): void;
  gkr_frac_layer(p: number, q: number, half: number, np: number, nq: number, full: number): void;
  gkr_eq_table(out: number, z: number, v: number): void;
  gkr_add_halves(src: number, dst: number, h: number): void;
  gkr_round_sums(p0: number, p1: number, q0: number, q1: number, eq: number, half: number, lam: number, withOne: number, full: number, out: number): void;
  gkr_fold_prefix(table: number, half: number, count: number, r0: number, r1: number, r2: number, r3: number, w1: number, w2: number, w3: number): void;
}

/** The kernels with the same semantics as their TypeScript counterparts. */
export interface WasmKernels {
  /** acc[i] ← acc[i] + a[i]·b[i]; returns acc. */
  vecMulAdd(acc: Uint32Array, a: Uint32Array, b: Uint32Array): Uint32Array;
  /** acc ← acc + s·x (base scalar); returns acc. Same as field/vec.ts vecAxpy. */
  vecAxpy(acc: Uint32Array, s: number, x: Uint32Array): Uint32Array;
  /** Σ a[i]·b[i] mod p. Same as vecInner. */
  vecInner(a: Uint32Array, b: Uint32Array): number;
  /** acc ← acc + s·base (flat ext acc, ext s, base vector); returns acc. Same as extAxpyBase. */
  extAxpyBase(acc: Uint32Array, s: Ext, base: Uint32Array): Uint32Array;
  /** Σ e_i·b_i ∈ K. Same as extInnerBase. */
  extInnerBase(ext: Uint32Array, base: Uint32Array): Ext;
  /** Σ a_i·b_i ∈ K for flat ext vectors. Same as extInner. */
  extInner(a: Uint32Array, b: Uint32Array): Ext;
  /** Fold a base table by its top variable: flat ext result of half the length. Same as poly foldBase. */
  foldBase(table: Uint32Array, r: Ext): Uint32Array;
  /** Fold a flat ext table by its top variable. Same as poly foldExt. */
  foldExt(table: Uint32Array, r: Ext): Uint32Array;
  /** a[i] ← a[i]·g^i in place; returns a. */
  mulPowers(a: Uint32Array, g: number): Uint32Array;
  /** In place: a ← NTT of (a[i]·shift^i), i.e. the values on shift·⟨ω_n⟩ (a already padded to n). */
  cosetNtt(a: Uint32Array, shift: number): void;
  /** In place: inverse of {@link WasmKernels.cosetNtt}: intt, then a[i] ← a[i]·shift^{-i}. */
  cosetIntt(a: Uint32Array, shift: number): void;
  /**
   * In place on a flat ext vector (4n words, n a power of two): the forward coset NTT of every
   * coordinate (shift 1: plain NTT), or with `invert` the inverse (intt, then ·shift^{-i}).
   * One round trip: copy in, split into coordinate arrays, four transforms, join, copy out.
   */
  transformExt(flat: Uint32Array, invert: boolean, shift?: number): void;
  /** In-place forward NTT, natural order. Same as ntt/ntt.ts ntt. */
  ntt(a: Uint32Array): void;
  /** In-place inverse NTT (includes 1/n). Same as intt. */
  intt(a: Uint32Array): void;
  /** The module's linear memory (for callers that keep data resident). */
  readonly memory: WebAssembly.Memory;
  /** The raw pointer-based exports, for callers that keep data resident in `memory`. */
  readonly raw: RawExports;
  /**
   * Reserves scratch arrays of the given u32 counts (resetting earlier reservations; memory may
   * grow, so re-create views afterwards) and returns their byte offsets.
   */
  scratch(...words: number[]): number[];
  /** Ensures resident Montgomery twiddle tables up to 2^logN; returns [forward, inverse] offsets. */
  nttTables(logN: number): [number, number];
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const PAGE = 65536;

class Kernels implements WasmKernels {
  readonly memory: WebAssembly.Memory;
  readonly raw: RawExports;
  private readonly x: RawExports;
  /** Start of the resident twiddle region. */
  private readonly base: number;
  /** log2 size the resident tables cover (−1: none yet). */
  private twLog = -1;
  private twFwd = 0;
  private twInv = 0;
  /** Start of the per-call scratch region. */
  private scratchBase: number;

  constructor(x: RawExports) {
    this.x = x;
    this.raw = x;
    this.memory = x.memory;
    this.base = align(x.heap_base());
    this.scratchBase = this.base;
  }

  scratch(...words: number[]): number[] {
    return this.layout(...words);
  }

  nttTables(logN: number): [number, number] {
    return this.tables(logN);
  }

  /** Resets the bump allocator and reserves `words` u32s per requested array; returns pointers. */
  private layout(...words: number[]): number[] {
    let p = this.scratchBase;
    const ptrs = words.map((w) => {
      const at = p;
      p = align(p + 4 * w);
      return at;
    });
    this.ensure(p);
    return ptrs;
  }

  private ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
  }

  private view(ptr: number, words: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, words);
  }

  private put(ptr: number, a: Uint32Array): void {
    this.view(ptr, a.length).set(a);
  }

  vecMulAdd(acc: Uint32Array, a: Uint32Array, b: Uint32Array): Uint32Array {
    sameLength(acc, a, 'vecMulAdd');
    sameLength(acc, b, 'vecMulAdd');
    const n = acc.length;
    const [pa, pb, pc] = this.layout(n, n, n);
    this.put(pa, acc);
    this.put(pb, a);
    this.put(pc, b);
    this.x.vec_mul_add(pa, pb, pc, n);
    acc.set(this.view(pa, n));
    return acc;
  }

  vecAxpy(acc: Uint32Array, s: number, x: Uint32Array): Uint32Array {
    sameLength(acc, x, 'vecAxpy');
    const n = acc.length;
    const [pa, px] = this.layout(n, n);
    this.put(pa, acc);
    this.put(px, x);
    this.x.vec_axpy(pa, px, n, toMontgomery(s));
    acc.set(this.view(pa, n));
    return acc;
  }

  vecInner(a: Uint32Array, b: Uint32Array): number {
    sameLength(a, b, 'vecInner');
    const n = a.length;
    const [pa, pb] = this.layout(n, n);
    this.put(pa, a);
    this.put(pb, b);
    return this.x.vec_inner(pa, pb, n) >>> 0;
  }

  extAxpyBase(acc: Uint32Array, s: Ext, base: Uint32Array): Uint32Array {
    const n = flatLength(acc, 'extAxpyBase');
    if (base.length !== n) throw new RangeError(`extAxpyBase: expected a base vector of length ${n}, got ${base.length}`);
    const [pa, pb] = this.layout(4 * n, n);
    this.put(pa, acc);
    this.put(pb, base);
    this.x.ext_axpy_base(pa, pb, n, toMontgomery(s[0]), toMontgomery(s[1]), toMontgomery(s[2]), toMontgomery(s[3]));
    acc.set(this.view(pa, 4 * n));
    return acc;
  }

  extInnerBase(ext: Uint32Array, base: Uint32Array): Ext {
    const n = flatLength(ext, 'extInnerBase');
    if (base.length !== n) throw new RangeError(`extInnerBase: expected a base vector of length ${n}, got ${base.length}`);
    const [pe, pb, po] = this.layout(4 * n, n, 4);
    this.put(pe, ext);
    this.put(pb, base);
    this.x.ext_inner_base(pe, pb, n, po);
    return this.view(po, 4).slice();
  }

  extInner(a: Uint32Array, b: Uint32Array): Ext {
    const n = flatLength(a, 'extInner');
    sameLength(a, b, 'extInner');
    const [pa, pb, po] = this.layout(4 * n, 4 * n, 4);
    this.put(pa, a);
    this.put(pb, b);
    this.x.ext_inner(pa, pb, n, po);
    return this.view(po, 4).slice();
  }

  foldBase(table: Uint32Array, r: Ext): Uint32Array {
    const half = foldHalf(table.length, 'foldBase');
    const [pt, po] = this.layout(2 * half, 4 * half);
    this.put(pt, table);
    this.x.fold_base(pt, po, half, toMontgomery(r[0]), toMontgomery(r[1]), toMontgomery(r[2]), toMontgomery(r[3]));
    return this.view(po, 4 * half).slice();
  }

  foldExt(table: Uint32Array, r: Ext): Uint32Array {
    const n = flatLength(table, 'foldExt');
    const half = foldHalf(n, 'foldExt');
    const [pt] = this.layout(4 * n);
    this.put(pt, table);
    const m = (x: number) => toMontgomery(x);
    const w = (x: number) => toMontgomery(mul(EXT_W, x));
    this.x.fold_ext(pt, pt, half, m(r[0]), m(r[1]), m(r[2]), m(r[3]), w(r[1]), w(r[2]), w(r[3]));
    return this.view(pt, 4 * half).slice();
  }

  /** Ensures resident Montgomery twiddle tables for size 2^logN; returns [forward, inverse] pointers. */
  private tables(logN: number): [number, number] {
    if (logN > this.twLog) {
      const n = 1 << logN;
      const fwd = this.base;
      const invp = align(fwd + 4 * n);
      this.scratchBase = align(invp + 4 * n);
      this.ensure(this.scratchBase);
      const f = twiddles(logN, false).w, g = twiddles(logN, true).w;
      const vf = this.view(fwd, n), vg = this.view(invp, n);
      for (let i = 1; i < n; i++) {
        vf[i] = toMontgomery(f[i]);
        vg[i] = toMontgomery(g[i]);
      }
      this.twLog = logN;
      this.twFwd = fwd;
      this.twInv = invp;
    }
    return [this.twFwd, this.twInv];
  }

  mulPowers(a: Uint32Array, g: number): Uint32Array {
    const n = a.length;
    const [pa] = this.layout(n);
    this.put(pa, a);
    this.powersInPlace(pa, n, g);
    a.set(this.view(pa, n));
    return a;
  }

  private powersInPlace(pa: number, n: number, g: number): void {
    const g2 = mul(g, g), g3 = mul(g2, g), g4 = mul(g3, g);
    this.x.vec_mul_powers(pa, n, toMontgomery(1), toMontgomery(g), toMontgomery(g2), toMontgomery(g3), toMontgomery(g4));
  }

  cosetNtt(a: Uint32Array, shift: number): void {
    this.transform(a, false, 'cosetNtt', shift);
  }

  cosetIntt(a: Uint32Array, shift: number): void {
    this.transform(a, true, 'cosetIntt', shift);
  }

  ntt(a: Uint32Array): void {
    this.transform(a, false, 'ntt');
  }

  transformExt(flat: Uint32Array, invert: boolean, shift = 1): void {
    const n = flatLength(flat, 'transformExt');
    const logN = log2Exact(n, 'transformExt');
    if (n < 4) {
      // Too short for the 4×4 transposes: transform the coordinates one by one.
      for (let c = 0; c < 4; c++) {
        const coord = new Uint32Array(n);
        for (let i = 0; i < n; i++) coord[i] = flat[4 * i + c];
        this.transform(coord, invert, 'transformExt', shift);
        for (let i = 0; i < n; i++) flat[4 * i + c] = coord[i];
      }
      return;
    }
    const [fwd, invp] = this.tables(logN);
    const [pf, pc] = this.layout(4 * n, 4 * n);
    this.put(pf, flat);
    this.x.ext_split(pf, pc, n);
    const nInv = toMontgomery(inv(n % P));
    const shiftInv = shift === 1 ? 1 : inv(shift);
    for (let c = 0; c < 4; c++) {
      const p = pc + 4 * c * n;
      if (!invert && shift !== 1) this.powersInPlace(p, n, shift);
      this.x.ntt(p, logN, invert ? invp : fwd);
      if (invert) this.x.vec_scale(p, n, nInv);
      if (invert && shift !== 1) this.powersInPlace(p, n, shiftInv);
    }
    this.x.ext_join(pc, pf, n);
    flat.set(this.view(pf, 4 * n));
  }

  intt(a: Uint32Array): void {
    this.transform(a, true, 'intt');
  }

  /** (Coset) transform in one round trip through linear memory; shift 1 = plain NTT. */
  private transform(a: Uint32Array, invert: boolean, what: string, shift = 1): void {
    if (!(a instanceof Uint32Array)) throw new TypeError(`${what}: expected a Uint32Array, got ${Object.prototype.toString.call(a)}`);
    const logN = log2Exact(a.length, what);
    const [fwd, invp] = this.tables(logN);
    const n = a.length;
    const [pa] = this.layout(n);
    this.put(pa, a);
    if (!invert && shift !== 1) this.powersInPlace(pa, n, shift);
    this.x.ntt(pa, logN, invert ? invp : fwd);
    if (invert) this.x.vec_scale(pa, n, toMontgomery(inv(n % P)));
    if (invert && shift !== 1) this.powersInPlace(pa, n, inv(shift));
    a.set(this.view(pa, n));
  }
}

function align(p: number): number {
  return (p + 15) & ~15;
}

function sameLength(a: Uint32Array, b: Uint32Array, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: expected equal lengths, got ${a.length} and ${b.length}`);
}

function flatLength(a: Uint32Array, what: string): number {
  if (a.length % 4 !== 0) throw new RangeError(`${what}: expected a flat ext vector (length a multiple of 4), got length ${a.length}`);
  return a.length >> 2;
}

function foldHalf(n: number, what: string): number {
  if (n < 2 || (n & (n - 1)) !== 0) throw new RangeError(`${what}: expected a power-of-two length ≥ 2, got ${n}`);
  return n >> 1;
}

let instance: Kernels | null | undefined;
let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64) as BufferSource);
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

/**
 * A new instance of the kernels with its own linear memory (not shared with {@link wasmKernels}),
 * for callers that keep large data resident across many calls (e.g. the logUp-GKR prover), or
 * undefined without WebAssembly SIMD. Memory above `heap_base()` is the caller's.
 */
export function freshWasmInstance(): RawExports | undefined {
  const m = kernelModule();
  if (!m) return undefined;
  try {
    return new WebAssembly.Instance(m, { env: { abort: wasmAbort } }).exports as unknown as RawExports;
  } catch {
    return undefined;
  }
}

/**
 * The WASM kernels, instantiated on first use (synchronously). Returns undefined when the
 * platform has no WebAssembly or rejects the module (e.g. no SIMD support); callers then use
 * the TypeScript paths, which compute identical results.
 */
export function wasmKernels(): WasmKernels | undefined {
  if (instance === undefined) {
    const x = freshWasmInstance();
    instance = x ? new Kernels(x) : null;
  }
  return instance ?? undefined;
}

/** The WASM kernels; throws when WebAssembly is unavailable (for tests and benchmarks). */
export function requireWasmKernels(): WasmKernels {
  const k = wasmKernels();
  if (!k) throw new Error('wasm: expected WebAssembly with SIMD support, got none (the module failed to compile)');
  return k;
}

function wasmAbort(): never {
  throw new Error('wasm kernel aborted');
}
