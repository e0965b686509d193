/**
 * The sampling step of generation (docs/parts/inference-transformer.md, "Decoding"): from one row of
 * int16 logits ℓ[0..V) (int8 logits are int16 too) and the public uniform U ∈ [0, 2^32) of the step, the next token — exact
 * integer semantics, bit for bit what the sampling proof (prove/ops/sample.ts) attests. It is not a
 * graph node: it runs after the graph, once per generated token.
 *
 * Greedy (temperature 0): the token is the first index of the largest logit; its witness is
 *   D_j = ℓ_tok − ℓ_j − [j < tok] ∈ [0, 2^16)   (every j).
 * Temperature T > 0:
 *   m = max_j ℓ_j;  δ_j = m − ℓ_j ∈ [0, 2^16);  δ_j = 16·q_j + rem_j (rem_j < 16);
 *   w_j = W_T[q_j] (sample-table.ts);  Z = Σ_j w_j;
 *   t = ⌊U · Z / 2^32⌋ ∈ [0, Z);  token = the least j with w_0 + … + w_j > t.
 * Its witness also holds a one-hot σ marking the first maximum (σ_j = 1 ⇒ δ_j = 0), the slack
 * 65535·(1 − σ_j) − δ_j ∈ [0, 2^16), and t computed in 8 nibble steps of U (LSB first):
 *   u_i·Z + c_i = 16·c_{i+1} + r_i,  r_i ∈ [0, 16),  c_0 = 0,  t = c_8,
 * and the interval slacks lo = t − cdf(tok − 1), hi = cdf(tok) − 1 − t (both ≥ 0).
 */
import { SAMPLE_TABLE_SHIFT, SAMPLE_TABLE_SIZE, SAMPLE_WEIGHT_ONE } from './sample-table.ts';

/** Largest vocabulary the sampling proof supports (its no-wrap bound, prove/ops/sample.ts). */
export const MAX_SAMPLE_VOCAB = 1024;
/** Big-M of the max argument: the largest δ. */
export const SAMPLE_DELTA_MAX = 65535;
/** Nibble steps of U (U has 32 bits). */
export const SAMPLE_NIBBLES = 8;

/** Decoding settings: greedy, or temperature sampling with the public weight table. */
export type Decoding = { readonly kind: 'greedy' } | { readonly kind: 'temperature'; readonly temperature: number; readonly table: Int32Array };

/** Greedy witness of one step. */
export interface GreedyTrace {
  readonly kind: 'greedy';
  readonly token: number;
  /** D_j = ℓ_tok − ℓ_j − [j < tok]. */
  readonly d: Int32Array;
}

/** Temperature witness of one step. */
export interface TemperatureTrace {
  readonly kind: 'temperature';
  readonly token: number;
  readonly m: number;
  readonly sigma: Int32Array;
  readonly delta: Int32Array;
  readonly slack: Int32Array;
  /** q_j = ⌊δ_j/16⌋ and rem_j = δ_j mod 16. */
  readonly q: Int32Array;
  readonly rem: Int32Array;
  readonly w: Int32Array;
  readonly z: number;
  /** c_1 … c_8 (c_8 = t). */
  readonly carries: Int32Array;
  /** r_0 … r_7. */
  readonly rems: Int32Array;
  readonly lo: number;
  readonly hi: number;
}

/** The witness of one sampling step. */
export type SampleTrace = GreedyTrace | TemperatureTrace;

function checkRow(row: ArrayLike<number>): void {
  if (row.length < 1 || row.length > MAX_SAMPLE_VOCAB) throw new RangeError(`sample: expected 1–${MAX_SAMPLE_VOCAB} logits, got ${row.length}`);
  for (let j = 0; j < row.length; j++) if (!Number.isInteger(row[j]) || row[j] < -32768 || row[j] > 32767) throw new RangeError(`sample: logit ${j}: expected an int16, got ${row[j]}`);
}

/** Greedy step: the first index of the largest logit. @throws RangeError on logits that are not int16. */
export function sampleGreedy(row: ArrayLike<number>): GreedyTrace {
  checkRow(row);
  let tok = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[tok]) tok = j;
  const d = Int32Array.from({ length: row.length }, (_, j) => row[tok] - row[j] - (j < tok ? 1 : 0));
  return { kind: 'greedy', token: tok, d };
}

/**
 * Temperature step with the public uniform U.
 * @throws RangeError on logits that are not int16, a table that is not 4096 entries in [0, 2^15]
 *   with W[0] = 2^15, or U outside [0, 2^32).
 */
export function sampleTemperature(row: ArrayLike<number>, table: Int32Array, u: number): TemperatureTrace {
  checkRow(row);
  if (table.length !== SAMPLE_TABLE_SIZE || table[0] !== SAMPLE_WEIGHT_ONE || table.some((x) => x < 0 || x > SAMPLE_WEIGHT_ONE)) throw new RangeError(`sample: expected a ${SAMPLE_TABLE_SIZE}-entry weight table in [0, 2^15] with W[0] = 2^15`);
  if (!Number.isInteger(u) || u < 0 || u >= 2 ** 32) throw new RangeError(`sample: expected U in [0, 2^32), got ${u}`);
  const V = row.length;
  let first = 0;
  for (let j = 1; j < V; j++) if (row[j] > row[first]) first = j;
  const m = row[first];
  const sigma = new Int32Array(V);
  sigma[first] = 1;
  const delta = Int32Array.from({ length: V }, (_, j) => m - row[j]);
  const slack = Int32Array.from({ length: V }, (_, j) => SAMPLE_DELTA_MAX * (1 - sigma[j]) - delta[j]);
  const q = Int32Array.from(delta, (d) => d >> SAMPLE_TABLE_SHIFT);
  const rem = Int32Array.from(delta, (d) => d & ((1 << SAMPLE_TABLE_SHIFT) - 1));
  const w = Int32Array.from(q, (x) => table[x]);
  let z = 0;
  for (const x of w) z += x;
  const carries = new Int32Array(SAMPLE_NIBBLES);
  const rems = new Int32Array(SAMPLE_NIBBLES);
  let c = 0;
  for (let i = 0; i < SAMPLE_NIBBLES; i++) {
    const s = ((u >>> (4 * i)) & 15) * z + c;
    rems[i] = s % 16;
    c = (s - rems[i]) / 16;
    carries[i] = c;
  }
  const t = c;
  let cdf = 0;
  let tok = 0;
  for (; tok < V; tok++) {
    if (cdf + w[tok] > t) break;
    cdf += w[tok];
  }
  return { kind: 'temperature', token: tok, m, sigma, delta, slack, q, rem, w, z, carries, rems, lo: t - cdf, hi: cdf + w[tok] - 1 - t };
}

/** One sampling step under the decoding settings. */
export function sampleStep(row: ArrayLike<number>, decoding: Decoding, u: number): SampleTrace {
  return decoding.kind === 'greedy' ? sampleGreedy(row) : sampleTemperature(row, decoding.table, u);
}
