/**
 * A specialized prover state for the degree-2 sumcheck of Σ_x a(x)·b(x) with a an ext table and b a
 * base table (the column sumcheck of a matrix-vector product, matvec.ts). It produces exactly the
 * messages of the generic {@link SumcheckState} (tests compare them) but keeps b in the base field
 * until the first bind, so round 0 costs 12 base multiplications per pair instead of 3 ext×ext
 * products, and b's first fold is ext×base.
 */
import { P, mul } from '../field/babybear.ts';
import { type Ext, eMulInto } from '../field/ext4.ts';
import { foldBase, foldExtInto } from '../poly/fold.ts';
import type { RoundProver } from './instance.ts';

/** Prover state of Σ a·b, a ext, b base (see module header). */
export class InnerProductState implements RoundProver {
  readonly numVars: number;
  readonly degree = 2;
  private a: Uint32Array;
  private b: Uint32Array;
  private bIsBase = true;
  private n: number;
  private cached: Uint32Array | undefined;

  /**
   * @param a flat ext table of 2^v entries (copied).
   * @param b base table of 2^v entries (copied).
   */
  constructor(a: Uint32Array, b: Uint32Array) {
    const n = b.length;
    if (n < 1 || (n & (n - 1)) !== 0 || a.length !== 4 * n) throw new RangeError(`InnerProductState: expected a (ext) and b (base) of one power-of-two length, got ${a.length / 4} and ${n}`);
    this.n = n;
    this.numVars = Math.log2(n);
    this.a = a.slice();
    this.b = b.slice();
  }

  /** @inheritDoc */
  roundEvals(): Uint32Array {
    if (this.n < 2) throw new RangeError('InnerProductState: no variable left to bind');
    if (!this.cached) this.cached = this.bIsBase ? this.computeBase() : this.computeExt();
    return this.cached.slice();
  }

  private computeBase(): Uint32Array {
    const half = this.n >> 1;
    const A = this.a, B = this.b;
    const acc = new Float64Array(12);
    for (let i = 0; i < half; i++) {
      const b0 = B[i], b1 = B[i + half];
      let b2 = 2 * b1 - b0;
      b2 = b2 < 0 ? b2 + P : b2 >= P ? b2 - P : b2;
      const lo = 4 * i, hi = 4 * (i + half);
      for (let q = 0; q < 4; q++) {
        const a0 = A[lo + q], a1 = A[hi + q];
        let a2 = 2 * a1 - a0;
        a2 = a2 < 0 ? a2 + P : a2 >= P ? a2 - P : a2;
        acc[q] += mul(a0, b0);
        acc[4 + q] += mul(a1, b1);
        acc[8 + q] += mul(a2, b2);
      }
      if ((i & 0xfffff) === 0xfffff) for (let q = 0; q < 12; q++) acc[q] %= P; // stay below 2^53
    }
    return Uint32Array.from(acc, (x) => x % P);
  }

  private computeExt(): Uint32Array {
    const half = this.n >> 1;
    const A = this.a, B = this.b;
    const acc = new Float64Array(12);
    const va = new Uint32Array(4), vb = new Uint32Array(4), prod = new Uint32Array(4);
    for (let i = 0; i < half; i++) {
      const lo = 4 * i, hi = 4 * (i + half);
      eMulInto(prod, 0, A, lo, B, lo);
      for (let q = 0; q < 4; q++) acc[q] += prod[q];
      eMulInto(prod, 0, A, hi, B, hi);
      for (let q = 0; q < 4; q++) acc[4 + q] += prod[q];
      for (let q = 0; q < 4; q++) {
        const x = 2 * A[hi + q] - A[lo + q];
        va[q] = x < 0 ? x + P : x >= P ? x - P : x;
        const y = 2 * B[hi + q] - B[lo + q];
        vb[q] = y < 0 ? y + P : y >= P ? y - P : y;
      }
      eMulInto(prod, 0, va, 0, vb, 0);
      for (let q = 0; q < 4; q++) acc[8 + q] += prod[q];
      if ((i & 0xfffff) === 0xfffff) for (let q = 0; q < 12; q++) acc[q] %= P;
    }
    return Uint32Array.from(acc, (x) => x % P);
  }

  /** @inheritDoc */
  bind(r: Ext): void {
    if (this.n < 2) throw new RangeError('InnerProductState: no variable left to bind');
    this.cached = undefined;
    foldExtInto(this.a, this.a, this.n, r);
    if (this.bIsBase) {
      this.b = foldBase(this.b.subarray(0, this.n), r);
      this.bIsBase = false;
    } else {
      foldExtInto(this.b, this.b, this.n, r);
    }
    this.n >>= 1;
  }

  /** [a(point), b(point)]. */
  finalValues(): Ext[] {
    if (this.n !== 1) throw new RangeError(`InnerProductState: expected every variable bound, ${Math.log2(this.n)} left`);
    return [this.a.slice(0, 4), this.bIsBase ? Uint32Array.of(this.b[0], 0, 0, 0) : this.b.slice(0, 4)];
  }

  /** @inheritDoc */
  totalSum(): Ext {
    if (this.n === 1) {
      const out = new Uint32Array(4);
      const [x, y] = this.finalValues();
      eMulInto(out, 0, x, 0, y, 0);
      return out;
    }
    const e = this.roundEvals();
    return Uint32Array.of((e[0] + e[4]) % P, (e[1] + e[5]) % P, (e[2] + e[6]) % P, (e[3] + e[7]) % P);
  }
}
