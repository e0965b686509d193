/**
 * A specialized prover state for the logUp-GKR layer sumcheck
 *   Σ_x eq(ρ, x)·(p0(x)q1(x) + p1(x)q0(x) + λ·q0(x)q1(x)),
 * producing exactly the messages of the generic {@link SumcheckState} (tables eq(ρ), p0, p1, q0, q1,
 * terms of lookup/gkr.ts `layerTerms`) with about half the work, by splitting off the eq factor
 * (Gruen, "Some improvements for the PIOP for ZeroCheck", ePrint 2024/108, §3):
 * with u the current top variable and c the product of eq factors of the variables already bound,
 *   s(t) = c·eq1(ρ_u, t)·g(t),   g(t) = Σ_{x'} eq(ρ_0..ρ_{u−1}; x')·inner(x', t),
 * eq1(a, t) = (1 − a)(1 − t) + a·t. g has degree 2: it is computed at t = 0, 1, 2 and extrapolated to
 * t = 3 by g(3) = g(0) − 3g(1) + 3g(2). The eq table is never folded; eq(ρ_0..ρ_{u−1}) is rebuilt per
 * round (2^u ext mults, 2^k in all).
 */
import { P } from '../field/babybear.ts';
import { type Ext, eMulInto, eOne, eMul, eSub, eAdd, eMulBase, eAt, eCopy } from '../field/ext4.ts';
import { eqTable } from '../poly/eq.ts';
import { foldExtInto } from '../poly/fold.ts';
import type { RoundProver } from '../sumcheck/instance.ts';

/** eq1(a, t) = 1 − a − t + 2at. */
function eq1(a: Ext, t: Ext): Ext {
  const at = eMul(a, t);
  return eAdd(eSub(eSub(eOne(), a), t), eAdd(at, at));
}

/** Prover state of one GKR layer sumcheck (see module header). */
export class GkrLayerState implements RoundProver {
  readonly numVars: number;
  readonly degree = 3;
  private readonly tabs: Uint32Array[];
  private readonly rho: Uint32Array;
  private readonly lambda: Ext;
  private n: number;
  private scale: Ext = eOne();
  private cached: Uint32Array | undefined;

  /**
   * @param rho the layer point (k variables).
   * @param p0,p1,q0,q1 flat ext tables of 2^k entries (copied).
   */
  constructor(rho: Uint32Array, p0: Uint32Array, p1: Uint32Array, q0: Uint32Array, q1: Uint32Array, lambda: Ext) {
    const k = rho.length / 4;
    for (const t of [p0, p1, q0, q1]) if (t.length !== 4 << k) throw new RangeError(`GkrLayerState: expected tables of ${2 ** k} ext entries, got ${t.length / 4}`);
    this.numVars = k;
    this.n = 1 << k;
    this.rho = rho.slice();
    this.lambda = eCopy(lambda);
    this.tabs = [p0.slice(), p1.slice(), q0.slice(), q1.slice()];
  }

  /** @inheritDoc */
  roundEvals(): Uint32Array {
    if (this.n < 2) throw new RangeError('GkrLayerState: no variable left to bind');
    if (!this.cached) this.cached = this.compute();
    return this.cached.slice();
  }

  private compute(): Uint32Array {
    const half = this.n >> 1;
    const u = Math.log2(half);
    const eqLow = eqTable(this.rho.subarray(0, 4 * u));
    const lam = this.lambda;
    // accumulators for g(0), g(1), g(2)
    const acc = new Float64Array(12);
    const v = new Uint32Array(16 * 3); // values of p0, p1, q0, q1 at t = 0, 1, 2: [t][table][4]
    const a = new Uint32Array(4), b = new Uint32Array(4), c = new Uint32Array(4);
    let pending = 0;
    for (let i = 0; i < half; i++) {
      const lo = 4 * i, hi = 4 * (i + half);
      for (let k = 0; k < 4; k++) {
        const tab = this.tabs[k];
        for (let q = 0; q < 4; q++) {
          const x0 = tab[lo + q], x1 = tab[hi + q];
          v[4 * k + q] = x0;
          v[16 + 4 * k + q] = x1;
          const x2 = 2 * x1 - x0; // in (−p, 2p)
          v[32 + 4 * k + q] = x2 < 0 ? x2 + P : x2 >= P ? x2 - P : x2;
        }
      }
      for (let t = 0; t < 3; t++) {
        const o = 16 * t;
        eMulInto(a, 0, v, o + 0, v, o + 12); // p0·q1
        eMulInto(b, 0, v, o + 4, v, o + 8); // p1·q0
        eMulInto(c, 0, v, o + 8, v, o + 12); // q0·q1
        eMulInto(c, 0, c, 0, lam, 0);
        for (let q = 0; q < 4; q++) a[q] = (a[q] + b[q] + c[q]) % P;
        eMulInto(a, 0, a, 0, eqLow, lo);
        acc[4 * t] += a[0];
        acc[4 * t + 1] += a[1];
        acc[4 * t + 2] += a[2];
        acc[4 * t + 3] += a[3];
      }
      if (++pending === 1 << 20) {
        for (let q = 0; q < 12; q++) acc[q] %= P;
        pending = 0;
      }
    }
    const g: Ext[] = [0, 1, 2].map((t) => Uint32Array.from([0, 1, 2, 3].map((q) => acc[4 * t + q] % P)));
    // g(3) = g(0) − 3·g(1) + 3·g(2)
    g.push(eAdd(eSub(g[0], eMulBase(g[1], 3)), eMulBase(g[2], 3)));
    const ru = eAt(this.rho, u);
    const out = new Uint32Array(16);
    for (let t = 0; t < 4; t++) out.set(eMul(this.scale, eMul(eq1(ru, Uint32Array.of(t, 0, 0, 0)), g[t])), 4 * t);
    return out;
  }

  /** @inheritDoc */
  bind(r: Ext): void {
    if (this.n < 2) throw new RangeError('GkrLayerState: no variable left to bind');
    this.cached = undefined;
    const u = Math.log2(this.n) - 1;
    for (const t of this.tabs) foldExtInto(t, t, this.n, r);
    this.scale = eMul(this.scale, eq1(eAt(this.rho, u), r));
    this.n >>= 1;
  }

  /** [eq(ρ, point), p0, p1, q0, q1] at the point (the same order as the generic tables). */
  finalValues(): Ext[] {
    if (this.n !== 1) throw new RangeError(`GkrLayerState: expected every variable bound, ${Math.log2(this.n)} left`);
    return [eCopy(this.scale), ...this.tabs.map((t) => t.slice(0, 4))];
  }

  /** @inheritDoc */
  totalSum(): Ext {
    const e = this.roundEvals();
    return Uint32Array.of((e[0] + e[4]) % P, (e[1] + e[5]) % P, (e[2] + e[6]) % P, (e[3] + e[7]) % P);
  }
}
