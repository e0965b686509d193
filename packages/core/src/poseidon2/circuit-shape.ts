/**
 * The arithmetisation of one Poseidon2 BabyBear-16 permutation as "row kinds" (one witness value
 * each) and row-uniform constraints, shared by prover and verifier (circuit-plan.ts places one
 * permutation per witness column; kind q of block b lives in row base + q·nb + b).
 *
 * Kinds (737 per permutation):
 *   IN_0..15                         input state                                     kinds 0..15
 *   4 initial full rounds r:         x_j (S-box input, after the round constant), x_j², x_j⁴,
 *                                    x_j⁶, x_j⁷ for j < 16, grouped by power (16 each)  80 per round
 *   13 partial rounds:               x, x², x⁴, x⁶, x⁷ of state[0]                    5 per round
 *   4 terminal full rounds:          as the initial ones                              80 per round
 *   OUT_0..15                        output state                                     kinds 721..736
 * Quadratic constraints per S-box (4): x·x = x², x²·x² = x⁴, x⁴·x² = x⁶, x⁶·x = x⁷ — 564 in all.
 * Linear constraints (157): every S-box input x is an affine function (linear layers and round
 * constants applied symbolically) of the inputs and of earlier x⁷ kinds: x − (Σ c_q·kind_q + d) = 0;
 * and OUT_j − (Σ c_q·kind_q + d) = 0. Partial-round states are never materialised: they stay affine
 * forms over the last full round's x⁷ and the partial x⁷ kinds (at most 29 terms).
 */
import { P, mul, add } from '../field/babybear.ts';
import { POSEIDON2_RC_EXTERNAL_INITIAL, POSEIDON2_RC_INTERNAL, POSEIDON2_RC_EXTERNAL_FINAL, POSEIDON2_INTERNAL_DIAG } from './constants.ts';
import { poseidon2ExternalMatrix, poseidon2ExternalLayer, poseidon2InternalLayer } from './permutation.ts';

/** Kinds (witness values) per permutation. */
export const P2_KINDS = 737;
/** First input kind. */
export const P2_KIND_IN = 0;
/** First output kind. */
export const P2_KIND_OUT = 721;

/** The five kinds of one S-box. */
export interface Poseidon2SboxKinds {
  readonly x: number;
  readonly x2: number;
  readonly x4: number;
  readonly x6: number;
  readonly x7: number;
}

/** A run of consecutive kinds with base-field coefficients. */
export interface Poseidon2KindRun {
  readonly start: number;
  readonly coeffs: Uint32Array;
}

/** A row-uniform linear constraint: Σ_runs Σ_q coeff·kind_q + constant = 0 in every column. */
export interface Poseidon2KindConstraint {
  readonly runs: readonly Poseidon2KindRun[];
  readonly constant: number;
  readonly label: string;
}

/** The whole shape. */
export interface Poseidon2Shape {
  readonly sboxes: readonly Poseidon2SboxKinds[];
  readonly constraints: readonly Poseidon2KindConstraint[];
}

type Form = { terms: Map<number, number>; c: number };

function fullRoundBase(r: number): number {
  return r < 4 ? 16 + 80 * r : 401 + 80 * (r - 4);
}

/** Kinds of S-box j of full round r (0..3 initial, 4..7 terminal). */
export function poseidon2FullSbox(r: number, j: number): Poseidon2SboxKinds {
  const b = fullRoundBase(r) + j;
  return { x: b, x2: b + 16, x4: b + 32, x6: b + 48, x7: b + 64 };
}

/** Kinds of the S-box of partial round p (0..12). */
export function poseidon2PartialSbox(p: number): Poseidon2SboxKinds {
  const b = 336 + 5 * p;
  return { x: b, x2: b + 1, x4: b + 2, x6: b + 3, x7: b + 4 };
}

function single(kind: number): Form {
  return { terms: new Map([[kind, 1]]), c: 0 };
}

function combine(parts: [number, Form][]): Form {
  const terms = new Map<number, number>();
  let c = 0;
  for (const [k, f] of parts) {
    if (k === 0) continue;
    for (const [q, v] of f.terms) {
      const s = add(terms.get(q) ?? 0, mul(k, v));
      if (s === 0) terms.delete(q);
      else terms.set(q, s);
    }
    c = add(c, mul(k, f.c));
  }
  return { terms, c };
}

function constraintOf(target: number, f: Form, rc: number, label: string): Poseidon2KindConstraint {
  // target − (f + rc) = 0
  const m = new Map<number, number>();
  for (const [q, v] of f.terms) m.set(q, v === 0 ? 0 : P - v);
  m.set(target, add(m.get(target) ?? 0, 1));
  const kinds = [...m.keys()].filter((q) => m.get(q) !== 0).sort((a, b) => a - b);
  const runs: Poseidon2KindRun[] = [];
  for (let i = 0; i < kinds.length; ) {
    let j = i;
    while (j + 1 < kinds.length && kinds[j + 1] === kinds[j] + 1) j++;
    runs.push({ start: kinds[i], coeffs: Uint32Array.from(kinds.slice(i, j + 1), (q) => m.get(q)!) });
    i = j + 1;
  }
  const cst = add(f.c, rc);
  return { runs, constant: cst === 0 ? 0 : P - cst, label };
}

let cached: Poseidon2Shape | undefined;

/** The shape (built once by symbolic execution of the permutation, then cached and frozen). */
export function poseidon2Shape(): Poseidon2Shape {
  if (cached) return cached;
  const me = poseidon2ExternalMatrix();
  const sboxes: Poseidon2SboxKinds[] = [];
  const constraints: Poseidon2KindConstraint[] = [];
  const ext = (s: Form[]): Form[] => me.map((row) => combine(row.map((c, j) => [c, s[j]] as [number, Form])));
  let s: Form[] = Array.from({ length: 16 }, (_, j) => single(P2_KIND_IN + j));
  s = ext(s);
  const fullRounds = (first: number, rcs: readonly Uint32Array[]): void => {
    rcs.forEach((rc, rr) => {
      const r = first + rr;
      for (let j = 0; j < 16; j++) {
        const k = poseidon2FullSbox(r, j);
        sboxes.push(k);
        constraints.push(constraintOf(k.x, s[j], rc[j], `poseidon2.sbox-input full round ${r} lane ${j}`));
        s[j] = single(k.x7);
      }
      s = ext(s);
    });
  };
  fullRounds(0, POSEIDON2_RC_EXTERNAL_INITIAL);
  POSEIDON2_RC_INTERNAL.forEach((rc, p) => {
    const k = poseidon2PartialSbox(p);
    sboxes.push(k);
    constraints.push(constraintOf(k.x, s[0], rc, `poseidon2.sbox-input partial round ${p}`));
    s[0] = single(k.x7);
    let sum: Form = { terms: new Map(), c: 0 };
    for (let j = 0; j < 16; j++) sum = combine([[1, sum], [1, s[j]]]);
    s = s.map((f, j) => combine([[1, sum], [POSEIDON2_INTERNAL_DIAG[j], f]]));
  });
  fullRounds(4, POSEIDON2_RC_EXTERNAL_FINAL);
  for (let j = 0; j < 16; j++) constraints.push(constraintOf(P2_KIND_OUT + j, s[j], 0, `poseidon2.output ${j}`));
  cached = Object.freeze({ sboxes: Object.freeze(sboxes), constraints: Object.freeze(constraints) });
  return cached;
}

/**
 * Runs the permutation on `state` (16 canonical elements, overwritten with the output) and writes
 * every kind's value to `out[0..737)` in kind order. The witness-generation kernel.
 */
export function tracePoseidon2(state: Uint32Array, out: Uint32Array): void {
  for (let j = 0; j < 16; j++) out[P2_KIND_IN + j] = state[j];
  poseidon2ExternalLayer(state);
  let base = 16;
  for (let r = 0; r < 4; r++, base += 80) traceFullRound(state, out, base, POSEIDON2_RC_EXTERNAL_INITIAL[r]);
  for (let p = 0; p < 13; p++, base += 5) {
    const t = state[0] + POSEIDON2_RC_INTERNAL[p];
    const x = t >= P ? t - P : t;
    const x2 = mul(x, x);
    const x4 = mul(x2, x2);
    const x6 = mul(x4, x2);
    const x7 = mul(x6, x);
    out[base] = x;
    out[base + 1] = x2;
    out[base + 2] = x4;
    out[base + 3] = x6;
    out[base + 4] = x7;
    state[0] = x7;
    poseidon2InternalLayer(state);
  }
  for (let r = 0; r < 4; r++, base += 80) traceFullRound(state, out, base, POSEIDON2_RC_EXTERNAL_FINAL[r]);
  for (let j = 0; j < 16; j++) out[P2_KIND_OUT + j] = state[j];
}

function traceFullRound(state: Uint32Array, out: Uint32Array, base: number, rc: Uint32Array): void {
  for (let j = 0; j < 16; j++) {
    const t = state[j] + rc[j];
    const x = t >= P ? t - P : t;
    const x2 = mul(x, x);
    const x4 = mul(x2, x2);
    const x6 = mul(x4, x2);
    const x7 = mul(x6, x);
    out[base + j] = x;
    out[base + 16 + j] = x2;
    out[base + 32 + j] = x4;
    out[base + 48 + j] = x6;
    out[base + 64 + j] = x7;
    state[j] = x7;
  }
  poseidon2ExternalLayer(state);
}
