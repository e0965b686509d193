/**
 * WASM path of the logUp-GKR prover (Papini–Haböck, ePrint 2023/1284 §3): the fraction tree and the
 * layer sumchecks of lookup/fraction-tree.ts and lookup/gkr-layer.ts run on kernels of
 * assembly/gkr.ts, with the whole tree resident in a private kernel instance's memory (its own
 * linear memory, so other kernels' scratch use cannot clobber it) and kept in the Montgomery domain.
 * The messages are exactly those of the TypeScript path ({@link TsFractionTreeProver}); tests compare
 * both on random leaves, round by round.
 *
 * Memory: layer m (2^m entries; m = n for the leaves down to 1) holds p then q, 16 bytes per
 * element; then scratch for the eq table (2^(n−2) entries), λ, the point and the kernel output.
 * Layer k's sumcheck folds layer k + 1 in place (it is used by no other step).
 *
 * Unused leaves: when the leaves end in a run of (p, q) = (0, 1) (the logUp's unused leaves,
 * leaves.ts), layer m's entries from U_m = min(U, 2^m) on are (0, 1) too (U = index of the run's
 * start). A parent whose upper child is (0, 1) equals its lower child (copied, no multiplication),
 * and in layer k's sumcheck the pairs whose p1, q1 entries are (0, 1) sum eq·(p0 + λ·q0) (half the
 * multiplications) and need no fold of p1, q1: for the top layer of a table that fills 55% of its
 * leaves this skips most of the work. The messages are unchanged (tests).
 */
import { mul } from '../field/babybear.ts';
import { type Ext, EXT_W, eAt, eCopy, eMul, eOne } from '../field/ext4.ts';
import { interpolateAt } from '../sumcheck/lagrange.ts';
import type { RoundProver } from '../sumcheck/instance.ts';
import { freshWasmInstance, toMontgomery, type RawExports } from '../wasm/kernels.ts';
import { buildFractionTree, type FractionLayer } from './fraction-tree.ts';
import { GkrLayerState, canDeriveG1, deriveG1, eqFactor, layerRoundMessage } from './gkr-layer.ts';

/** 2^-32 mod p: x̃·R^{-1} = x out of the Montgomery domain. */
const R_INV = 943718400;
const PAGE = 65536;

/** What the GKR prover needs from a fraction tree: layer 1 and a sumcheck state per layer. */
export interface FractionTreeProver {
  readonly numVars: number;
  /** Layer 1's entries p[0], p[1], q[0], q[1] (the root message's values). */
  rootValues(): Ext[];
  /**
   * The sumcheck state of layer k (1 ≤ k < numVars, each once, in increasing k) at the point ρ (k
   * variables), challenge λ, and the layer claim P + λ·Q.
   */
  layerState(k: number, rho: Uint32Array, lambda: Ext, claim: Ext): RoundProver;
}

/** The TypeScript reference: {@link buildFractionTree} and {@link GkrLayerState}. */
export class TsFractionTreeProver implements FractionTreeProver {
  readonly numVars: number;
  private readonly layers: FractionLayer[];

  constructor(p: Uint32Array, q: Uint32Array) {
    this.layers = buildFractionTree(p, q);
    this.numVars = this.layers.length - 1;
  }

  rootValues(): Ext[] {
    const L1 = this.layers[1];
    return [eAt(L1.p, 0), eAt(L1.p, 1), eAt(L1.q, 0), eAt(L1.q, 1)];
  }

  layerState(k: number, rho: Uint32Array, lambda: Ext, claim: Ext): RoundProver {
    const child = this.layers[k + 1];
    const h = 4 << k;
    return new GkrLayerState(rho, child.p.subarray(0, h), child.p.subarray(h), child.q.subarray(0, h), child.q.subarray(h), lambda, claim);
  }
}

let instance: RawExports | null | undefined;

/** The private kernel instance of the GKR prover, or undefined without WebAssembly SIMD. */
export function gkrKernels(): RawExports | undefined {
  if (instance === undefined) instance = freshWasmInstance() ?? null;
  return instance ?? undefined;
}

/**
 * Drops the private instance when its memory grew beyond `maxBytes` (WebAssembly memory never
 * shrinks): the next proof instantiates a fresh one (the compiled module is cached), so one huge
 * lookup does not pin its tree for the rest of the process. Called after every GKR proof.
 */
export function trimGkrKernels(maxBytes = 128 * 2 ** 20): void {
  if (instance && instance.memory.buffer.byteLength > maxBytes) instance = undefined;
}

function align(p: number): number {
  return (p + 15) & ~15;
}

/** The fraction tree resident in a kernel instance (see module header). */
export class WasmFractionTreeProver implements FractionTreeProver {
  readonly numVars: number;
  private readonly x: RawExports;
  /** Byte offsets of layer m's p and q (index m). */
  private readonly lp: number[] = [];
  private readonly lq: number[] = [];
  /** U_m: entries of layer m from U_m on are (0, 1) (index m). */
  private readonly active: number[] = [];
  /** eq table, λ, point, output. */
  private readonly eqPtr: number;
  private readonly lamPtr: number;
  private readonly pointPtr: number;
  private readonly outPtr: number;

  /**
   * Writes the leaves (flat ext, 2^n entries each, n ≥ 1) and builds every layer.
   * @throws RangeError on bad lengths.
   */
  constructor(x: RawExports, p: Uint32Array, q: Uint32Array);
  /**
   * Lets `write` fill the leaves in place (views of 4·2^n words of the instance's memory, holding
   * stale data: every word must be written), then builds every layer.
   */
  constructor(x: RawExports, numVars: number, write: (p: Uint32Array, q: Uint32Array) => void);
  constructor(x: RawExports, a: Uint32Array | number, b: Uint32Array | ((p: Uint32Array, q: Uint32Array) => void)) {
    const n2 = typeof a === 'number' ? 2 ** a : a.length / 4;
    if (typeof a !== 'number' && (!(b instanceof Uint32Array) || a.length !== b.length)) throw new RangeError(`WasmFractionTreeProver: expected p and q of equal length, got ${a.length / 4} and ${b instanceof Uint32Array ? b.length / 4 : typeof b}`);
    if (!Number.isInteger(n2) || n2 < 2 || (n2 & (n2 - 1)) !== 0) throw new RangeError(`WasmFractionTreeProver: expected a power-of-two number of leaves ≥ 2, got ${n2}`);
    const n = Math.log2(n2);
    this.x = x;
    this.numVars = n;
    let at = align(x.heap_base());
    for (let m = n; m >= 1; m--) {
      this.lp[m] = at;
      at += 16 << m;
      this.lq[m] = at;
      at += 16 << m;
    }
    this.eqPtr = at;
    at += 16 << Math.max(0, n - 2);
    this.lamPtr = at;
    this.pointPtr = at + 16;
    at += 16 + 16 * n;
    this.outPtr = at;
    at += 48;
    const have = x.memory.buffer.byteLength;
    if (at > have) x.memory.grow(Math.ceil((at - have) / PAGE));
    const pv = this.view(this.lp[n], 4 * n2), qv = this.view(this.lq[n], 4 * n2);
    if (typeof a === 'number') (b as (p: Uint32Array, q: Uint32Array) => void)(pv, qv);
    else {
      pv.set(a);
      qv.set(b as Uint32Array);
    }
    this.active[n] = unusedStart(pv, qv);
    x.gkr_to_mont(this.lp[n], n2);
    x.gkr_to_mont(this.lq[n], n2);
    for (let m = n - 1; m >= 1; m--) {
      const half = 1 << m;
      this.active[m] = Math.min(this.active[m + 1], half);
      x.gkr_frac_layer(this.lp[m + 1], this.lq[m + 1], half, this.lp[m], this.lq[m], Math.max(0, this.active[m + 1] - half));
    }
  }

  /** A view of `words` u32 at a byte offset (re-created: memory may have grown). */
  view(ptr: number, words: number): Uint32Array {
    return new Uint32Array(this.x.memory.buffer, ptr, words);
  }

  /** The plain ext element at a byte offset (Montgomery in memory). */
  readExt(ptr: number): Ext {
    const v = this.view(ptr, 4);
    return Uint32Array.of(mul(v[0], R_INV), mul(v[1], R_INV), mul(v[2], R_INV), mul(v[3], R_INV));
  }

  /** Writes a plain ext element at a byte offset in the Montgomery domain. */
  writeExt(ptr: number, e: Ext): void {
    this.view(ptr, 4).set([toMontgomery(e[0]), toMontgomery(e[1]), toMontgomery(e[2]), toMontgomery(e[3])]);
  }

  rootValues(): Ext[] {
    return [this.readExt(this.lp[1]), this.readExt(this.lp[1] + 16), this.readExt(this.lq[1]), this.readExt(this.lq[1] + 16)];
  }

  layerState(k: number, rho: Uint32Array, lambda: Ext, claim: Ext): RoundProver {
    if (!Number.isInteger(k) || k < 1 || k >= this.numVars || rho.length !== 4 * k) throw new RangeError(`WasmFractionTreeProver: expected a layer in [1, ${this.numVars}) and a point of k variables, got layer ${k} and ${rho.length / 4} variables`);
    return new WasmLayerState(this, k, rho, lambda, claim);
  }

  /** @internal kernel access for {@link WasmLayerState}. */
  get kernels(): RawExports {
    return this.x;
  }

  /** @internal layout for {@link WasmLayerState}. */
  layout(k: number): { tabs: number[]; eq: number; lam: number; point: number; out: number; upper: number } {
    const h = 16 << k;
    // p1, q1 (the upper half of layer k + 1) are (0, 1) from entry `upper` on
    const upper = Math.max(0, this.active[k + 1] - (1 << k));
    return { tabs: [this.lp[k + 1], this.lp[k + 1] + h, this.lq[k + 1], this.lq[k + 1] + h], eq: this.eqPtr, lam: this.lamPtr, point: this.pointPtr, out: this.outPtr, upper };
  }
}

/** Layer k's sumcheck state on resident tables: the protocol of {@link GkrLayerState}. */
class WasmLayerState implements RoundProver {
  readonly numVars: number;
  readonly degree = 3;
  private readonly tree: WasmFractionTreeProver;
  private readonly x: RawExports;
  private readonly rho: Uint32Array;
  private readonly tabs: number[];
  private readonly eq: number;
  private readonly lam: number;
  private readonly out: number;
  private n: number;
  private scale: Ext = eOne();
  private claim: Ext;
  private cached: Uint32Array | undefined;
  /** p1 and q1 are (0, 1) from this entry on. */
  private upper: number;

  constructor(tree: WasmFractionTreeProver, k: number, rho: Uint32Array, lambda: Ext, claim: Ext) {
    const l = tree.layout(k);
    this.tree = tree;
    this.x = tree.kernels;
    this.numVars = k;
    this.n = 1 << k;
    this.rho = rho.slice();
    this.tabs = l.tabs;
    this.eq = l.eq;
    this.lam = l.lam;
    this.out = l.out;
    this.claim = eCopy(claim);
    this.upper = l.upper;
    tree.writeExt(l.lam, lambda);
    for (let i = 0; i < k - 1; i++) tree.writeExt(l.point + 16 * i, eAt(rho, i));
    this.x.gkr_eq_table(l.eq, l.point, k - 1);
  }

  roundEvals(): Uint32Array {
    if (this.n < 2) throw new RangeError('WasmLayerState: no variable left to bind');
    if (!this.cached) this.cached = this.compute();
    return this.cached.slice();
  }

  private compute(): Uint32Array {
    const half = this.n >> 1;
    const ru = eAt(this.rho, Math.log2(half));
    const derive = canDeriveG1(this.scale, ru);
    const [p0, p1, q0, q1] = this.tabs;
    this.x.gkr_round_sums(p0, p1, q0, q1, this.eq, half, this.lam, derive ? 0 : 1, Math.min(this.upper, half), this.out);
    const o = this.tree.view(this.out, 12);
    const g0 = o.slice(0, 4), g2 = o.slice(4, 8);
    const g1 = derive ? deriveG1(this.claim, this.scale, ru, g0) : o.slice(8, 12);
    return layerRoundMessage(this.scale, ru, g0, g1, g2);
  }

  bind(r: Ext): void {
    if (this.n < 2) throw new RangeError('WasmLayerState: no variable left to bind');
    this.claim = interpolateAt(this.roundEvals(), r);
    this.cached = undefined;
    const half = this.n >> 1;
    const m = (v: number) => toMontgomery(v);
    const w = (v: number) => toMontgomery(mul(EXT_W, v));
    const rm = [m(r[0]), m(r[1]), m(r[2]), m(r[3])] as const;
    const rw = [w(r[1]), w(r[2]), w(r[3])] as const;
    // p1, q1 entries from `upper` on are (0, 1) at both ends of every pair: folding keeps them
    const counts = [half, Math.min(this.upper, half), half, Math.min(this.upper, half)];
    this.tabs.forEach((t, j) => this.x.gkr_fold_prefix(t, half, counts[j], ...rm, ...rw));
    this.upper = Math.min(this.upper, half);
    const u = Math.log2(half);
    this.scale = eMul(this.scale, eqFactor(eAt(this.rho, u), r));
    if (u >= 1) this.x.gkr_add_halves(this.eq, this.eq, 1 << (u - 1));
    this.n = half;
  }

  finalValues(): Ext[] {
    if (this.n !== 1) throw new RangeError(`WasmLayerState: expected every variable bound, ${Math.log2(this.n)} left`);
    return [eCopy(this.scale), ...this.tabs.map((t) => this.tree.readExt(t))];
  }

  totalSum(): Ext {
    return eCopy(this.claim);
  }
}

/** The start of the leaves' final run of (p, q) = (0, 1) (2^n when there is none). */
export function unusedStart(p: Uint32Array, q: Uint32Array): number {
  let i = p.length / 4;
  while (i > 0) {
    const o = 4 * (i - 1);
    if (p[o] !== 0 || p[o + 1] !== 0 || p[o + 2] !== 0 || p[o + 3] !== 0 || q[o] !== 1 || q[o + 1] !== 0 || q[o + 2] !== 0 || q[o + 3] !== 0) break;
    i--;
  }
  return i;
}

/**
 * The fraction-tree prover for these leaves: the WASM one when WebAssembly SIMD is available and
 * `engine` is not 'ts', else the TypeScript reference.
 */
export function fractionTreeProver(p: Uint32Array, q: Uint32Array, engine: 'auto' | 'ts' | 'wasm' = 'auto'): FractionTreeProver {
  const x = engine === 'ts' ? undefined : gkrKernels();
  if (engine === 'wasm' && !x) throw new Error('fractionTreeProver: expected WebAssembly SIMD, got none');
  return x ? new WasmFractionTreeProver(x, p, q) : new TsFractionTreeProver(p, q);
}
