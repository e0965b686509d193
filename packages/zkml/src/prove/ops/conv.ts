/**
 * Zero-knowledge proof of a Conv node (2-D, strides, zero padding, dilations, groups; ONNX Conv as
 * run by int/ops/conv.ts): one degree-2 sumcheck over the *input's* index structure, in the spirit
 * of zkCNN (Liu–Xie–Zhang, CCS 2021, §3–4: the convolution's claim at a random output point reduced
 * by a sumcheck whose kernel taps enter through public index maps), made zero-knowledge with padded
 * messages (Longfellow: Frigo–shelat 2024; core sumcheck/zk-*.ts).
 *
 * Tensors (batch dims first, every dim padded to a power of two): X [L…, C, H, W], out [L…, F, OH, OW],
 * W [F, Cg, KH, KW] (C = Cg·group), bias [F]. The verifier draws r = (r_L, r_f, r_y, r_x) after the
 * commitment. With the selector matrices of conv-window.ts, SY[i][h] = Σ_{y<OH} eq(r_y, y)·[h = s·y +
 * d·i − pad valid] (and SX likewise), and grp(f) = ⌊f/(F/group)⌋:
 *   out~(r) − bias~(r_f)·mask(r_L, r_y, r_x) = Σ_{c,h,w} Xr[c,h,w]·G[c,h,w]
 *   Xr[c,h,w] = Σ_{ℓ real} eq(r_L, ℓ)·X[ℓ, c, h, w]
 *   G[c,h,w]  = Σ_{f<F, c'<Cg: grp(f)·Cg + c' = c} eq(r_f, f)·Σ_{i,j} W[f, c', i, j]·SY[i][h]·SX[j][w]
 * (every real output entry is the convolution of real input entries; padding output entries are 0).
 * A degree-2 ZK sumcheck over the log(Cp·Hp·Wp) variables of (c, h, w) reduces it to Xr~(ρ)·G~(ρ).
 * The prover sends both padded (x' = Xr~(ρ) − P_X, g' = G~(ρ) − P_G). Constraints:
 *   `<node>/conv.sumcheck round j`  the ZK sumcheck rounds,
 *   `<node>/conv.final`      C_final = (x' + P_X)(g' + P_G)                  (hidden product),
 *   `<node>/conv.x-opening`  Σ eq(r_L)[real]·eq(ρ)·X = x' + P_X           (tensor form on committed X),
 *   `<node>/conv.w-opening`  Σ_{f,c',i,j} M[f,c']·SY'[i]·SX'[j]·W[f,c',i,j] = g' + P_G,
 *     M[f,c'] = eq(r_f, f)·eq(ρ_c, grp(f)·Cg + c') on real (f, c'), SY'[i] = Σ_h SY[i][h]·eq(ρ_h, h):
 *     a tensor form on committed W (private), a public value (open mode),
 *   plus the pad product's copy constraints (the sumcheck and its closing: product-sumcheck.ts).
 * Soundness error: (Σ output bits)/|K| (the identity at r) + 2·log(Cp·Hp·Wp)/|K| (sumcheck).
 * Zero knowledge: rounds, x' and g' are masked by uniform pads used once; every other check is a
 * linear constraint proven by the Ligero linear test.
 * Prover cost: the sumcheck over Cp·Hp·Wp entries (ext×ext), plus O(F·Cg·KH·KW + C·KH·KW·(OW + Hp·Wp))
 * for the tables; verifier: O(KH·OH + KW·OW + F·Cg) plus a few tensor terms.
 */
import {
  Affine,
  eMulInto,
  eqPrefixSum,
  eqTable,
  extTable,
  mleConstraint,
  partialEvalRows,
  vectorWire,
  P,
  eMul,
  type ProverContext,
  type VerifierContext,
} from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { dimPoint, totalBits } from '../tensor.ts';
import type { FillContext, OpInstance, OpProof, OpProver, ParamHandle, PlanContext, TensorRef } from '../types.ts';
import { blockForm, blockFormValue, kronAll, maskedEq, type Block } from './conv-tensor.ts';
import { convGroups, readWindow, selectorAtInput, selectorMatrix, type Window2d } from './conv-window.ts';
import { ProductSumcheck, type ProductClose } from './product-sumcheck.ts';

/** Everything the challenge point r fixes (both sides). */
interface ConvPoint {
  readonly lead: Uint32Array[];
  readonly rf: Uint32Array;
  readonly ry: Uint32Array;
  readonly rx: Uint32Array;
  readonly claim: Affine;
  /** Selector matrices SY [KHp × Hp], SX [KWp × Wp]. */
  readonly sy: Uint32Array;
  readonly sx: Uint32Array;
}

class ConvInstance implements OpInstance {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly out: TensorRef;
  private readonly w: ParamHandle;
  private readonly bias: ParamHandle | undefined;
  private readonly win: Window2d;
  private readonly groups: number;
  private readonly lead: number;
  /** Bits of C, H, W (input) — the sumcheck variables, lowest first: w, h, c. */
  private readonly cb: number;
  private readonly hb: number;
  private readonly wb: number;
  private readonly zk: ProductSumcheck;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.out = ctx.output(node);
    this.w = ctx.param(node, 'weight');
    this.bias = node.params.bias === undefined ? undefined : ctx.param(node, 'bias');
    const xd = this.x.dims;
    const od = this.out.dims;
    if (xd.length < 4 || od.length !== xd.length) throw new RangeError(`node ${node.name}: expected NCHW input and output, got [${xd.join(', ')}] → [${od.join(', ')}]`);
    this.lead = xd.length - 3;
    const [C, H, W] = xd.slice(this.lead);
    const [F, OH, OW] = od.slice(this.lead);
    if (this.w.dims.length !== 4 || this.w.dims[0] !== F) throw new RangeError(`node ${node.name}: expected a weight [${F}, Cg, KH, KW], got [${this.w.dims.join(', ')}]`);
    this.groups = convGroups(node);
    const g = this.groups;
    if (!Number.isInteger(g) || g < 1 || this.w.dims[1] * g !== C || F % g !== 0) throw new RangeError(`node ${node.name}: expected C = Cg·group and F divisible by group, got C ${C}, Cg ${this.w.dims[1]}, F ${F}, group ${g}`);
    for (let d = 0; d < this.lead; d++) if (xd[d] !== od[d]) throw new RangeError(`node ${node.name}: expected equal batch dims, got [${xd.join(', ')}] → [${od.join(', ')}]`);
    this.win = readWindow(node, [H, W], [OH, OW], this.w.dims.slice(2));
    const xb = this.x.bits.slice(this.lead);
    [this.cb, this.hb, this.wb] = xb;
    const n = this.cb + this.hb + this.wb;
    if (n < 1) throw new RangeError(`node ${node.name}: expected an input of at least 2 padded elements per sample, got [${xd.join(', ')}]`);
    this.zk = new ProductSumcheck(ctx, { node: node.name, check: 'conv', operands: ['x', 'w'], numVars: n });
  }

  proofShape(): readonly number[] {
    return this.zk.proofShape();
  }

  fill(f: FillContext): void {
    this.zk.fill(f);
  }

  /** Both sides: the random output point, the claim as an affine form, the selectors. */
  private point(ctx: VerifierContext): ConvPoint {
    const ob = this.out.bits;
    const r = ctx.transcript.challengeExts(`${this.node.name}/conv.r`, totalBits(ob));
    const k = this.lead;
    const lead = Array.from({ length: k }, (_, d) => dimPoint(ob, r, d));
    const rf = dimPoint(ob, r, k);
    const ry = dimPoint(ob, r, k + 1);
    const rx = dimPoint(ob, r, k + 2);
    let claim = mleConstraint(ctx.layout, this.out.ref, r);
    if (this.bias) {
      let mask = eqPrefixSum(ry, this.win.y.output);
      mask = eMul(mask, eqPrefixSum(rx, this.win.x.output));
      for (let d = 0; d < k; d++) mask = eMul(mask, eqPrefixSum(lead[d], this.out.dims[d]));
      claim = claim.sub(this.bias.mle(ctx.layout, rf).scale(mask));
    }
    const sy = selectorMatrix(this.win.y, eqTable(ry));
    const sx = selectorMatrix(this.win.x, eqTable(rx));
    return { lead, rf, ry, rx, claim, sy, sx };
  }

  /** The eq weights over the real lead (batch) entries, as one vector over the lead bits. */
  private leadWeights(pt: ConvPoint): Uint32Array {
    return kronAll(pt.lead.map((z, d) => maskedEq(z, this.x.dims[d])));
  }

  /** M[f, c'] = eq(r_f, f)·eq(ρ_c, grp(f)·Cg + c') on real (f, c'), flat ext over [Fp, Cgp]. */
  private channelMatrix(rf: Uint32Array, rhoC: Uint32Array): Uint32Array {
    const [F, Cg] = this.w.dims;
    const [Fp, Cgp] = this.w.padded;
    const ef = eqTable(rf);
    const ec = eqTable(rhoC);
    const fpg = F / this.groups;
    const M = new Uint32Array(4 * Fp * Cgp);
    for (let f = 0; f < F; f++) {
      const c0 = Math.floor(f / fpg) * Cg;
      for (let c = 0; c < Cg; c++) eMulInto(M, 4 * (f * Cgp + c), ef, 4 * f, ec, 4 * (c0 + c));
    }
    return M;
  }

  /** ρ split into its (w, h, c) variables, lowest first. */
  private split(rho: Uint32Array): { rw: Uint32Array; rh: Uint32Array; rc: Uint32Array } {
    return { rw: rho.subarray(0, 4 * this.wb), rh: rho.subarray(4 * this.wb, 4 * (this.wb + this.hb)), rc: rho.subarray(4 * (this.wb + this.hb)) };
  }

  /** Both sides, after the sumcheck: the x- and w-opening forms at ρ (module header). */
  private close(ctx: VerifierContext, pt: ConvPoint): ProductClose {
    const l = ctx.layout;
    const left = (rho: Uint32Array): Affine => {
      const { rw, rh, rc } = this.split(rho);
      const xBlocks: Block[] = [
        ...pt.lead.map((z, d) => ({ bits: this.x.bits[d], vec: maskedEq(z, this.x.dims[d]) })),
        { bits: this.cb, vec: eqTable(rc) },
        { bits: this.hb, vec: eqTable(rh) },
        { bits: this.wb, vec: eqTable(rw) },
      ];
      return blockForm(l, this.x.ref, xBlocks);
    };
    const right = (rho: Uint32Array): Affine => {
      const { rw, rh, rc } = this.split(rho);
      const wBlocks: Block[] = [
        { bits: this.w.bits[0] + this.w.bits[1], vec: this.channelMatrix(pt.rf, rc) },
        { bits: this.w.bits[2], vec: selectorAtInput(this.win.y, pt.sy, rh) },
        { bits: this.w.bits[3], vec: selectorAtInput(this.win.x, pt.sx, rw) },
      ];
      if (this.w.ref) return blockForm(l, this.w.ref, wBlocks);
      const data = this.w.paddedData?.();
      if (!data) throw new RangeError(`node ${this.node.name}: expected public weight data for ${this.w.spec.name}`);
      return Affine.constant(blockFormValue(data, wBlocks));
    };
    return { left, right };
  }

  prove(ctx: ProverContext): OpProof {
    const pt = this.point(ctx);
    const l = ctx.layout;
    const inner = 2 ** this.zk.plan.numVars;
    const xBase = vectorWire(l, this.x.ref, 0);
    const X = ctx.witness.subarray(xBase, xBase + this.x.ref.paddedLength);
    const leadRows = this.x.ref.paddedLength / inner;
    const xr = partialEvalRows(X, leadRows, inner, this.leadWeights(pt));
    const G = this.gTable(ctx, pt);
    return this.zk.prove(ctx, [extTable(xr), extTable(G)], pt.claim, this.close(ctx, pt));
  }

  /** Prover: G[c, h, w] (module header), flat ext over [Cp, Hp, Wp]. */
  private gTable(ctx: ProverContext, pt: ConvPoint): Uint32Array {
    const [F, Cg, KH, KW] = this.w.dims;
    const [, Cgp, KHp, KWp] = this.w.padded;
    let wData: Uint32Array;
    if (this.w.ref) {
      const base = vectorWire(ctx.layout, this.w.ref, 0);
      wData = ctx.witness.subarray(base, base + this.w.ref.paddedLength);
    } else {
      const d = this.w.paddedData?.();
      if (!d) throw new RangeError(`node ${this.node.name}: expected public weight data for ${this.w.spec.name}`);
      wData = d;
    }
    const C = this.x.dims[this.lead];
    const Cp = 2 ** this.cb;
    const Hp = 2 ** this.hb;
    const Wp = 2 ** this.wb;
    const tap = Cgp * KHp * KWp;
    const fpg = F / this.groups;
    const ef = maskedEq(pt.rf, F);
    // Wc[c, i, j] = Σ_{f in group(c)} eq(r_f, f)·W[f, c − grp·Cg, i, j]
    const Wc = new Uint32Array(4 * Cp * KHp * KWp);
    for (let g = 0; g < this.groups; g++) {
      const rows = wData.subarray(g * fpg * tap, (g + 1) * fpg * tap);
      const part = partialEvalRows(rows, fpg, tap, ef.subarray(4 * g * fpg, 4 * (g + 1) * fpg));
      Wc.set(part.subarray(0, 4 * Cg * KHp * KWp), 4 * g * Cg * KHp * KWp);
    }
    // T[c, i, w] = Σ_j Wc[c, i, j]·SX[j][w];  G[c, h, w] = Σ_i SY[i][h]·T[c, i, w]
    const T = new Uint32Array(4 * Wp);
    const G = new Uint32Array(4 * Cp * Hp * Wp);
    const t = new Uint32Array(4);
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < KH; i++) {
        T.fill(0);
        for (let j = 0; j < KW; j++) {
          const wo = 4 * ((c * KHp + i) * KWp + j);
          if (Wc[wo] === 0 && Wc[wo + 1] === 0 && Wc[wo + 2] === 0 && Wc[wo + 3] === 0) continue;
          for (let w = 0; w < Wp; w++) {
            const so = 4 * (j * Wp + w);
            if (pt.sx[so] === 0 && pt.sx[so + 1] === 0 && pt.sx[so + 2] === 0 && pt.sx[so + 3] === 0) continue;
            eMulInto(t, 0, Wc, wo, pt.sx, so);
            addInto(T, 4 * w, t);
          }
        }
        for (let h = 0; h < Hp; h++) {
          const so = 4 * (i * Hp + h);
          if (pt.sy[so] === 0 && pt.sy[so + 1] === 0 && pt.sy[so + 2] === 0 && pt.sy[so + 3] === 0) continue;
          const go = 4 * (c * Hp + h) * Wp;
          for (let w = 0; w < Wp; w++) {
            eMulInto(t, 0, pt.sy, so, T, 4 * w);
            addInto(G, go + 4 * w, t);
          }
        }
      }
    }
    return G;
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    this.zk.verify(ctx, proof, () => {
      const pt = this.point(ctx);
      return { claim: pt.claim, ...this.close(ctx, pt) };
    });
  }
}

function addInto(acc: Uint32Array, o: number, t: Uint32Array): void {
  for (let q = 0; q < 4; q++) {
    const s = acc[o + q] + t[q];
    acc[o + q] = s >= P ? s - P : s;
  }
}

/** The Conv op prover. */
export const convProver: OpProver = {
  op: 'Conv',
  plan: (ctx, node) => new ConvInstance(ctx, node),
};
