/**
 * The zero-knowledge product sumcheck shared by the Linear, MatMul, Gather and Conv provers:
 *   claim = Σ_{b ∈ {0,1}^v} pub(b)·L(b)·R(b)
 * for two hidden operand tables L, R (partial evaluations of committed tensors at the verifier's
 * point) and optional public factors pub (MatMul's batch eq and K mask) — Thaler's sumcheck for
 * matrix products (Proofs, Arguments and Zero-Knowledge §4.4), made zero-knowledge with padded
 * messages as in docs/parts/sumcheck-lookup.md §4 (Longfellow: Frigo–shelat 2024; core
 * sumcheck/zk-*.ts): every round is sent minus a committed pad, and the two final values are sent
 * padded, l' = L(s) − P_L and r' = R(s) − P_R, with the one hidden pad product P_L·P_R committed in
 * a row-triple slot (core zk/products.ts, "Hidden products").
 *
 * With `<node>/<check>` the label prefix and (a, b) the operands' names, the constraints are, in order:
 *   `<node>/<check>.sumcheck round j`  the ZK sumcheck rounds,
 *   `<node>/<check>.final`             C_final = pub(s)·(l' + P_L)(r' + P_R)   (hidden product),
 *   `<node>/<check>.a-opening`         (the op's form for L(s)) = l' + P_L,
 *   `<node>/<check>.b-opening`         (the op's form for R(s)) = r' + P_R,
 *   the pad product's copy constraints (`<node>/<check>.final copy A i` / `copy B i`).
 * Transcript: the sumcheck's own `<node>/<check>.sumcheck/round` and `/r`, then `<node>/<check>.final`
 * absorbs l' ‖ r'. Layout (planning order): the sumcheck pads, P_L, P_R (4 wires each, labelled
 * `<node> <check> pads`), the product slot. Messages: v rounds of d + 1 ext values, then [l', r'].
 * Soundness error: d·v/|K| (sumcheck); the caller adds the error of reducing its relation to the
 * claim. Zero knowledge: rounds, l' and r' are masked by uniform pads used once; every check is a
 * linear constraint proven by the Ligero linear test.
 */
import {
  Affine,
  eSub,
  fillPadProduct,
  fillRandomWires,
  fillZkSumcheckPads,
  hiddenProduct,
  padProductConstraints,
  planZkSumcheck,
  proveZkSumcheck,
  readExtWires,
  verifyZkSumcheck,
  type Ext,
  type MleTable,
  type PadProductRef,
  type ProverContext,
  type VerifierContext,
  type Wire,
  type ZkSumcheckPlan,
} from '@vouch/core';
import { concatExt } from '../tensor.ts';
import type { FillContext, OpProof, PlanContext } from '../types.ts';
import { checkShape } from './proof-shape.ts';

/** What differs between the ops that use a product sumcheck (public shapes only). */
export interface ProductSumcheckSpec {
  /** Node name: the label prefix. */
  readonly node: string;
  /** Check name, e.g. `linear`: labels are `<node>/<check>.…`. */
  readonly check: string;
  /** Names of the two operands in the opening labels, e.g. ['x', 'w'] → `x-opening`, `w-opening`. */
  readonly operands: readonly [string, string];
  /** Number of summed variables v (≥ 1). */
  readonly numVars: number;
  /** Degree of the summand: 2, plus one per public factor table (default 2). */
  readonly degree?: number;
}

/**
 * How the op closes the sumcheck at its random point s (both sides): the operands' values at s as
 * affine forms on the witness (MLE openings, tensor forms, or public constants), and the public
 * factor pub(s) when the summand has one. Called in label order: scale, left, right.
 */
export interface ProductClose {
  /** pub(s), the product of the public factor tables at s; omitted when there is none. */
  readonly scale?: (s: Uint32Array) => Ext;
  /** L(s) as a form on the witness (`<check>.<operands[0]>-opening`). */
  readonly left: (s: Uint32Array) => Affine;
  /** R(s) as a form on the witness (`<check>.<operands[1]>-opening`). */
  readonly right: (s: Uint32Array) => Affine;
}

/**
 * One planned product sumcheck with padded final values (module header).
 * @example
 * const zk = new ProductSumcheck(ctx, { node: 'fc1', check: 'linear', operands: ['x', 'w'], numVars: kb });
 * // fill: zk.fill(f); prove: zk.prove(ctx, [extTable(xa), extTable(wn)], claim, close);
 * // verify: zk.verify(ctx, proof, () => ({ claim, ...close }))
 */
export class ProductSumcheck {
  readonly spec: ProductSumcheckSpec;
  readonly plan: ZkSumcheckPlan;
  private readonly padL: Wire[];
  private readonly padR: Wire[];
  private readonly product: PadProductRef;

  /**
   * Plans the sumcheck pads, the two final-value pads and their product slot (in this order).
   * @throws RangeError when the sumcheck's shape is invalid (core planZkSumcheck).
   */
  constructor(ctx: Pick<PlanContext, 'builder' | 'products'>, spec: ProductSumcheckSpec) {
    this.spec = spec;
    const p = `${spec.node}/${spec.check}`;
    this.plan = planZkSumcheck(ctx.builder, { numVars: spec.numVars, degree: spec.degree ?? 2, label: `${p}.sumcheck` });
    this.padL = ctx.builder.scalars(4, `${spec.node} ${spec.check} pads`);
    this.padR = ctx.builder.scalars(4, `${spec.node} ${spec.check} pads`);
    this.product = ctx.products.plan(this.padL, this.padR, `${p}.final`);
  }

  /** The message shape: numVars rounds of degree + 1 ext values, then the two padded final values. */
  proofShape(): number[] {
    return [...Array.from({ length: this.plan.numVars }, () => this.plan.degree + 1), 2];
  }

  /** Prover, before the commitment: fresh sumcheck pads, final-value pads and their product. */
  fill(f: Pick<FillContext, 'witness' | 'layout'>): void {
    fillZkSumcheckPads(this.plan, f.witness);
    fillRandomWires(f.witness, this.padL);
    fillRandomWires(f.witness, this.padR);
    fillPadProduct(f.witness, f.layout, this.product);
  }

  /**
   * Prover, after the commitment: runs the sumcheck of Π tables[factors] (tables[0] = L and
   * tables[1] = R, the public factor tables after them) against `claim`, sends the padded finals and
   * pushes the closing constraints.
   * @param factors the product term's factor indices (default [0, 1]).
   * @returns the op's messages (rounds, then l' ‖ r').
   */
  prove(ctx: ProverContext, tables: readonly MleTable[], claim: Affine, close: ProductClose, factors: readonly number[] = [0, 1]): OpProof {
    const out = proveZkSumcheck(ctx, this.plan, tables, [{ factors: [...factors] }], claim);
    const lSent = eSub(out.finalValues[0], readExtWires(ctx.witness, this.padL));
    const rSent = eSub(out.finalValues[1], readExtWires(ctx.witness, this.padR));
    this.finish(ctx, out.point, out.finalClaim, lSent, rSent, close);
    return [...out.proof.rounds, concatExt(lSent, rSent)];
  }

  /**
   * Verifier: checks the messages' shape, then calls `start` (which draws the op's point and pushes
   * any constraints of its own before the sumcheck), then pushes the same constraints as
   * {@link prove}.
   * @throws MalformedError on messages of the wrong shape.
   */
  verify(ctx: VerifierContext, proof: OpProof, start: () => ProductClose & { readonly claim: Affine }): void {
    checkShape(this.spec.node, proof, this.proofShape());
    const { claim, ...close } = start();
    const v = this.plan.numVars;
    const fin = verifyZkSumcheck(ctx, this.plan, claim, { rounds: proof.slice(0, v) });
    const last = proof[v];
    this.finish(ctx, fin.point, fin.finalClaim, last.slice(0, 4), last.slice(4, 8), close);
  }

  /** Both sides, after the sumcheck: absorbs the padded finals and pushes the closing constraints. */
  private finish(ctx: VerifierContext, s: Uint32Array, finalClaim: Affine, lSent: Ext, rSent: Ext, close: ProductClose): void {
    const l = ctx.layout;
    const p = `${this.spec.node}/${this.spec.check}`;
    const [a, b] = this.spec.operands;
    ctx.transcript.absorbExt(`${p}.final`, concatExt(lSent, rSent));
    let product = hiddenProduct(l, this.product, lSent, rSent);
    if (close.scale) product = product.scale(close.scale(s));
    ctx.constraints.push(finalClaim.equals(product, `${p}.final`));
    ctx.constraints.push(close.left(s).equals(Affine.extWire(this.padL).addConstant(lSent), `${p}.${a}-opening`));
    ctx.constraints.push(close.right(s).equals(Affine.extWire(this.padR).addConstant(rSent), `${p}.${b}-opening`));
    ctx.constraints.push(...padProductConstraints(l, this.product));
  }
}
