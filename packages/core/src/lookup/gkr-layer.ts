/**
 * A specialized prover state for the logUp-GKR layer sumcheck
 *   Σ_x eq(ρ, x)·(p0(x)q1(x) + p1(x)q0(x) + λ·q0(x)q1(x)),
 * producing exactly the messages of the generic {@link SumcheckState} (tables eq(ρ), p0, p1, q0, q1,
 * terms of lookup/gkr.ts `layerTerms`) with a fraction of the work, by splitting off the eq factor
 * (Gruen, "Some improvements for the PIOP for ZeroCheck", ePrint 2024/108, §3):
 * with u the current top variable and c the product of eq factors of the variables already bound,
 *   s(t) = c·eq1(ρ_u, t)·g(t),   g(t) = Σ_{x'} eq(ρ_0..ρ_{u−1}; x')·inner(x', t),
 * eq1(a, t) = (1 − a)(1 − t) + a·t. g has degree 2; g(3) = g(0) − 3g(1) + 3g(2).
 *
 * Work per pair of entries (x', 0), (x', 1):
 * - inner is evaluated as p0·q1 + q0·(p1 + λ·q1): 3 ext multiplications per t instead of 4, plus one
 *   for the eq weight;
 * - when the round's claim C = s(0) + s(1) is known (the caller passes the layer claim P + λQ; later
 *   claims are s_j(r_j), tracked by the state), only g(0) and g(2) are summed and
 *   g(1) = (C − c·(1 − ρ_u)·g(0)) / (c·ρ_u) (falls back to summing g(1) when c·ρ_u = 0):
 *   8 ext multiplications per pair instead of 15;
 * - eq(ρ_0..ρ_{u−1}) is built once and halved by additions after each bind
 *   (eq(ρ_<u−1)[i] = eq(ρ_<u)[i] + eq(ρ_<u)[i + 2^(u−1)]), never folded.
 * {@link GkrLayerState.computeReference} keeps the plain three-point evaluation; tests compare both
 * with the generic state round by round.
 */
import { P } from '../field/babybear.ts';
import { type Ext, eMulInto, eOne, eMul, eSub, eAdd, eMulBase, eAt, eCopy, eInv, eIsZero } from '../field/ext4.ts';
import { eqTable } from '../poly/eq.ts';
import { foldExtInto } from '../poly/fold.ts';
import { interpolateAt } from '../sumcheck/lagrange.ts';
import type { RoundProver } from '../sumcheck/instance.ts';

/** eq1(a, t) = 1 − a − t + 2at. */
function eq1(a: Ext, t: Ext): Ext {
  const at = eMul(a, t);
  return eAdd(eSub(eSub(eOne(), a), t), eAdd(at, at));
}

/**
 * The round message s(0..3) (flat ext) from g(0), g(1), g(2): s(t) = c·eq1(ρ_u, t)·g(t) with
 * g(3) = g(0) − 3g(1) + 3g(2) (g has degree 2).
 */
export function layerRoundMessage(scale: Ext, rhoU: Ext, g0: Ext, g1: Ext, g2: Ext): Uint32Array {
  const g = [g0, g1, g2, eAdd(eSub(g0, eMulBase(g1, 3)), eMulBase(g2, 3))];
  const out = new Uint32Array(16);
  for (let t = 0; t < 4; t++) out.set(eMul(scale, eMul(eq1(rhoU, Uint32Array.of(t, 0, 0, 0)), g[t])), 4 * t);
  return out;
}

/** Whether g(1) can be derived from the claim (c·ρ_u ≠ 0). */
export function canDeriveG1(scale: Ext, rhoU: Ext): boolean {
  return !eIsZero(eMul(scale, rhoU));
}

/** g(1) from the round claim C = s(0) + s(1): s(0) = c(1 − ρ_u)g(0) and s(1) = C − s(0) = c·ρ_u·g(1). */
export function deriveG1(claim: Ext, scale: Ext, rhoU: Ext, g0: Ext): Ext {
  const s0 = eMul(eMul(scale, eSub(eOne(), rhoU)), g0);
  return eMul(eSub(claim, s0), eInv(eMul(scale, rhoU)));
}

/** eq1(a, r) = (1 − a)(1 − r) + a·r: the factor binding a variable of ρ to r contributes. */
export function eqFactor(a: Ext, r: Ext): Ext {
  return eq1(a, r);
}

/** Additions between reductions of the Float64 accumulators (2^20·2^31 < 2^53). */
const REDUCE_EVERY = 1 << 20;

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
  /** The current round's claim s(0) + s(1), when known. */
  private claim: Ext | undefined;
  /** eq(ρ_0..ρ_{u−1}) for the current round's u (2^u entries). */
  private eqLow: Uint32Array;

  /**
   * @param rho the layer point (k variables).
   * @param p0,p1,q0,q1 flat ext tables of 2^k entries (copied).
   * @param claim the layer's claimed sum P + λ·Q when the caller knows it (saves a third of the
   *   first round's work and lets every round skip g(1)); must be the true sum.
   */
  constructor(rho: Uint32Array, p0: Uint32Array, p1: Uint32Array, q0: Uint32Array, q1: Uint32Array, lambda: Ext, claim?: Ext) {
    const k = rho.length / 4;
    for (const t of [p0, p1, q0, q1]) if (t.length !== 4 << k) throw new RangeError(`GkrLayerState: expected tables of ${2 ** k} ext entries, got ${t.length / 4}`);
    this.numVars = k;
    this.n = 1 << k;
    this.rho = rho.slice();
    this.lambda = eCopy(lambda);
    this.tabs = [p0.slice(), p1.slice(), q0.slice(), q1.slice()];
    this.claim = claim ? eCopy(claim) : undefined;
    this.eqLow = eqTable(this.rho.subarray(0, 4 * Math.max(0, k - 1)));
  }

  /** @inheritDoc */
  roundEvals(): Uint32Array {
    if (this.n < 2) throw new RangeError('GkrLayerState: no variable left to bind');
    if (!this.cached) this.cached = this.compute();
    return this.cached.slice();
  }

  /** s(0..3) from g(0..2). */
  private finish(g: Ext[]): Uint32Array {
    return layerRoundMessage(this.scale, eAt(this.rho, Math.log2(this.n >> 1)), g[0], g[1], g[2]);
  }

  private compute(): Uint32Array {
    const ru = eAt(this.rho, Math.log2(this.n >> 1));
    if (!this.claim || !canDeriveG1(this.scale, ru)) return this.computeReference();
    const [g0, g2] = this.sumsAt0And2();
    return this.finish([g0, deriveG1(this.claim, this.scale, ru, g0), g2]);
  }

  /** Σ eqLow·inner at t = 0 and t = 2 (8 ext multiplications per pair). */
  private sumsAt0And2(): [Ext, Ext] {
    const half = this.n >> 1;
    const [p0, p1, q0, q1] = this.tabs;
    const eq = this.eqLow;
    const lam = this.lambda;
    const acc = new Float64Array(8);
    // scratch: [0..4) p0, [4..8) p1, [8..12) q0, [12..16) q1 at t; [16..20) a; [20..24) b
    const v = new Uint32Array(24);
    let pending = 0;
    for (let i = 0; i < half; i++) {
      const lo = 4 * i, hi = 4 * (i + half);
      for (let t = 0; t < 2; t++) {
        if (t === 0) {
          for (let c = 0; c < 4; c++) {
            v[c] = p0[lo + c];
            v[4 + c] = p1[lo + c];
            v[8 + c] = q0[lo + c];
            v[12 + c] = q1[lo + c];
          }
        } else {
          for (let c = 0; c < 4; c++) {
            let x = 2 * p0[hi + c] - p0[lo + c];
            v[c] = x < 0 ? x + P : x >= P ? x - P : x;
            x = 2 * p1[hi + c] - p1[lo + c];
            v[4 + c] = x < 0 ? x + P : x >= P ? x - P : x;
            x = 2 * q0[hi + c] - q0[lo + c];
            v[8 + c] = x < 0 ? x + P : x >= P ? x - P : x;
            x = 2 * q1[hi + c] - q1[lo + c];
            v[12 + c] = x < 0 ? x + P : x >= P ? x - P : x;
          }
        }
        eMulInto(v, 20, v, 12, lam, 0); // λ·q1
        for (let c = 0; c < 4; c++) {
          const s = v[4 + c] + v[20 + c];
          v[20 + c] = s >= P ? s - P : s; // p1 + λ·q1
        }
        eMulInto(v, 20, v, 20, v, 8); // q0·(p1 + λ·q1)
        eMulInto(v, 16, v, 0, v, 12); // p0·q1
        for (let c = 0; c < 4; c++) {
          const s = v[16 + c] + v[20 + c];
          v[16 + c] = s >= P ? s - P : s;
        }
        eMulInto(v, 16, v, 16, eq, lo);
        const o = 4 * t;
        acc[o] += v[16];
        acc[o + 1] += v[17];
        acc[o + 2] += v[18];
        acc[o + 3] += v[19];
      }
      if (++pending === REDUCE_EVERY) {
        for (let q = 0; q < 8; q++) acc[q] %= P;
        pending = 0;
      }
    }
    const ext = (o: number) => Uint32Array.of(acc[o] % P, acc[o + 1] % P, acc[o + 2] % P, acc[o + 3] % P);
    return [ext(0), ext(4)];
  }

  /**
   * Reference round: g(0), g(1), g(2) each summed directly as eq·(p0·q1 + p1·q0 + λ·q0·q1)
   * (15 ext multiplications per pair). Used when the claim is unknown; tests compare it with the
   * fast path.
   */
  computeReference(): Uint32Array {
    const half = this.n >> 1;
    const eqLow = this.eqLow;
    const lam = this.lambda;
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
      if (++pending === REDUCE_EVERY) {
        for (let q = 0; q < 12; q++) acc[q] %= P;
        pending = 0;
      }
    }
    const g: Ext[] = [0, 1, 2].map((t) => Uint32Array.from([0, 1, 2, 3].map((q) => acc[4 * t + q] % P)));
    return this.finish(g);
  }

  /** @inheritDoc */
  bind(r: Ext): void {
    if (this.n < 2) throw new RangeError('GkrLayerState: no variable left to bind');
    if (this.claim) this.claim = interpolateAt(this.roundEvals(), r);
    this.cached = undefined;
    const u = Math.log2(this.n) - 1;
    for (const t of this.tabs) foldExtInto(t, t, this.n, r);
    this.scale = eMul(this.scale, eq1(eAt(this.rho, u), r));
    this.n >>= 1;
    // eq(ρ_<u) → eq(ρ_<u−1): sum the halves (eq1(ρ_{u−1}, 0) + eq1(ρ_{u−1}, 1) = 1)
    if (u >= 1) {
      const h = 1 << (u - 1);
      const next = new Uint32Array(4 * h);
      const e = this.eqLow;
      for (let i = 0; i < 4 * h; i++) {
        const s = e[i] + e[i + 4 * h];
        next[i] = s >= P ? s - P : s;
      }
      this.eqLow = next;
    }
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
