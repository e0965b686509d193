/**
 * Range checks of the inference prover, batched into one logUp-GKR lookup per table width
 * (Haböck, ePrint 2022/1530; Papini–Haböck, ePrint 2023/1284; core lookup/logup.ts).
 *
 * A request "every real element v of tensor T satisfies lo ≤ v < lo + 2^bits" is handled as:
 * - "direct": T itself is looked up in the table [0, 2^bits) with the public group shift −lo
 *   (core LookupGroup.shift: v − lo ∈ [0, 2^bits)), so every request of one width shares one table.
 *   When T's real entries form a prefix of its padded layout (every dim before the first padded one
 *   has size 1, every dim after it is a power of two — e.g. a batch [B, d] with d a power of two),
 *   only that prefix is looked up, as one aligned group per set bit of its length; otherwise the
 *   whole padded T is looked up, so T's padding must also lie in the range (honest: 0, which
 *   requires lo ≤ 0 < lo + 2^bits; otherwise the request is decomposed).
 * - "limbs": bits = 8·(J − 1) + w, 1 ≤ w ≤ 8; J limb tensors of T's padded shape are carved out of
 *   one shared lookup vector per limb width (table [0, 2^8) for the low limbs, [0, 2^w) for the top
 *   limb: "check the top piece against its own width"), and one constraint at a random point r
 *   (drawn after the commitment) ties them to T:
 *     `<label>/range.decompose`:  T~(r) − lo·mask~(r) = Σ_j 2^(8j)·limb_j~(r)
 *   (mask = indicator of real entries, closed form). Σ_j 2^(8j) limb_j < 2^bits ≤ 2^16 < p, so the
 *   identity over the integers follows from the field identity at every real entry, and
 *   v − lo ∈ [0, 2^bits). Of each limb segment only the real prefix is looked up when T's real
 *   entries form a prefix (the whole segment otherwise); the looked-up runs of the shared vector
 *   enter the logUp as aligned power-of-two groups, so the GKR leaves hold no padding.
 * Requests of ≤ 8 bits are direct whenever they can be. For each wider width the planner chooses
 * direct (one lookup per element, a 2^bits-row table) or limbs (J lookups per element, ≤ 2^8-row
 * tables) for all requests of that width together, by minimizing an estimate of the prover's work
 * (Σ over tables of the GKR leaf count 2^⌈log2(lookups + rows)⌉, plus the committed limbs and
 * multiplicities) over every subset of the widths: a function of public shapes only, so
 * prover and verifier plan the same lookups.
 * Only real entries are constrained (the request's contract; padding entries of activations are not
 * relied on by any relation, docs/parts/inference.md §2).
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

interface RangeRequest {
  readonly tensor: TensorRef;
  readonly lo: number;
  readonly bits: number;
  readonly label: string;
  /** Number of real entries when they form a prefix of the padded layout. */
  readonly prefix: number | undefined;
}

interface LimbRequest extends RangeRequest {
  readonly widths: number[];
  limbs: TensorRef[];
}

/** A limb segment of a shared vector: `size` entries (T's padded length), the first `looked` looked up. */
interface Segment {
  readonly size: number;
  readonly looked: number;
  readonly set: (t: TensorRef) => void;
  readonly dims: readonly number[];
  readonly padded: readonly number[];
  readonly bits: readonly number[];
  readonly label: string;
}

interface TableEntry {
  readonly key: string;
  readonly bits: number;
  /** A fixed public set instead of the range [0, 2^bits) (see {@link RangeBook.member}). */
  readonly values?: Uint32Array;
  /** Direct groups. */
  readonly groups: { columns: VectorRef[]; shift?: number }[];
  /** Shared limb vector segments (resolved at finish). */
  readonly segments: Segment[];
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

/**
 * Splits [start, end) of a vector into aligned power-of-two pieces (each piece of size 2^k starts at
 * a multiple of 2^k, greedily largest first), as lookup groups.
 */
export function alignedPieces(base: VectorRef, start: number, end: number, rowWidth: number, label: string): VectorRef[] {
  const out: VectorRef[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (at % (2 * size) === 0 && at + 2 * size <= end) size *= 2;
    out.push(carve(base, at, size, size, rowWidth, `${label}@${at}`));
    at += size;
  }
  return out;
}

/** The number of real entries if they form a prefix of the padded layout, else undefined. */
export function realPrefix(t: Pick<TensorRef, 'dims' | 'padded'>): number | undefined {
  let first = -1;
  for (let d = 0; d < t.dims.length; d++) {
    if (t.dims[d] === t.padded[d]) continue;
    if (first >= 0) return undefined;
    first = d;
  }
  if (first < 0) return prod(t.padded);
  for (let d = 0; d < first; d++) if (t.padded[d] !== 1) return undefined;
  return prod(t.dims);
}

/** Limb widths of a bits-wide range: 8, …, 8, w (1 ≤ w ≤ 8). */
function limbWidths(bits: number): number[] {
  const widths: number[] = [];
  let left = bits;
  while (left > 8) {
    widths.push(8);
    left -= 8;
  }
  widths.push(left);
  return widths;
}

/** Does 0 (honest padding) lie in the request's range? */
function zeroInRange(r: RangeRequest): boolean {
  return r.lo <= 0 && 0 < r.lo + 2 ** r.bits;
}

/** Can the request be looked up directly (its looked-up entries all real, or its padding 0 in range)? */
function directOk(r: RangeRequest): boolean {
  return r.prefix !== undefined || zeroInRange(r);
}

/**
 * Entries of T (or of a limb, `limb` true) the lookups cover, a prefix of the padded layout: the
 * whole padded tensor when its real entries are not a prefix; else the real prefix, rounded up to a
 * multiple of 2^(⌊log2 prefix⌋ − 4) (≤ 6.25% more lookups, at most a few aligned pieces) or to the
 * whole tensor when that has ≤ 256 entries, where the padding so covered may be looked up (limbs:
 * always, honest padding limbs are 0; direct: when 0 is in the range).
 */
function lookedUp(r: RangeRequest, limb: boolean): number {
  const padded = r.tensor.ref.paddedLength;
  if (r.prefix === undefined) return padded;
  if (!limb && !zeroInRange(r)) return r.prefix;
  if (padded <= 256) return padded;
  const g = 2 ** Math.max(0, Math.floor(Math.log2(r.prefix)) - 4);
  return Math.min(padded, Math.ceil(r.prefix / g) * g);
}

/**
 * The widths > 8 whose requests are looked up directly: the subset minimizing Σ_tables
 * 2^⌈log2(lookups + rows)⌉ + COMMIT_WEIGHT·(limb entries + multiplicities) + a fixed cost per table (public
 * shapes only; ties: the smaller subset in enumeration order).
 */
export function chooseDirectWidths(requests: readonly RangeRequest[]): Set<number> {
  const wide = [...new Set(requests.filter((r) => r.bits > 8 && directOk(r)).map((r) => r.bits))].sort((a, b) => a - b);
  let best = Infinity;
  let bestMask = 0;
  for (let mask = 0; mask < 2 ** wide.length; mask++) {
    const direct = new Set(wide.filter((_, i) => (mask >> i) & 1));
    const used = new Map<number, number>();
    let committed = 0;
    for (const r of requests) {
      if (directOk(r) && (r.bits <= 8 || direct.has(r.bits))) used.set(r.bits, (used.get(r.bits) ?? 0) + lookedUp(r, false));
      else {
        for (const w of limbWidths(r.bits)) used.set(w, (used.get(w) ?? 0) + lookedUp(r, true));
        committed += limbWidths(r.bits).length * r.tensor.ref.paddedLength;
      }
    }
    let cost = committed * COMMIT_WEIGHT;
    for (const [w, n] of used) cost += pow2(n + 2 ** w) + 2 ** w * COMMIT_WEIGHT + TABLE_COST;
    if (cost < best) {
      best = cost;
      bestMask = mask;
    }
  }
  return new Set(wide.filter((_, i) => (bestMask >> i) & 1));
}

/** Fixed cost of one more logUp in {@link chooseDirectWidths} (its GKR layers, constraints and pads). */
const TABLE_COST = 2048;
/**
 * Weight of one committed value (limb or multiplicity) against one GKR leaf in {@link chooseDirectWidths}:
 * measured on B2 (LeNet, open), a committed value costs about as much as a leaf (Ligero encoding,
 * Merkle hashing and the column tests against the WASM GKR), and weight 1 took its prove CPU time
 * from ~1.2 s to ~0.85 s against weight 1/4.
 */
const COMMIT_WEIGHT = 1;

/** Collects range requests while planning, then plans, fills, proves and verifies their lookups. */
export class RangeBook {
  private readonly tables = new Map<string, TableEntry>();
  private readonly requests: RangeRequest[] = [];
  private readonly limbRequests: LimbRequest[] = [];
  private finished = false;

  private table(bits: number): TableEntry {
    const key = `${bits}@0`;
    let t = this.tables.get(key);
    if (!t) {
      t = { key, bits, groups: [], segments: [] };
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
      t = { key: tkey, bits: 0, values: col, groups: [], segments: [] };
      this.tables.set(tkey, t);
    } else if (!t.values || t.values.length !== col.length || t.values.some((v, i) => v !== col[i])) {
      throw new RangeError(`member(${label}): expected the set ${key} to be the same at every request`);
    }
    t.groups.push({ columns: [{ ...tensor.ref, length: prod(tensor.dims) }] });
  }

  /** Adds a request (plan phase). @throws RangeError on a width outside [1, 16]. */
  request(tensor: TensorRef, lo: number, bits: number, label: string): void {
    if (this.finished) throw new RangeError(`range(${label}): expected a request before planning finished`);
    if (!Number.isInteger(bits) || bits < 1 || bits > MAX_RANGE_BITS) throw new RangeError(`range(${label}): expected bits in [1, ${MAX_RANGE_BITS}], got ${bits}`);
    if (!Number.isSafeInteger(lo)) throw new RangeError(`range(${label}): expected an integer lower bound, got ${lo}`);
    this.requests.push({ tensor, lo, bits, label, prefix: realPrefix(tensor) });
  }

  /** Chooses direct or limbs per width, allocates the shared limb vectors and plans one logUp per table (plan phase, after every op). */
  finish(builder: LayoutBuilder, products: PadProductPlanner): void {
    this.finished = true;
    const l = builder.rowWidth;
    const direct = chooseDirectWidths(this.requests);
    for (const r of this.requests) {
      if (directOk(r) && (r.bits <= 8 || direct.has(r.bits))) {
        const t = this.table(r.bits);
        const shift = -r.lo;
        const n = lookedUp(r, false);
        if (n === r.tensor.ref.paddedLength) t.groups.push({ columns: [r.tensor.ref], shift });
        else for (const piece of alignedPieces(r.tensor.ref, 0, n, l, r.label)) t.groups.push({ columns: [piece], shift });
        continue;
      }
      const req: LimbRequest = { ...r, widths: limbWidths(r.bits), limbs: [] };
      req.widths.forEach((w, j) => {
        const size = r.tensor.ref.paddedLength;
        this.table(w).segments.push({ size, looked: lookedUp(r, true), dims: r.tensor.dims, padded: r.tensor.padded, bits: r.tensor.bits, label: `${r.label} limb ${j}`, set: (t) => (req.limbs[j] = t) });
      });
      this.limbRequests.push(req);
    }
    for (const t of this.sortedTables()) {
      const groups = [...t.groups];
      if (t.segments.length > 0) {
        const segs = [...t.segments].sort((a, b) => b.size - a.size);
        const total = segs.reduce((a, s) => a + s.size, 0);
        const shared = builder.vector(pow2(total), `range[${t.key}] limbs`);
        t.shared = shared;
        // looked-up runs of the shared vector (adjacent runs merged), as aligned power-of-two groups
        const runs: [number, number][] = [];
        let off = 0;
        for (const s of segs) {
          s.set({ label: s.label, dims: s.dims, padded: s.padded, bits: s.bits, ref: carve(shared, off, s.size, s.size, l, s.label) });
          const last = runs[runs.length - 1];
          if (last && last[1] === off) last[1] = off + s.looked;
          else runs.push([off, off + s.looked]);
          off += s.size;
        }
        for (const [a, b] of runs) for (const piece of alignedPieces(shared, a, b, l, `range[${t.key}] limbs`)) groups.push({ columns: [piece] });
      }
      const table = t.values ? { kind: 'fixed' as const, columns: [t.values] } : { kind: 'range' as const, bits: t.bits };
      t.plan = planLogup(builder, products, { label: `range[${t.key}]`, table, groups });
    }
  }

  private sortedTables(): TableEntry[] {
    return [...this.tables.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  private plans(): LogupPlan[] {
    return this.sortedTables().map((t) => t.plan!);
  }

  /** The planned lookups in proof order (after {@link RangeBook.finish}; for tests and tools). */
  logupPlans(): readonly LogupPlan[] {
    if (!this.finished) throw new RangeError('RangeBook.logupPlans: expected planning to be finished');
    return this.plans();
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
