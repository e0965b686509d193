/**
 * The Poseidon2 permutation over BabyBear, width 16 (Grassi et al., ePrint 2023/323, §4–§5):
 *
 *   x ← M_E·x;  4 × [x_i ← (x_i + c_i)^7 for all i; x ← M_E·x];
 *   13 × [x_0 ← (x_0 + c)^7; x ← M_I·x];  4 × [x_i ← (x_i + c_i)^7 for all i; x ← M_E·x].
 *
 * Parameters and provenance: constants.ts. {@link permutePoseidon2} is the fast path (float-held lazy sums,
 * one reduction per output); {@link permutePoseidon2Reference} multiplies by explicit 16×16 matrices with the
 * plain {@link mulSplit} arithmetic; tests compare them on random states.
 */
import { P, mul, mulSplit, isCanonical } from '../field/babybear.ts';
import {
  POSEIDON2_WIDTH,
  POSEIDON2_M4,
  POSEIDON2_INTERNAL_DIAG,
  POSEIDON2_RC_EXTERNAL_INITIAL,
  POSEIDON2_RC_INTERNAL,
  POSEIDON2_RC_EXTERNAL_FINAL,
} from './constants.ts';

const W = POSEIDON2_WIDTH;
const P_INV = 1 / P;

/**
 * v mod p for an integer 0 ≤ v < 2^50 held in a double (no float `%`, which is slow in V8): the
 * quotient estimate ⌊v/p⌋ is off by at most one, and q·p < 2^53 is exact.
 */
export function poseidon2Reduce(v: number): number {
  const r = v - Math.floor(v * P_INV) * P;
  return r < 0 ? r + P : r >= P ? r - P : r;
}

/** a + b mod p for canonical a, b. */
function addMod(a: number, b: number): number {
  const s = a + b;
  return s >= P ? s - P : s;
}
const DIAG = Float64Array.from(POSEIDON2_INTERNAL_DIAG);

/** x^7 mod p. */
export function poseidon2Sbox(x: number): number {
  const x2 = mul(x, x);
  const x4 = mul(x2, x2);
  return mul(mul(x4, x2), x);
}

/**
 * In place: s ← M_E·s with M_E = circ(2·M4, M4, M4, M4). Each M4 block costs 7 additions; the outer
 * circulant adds, to every element, the sum of the 4 elements in the same position of each block.
 * Inputs must be canonical; outputs are canonical.
 */
export function poseidon2ExternalLayer(s: Uint32Array | number[], o = 0): void {
  // after M4 on each chunk, values < 7p; column sums < 28p; totals < 35p < 2^37: exact in doubles
  const t = TMP;
  for (let c = 0; c < 16; c += 4) {
    const x0 = s[o + c], x1 = s[o + c + 1], x2 = s[o + c + 2], x3 = s[o + c + 3];
    const t01 = x0 + x1, t23 = x2 + x3, t0123 = t01 + t23;
    const t01123 = t0123 + x1, t01233 = t0123 + x3;
    t[c] = t01123 + t01; // 2x0 + 3x1 + x2 + x3
    t[c + 1] = t01123 + 2 * x2; // x0 + 2x1 + 3x2 + x3
    t[c + 2] = t01233 + t23; // x0 + x1 + 2x2 + 3x3
    t[c + 3] = t01233 + 2 * x0; // 3x0 + x1 + x2 + 2x3
  }
  for (let k = 0; k < 4; k++) {
    const sum = t[k] + t[k + 4] + t[k + 8] + t[k + 12];
    s[o + k] = poseidon2Reduce(t[k] + sum);
    s[o + k + 4] = poseidon2Reduce(t[k + 4] + sum);
    s[o + k + 8] = poseidon2Reduce(t[k + 8] + sum);
    s[o + k + 12] = poseidon2Reduce(t[k + 12] + sum);
  }
}
const TMP = new Float64Array(16);

/** In place: s ← M_I·s = (Σ_j s_j) + V_i·s_i. Canonical in and out. */
export function poseidon2InternalLayer(s: Uint32Array | number[], o = 0): void {
  let sum = 0;
  for (let i = 0; i < 16; i++) sum += s[o + i];
  sum = poseidon2Reduce(sum);
  for (let i = 0; i < 16; i++) s[o + i] = addMod(sum, mul(DIAG[i], s[o + i]));
}

/**
 * The Poseidon2 permutation, in place on 16 canonical elements at `state[offset..offset+16)`.
 * @throws RangeError when fewer than 16 elements follow `offset`.
 * @example const s = new Uint32Array(16); permutePoseidon2(s);
 */
export function permutePoseidon2(state: Uint32Array, offset = 0): void {
  if (offset < 0 || offset + W > state.length) {
    throw new RangeError(`permutePoseidon2: expected 16 elements at offset ${offset}, got a state of length ${state.length}`);
  }
  poseidon2ExternalLayer(state, offset);
  for (let r = 0; r < 4; r++) fullRound(state, offset, POSEIDON2_RC_EXTERNAL_INITIAL[r]);
  for (let r = 0; r < 13; r++) {
    state[offset] = poseidon2Sbox(addMod(state[offset], POSEIDON2_RC_INTERNAL[r]));
    poseidon2InternalLayer(state, offset);
  }
  for (let r = 0; r < 4; r++) fullRound(state, offset, POSEIDON2_RC_EXTERNAL_FINAL[r]);
}

function fullRound(s: Uint32Array, o: number, rc: Uint32Array): void {
  for (let i = 0; i < 16; i++) s[o + i] = poseidon2Sbox(addMod(s[o + i], rc[i]));
  poseidon2ExternalLayer(s, o);
}

/**
 * Poseidon2 of a 16-element input, returning a new array (validates canonical inputs).
 * @throws RangeError on a wrong length or a non-canonical element.
 */
export function poseidon2(input: ArrayLike<number>): Uint32Array {
  if (input.length !== W) throw new RangeError(`poseidon2: expected 16 elements, got ${input.length}`);
  const s = new Uint32Array(W);
  for (let i = 0; i < W; i++) {
    if (!isCanonical(input[i])) throw new RangeError(`poseidon2: expected canonical field elements, got ${input[i]} at index ${i}`);
    s[i] = input[i];
  }
  permutePoseidon2(s);
  return s;
}

// ---------------------------------------------------------------- reference -------------------

/** The external matrix M_E as an explicit 16×16 matrix (row-major): block (a, b) = (a = b ? 2 : 1)·M4. */
export function poseidon2ExternalMatrix(): number[][] {
  return Array.from({ length: W }, (_, r) =>
    Array.from({ length: W }, (_, c) => (((r >> 2) === (c >> 2) ? 2 : 1) * POSEIDON2_M4[r & 3][c & 3]) % P),
  );
}

/** The internal matrix M_I = 1·1ᵀ + diag(V) as an explicit 16×16 matrix. */
export function poseidon2InternalMatrix(): number[][] {
  return Array.from({ length: W }, (_, r) =>
    Array.from({ length: W }, (_, c) => (r === c ? (1 + DIAG[r]) % P : 1)),
  );
}

function matVec(m: number[][], v: number[]): number[] {
  return m.map((row) => row.reduce((acc, c, j) => (acc + mulSplit(c, v[j])) % P, 0));
}

function powRef(x: number, e: number): number {
  let acc = 1;
  for (let i = 0; i < e; i++) acc = mulSplit(acc, x);
  return acc;
}

/**
 * Plain reference permutation: explicit matrix products and x^7 by repeated multiplication,
 * straight from the specification. Slow; for tests only.
 */
export function permutePoseidon2Reference(input: ArrayLike<number>): Uint32Array {
  const me = poseidon2ExternalMatrix();
  const mi = poseidon2InternalMatrix();
  let s = Array.from(input);
  s = matVec(me, s);
  for (const rc of POSEIDON2_RC_EXTERNAL_INITIAL) s = matVec(me, s.map((x, i) => powRef((x + rc[i]) % P, 7)));
  for (const c of POSEIDON2_RC_INTERNAL) {
    s[0] = powRef((s[0] + c) % P, 7);
    s = matVec(mi, s);
  }
  for (const rc of POSEIDON2_RC_EXTERNAL_FINAL) s = matVec(me, s.map((x, i) => powRef((x + rc[i]) % P, 7)));
  return Uint32Array.from(s);
}
