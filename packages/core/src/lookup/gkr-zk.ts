/**
 * Zero-knowledge fraction-sum GKR (Papini–Haböck ePrint 2023/1284 §3, made zero-knowledge the
 * Longfellow way: every prover message is padded and every check is a constraint on the witness).
 *
 * Hidden values: the root layer (p0, p1, q0, q1) and each layer's final values are sent as
 * value − pad (4 pads of 4 wires each); each layer's sumcheck is a ZK sumcheck (sumcheck/zk-*.ts).
 * Constraints (label L, e.g. `logup`):
 * - `L.root`:               p0·q1 + p1·q0 = 0 on hidden values (two hidden pad products);
 * - `L.layer k round j`:    the ZK sumcheck rounds of layer k (claim P + λ·Q, affine);
 * - `L.layer k final`:      C_final = eq(ρ, s)·(p0·q1 + p1·q0 + λ·q0·q1) (three hidden products);
 * - `L.<…> copy A|B i`:    the copy constraints of each pad-product slot (zk/products.ts).
 * q_root ≠ 0 is not checked: every leaf denominator is X − (a value committed before X) or the
 * constant 1, so q_root = Π q_i ≠ 0 except with probability ≤ (#leaves)/|K| over X (docs).
 * The leaf claim (point, P, Q as affine forms) is returned for the lookup argument to tie to the
 * committed vectors.
 */
import { type Ext, eAt } from '../field/ext4.ts';
import { eqEval } from '../poly/eq.ts';
import { Affine } from '../zk/constraints.ts';
import type { LayoutBuilder, Wire } from '../zk/layout.ts';
import { hiddenProduct, padProductConstraints, type PadProductPlanner, type PadProductRef } from '../zk/products.ts';
import type { VerifierContext } from '../zk/session.ts';
import { planZkSumcheck, type ZkSumcheckPlan } from '../sumcheck/zk-plan.ts';
import { verifyZkSumcheck } from '../sumcheck/zk-verifier.ts';
import { appendVar, assertGkrProofShape, layerLabel, type GkrProof } from './gkr.ts';

/** Pads and products of one layer. */
export interface ZkGkrLayerPlan {
  readonly sumcheck: ZkSumcheckPlan;
  /** 16 wires: pads of p0, p1, q0, q1 at the sumcheck point. */
  readonly finals: readonly Wire[];
  /** p0·q1, p1·q0, q0·q1. */
  readonly products: readonly PadProductRef[];
}

/** Everything a ZK fraction-sum GKR allocates. */
export interface ZkGkrPlan {
  readonly label: string;
  readonly numVars: number;
  /** 16 wires: pads of layer 1's p0, p1, q0, q1. */
  readonly root: readonly Wire[];
  /** p0·q1, p1·q0. */
  readonly rootProducts: readonly PadProductRef[];
  /** layers[k − 1] for k = 1..n−1. */
  readonly layers: readonly ZkGkrLayerPlan[];
}

/** The leaf claim as affine forms over the witness. */
export interface ZkGkrLeafClaim {
  readonly point: Uint32Array;
  readonly p: Affine;
  readonly q: Affine;
}

/** Wires 4i..4i+4 of a pad block. */
export const quad = (ws: readonly Wire[], i: number): Wire[] => ws.slice(4 * i, 4 * i + 4);

/** Plan phase: pads for 2^numVars leaves (public shape only). */
export function planZkGkr(builder: LayoutBuilder, products: PadProductPlanner, numVars: number, label: string): ZkGkrPlan {
  if (!Number.isInteger(numVars) || numVars < 1 || numVars > 40) throw new RangeError(`planZkGkr(${label}): expected numVars in [1, 40], got ${numVars}`);
  const root = builder.scalars(16, `${label} root pads`);
  const rootProducts = [products.plan(quad(root, 0), quad(root, 3), `${label}.root p0·q1`), products.plan(quad(root, 1), quad(root, 2), `${label}.root p1·q0`)];
  const layers: ZkGkrLayerPlan[] = [];
  for (let k = 1; k < numVars; k++) {
    const lab = layerLabel(label, k);
    const sumcheck = planZkSumcheck(builder, { numVars: k, degree: 3, label: lab });
    const finals = builder.scalars(16, `${lab} final pads`);
    const prods = [
      products.plan(quad(finals, 0), quad(finals, 3), `${lab} p0·q1`),
      products.plan(quad(finals, 1), quad(finals, 2), `${lab} p1·q0`),
      products.plan(quad(finals, 2), quad(finals, 3), `${lab} q0·q1`),
    ];
    layers.push({ sumcheck, finals, products: prods });
  }
  return { label, numVars, root, rootProducts, layers };
}

/** sent_i + pad_i for the i-th of four hidden values. */
function hidden(pads: readonly Wire[], sent: Uint32Array, i: number): Affine {
  return Affine.extWire(quad(pads, i)).addConstant(eAt(sent, i));
}

/** H0 + μ·(H1 − H0). */
function line(h0: Affine, h1: Affine, mu: Ext): Affine {
  return h0.add(h1.sub(h0).scale(mu));
}

/** Both sides: the `L.root` constraint and its product copies, absorb, then μ; returns the layer-1 claims. */
export function zkGkrRootStep(ctx: VerifierContext, plan: ZkGkrPlan, sent: Uint32Array): { point: Uint32Array; P: Affine; Q: Affine } {
  const l = ctx.layout;
  const [a, b] = plan.rootProducts;
  const num = hiddenProduct(l, a, eAt(sent, 0), eAt(sent, 3)).add(hiddenProduct(l, b, eAt(sent, 1), eAt(sent, 2)));
  ctx.constraints.push(num.isZero(`${plan.label}.root`));
  for (const r of plan.rootProducts) ctx.constraints.push(...padProductConstraints(l, r));
  ctx.transcript.absorbExt(`${plan.label}/root`, sent);
  const mu = ctx.transcript.challengeExt(`${plan.label}/mu`);
  const H = [0, 1, 2, 3].map((i) => hidden(plan.root, sent, i));
  return { point: Uint32Array.from(mu), P: line(H[0], H[1], mu), Q: line(H[2], H[3], mu) };
}

/** Both sides: layer k's `final` constraint and product copies, absorb, then μ; returns the claims on layer k + 1. */
export function zkGkrFinalStep(ctx: VerifierContext, plan: ZkGkrPlan, k: number, rho: Uint32Array, s: Uint32Array, lambda: Ext, finalClaim: Affine, sent: Uint32Array) {
  const lp = plan.layers[k - 1];
  const l = ctx.layout;
  const [p0q1, p1q0, q0q1] = lp.products;
  const f = (i: number) => eAt(sent, i);
  const inner = hiddenProduct(l, p0q1, f(0), f(3)).add(hiddenProduct(l, p1q0, f(1), f(2))).add(hiddenProduct(l, q0q1, f(2), f(3)).scale(lambda));
  ctx.constraints.push(finalClaim.equals(inner.scale(eqEval(rho, s)), `${layerLabel(plan.label, k)} final`));
  for (const r of lp.products) ctx.constraints.push(...padProductConstraints(l, r));
  ctx.transcript.absorbExt(`${plan.label}/finals`, sent);
  const mu = ctx.transcript.challengeExt(`${plan.label}/mu`);
  const H = [0, 1, 2, 3].map((i) => hidden(lp.finals, sent, i));
  return { point: appendVar(s, mu), P: line(H[0], H[1], mu), Q: line(H[2], H[3], mu) };
}

/**
 * Verifier: pushes every constraint of the GKR and returns the leaf claim.
 * @throws MalformedError on a badly shaped proof; VerificationError `sumcheck.degree`.
 */
export function verifyZkGkr(ctx: VerifierContext, plan: ZkGkrPlan, proof: GkrProof): ZkGkrLeafClaim {
  assertGkrProofShape(proof, plan.numVars, plan.label);
  let st = zkGkrRootStep(ctx, plan, proof.root);
  for (let k = 1; k < plan.numVars; k++) {
    const lambda = ctx.transcript.challengeExt(`${plan.label}/lambda`);
    const lp = proof.layers[k - 1];
    const fin = verifyZkSumcheck(ctx, plan.layers[k - 1].sumcheck, st.P.add(st.Q.scale(lambda)), lp.sumcheck);
    st = zkGkrFinalStep(ctx, plan, k, st.point, fin.point, lambda, fin.finalClaim, lp.finals);
  }
  return { point: st.point, p: st.P, q: st.Q };
}
