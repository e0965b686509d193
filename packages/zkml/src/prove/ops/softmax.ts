/**
 * Zero-knowledge proof of the integer Softmax over the last axis (int/ops/softmax.ts; I-BERT-style
 * with a public 256-row exp table E, Kim et al., ICML 2021; quant/lower-transformer.ts), rows of
 * length N, public 0/1 mask (causal attention). Per real row j and real i, with keep = real ∧ unmasked:
 *   m_j = max_{keep} x,  d = m_j − x ∈ [0, 255],  e = E[255 − d] (0 where not kept),
 *   S_j = Σ_i e,  y = ⌊(510·e + S_j) / (2·S_j)⌋ ∈ [0, 255].
 *
 * Committed (all [B, …, R, N] padded unless said): m [B, …, R]; the key K = keep ⊙ (m ⊗ 1_N − x)
 * + 256·(1 − keep) (d where kept, 256 elsewhere, padding included); e; sel, sel ⊙ K (triple);
 * Sb = S broadcast over real i; y (the output); y ⊙ Sb (triple); the remainder ρ and the bound
 * u = 2·Sb − ind − ρ as 8-bit limbs (ρ = Σ 2^(8t)·ρ_t, likewise u). keep (public) is not committed.
 * One random point r (after the commitment) over the tensor's variables, r = (r_i, r_lead):
 *   `softmax.shift`    K~(r) = Σ_p c_p·(m_row(p) − x_p) + 256·(1 − keep~(r)),  c_p = eq(r, p)·keep_p
 *                      (public weights: per committed row one tensor term, O(size) for the verifier;
 *                      x's padding has keep = 0, so it does not enter)
 *   `softmax.argmax`   (sel⊙K)~(r) = 0
 *   `softmax.select`   2^n·sel~(½…½, r_lead) = ind_lead~(r_lead)       (Σ_i sel = 1 on real rows)
 *   `softmax.sum`      Sb~(r) = 2^n·e~(½…½, r_lead)·ind_N~(r_i)
 *   `softmax.div`      510·e~ + Sb~ − 2·(y⊙Sb)~ − ρ~ = 0
 *   `softmax.rem-bound` 2·Sb~ − ind~ − ρ~ − u~ = 0
 * and one logUp (labels `<node>/softmax.exp …`) of the pairs (K, e) over every padded index against
 * the public table {(k, E[255 − k]) : k < 256} ∪ {(256, 0)}; ranges (framework): y, every limb ∈
 * [0, 2^8) (top limb to its own width).
 * Why this is the executor's relation: shift fixes K entry by entry (Schwartz–Zippel on the MLE of
 * the difference): K = m − x where kept and 256 elsewhere. The lookup then forces, where kept,
 * d = m − x ∈ [0, 255] (so m ≥ x) and e = E[255 − d], and elsewhere (key 256, a single table row)
 * e = 0. sel ⊙ K = 0 puts sel only where K = 0, i.e. on kept entries with d = 0, and Σ sel = 1 makes
 * one exist: m is the max. e vanishes on the padding along i, so the half-point sums are the row
 * sums. With y < 2^8, 0 ≤ ρ < 2^W, u ≥ 0 and every term below p/2 (N·max E·514 < p is checked at
 * planning), div is an integer identity with 0 ≤ ρ < 2S: y is the floor. Rows with no unmasked entry
 * are refused at planning (not used).
 * Soundness error: (Σ bits + 1)/|K| for the point (Schwartz–Zippel) plus the lookups' error.
 * Zero knowledge: only the lookup's padded GKR messages are sent.
 */
import { Affine, eFromBase, eMulBase, eOf, eqTable, fillLogup, fromInt, mleEvalBase, planLogup, vectorWire, type Layout, type LogupPlan, type VectorRef, type VerifierContext } from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { dimPoint, maskMle, paddedField, paddedIndices, prod, sharedMle, totalBits } from '../tensor.ts';
import type { FillContext, OpProver, PlanContext, TensorRef } from '../types.ts';
import { LogupBackedOp } from './logup-backed.ts';

const HALF = 1006632961; // 1/2 in F_p

/** 8-bit limb widths of a W-bit value. */
export function limbWidths(W: number): number[] {
  const out: number[] = [];
  for (let left = W; left > 0; left -= 8) out.push(Math.min(8, left));
  return out.length ? out : [1];
}

/** Key of masked and padding entries in the exp lookup (one table row (256, 0)). */
const MASKED_KEY = 256;

/**
 * Σ_p c[p]·v[p] over the padded entries of a committed vector, for public weights c (flat ext, one
 * per padded entry): one tensor term per row the vector spans (its weights as the column vector).
 */
export function weightedSum(layout: Pick<Layout, 'rowWidth'>, v: VectorRef, c: Uint32Array): Affine {
  const l = layout.rowWidth;
  if (c.length !== 4 * v.paddedLength) throw new RangeError(`weightedSum(${v.label}): expected ${v.paddedLength} weights, got ${c.length / 4}`);
  const one = Uint32Array.of(1, 0, 0, 0);
  if (v.paddedLength < l) {
    const values = new Uint32Array(4 * l);
    values.set(c, 4 * v.col);
    return Affine.tensorTerm({ row: v.row, rowCoeffs: one, cols: { values } });
  }
  let acc = Affine.constant(new Uint32Array(4));
  for (let k = 0; k < v.rowCount; k++) acc = acc.add(Affine.tensorTerm({ row: v.row + k, rowCoeffs: one, cols: { values: c.subarray(4 * k * l, 4 * (k + 1) * l) } }));
  return acc;
}

class SoftmaxInstance extends LogupBackedOp {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  private readonly m: TensorRef;
  private readonly t: Record<string, TensorRef> = {};
  private readonly rho: TensorRef[];
  private readonly u: TensorRef[];
  private readonly N: number;
  private readonly keep: Uint8Array;
  private readonly keepField: Uint32Array;
  private readonly E: Int32Array;
  protected readonly plan: LogupPlan;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    const name = node.name;
    this.x = ctx.tensor(node.inputs[0]);
    const dims = this.x.dims;
    this.N = dims[dims.length - 1];
    const eh = ctx.param(node, 'exp');
    const ed = eh.paddedData?.();
    if (!ed || eh.ref || prod(eh.dims) !== 256) throw new RangeError(`node ${name}: expected a public 256-entry exp table`);
    this.E = Int32Array.from(ed.subarray(0, 256));
    let emax = 0;
    for (const v of this.E) {
      if (v < 0 || v > 2 ** 15) throw new RangeError(`node ${name}: expected exp table entries in [0, 2^15], got ${v}`);
      emax = Math.max(emax, v);
    }
    if (this.E[255] <= 0) throw new RangeError(`node ${name}: expected E[255] > 0, got ${this.E[255]}`);
    if (this.N * emax * 514 >= 2013265921) throw new RangeError(`node ${name}: expected N·max E·514 < p, got ${this.N * emax * 514}`);
    // keep mask (real dims, batch first)
    const per = prod(dims.slice(1));
    const total = prod(dims);
    const keep = new Uint8Array(total).fill(1);
    if (node.params.mask !== undefined) {
      const mh = ctx.param(node, 'mask');
      const md = mh.paddedData?.();
      if (!md || mh.ref) throw new RangeError(`node ${name}: expected a public mask`);
      const L = prod(mh.dims);
      if (L % this.N !== 0) throw new RangeError(`node ${name}: expected a mask covering whole rows, got ${L} entries`);
      for (let j = 0; j < total; j++) {
        const o = j % per;
        const row = o - (o % this.N);
        if (md[(row % L) + (o % this.N)] !== 0) keep[j] = 0;
      }
    }
    for (let row = 0; row < total / this.N; row++) {
      let any = false;
      for (let i = 0; i < this.N; i++) any ||= keep[row * this.N + i] === 1;
      if (!any) throw new RangeError(`node ${name}: expected every row to have an unmasked entry, got none in row ${row}`);
    }
    this.keep = keep;
    this.keepField = paddedField(dims, keep);
    const A = (k: string) => (this.t[k] = ctx.alignedVector(dims, `${name} ${k}`));
    const V = (k: string) => (this.t[k] = ctx.vector(dims, `${name} ${k}`));
    for (const k of ['K', 'sel', 'selK', 'Sb', 'ySb']) A(k);
    V('e');
    this.y = ctx.alias(node, ctx.alignedVector(dims, `${name} y`));
    ctx.triple(this.t.sel, this.t.K, this.t.selK);
    ctx.triple(this.y, this.t.Sb, this.t.ySb);
    this.m = ctx.vector(dims.slice(0, -1).length ? dims.slice(0, -1) : [1], `${name} m`);
    const W = Math.ceil(Math.log2(2 * this.N * emax + 1));
    this.rho = limbWidths(W).map((w, j) => {
      const t = ctx.vector(dims, `${name} rho${j}`);
      ctx.range(t, 0, w, `${name} rho${j}`);
      return t;
    });
    this.u = limbWidths(W).map((w, j) => {
      const t = ctx.vector(dims, `${name} u${j}`);
      ctx.range(t, 0, w, `${name} u${j}`);
      return t;
    });
    ctx.range(this.y, 0, 8, `${name} y`);
    const keys = new Uint32Array(257);
    const es = new Uint32Array(257);
    for (let k = 0; k < 256; k++) {
      keys[k] = k;
      es[k] = this.E[255 - k];
    }
    keys[256] = MASKED_KEY;
    this.plan = planLogup(ctx.builder, ctx.products, { label: `${name}/softmax.exp`, table: { kind: 'fixed', columns: [keys, es] }, groups: [{ columns: [this.t.K.ref, this.t.e.ref] }] });
  }

  /** The op-internal tensors by name (K, sel, selK, Sb, ySb, e, m, rho<j>, u<j>), for tests and diagnostics. */
  get internal(): Readonly<Record<string, TensorRef>> {
    const out: Record<string, TensorRef> = { ...this.t, m: this.m };
    this.rho.forEach((t, j) => (out[`rho${j}`] = t));
    this.u.forEach((t, j) => (out[`u${j}`] = t));
    return out;
  }

  fill(f: FillContext): void {
    const dims = this.x.dims;
    const N = this.N;
    const Np = this.x.padded[dims.length - 1];
    const lead = dims.slice(0, -1);
    const rows = prod(lead);
    const leadPadded = prod(this.x.padded.slice(0, -1));
    const rowOf = new Int32Array(leadPadded).fill(-1);
    paddedIndices(lead).forEach((lp, j) => (rowOf[lp] = j));
    const xv = f.value(this.node.inputs[0]);
    const yv = f.value(this.node.output);
    const m = new Int32Array(rows);
    const S = new Float64Array(rows);
    for (let j = 0; j < rows; j++) {
      let mx = -Infinity;
      for (let i = 0; i < N; i++) if (this.keep[j * N + i] && xv[j * N + i] > mx) mx = xv[j * N + i];
      m[j] = mx;
      for (let i = 0; i < N; i++) if (this.keep[j * N + i]) S[j] += this.E[255 - (mx - xv[j * N + i])];
    }
    const size = leadPadded * Np;
    const col: Record<string, Float64Array> = {};
    for (const k of ['K', 'sel', 'Sb', 'ySb', 'e', 'y', 'rho', 'u']) col[k] = new Float64Array(size);
    for (let lp = 0; lp < leadPadded; lp++) {
      const j = rowOf[lp];
      let chosen = false;
      for (let i = 0; i < Np; i++) {
        const p = lp * Np + i;
        const real = j >= 0 && i < N;
        const kp = real ? this.keep[j * N + i] : 0;
        const d = kp ? m[j] - xv[j * N + i] : 0;
        const sel = kp && d === 0 && !chosen ? 1 : 0;
        if (sel) chosen = true;
        const e = kp ? this.E[255 - d] : 0;
        const Sb = real ? S[j] : 0;
        const y = real ? yv[j * N + i] : 0;
        const rho = 510 * e + Sb - 2 * y * Sb;
        col.K[p] = kp ? d : MASKED_KEY;
        col.sel[p] = sel;
        col.Sb[p] = Sb;
        col.ySb[p] = y * Sb;
        col.e[p] = e;
        col.y[p] = y;
        col.rho[p] = rho;
        col.u[p] = 2 * Sb - (real ? 1 : 0) - rho;
      }
    }
    const put = (t: TensorRef, data: ArrayLike<number>) => {
      const base = vectorWire(f.layout, t.ref, 0);
      for (let i = 0; i < data.length; i++) f.witness[base + i] = fromInt(data[i]);
    };
    for (const k of ['K', 'sel', 'Sb', 'ySb', 'e']) put(this.t[k], col[k]);
    put(this.t.selK, new Float64Array(size)); // sel ⊙ K = 0: sel sits on keys 0 only
    put(this.y, col.y);
    f.write(this.m, m);
    const limbs = (v: Float64Array, ts: TensorRef[], what: string) => {
      const parts = ts.map(() => new Float64Array(size));
      for (let p = 0; p < size; p++) {
        let r = v[p];
        if (r < 0 || r >= 2 ** (8 * ts.length)) throw new RangeError(`node ${this.node.name}: expected ${what} in [0, 2^${8 * ts.length}), got ${r}`);
        for (let t = 0; t < ts.length; t++) {
          parts[t][p] = r % 256;
          r = Math.floor(r / 256);
        }
      }
      ts.forEach((t, i) => put(t, parts[i]));
    };
    limbs(col.rho, this.rho, 'the remainder');
    limbs(col.u, this.u, 'the remainder bound');
    fillLogup(this.plan, f.layout, f.witness);
  }

  protected override constraints(ctx: VerifierContext): void {
    const name = this.node.name;
    const l = ctx.layout;
    const bits = this.x.bits;
    const nb = bits[bits.length - 1];
    const r = ctx.transcript.challengeExts(`${name}/softmax.r`, totalBits(bits));
    const ri = dimPoint(bits, r, bits.length - 1);
    const rl = r.subarray(4 * nb);
    const T = (t: TensorRef) => sharedMle(l, t.ref, r);
    const half = new Uint32Array(4 * totalBits(bits));
    for (let k = 0; k < nb; k++) half[4 * k] = HALF;
    half.set(rl, 4 * nb);
    const two = eFromBase(2 ** nb);
    const indN = maskMle([this.N], [nb], ri);
    const indLead = maskMle(this.x.dims.slice(0, -1), bits.slice(0, -1), rl);
    const ind = maskMle(this.x.dims, bits, r);
    const cst = (v: number) => eFromBase(fromInt(v));
    const limbSum = (ts: TensorRef[]) => ts.reduce((acc, t, j) => acc.add(T(t).scale(cst(2 ** (8 * j)))), Affine.constant(new Uint32Array(4)));
    const push = (a: Affine, check: string) => ctx.constraints.push(a.isZero(`${name}/${check}`));
    const t = this.t;
    // shift: K~(r) = Σ_p c_p·(m_row(p) − x_p) + 256·(1 − keep~(r)), c = eq(r) ⊙ keep
    const c = eqTable(r);
    for (let p = 0; p < this.keepField.length; p++) if (this.keepField[p] === 0) c.fill(0, 4 * p, 4 * p + 4);
    const Np = 2 ** nb;
    const w = new Uint32Array(4 * (c.length / 4 / Np));
    for (let j = 0; j < w.length / 4; j++) {
      for (let i = 0; i < Np; i++) for (let q = 0; q < 4; q++) w[4 * j + q] = (w[4 * j + q] + c[4 * (j * Np + i) + q]) % 2013265921;
    }
    // 256·(1 − keep~(r)), moved to the left side
    const unkept = eOf(1);
    const keepR = mleEvalBase(this.keepField, r);
    for (let q = 0; q < 4; q++) unkept[q] = (unkept[q] + 2013265921 - keepR[q]) % 2013265921;
    push(T(t.K).sub(weightedSum(l, this.m.ref, w)).add(weightedSum(l, this.x.ref, c)).addConstant(eMulBase(unkept, 2013265921 - MASKED_KEY)), 'softmax.shift');
    push(T(t.selK), 'softmax.argmax');
    push(sharedMle(l, t.sel.ref, half).scale(two).addConstant(eMulBase(indLead, 2013265920)), 'softmax.select');
    push(T(t.Sb).sub(sharedMle(l, t.e.ref, half).scale(eMulBase(indN, 2 ** nb))), 'softmax.sum');
    push(T(t.e).scale(cst(510)).add(T(t.Sb)).sub(T(t.ySb).scale(cst(2))).sub(limbSum(this.rho)), 'softmax.div');
    push(T(t.Sb).scale(cst(2)).addConstant(eMulBase(ind, 2013265920)).sub(limbSum(this.rho)).sub(limbSum(this.u)), 'softmax.rem-bound');
  }

}

/** The Softmax op prover. */
export const softmaxProver: OpProver = {
  op: 'Softmax',
  plan: (ctx, node) => new SoftmaxInstance(ctx, node),
};
