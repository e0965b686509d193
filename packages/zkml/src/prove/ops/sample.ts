/**
 * The sampling proof of generation (docs/parts/inference-transformer.md, "Decoding"): for every
 * step b of a batch of generation steps, the public token tok_b is the sampling step of
 * int/ops/sample.ts applied to the committed int16 logits row ℓ_b = logits[b, p_b, :] (p_b public) with
 * the public uniform U_b. No message: the relation is linear constraints over committed values plus
 * range checks and one set-membership lookup, batched by the framework's logUp (ranges.ts).
 *
 * Committed per step (V = vocabulary size):
 *   greedy:      D[V] ∈ [0, 2^16)
 *   temperature: m, σ[V] ∈ {0,1}, δ[V] ∈ [0, 2^16), slack[V] ∈ [0, 2^16), q[V] ∈ [0, 2^12),
 *                rem[V] ∈ [0, 16), w[V] ∈ [0, 2^16), C[V] ∈ {q + 4096·W_T[q] : q < 4096},
 *                r[8] ∈ [0, 16), and 10 wide values
 *                (c_1 … c_8, lo, hi), each two limbs x = x_lo + 2^a·x_hi (a + b = nb bits).
 * Linear relations (each family one constraint: Σ_q α^q·rel_q = 0 with a fresh challenge α):
 *   sample.greedy     D_j = ℓ_tok − ℓ_j − [j < tok]
 *   sample.max        δ_j = m − ℓ_j;  slack_j = 65535·(1 − σ_j) − δ_j;  Σ_j σ_j = 1
 *   sample.weight     δ_j = 16·q_j + rem_j;  C_j = q_j + 4096·w_j
 *   sample.threshold  u_i·Z + c_i = 16·c_{i+1} + r_i  (c_0 = 0, Z = Σ_j w_j, u_i the nibbles of U)
 *   sample.interval   lo = c_8 − Σ_{j<tok} w_j;  hi = Σ_{j≤tok} w_j − 1 − c_8
 * No wrap (V ≤ 1024): w < 2^16 so Z < 2^26; c, lo, hi < 2^nb ≤ 2^26; every relation's integer value
 * lies in (−2^30 − 16, 2^30) ⊂ (−p, p), so each holds over the integers. Then σ is one-hot, the
 * selected δ is 0 (its slack −δ must be in [0, 2^16)), so m = max ℓ and δ_j = m − ℓ_j; q_j = ⌊δ_j/16⌋;
 * C's membership with q < 2^12 and w < 2^16 gives w_j = W_T[q_j] (unique base-4096 split); c_{i+1} = ⌊(u_i·Z + c_i)/16⌋
 * so c_8 = ⌊U·Z/2^32⌋ = t; and lo, hi ≥ 0 say cdf(tok − 1) ≤ t < cdf(tok). Greedy: D ≥ 0 says
 * ℓ_tok > ℓ_j (j < tok) and ℓ_tok ≥ ℓ_j (j > tok). The logits are int16 by their producing op (the graph output's clamp).
 */
import { eAdd, eMul, eOf, eZero, fromInt, vectorWire, type Ext, type LayoutBuilder, type LinearConstraint, type VerifierContext, type Wire } from '@vouch/core';
import { SAMPLE_DELTA_MAX, SAMPLE_NIBBLES, type Decoding, type SampleTrace } from '../../int/ops/sample.ts';
import { SAMPLE_TABLE_SHIFT, SAMPLE_TABLE_SIZE } from '../../int/ops/sample-table.ts';
import type { RangeBook } from '../ranges.ts';
import { padDims, pow2, writeTensor } from '../tensor.ts';
import type { FillContext, TensorRef } from '../types.ts';

/** Wide values per step: c_1 … c_8, lo, hi. */
const WIDE = SAMPLE_NIBBLES + 2;

/** One step as the verifier sees it (all public). */
export interface SampleStep {
  /** Row of the logits tensor that is sampled. */
  readonly position: number;
  readonly token: number;
  /** U ∈ [0, 2^32) (unused by greedy). */
  readonly u: number;
}

/** The planned sampling proof (public: from the decoding, the batch and V only). */
export interface SamplePlan {
  readonly decoding: Decoding;
  readonly batch: number;
  readonly vocab: number;
  /** Bits of the wide values and of their low limb. */
  readonly wideBits: number;
  readonly lowBits: number;
  readonly t: Readonly<Record<string, TensorRef>>;
}

function flat(b: LayoutBuilder, n: number, label: string): TensorRef {
  const dims = [n];
  return { label, dims, ...padDims(dims), ref: b.vector(pow2(n), label) };
}

/**
 * Plans the committed sampling values and their range / membership requests (both sides).
 * @throws RangeError on a vocabulary outside [1, 1024].
 */
export function planSampling(b: LayoutBuilder, ranges: RangeBook, decoding: Decoding, batch: number, vocab: number): SamplePlan {
  if (!Number.isInteger(vocab) || vocab < 1 || vocab > 1024) throw new RangeError(`planSampling: expected a vocabulary of 1–1024, got ${vocab}`);
  const n = batch * vocab;
  const wideBits = Math.floor(Math.log2(vocab * 2 ** 15)) + 1;
  const lowBits = Math.ceil(wideBits / 2);
  const t: Record<string, TensorRef> = {};
  if (decoding.kind === 'greedy') {
    t.d = flat(b, n, 'sample D');
    ranges.request(t.d, 0, 16, 'sample.greedy D');
  } else {
    for (const k of ['sigma', 'delta', 'slack', 'q', 'rem', 'w', 'c']) t[k] = flat(b, n, `sample ${k}`);
    t.m = flat(b, batch, 'sample m');
    t.rems = flat(b, batch * SAMPLE_NIBBLES, 'sample r');
    t.wideLo = flat(b, batch * WIDE, 'sample wide low');
    t.wideHi = flat(b, batch * WIDE, 'sample wide high');
    ranges.request(t.sigma, 0, 1, 'sample.max sigma');
    ranges.request(t.delta, 0, 16, 'sample.max delta');
    ranges.request(t.slack, 0, 16, 'sample.max slack');
    ranges.request(t.q, 0, 16 - SAMPLE_TABLE_SHIFT, 'sample.weight q');
    ranges.request(t.rem, 0, SAMPLE_TABLE_SHIFT, 'sample.weight rem');
    ranges.request(t.w, 0, 16, 'sample.weight w');
    ranges.request(t.rems, 0, 4, 'sample.threshold r');
    ranges.request(t.wideLo, 0, lowBits, 'sample.wide low');
    ranges.request(t.wideHi, 0, wideBits - lowBits, 'sample.wide high');
    const table = decoding.table;
    const key = `sample-weights/${Array.from(table).join(',')}`;
    if (table.length !== SAMPLE_TABLE_SIZE) throw new RangeError(`planSampling: expected a ${SAMPLE_TABLE_SIZE}-entry weight table, got ${table.length}`);
    ranges.member(t.c, key, Array.from(table, (w, q) => q + SAMPLE_TABLE_SIZE * w), 'sample.weight C');
  }
  return { decoding, batch, vocab, wideBits, lowBits, t };
}

/** Prover: writes every step's witness (one trace per step, in batch order). */
export function fillSampling(plan: SamplePlan, f: Pick<FillContext, 'layout' | 'witness'>, traces: readonly SampleTrace[]): void {
  const { batch, vocab, t, lowBits } = plan;
  if (traces.length !== batch) throw new RangeError(`fillSampling: expected ${batch} traces, got ${traces.length}`);
  const cat = (pick: (tr: SampleTrace) => ArrayLike<number>, per: number) => {
    const out = new Int32Array(batch * per);
    traces.forEach((tr, b) => out.set(Array.from(pick(tr)), b * per));
    return out;
  };
  const put = (k: string, data: ArrayLike<number>) => writeTensor(f.layout, f.witness, t[k], data);
  if (plan.decoding.kind === 'greedy') {
    put('d', cat((tr) => (tr.kind === 'greedy' ? tr.d : new Int32Array(vocab)), vocab));
    return;
  }
  const tt = traces.map((tr) => {
    if (tr.kind !== 'temperature') throw new RangeError('fillSampling: expected temperature traces');
    return tr;
  });
  put('sigma', concat(tt.map((x) => x.sigma)));
  put('delta', concat(tt.map((x) => x.delta)));
  put('slack', concat(tt.map((x) => x.slack)));
  put('w', concat(tt.map((x) => x.w)));
  put('q', concat(tt.map((x) => x.q)));
  put('rem', concat(tt.map((x) => x.rem)));
  put('c', concat(tt.map((x) => Int32Array.from(x.q, (q, j) => q + SAMPLE_TABLE_SIZE * x.w[j]))));
  put('m', tt.map((x) => x.m));
  put('rems', concat(tt.map((x) => x.rems)));
  const wide = concat(tt.map((x) => Int32Array.from([...x.carries, x.lo, x.hi])));
  const mask = 2 ** lowBits;
  put('wideLo', Int32Array.from(wide, (v) => v % mask));
  put('wideHi', Int32Array.from(wide, (v) => Math.floor(v / mask)));
}

function concat(xs: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(xs.reduce((a, x) => a + x.length, 0));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

/** A linear combination Σ_q α^q·rel_q built wire by wire (coefficients accumulate). */
class Combination {
  readonly sparse = new Map<Wire, Ext>();
  constant: Ext = eZero();
  private pow: Ext = eOf(1);
  constructor(private readonly alpha: Ext) {}
  /** Starts the next relation. */
  next(): void {
    this.pow = eMul(this.pow, this.alpha);
  }
  add(w: Wire, k: number): void {
    const c = eMul(this.pow, eOf(fromInt(k)));
    const prev = this.sparse.get(w);
    this.sparse.set(w, prev ? eAdd(prev, c) : c);
  }
  addConst(k: number): void {
    this.constant = eAdd(this.constant, eMul(this.pow, eOf(fromInt(k))));
  }
  finish(label: string): LinearConstraint {
    for (const [w, c] of this.sparse) if (c.every((x) => x === 0)) this.sparse.delete(w);
    return { sparse: this.sparse, tensor: [], constant: this.constant, label };
  }
}

/**
 * Both sides, after the commitment: draws one challenge per relation family and pushes the
 * sampling constraints for the public steps, reading the logits rows from the committed tensor.
 * @throws RangeError on steps that do not match the plan (count, position, token, U).
 */
export function sampleConstraints(ctx: Pick<VerifierContext, 'layout' | 'transcript' | 'constraints'>, plan: SamplePlan, logits: TensorRef, steps: readonly SampleStep[]): void {
  const { batch, vocab: V, t } = plan;
  const [, T, Vl] = logits.dims;
  if (logits.dims.length !== 3 || logits.dims[0] !== batch || Vl !== V) throw new RangeError(`sampleConstraints: expected logits [${batch}, T, ${V}], got [${logits.dims.join(', ')}]`);
  if (steps.length !== batch) throw new RangeError(`sampleConstraints: expected ${batch} steps, got ${steps.length}`);
  for (const s of steps) {
    if (!Number.isInteger(s.position) || s.position < 0 || s.position >= T) throw new RangeError(`sampleConstraints: expected a position in [0, ${T}), got ${s.position}`);
    if (!Number.isInteger(s.token) || s.token < 0 || s.token >= V) throw new RangeError(`sampleConstraints: expected a token in [0, ${V}), got ${s.token}`);
    if (!Number.isInteger(s.u) || s.u < 0 || s.u >= 2 ** 32) throw new RangeError(`sampleConstraints: expected U in [0, 2^32), got ${s.u}`);
  }
  const L = ctx.layout;
  const [, Tp, Vp] = logits.padded;
  const logit = (b: number, j: number) => vectorWire(L, logits.ref, (b * Tp + steps[b].position) * Vp + j);
  const at = (k: string, i: number) => vectorWire(L, t[k].ref, i);
  const alpha = (family: string) => ctx.transcript.challengeExt(`sample/${family}`);
  if (plan.decoding.kind === 'greedy') {
    const g = new Combination(alpha('greedy'));
    for (let b = 0; b < batch; b++) {
      const tok = steps[b].token;
      for (let j = 0; j < V; j++) {
        g.next();
        g.add(at('d', b * V + j), 1);
        g.add(logit(b, tok), -1);
        g.add(logit(b, j), 1);
        if (j < tok) g.addConst(1);
      }
    }
    ctx.constraints.push(g.finish('sample.greedy'));
    return;
  }
  const mx = new Combination(alpha('max'));
  const wt = new Combination(alpha('weight'));
  const th = new Combination(alpha('threshold'));
  const iv = new Combination(alpha('interval'));
  const shift = 2 ** plan.lowBits;
  const wide = (c: Combination, b: number, k: number, s: number) => {
    c.add(at('wideLo', b * WIDE + k), s);
    c.add(at('wideHi', b * WIDE + k), s * shift);
  };
  for (let b = 0; b < batch; b++) {
    const { token, u } = steps[b];
    for (let j = 0; j < V; j++) {
      const q = b * V + j;
      mx.next(); // δ_j − m + ℓ_j = 0
      mx.add(at('delta', q), 1);
      mx.add(at('m', b), -1);
      mx.add(logit(b, j), 1);
      mx.next(); // slack_j − 65535 + 65535σ_j + δ_j = 0
      mx.add(at('slack', q), 1);
      mx.addConst(-SAMPLE_DELTA_MAX);
      mx.add(at('sigma', q), SAMPLE_DELTA_MAX);
      mx.add(at('delta', q), 1);
      wt.next(); // δ_j − 16 q_j − rem_j = 0
      wt.add(at('delta', q), 1);
      wt.add(at('q', q), -(1 << SAMPLE_TABLE_SHIFT));
      wt.add(at('rem', q), -1);
      wt.next(); // C_j − q_j − 4096 w_j = 0
      wt.add(at('c', q), 1);
      wt.add(at('q', q), -1);
      wt.add(at('w', q), -SAMPLE_TABLE_SIZE);
    }
    mx.next(); // Σ σ_j − 1 = 0
    for (let j = 0; j < V; j++) mx.add(at('sigma', b * V + j), 1);
    mx.addConst(-1);
    for (let i = 0; i < SAMPLE_NIBBLES; i++) {
      th.next(); // u_i·Z + c_i − 16·c_{i+1} − r_i = 0
      const ui = Math.floor(u / 16 ** i) % 16;
      if (ui !== 0) for (let j = 0; j < V; j++) th.add(at('w', b * V + j), ui);
      if (i > 0) wide(th, b, i - 1, 1);
      wide(th, b, i, -16);
      th.add(at('rems', b * SAMPLE_NIBBLES + i), -1);
    }
    iv.next(); // lo − c_8 + Σ_{j<tok} w_j = 0
    wide(iv, b, SAMPLE_NIBBLES, 1);
    wide(iv, b, SAMPLE_NIBBLES - 1, -1);
    for (let j = 0; j < token; j++) iv.add(at('w', b * V + j), 1);
    iv.next(); // hi − Σ_{j≤tok} w_j + 1 + c_8 = 0
    wide(iv, b, SAMPLE_NIBBLES + 1, 1);
    for (let j = 0; j <= token; j++) iv.add(at('w', b * V + j), -1);
    iv.addConst(1);
    wide(iv, b, SAMPLE_NIBBLES - 1, 1);
  }
  ctx.constraints.push(mx.finish('sample.max'), wt.finish('sample.weight'), th.finish('sample.threshold'), iv.finish('sample.interval'));
}
