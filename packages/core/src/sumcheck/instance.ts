/**
 * The prover's state for a sumcheck over a sum of products of multilinear tables
 * (Lund–Fortnow–Karloff–Nisan; linear-time prover of Thaler §4.1 / Libra §3):
 *
 *   H = Σ_{x ∈ {0,1}^v} Σ_terms coeff·Π_{k ∈ term} f_k(x).
 *
 * This covers Σ Π_k f_k (one term), the eq-weighted Σ eq(r,x)·f(x)·g(x) (eq is one of the tables)
 * and the logUp-GKR layer Σ eq·(p0·q1 + p1·q0 + λ·q0·q1) (three terms). Round j binds the top
 * variable z_{v−1−j}: the round polynomial is s_j(t) = Σ_{i<half} Σ_terms coeff·Π_k (lo_k + t·(hi_k − lo_k)),
 * lo_k = f_k[i], hi_k = f_k[i + half]; it is sent as its values at t = 0..d, d = the largest term size.
 * Tables are folded in place after each challenge, so the prover runs in O(2^v·d·#factors).
 */
import { P } from '../field/babybear.ts';
import { type Ext, eMulInto, eOne, eCopy } from '../field/ext4.ts';

/** A multilinear table given by its values on the hypercube, in the base field or in K. */
export interface MleTable {
  readonly kind: 'base' | 'ext';
  /** 2^v base values, or 4·2^v ext coordinates. */
  readonly data: Uint32Array;
}

/** Wraps a base-field table. */
export function baseTable(data: Uint32Array): MleTable {
  return { kind: 'base', data };
}

/** Wraps a flat ext table. */
export function extTable(data: Uint32Array): MleTable {
  return { kind: 'ext', data };
}

/** One product term: coeff·Π_{k ∈ factors} f_k. */
export interface ProductTerm {
  readonly factors: readonly number[];
  /** Defaults to 1. */
  readonly coeff?: Ext;
}

/** Number of hypercube entries of a table. */
export function tableEntries(t: MleTable): number {
  return t.kind === 'base' ? t.data.length : t.data.length / 4;
}

/**
 * What a sumcheck driver needs from a prover state: round messages, binding, final values. Specialized
 * states (e.g. the GKR layer state of lookup/gkr-layer.ts) produce the same messages faster.
 */
export interface RoundProver {
  readonly numVars: number;
  readonly degree: number;
  /** The round polynomial's values at t = 0..degree (flat ext). */
  roundEvals(): Uint32Array;
  /** Binds the current top variable. */
  bind(r: Ext): void;
  /** After all rounds: the values at the point of whatever the state's summand is made of. */
  finalValues(): Ext[];
  /** The full sum (before any bind). */
  totalSum(): Ext;
}

/** Mutable prover state: the folded tables and the term structure. */
export class SumcheckState implements RoundProver {
  readonly numVars: number;
  readonly degree: number;
  private readonly tables: Uint32Array[];
  private readonly terms: { factors: number[]; coeff: Ext }[];
  private n: number;
  /** scratch: values of each table at t = 0..d for the current index. */
  private readonly vals: Uint32Array;
  private readonly prod: Uint32Array;
  private readonly diff: Uint32Array;
  /** roundEvals() of the current round, until the next bind. */
  private cached: Uint32Array | undefined;

  /**
   * @param tables all of the same length 2^v (v ≥ 0); base tables are embedded into K.
   * @param terms at least one, each naming ≥ 1 table by index.
   * @throws RangeError on mismatched lengths, bad indices or degree > 8.
   */
  constructor(tables: readonly MleTable[], terms: readonly ProductTerm[]) {
    if (tables.length === 0) throw new RangeError('sumcheck: expected at least one table, got 0');
    if (terms.length === 0) throw new RangeError('sumcheck: expected at least one product term, got 0');
    const n = tableEntries(tables[0]);
    if (n < 1 || (n & (n - 1)) !== 0) throw new RangeError(`sumcheck: expected a power-of-two table length, got ${n}`);
    this.numVars = Math.log2(n);
    this.n = n;
    this.tables = tables.map((t, k) => {
      if (tableEntries(t) !== n) throw new RangeError(`sumcheck: expected table ${k} to have ${n} entries, got ${tableEntries(t)}`);
      if (t.kind === 'ext') return Uint32Array.from(t.data);
      const e = new Uint32Array(4 * n);
      for (let i = 0; i < n; i++) e[4 * i] = t.data[i];
      return e;
    });
    let degree = 0;
    this.terms = terms.map((term, j) => {
      if (term.factors.length === 0) throw new RangeError(`sumcheck: expected term ${j} to have at least one factor, got 0`);
      for (const f of term.factors) {
        if (!Number.isInteger(f) || f < 0 || f >= tables.length) throw new RangeError(`sumcheck: expected a table index in [0, ${tables.length}), got ${f}`);
      }
      degree = Math.max(degree, term.factors.length);
      return { factors: [...term.factors], coeff: term.coeff ? eCopy(term.coeff) : eOne() };
    });
    if (degree > 8) throw new RangeError(`sumcheck: expected degree ≤ 8, got ${degree}`);
    this.degree = degree;
    this.vals = new Uint32Array(tables.length * (degree + 1) * 4);
    this.prod = new Uint32Array(4);
    this.diff = new Uint32Array(4);
  }

  /** Current number of unbound variables. */
  get remainingVars(): number {
    return Math.log2(this.n);
  }

  /** The round polynomial's values at t = 0..d (flat ext, d+1 elements), for the current top variable. */
  roundEvals(): Uint32Array {
    if (this.n < 2) throw new RangeError('sumcheck: no variable left to bind');
    if (!this.cached) this.cached = this.computeRoundEvals();
    return this.cached.slice();
  }

  private computeRoundEvals(): Uint32Array {
    const d = this.degree;
    const D = d + 1;
    const half = this.n >> 1;
    const K = this.tables.length;
    const vals = this.vals;
    const prod = this.prod;
    const diff = this.diff;
    const terms = this.terms;
    // per-term accumulators, kept below 2^53 by reducing every 2^20 additions
    const acc = new Float64Array(terms.length * D * 4);
    let pending = 0;
    for (let i = 0; i < half; i++) {
      for (let k = 0; k < K; k++) {
        const tab = this.tables[k];
        const lo = 4 * i;
        const hi = 4 * (i + half);
        const base = k * D * 4;
        for (let c = 0; c < 4; c++) {
          const a = tab[lo + c];
          const b = tab[hi + c];
          vals[base + c] = a;
          if (d >= 1) vals[base + 4 + c] = b;
          const t = b - a;
          diff[c] = t < 0 ? t + P : t;
        }
        for (let t = 2; t <= d; t++) {
          const o = base + 4 * t;
          for (let c = 0; c < 4; c++) {
            const s = vals[o - 4 + c] + diff[c];
            vals[o + c] = s >= P ? s - P : s;
          }
        }
      }
      for (let j = 0; j < terms.length; j++) {
        const fs = terms[j].factors;
        const ao = j * D * 4;
        for (let t = 0; t <= d; t++) {
          const f0 = fs[0] * D * 4 + 4 * t;
          prod[0] = vals[f0];
          prod[1] = vals[f0 + 1];
          prod[2] = vals[f0 + 2];
          prod[3] = vals[f0 + 3];
          for (let m = 1; m < fs.length; m++) eMulInto(prod, 0, prod, 0, vals, fs[m] * D * 4 + 4 * t);
          const o = ao + 4 * t;
          acc[o] += prod[0];
          acc[o + 1] += prod[1];
          acc[o + 2] += prod[2];
          acc[o + 3] += prod[3];
        }
      }
      if (++pending === 1 << 20) {
        for (let q = 0; q < acc.length; q++) acc[q] %= P;
        pending = 0;
      }
    }
    const out = new Uint32Array(4 * D);
    const tmp = new Uint32Array(4);
    for (let j = 0; j < terms.length; j++) {
      for (let t = 0; t <= d; t++) {
        const o = (j * D + t) * 4;
        for (let c = 0; c < 4; c++) tmp[c] = acc[o + c] % P;
        eMulInto(tmp, 0, tmp, 0, terms[j].coeff, 0);
        for (let c = 0; c < 4; c++) {
          const s = out[4 * t + c] + tmp[c];
          out[4 * t + c] = s >= P ? s - P : s;
        }
      }
    }
    return out;
  }

  /** Binds the current top variable to r (folds every table in place). */
  bind(r: Ext): void {
    if (this.n < 2) throw new RangeError('sumcheck: no variable left to bind');
    this.cached = undefined;
    const half = this.n >> 1;
    const d = this.diff;
    for (const tab of this.tables) {
      for (let i = 0; i < half; i++) {
        const lo = 4 * i;
        const hi = 4 * (i + half);
        for (let c = 0; c < 4; c++) {
          const t = tab[hi + c] - tab[lo + c];
          d[c] = t < 0 ? t + P : t;
        }
        eMulInto(d, 0, d, 0, r, 0);
        for (let c = 0; c < 4; c++) {
          const s = tab[lo + c] + d[c];
          tab[lo + c] = s >= P ? s - P : s;
        }
      }
    }
    this.n = half;
  }

  /** After all variables are bound: each table's value at the sumcheck point. */
  finalValues(): Ext[] {
    if (this.n !== 1) throw new RangeError(`sumcheck: expected every variable bound, ${this.remainingVars} left`);
    return this.tables.map((t) => t.slice(0, 4));
  }

  /** The full sum H over the current (partially bound) hypercube; for tests and claim computation. */
  totalSum(): Ext {
    if (this.n === 1) return this.evaluateTerms(this.finalValues());
    const e = this.roundEvals();
    const s = new Uint32Array(4);
    for (let c = 0; c < 4; c++) s[c] = (e[c] + e[4 + c]) % P;
    return s;
  }

  /** Σ_terms coeff·Π values for given per-table values (the verifier-side final combination). */
  evaluateTerms(values: readonly Ext[]): Ext {
    return evaluateProductTerms(this.terms, values);
  }
}

/** Σ_terms coeff·Π_{k ∈ term} values[k]. */
export function evaluateProductTerms(terms: readonly ProductTerm[], values: readonly Ext[]): Ext {
  const out = new Uint32Array(4);
  const prod = new Uint32Array(4);
  for (const term of terms) {
    prod.set(values[term.factors[0]]);
    for (let m = 1; m < term.factors.length; m++) eMulInto(prod, 0, prod, 0, values[term.factors[m]], 0);
    if (term.coeff) eMulInto(prod, 0, prod, 0, term.coeff, 0);
    for (let c = 0; c < 4; c++) out[c] = (out[c] + prod[c]) % P;
  }
  return out;
}
