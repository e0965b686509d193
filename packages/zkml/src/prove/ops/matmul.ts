/**
 * Zero-knowledge proof of a MatMul of two committed activations (attention scores Q·Kᵀ and
 * probabilities·V; int/ops/matmul.ts):  acc[l, m, n] = Σ_{k < K} a[l, m, k]·c[l, k, n]  for every
 * leading index l (the sample batch and any further batch dims, equal on both operands).
 *
 * Thaler's matrix-multiplication sumcheck (Proofs, Arguments and Zero-Knowledge §4.4) extended over
 * the batch variables, made zero-knowledge with padded messages (Longfellow; core sumcheck/zk-*.ts).
 * After the commitment the verifier draws r = (r_n, r_m, r_l) over acc's variables; the claim
 *   acc~(r) = Σ_{l, k} eq(r_l, l)·ind_K(k)·A'(l, k)·C'(l, k),
 *   A'(l, k) = a~(l, r_m, k),  C'(l, k) = c~(l, k, r_n),
 * is linear in the witness (a tensor term on acc). eq(r_l, ·) appears only when there are batch
 * variables, ind_K (the indicator of real k, so the operands' padding along k never counts) only
 * when K is not a power of two: degree 2 + [l bits > 0] + [K not a power of two]. A ZK sumcheck over
 * the log L + log Kp variables reduces it to pub(s)·A'(s)·C'(s) at a random s, where pub(s) =
 * eq(r_l, s_l)·ind_K~(s_k) is computed by the verifier; the prover sends x' = A'(s) − P_A and
 * w' = C'(s) − P_C and the constraints are
 *   `<node>/matmul.sumcheck round j`  the ZK sumcheck rounds,
 *   `<node>/matmul.final`             C_final = pub(s)·(x' + P_A)(w' + P_C)   (hidden product),
 *   `<node>/matmul.a-opening`         a~(s_l, r_m, s_k) = x' + P_A,
 *   `<node>/matmul.c-opening`         c~(s_l, s_k, r_n) = w' + P_C,
 *   plus the pad product's copy constraints (the sumcheck and its closing: product-sumcheck.ts).
 * Integer semantics: the field identity is an integer identity when |Σ_k a·c| + |acc| < p. Operands
 * are bounded by their producers' range checks (int8 requant outputs: |v| ≤ 128; Softmax outputs:
 * [0, 255], stored int16); acc is bounded by the following Requant's split (|acc| < 2^28). Planning
 * refuses K·max|a|·max|c| > 2^29 (with the dtype bounds: int8 128, int16 2^15), so int16×int16
 * operands would need 8-bit limbs first (not needed by the quantizer's graphs: K·2^15·2^7 ≤ 2^29 for
 * K ≤ 64, and Softmax outputs are proven in [0, 255]).
 * Soundness error: deg·(log L + log Kp)/|K| + (Σ bits of acc)/|K|. Zero knowledge: x', w' and the
 * rounds are masked by uniform pads used once.
 */
import {
  eAdd,
  eMulBase,
  eZero,
  eqEval,
  eqPrefixSum,
  eqTable,
  extTable,
  baseTable,
  mleConstraint,
  partialEvalRows,
  vectorWire,
  eMul,
  eOne,
  type Affine,
  type Ext,
  type MleTable,
  type ProverContext,
  type VerifierContext,
} from '@vouch/core';
import type { IntNode } from '../../int/graph.ts';
import { concatExt, totalBits } from '../tensor.ts';
import type { FillContext, OpInstance, OpProof, OpProver, PlanContext, TensorRef } from '../types.ts';
import { ProductSumcheck, type ProductClose } from './product-sumcheck.ts';

/** Largest |Σ_k a·c| the planner accepts (keeps |Σ − acc| < p with |acc| < 2^28). */
export const MATMUL_SUM_LIMIT = 2 ** 29;

function dtypeBound(dtype: string | undefined): number {
  if (dtype === 'int8') return 128;
  if (dtype === 'int16') return 2 ** 15;
  return Infinity;
}

class MatMulInstance implements OpInstance {
  readonly node: IntNode;
  private readonly a: TensorRef;
  private readonly c: TensorRef;
  private readonly out: TensorRef;
  private readonly K: number;
  private readonly lb: number;
  private readonly mb: number;
  private readonly kb: number;
  private readonly nb: number;
  private readonly masked: boolean;
  private readonly degree: number;
  private readonly zk: ProductSumcheck;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.a = ctx.tensor(node.inputs[0]);
    this.c = ctx.tensor(node.inputs[1]);
    const ad = this.a.dims;
    const cd = this.c.dims;
    const r = ad.length;
    if (r < 3 || cd.length !== r) throw new RangeError(`node ${node.name}: expected operands of one rank ≥ 2 (per sample), got [${ad.slice(1).join(', ')}] and [${cd.slice(1).join(', ')}]`);
    for (let d = 0; d < r - 2; d++) if (ad[d] !== cd[d]) throw new RangeError(`node ${node.name}: expected equal batch dims (no broadcasting), got [${ad.join(', ')}] and [${cd.join(', ')}]`);
    this.K = ad[r - 1];
    if (cd[r - 2] !== this.K) throw new RangeError(`node ${node.name}: expected inner dimensions ${this.K}, got ${cd[r - 2]}`);
    this.out = ctx.output(node);
    const od = this.out.dims;
    if (od.length !== r || od[r - 2] !== ad[r - 2] || od[r - 1] !== cd[r - 1]) throw new RangeError(`node ${node.name}: expected an output [.., ${ad[r - 2]}, ${cd[r - 1]}], got [${od.join(', ')}]`);
    const va = ctx.graph.values.get(node.inputs[0])?.dtype;
    const vc = ctx.graph.values.get(node.inputs[1])?.dtype;
    const bound = this.K * dtypeBound(va) * dtypeBound(vc);
    if (!(bound <= MATMUL_SUM_LIMIT)) throw new RangeError(`node ${node.name}: expected K·max|a|·max|c| ≤ 2^29 (${va} × ${vc}, K = ${this.K}), got ${bound}`);
    this.lb = totalBits(this.a.bits.slice(0, r - 2));
    this.mb = this.a.bits[r - 2];
    this.kb = this.a.bits[r - 1];
    this.nb = this.c.bits[r - 1];
    this.masked = this.K !== 2 ** this.kb;
    this.degree = 2 + (this.lb > 0 ? 1 : 0) + (this.masked ? 1 : 0);
    if (this.lb + this.kb < 1) throw new RangeError(`node ${node.name}: expected at least one summed variable, got K = ${this.K} and one sample`);
    this.zk = new ProductSumcheck(ctx, { node: node.name, check: 'matmul', operands: ['a', 'c'], numVars: this.lb + this.kb, degree: this.degree });
  }

  proofShape(): readonly number[] {
    return this.zk.proofShape();
  }

  fill(f: FillContext): void {
    this.zk.fill(f);
  }

  private point(ctx: VerifierContext): { rn: Uint32Array; rm: Uint32Array; rl: Uint32Array; claim: Affine } {
    const r = ctx.transcript.challengeExts(`${this.node.name}/matmul.r`, this.nb + this.mb + this.lb);
    return { rn: r.slice(0, 4 * this.nb), rm: r.slice(4 * this.nb, 4 * (this.nb + this.mb)), rl: r.slice(4 * (this.nb + this.mb)), claim: mleConstraint(ctx.layout, this.out.ref, r) };
  }

  /** pub(s) = eq(r_l, s_l)·ind_K~(s_k). */
  private pub(rl: Uint32Array, s: Uint32Array): Ext {
    let p = eOne();
    if (this.lb > 0) p = eMul(p, eqEval(rl, s.subarray(4 * this.kb)));
    if (this.masked) p = eMul(p, eqPrefixSum(s.subarray(0, 4 * this.kb), this.K));
    return p;
  }

  /** Both sides: pub(s), A'(s) = a~(s_l, r_m, s_k) and C'(s) = c~(s_l, s_k, r_n). */
  private close(ctx: VerifierContext, p: { rn: Uint32Array; rm: Uint32Array; rl: Uint32Array }): ProductClose {
    const l = ctx.layout;
    const sk = (s: Uint32Array) => s.subarray(0, 4 * this.kb);
    const sl = (s: Uint32Array) => s.subarray(4 * this.kb);
    return {
      scale: (s) => this.pub(p.rl, s),
      left: (s) => mleConstraint(l, this.a.ref, concatExt(concatExt(sk(s), p.rm), sl(s))),
      right: (s) => mleConstraint(l, this.c.ref, concatExt(concatExt(p.rn, sk(s)), sl(s))),
    };
  }

  prove(ctx: ProverContext): OpProof {
    const p = this.point(ctx);
    const lay = ctx.layout;
    const Lp = 2 ** this.lb;
    const Mp = 2 ** this.mb;
    const Kp = 2 ** this.kb;
    const Np = 2 ** this.nb;
    const aBase = vectorWire(lay, this.a.ref, 0);
    const cBase = vectorWire(lay, this.c.ref, 0);
    const eqM = eqTable(p.rm);
    const eqN = eqTable(p.rn);
    const A = new Uint32Array(4 * Lp * Kp);
    const C = new Uint32Array(4 * Lp * Kp);
    for (let li = 0; li < Lp; li++) {
      const o = aBase + li * Mp * Kp;
      A.set(partialEvalRows(ctx.witness.subarray(o, o + Mp * Kp), Mp, Kp, eqM), 4 * li * Kp);
      for (let k = 0; k < Kp; k++) {
        const row = cBase + (li * Kp + k) * Np;
        let acc = eZero();
        for (let n = 0; n < Np; n++) {
          const v = ctx.witness[row + n];
          if (v !== 0) acc = eAdd(acc, eMulBase(eqN.subarray(4 * n, 4 * n + 4), v));
        }
        C.set(acc, 4 * (li * Kp + k));
      }
    }
    const tables: MleTable[] = [extTable(A), extTable(C)];
    const factors = [0, 1];
    if (this.lb > 0) {
      const eqL = eqTable(p.rl);
      const E = new Uint32Array(4 * Lp * Kp);
      for (let li = 0; li < Lp; li++) for (let k = 0; k < Kp; k++) E.set(eqL.subarray(4 * li, 4 * li + 4), 4 * (li * Kp + k));
      factors.push(tables.length);
      tables.push(extTable(E));
    }
    if (this.masked) {
      const I = new Uint32Array(Lp * Kp);
      for (let i = 0; i < I.length; i++) I[i] = i % Kp < this.K ? 1 : 0;
      factors.push(tables.length);
      tables.push(baseTable(I));
    }
    return this.zk.prove(ctx, tables, p.claim, this.close(ctx, p), factors);
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    this.zk.verify(ctx, proof, () => {
      const p = this.point(ctx);
      return { claim: p.claim, ...this.close(ctx, p) };
    });
  }
}

/** The MatMul op prover (two committed activations). */
export const matmulProver: OpProver = {
  op: 'MatMul',
  plan: (ctx, node) => new MatMulInstance(ctx, node),
};
