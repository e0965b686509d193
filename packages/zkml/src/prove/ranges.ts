/**
 * Range checks of the inference prover, batched into one logUp-GKR lookup per table (Haböck,
 * ePrint 2022/1530; Papini–Haböck, ePrint 2023/1284; core lookup/logup.ts).
 *
 * A request "every real element v of tensor T satisfies lo ≤ v < lo + 2^bits" is handled as:
 * - bits ≤ 8 ("direct"): T itself is one lookup group of the closed-form table [lo, lo + 2^bits).
 *   Padding entries of T are looked up too, so T's padding must also lie in the table (honest: 0,
 *   which requires lo ≤ 0 < lo + 2^bits; otherwise the request is decomposed).
 * - otherwise ("limbs"): bits = 8·(J − 1) + w, 1 ≤ w ≤ 8; J limb tensors of T's padded shape are
 *   carved out of one shared lookup vector per limb width (table [0, 2^8) for the low limbs,
 *   [0, 2^w) for the top limb: "check the top piece against its own width"), and one constraint at a
 *   random point r (drawn after the commitment) ties them to T:
 *     `<label>/range.decompose`:  T~(r) − lo·mask~(r) = Σ_j 2^(8j)·limb_j~(r)
 *   (mask = indicator of real entries, closed form). Σ_j 2^(8j) limb_j < 2^bits ≤ 2^16 < p, so the
 *   identity over the integers follows from the field identity at every real entry, and
 *   v − lo ∈ [0, 2^bits).
 *   The shared vector's looked-up prefix (Σ segment sizes) enters the logUp as one group per set bit
 *   of its length (aligned pieces), so the GKR leaves hold none of the shared vector's padding.
 * Soundness: the decomposition fails with probability ≤ (Σ bits)/|K| per request (Schwartz–Zippel on
 * the MLE of the residual); each logUp as in core docs (≤ 2^-100 for < 2^20 lookups).
 * Zero knowledge: limbs, multiplicities and GKR layers stay in the commitment; the GKR messages are
 * padded (uniform).
 */
import {
  Affine,
  eFromBase,
  eOf,
  fillLogup,
  fromInt,
  planLogup,
  proveLogup,
  verifyLogup,
  MalformedError,
  type LayoutBuilder,
  type LogupPlan,
  type LogupProof,
  type PadProductPlanner,
  type ProverContext,
  type VectorRef,
  type VerifierContext,
  type Layout,
  vectorWire,
  toSigned,
} from '@vouch/core';
import { maskMle, prod, sharedMle, totalBits, pow2 } from './tensor.ts';
import type { LookupProofBytes, TensorRef } from './types.ts';

/** Largest range width a request may have. */
export const MAX_RANGE_BITS = 16;

interface LimbRequest {
  readonly tensor: TensorRef;
  readonly lo: number;
  readonly bits: number;
  readonly label: string;
  readonly widths: number[];
  limbs: TensorRef[];
}

interface TableEntry {
  readonly key: string;
  readonly bits: number;
  readonly lo: number;
  /** A fixed public set instead of the range [lo, lo + 2^bits) (see {@link RangeBook.member}). */
  readonly values?: Uint32Array;
  /** Direct groups. */
  readonly groups: TensorRef[];
  /** Shared limb vector segments (resolved at finish). */
  readonly segments: { size: number; set: (t: TensorRef) => void; dims: readonly number[]; padded: readonly number[]; bits: readonly number[]; label: string }[];
  shared?: VectorRef;
  plan?: LogupPlan;
}

/** Carves a pow2-sized, pow2-aligned sub-vector out of a vector. */
export function carve(base: VectorRef, offset: number, size: number, length: number, rowWidth: number, label: string): VectorRef {
  const logLength = Math.log2(size);
  if (size >= rowWidth) {
    return { label, length, paddedLength: size, logLength, row: base.row + offset / rowWidth, col: 0, rowCount: size / rowWidth };
  }
  const flat = base.col + offset;
  return { label, length, paddedLength: size, logLength, row: base.row + Math.floor(flat / rowWidth), col: flat % rowWidth, rowCount: 1 };
}

/** Collects range requests while planning, then plans, fills, proves and verifies their lookups. */
export class RangeBook {
  private readonly tables = new Map<string, TableEntry>();
  private readonly limbRequests: LimbRequest[] = [];
  private finished = false;

  private table(bits: number, lo: number): TableEntry {
    const key = `${bits}@${lo}`;
    let t = this.tables.get(key);
    if (!t) {
      t = { key, bits, lo, groups: [], segments: [] };
      this.tables.set(key, t);
    }
    return t;
  }

  /**
   * Adds a membership request (plan phase): every REAL element of `tensor` lies in the fixed public
   * set `values` (one logUp per distinct `key`, table = the values as one fixed column; e.g. the
   * powers of two {2^0, …, 2^14} for Requant divisors). Only real entries are looked up, so the
   * tensor's real entries must form a prefix of its padded layout (every dim but the first a power
   * of two); padding entries are unconstrained by this request.
   * @throws RangeError on another set under the same key, or real entries that are not a prefix.
   */
  member(tensor: TensorRef, key: string, values: readonly number[], label: string): void {
    if (this.finished) throw new RangeError(`member(${label}): expected a request before planning finished`);
    if (tensor.padded.some((p, d) => d > 0 && p !== tensor.dims[d])) throw new RangeError(`member(${label}): expected real entries forming a prefix (every dim but the first a power of two), got [${tensor.dims.join(', ')}]`);
    const col = Uint32Array.from(values, (v) => fromInt(v));
    const tkey = `set:${key}`;
    let t = this.tables.get(tkey);
    if (!t) {
      t = { key: tkey, bits: 0, lo: 0, values: col, groups: [], segments: [] };
      this.tables.set(tkey, t);
    } else if (!t.values || t.values.length !== col.length || t.values.some((v, i) => v !== col[i])) {
      throw new RangeError(`member(${label}): expected the set ${key} to be the same at every request`);
    }
    t.groups.push({ ...tensor, ref: { ...tensor.ref, length: prod(tensor.dims) } });
  }

  /** Adds a request (plan phase). @throws RangeError on a width outside [1, 16]. */
  request(tensor: TensorRef, lo: number, bits: number, label: string): void {
    if (this.finished) throw new RangeError(`range(${label}): expected a request before planning finished`);
    if (!Number.isInteger(bits) || bits < 1 || bits > MAX_RANGE_BITS) throw new RangeError(`range(${label}): expected bits in [1, ${MAX_RANGE_BITS}], got ${bits}`);
    if (!Number.isSafeInteger(lo)) throw new RangeError(`range(${label}): expected an integer lower bound, got ${lo}`);
    if (bits <= 8 && lo <= 0 && 0 < lo + 2 ** bits) {
      this.table(bits, lo).groups.push(tensor);
      return;
    }
    const widths: number[] = [];
    let left = bits;
    while (left > 8) {
      widths.push(8);
      left -= 8;
    }
    widths.push(left);
    const req: LimbRequest = { tensor, lo, bits, label, widths, limbs: [] };
    widths.forEach((w, j) => {
      const size = tensor.ref.paddedLength;
      this.table(w, 0).segments.push({ size, dims: tensor.dims, padded: tensor.padded, bits: tensor.bits, label: `${label} limb ${j}`, set: (t) => (req.limbs[j] = t) });
    });
    this.limbRequests.push(req);
  }

  /** Allocates the shared limb vectors and plans one logUp per table (plan phase, after every op). */
  finish(builder: LayoutBuilder, products: PadProductPlanner): void {
    this.finished = true;
    const l = builder.rowWidth;
    for (const t of [...this.tables.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      const groups: { columns: VectorRef[] }[] = t.groups.map((g) => ({ columns: [g.ref] }));
      if (t.segments.length > 0) {
        const segs = [...t.segments].sort((a, b) => b.size - a.size);
        const total = segs.reduce((a, s) => a + s.size, 0);
        const shared = builder.vector(pow2(total), `range[${t.key}] limbs`);
        t.shared = shared;
        let off = 0;
        for (const s of segs) {
          const ref = carve(shared, off, s.size, s.size, l, s.label);
          s.set({ label: s.label, dims: s.dims, padded: s.padded, bits: s.bits, ref });
          off += s.size;
        }
        // the looked-up prefix [0, total) as one group per set bit of total (descending sizes: aligned
        // offsets), so the logUp leaves hold no padding of the shared vector (core lookup/leaves.ts)
        let at = 0;
        for (let k = Math.floor(Math.log2(total)); k >= 0; k--) {
          const size = 2 ** k;
          if ((Math.floor(total / size) & 1) === 0) continue;
          groups.push({ columns: [carve(shared, at, size, size, l, `range[${t.key}] limbs@${at}`)] });
          at += size;
        }
      }
      const table = t.values ? { kind: 'fixed' as const, columns: [t.values] } : { kind: 'range' as const, bits: t.bits, offset: t.lo };
      t.plan = planLogup(builder, products, { label: `range[${t.key}]`, table, groups });
    }
  }

  private plans(): LogupPlan[] {
    return [...this.tables.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map((t) => t.plan!);
  }

  /** Prover, before the commitment, after every op filled its tensors: limbs, multiplicities, pads. */
  fill(layout: Layout, witness: Uint32Array): void {
    for (const r of this.limbRequests) {
      const base = vectorWire(layout, r.tensor.ref, 0);
      const n = r.tensor.ref.paddedLength;
      const real = realFlags(r.tensor);
      const limbBases = r.limbs.map((t) => vectorWire(layout, t.ref, 0));
      for (let i = 0; i < n; i++) {
        let v = toSigned(witness[base + i]) - (real[i] ? r.lo : 0);
        if (v < 0 || v >= 2 ** r.bits) throw new RangeError(`range(${r.label}): expected a value in [${r.lo}, ${r.lo + 2 ** r.bits}), got ${v + (real[i] ? r.lo : 0)} at padded index ${i}`);
        for (let j = 0; j < r.widths.length; j++) {
          witness[limbBases[j] + i] = v & 0xff;
          v = Math.floor(v / 256);
        }
      }
    }
    for (const p of this.plans()) fillLogup(p, layout, witness);
  }

  private decompose(ctx: VerifierContext): void {
    // one random point per number of variables, shared by every request of that size (each
    // constraint is checked at a point drawn after the commitment; shared column vectors)
    const points = new Map<number, Uint32Array>();
    for (const r of this.limbRequests) {
      const v = totalBits(r.tensor.bits);
      let point = points.get(v);
      if (!point) points.set(v, (point = ctx.transcript.challengeExts(`range.r/${v}`, v)));
      let rhs = Affine.constant(eMulConst(maskMle(r.tensor.dims, r.tensor.bits, point), fromInt(r.lo)));
      r.limbs.forEach((t, j) => (rhs = rhs.add(sharedMle(ctx.layout, t.ref, point).scale(eFromBase(2 ** (8 * j))))));
      ctx.constraints.push(sharedMle(ctx.layout, r.tensor.ref, point).equals(rhs, `${r.label}/range.decompose`));
    }
  }

  /** Prover, after the commitment. */
  prove(ctx: ProverContext): LookupProofBytes[] {
    this.decompose(ctx);
    return this.plans().map((p) => flattenLogup(proveLogup(ctx, p)));
  }

  /** Verifier. @throws MalformedError on a proof of the wrong shape. */
  verify(ctx: VerifierContext, proofs: readonly LookupProofBytes[]): void {
    const plans = this.plans();
    if (proofs.length !== plans.length) throw new MalformedError('inference.lookups', `expected ${plans.length} lookup proofs, got ${proofs.length}`);
    this.decompose(ctx);
    plans.forEach((p, i) => verifyLogup(ctx, p, unflattenLogup(p, proofs[i])));
  }

  /** Ext lengths of every lookup proof's vectors. */
  shapes(): number[][] {
    return this.plans().map(logupShape);
  }
}

function eMulConst(e: Uint32Array, s: number): Uint32Array {
  return Affine.constant(e).scale(eOf(s)).constant;
}

/** 1 for real entries of a padded tensor, 0 for padding. */
export function realFlags(t: TensorRef): Uint8Array {
  const out = new Uint8Array(t.ref.paddedLength);
  const k = t.dims.length;
  const n = prod(t.padded);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let ok = 1;
    for (let d = k - 1; d >= 0; d--) {
      const c = rest % t.padded[d];
      rest = Math.floor(rest / t.padded[d]);
      if (c >= t.dims[d]) {
        ok = 0;
        break;
      }
    }
    out[i] = ok;
  }
  return out;
}

/** The ext-vector lengths of a logUp proof: root, then per layer the rounds and the finals. */
export function logupShape(plan: LogupPlan): number[] {
  const out = [plan.gkr.root.length / 4];
  for (const layer of plan.gkr.layers) {
    for (let j = 0; j < layer.sumcheck.numVars; j++) out.push(layer.sumcheck.degree + 1);
    out.push(layer.finals.length / 4);
  }
  return out;
}

/** GKR proof → list of flat ext vectors. */
export function flattenLogup(p: LogupProof): Uint32Array[] {
  const out = [p.root];
  for (const layer of p.layers) {
    out.push(...layer.sumcheck.rounds);
    out.push(layer.finals);
  }
  return out;
}

/** List of flat ext vectors → GKR proof (lengths checked by the caller's parser). */
export function unflattenLogup(plan: LogupPlan, v: LookupProofBytes): LogupProof {
  const shape = logupShape(plan);
  if (v.length !== shape.length) throw new MalformedError(`${plan.label}`, `expected ${shape.length} vectors, got ${v.length}`);
  v.forEach((x, i) => {
    if (!(x instanceof Uint32Array) || x.length !== 4 * shape[i]) throw new MalformedError(`${plan.label}[${i}]`, `expected ${shape[i]} ext elements, got ${x instanceof Uint32Array ? x.length / 4 : typeof x}`);
  });
  let k = 1;
  const layers = plan.gkr.layers.map((layer) => {
    const rounds = v.slice(k, k + layer.sumcheck.numVars);
    k += layer.sumcheck.numVars;
    const finals = v[k++];
    return { sumcheck: { rounds }, finals };
  });
  return { root: v[0], layers };
}
