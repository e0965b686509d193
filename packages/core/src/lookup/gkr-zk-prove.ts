/**
 * Zero-knowledge fraction-sum GKR, prover side (fill and prove); the protocol, the plan and the
 * verifier are in gkr-zk.ts.
 */
import { type Ext, eAdd, eAt, eMul, eSub } from '../field/ext4.ts';
import type { Layout, Wire } from '../zk/layout.ts';
import { fillPadProduct } from '../zk/products.ts';
import type { ProverContext } from '../zk/session.ts';
import { fillRandomWires, fillZkSumcheckPads, readExtWires } from '../sumcheck/zk-plan.ts';
import { proveZkSumcheckWith } from '../sumcheck/zk-prover.ts';
import { fractionTreeProver, trimGkrKernels, type FractionTreeProver } from './gkr-wasm.ts';
import type { GkrLayerProof, GkrProof } from './gkr.ts';
import { zkGkrFinalStep, zkGkrRootStep, type ZkGkrLeafClaim, type ZkGkrPlan } from './gkr-zk.ts';

/** Fill phase (prover, before the commitment): fresh pads, then the pad products. */
export function fillZkGkr(plan: ZkGkrPlan, layout: Pick<Layout, 'rowWidth'>, witness: Uint32Array): void {
  fillRandomWires(witness, plan.root);
  for (const l of plan.layers) {
    fillZkSumcheckPads(l.sumcheck, witness);
    fillRandomWires(witness, l.finals);
  }
  for (const r of plan.rootProducts) fillPadProduct(witness, layout, r);
  for (const l of plan.layers) for (const r of l.products) fillPadProduct(witness, layout, r);
}

/** Sent values = true values − pads, for 4 hidden values. */
function padded(witness: Uint32Array, pads: readonly Wire[], values: readonly Ext[]): Uint32Array {
  const out = new Uint32Array(16);
  for (let i = 0; i < 4; i++) out.set(eSub(values[i], readExtWires(witness, pads, i)), 4 * i);
  return out;
}

/** P = p0 + μ(p1 − p0), Q = q0 + μ(q1 − q0) with μ the last coordinate of the next point. */
function lineValues([p0, p1, q0, q1]: readonly Ext[], point: Uint32Array): { P: Ext; Q: Ext } {
  const mu = eAt(point, point.length / 4 - 1);
  return { P: eAdd(p0, eMul(mu, eSub(p1, p0))), Q: eAdd(q0, eMul(mu, eSub(q1, q0))) };
}

/**
 * Prover (after the commitment): proves the leaf fractions sum to zero.
 * @param p leaf numerators, flat ext, 2^numVars entries; @param q denominators.
 * @param engine the fraction tree and layer sumchecks in WASM (lookup/gkr-wasm.ts; 'auto': when
 *   available) or TypeScript; both send identical messages.
 */
export function proveZkGkr(ctx: ProverContext, plan: ZkGkrPlan, p: Uint32Array, q: Uint32Array, engine: 'auto' | 'ts' | 'wasm' = 'auto'): { proof: GkrProof; leaf: ZkGkrLeafClaim } {
  if (p.length !== 4 << plan.numVars) throw new RangeError(`proveZkGkr(${plan.label}): expected ${2 ** plan.numVars} leaves, got ${p.length / 4}`);
  return proveZkGkrWith(ctx, plan, fractionTreeProver(p, q, engine));
}

/** {@link proveZkGkr} on a fraction tree already built from the leaves. */
export function proveZkGkrWith(ctx: ProverContext, plan: ZkGkrPlan, tree: FractionTreeProver): { proof: GkrProof; leaf: ZkGkrLeafClaim } {
  if (tree.numVars !== plan.numVars) throw new RangeError(`proveZkGkr(${plan.label}): expected ${2 ** plan.numVars} leaves, got ${2 ** tree.numVars}`);
  const L1 = tree.rootValues();
  const root = padded(ctx.witness, plan.root, L1);
  let st = zkGkrRootStep(ctx, plan, root);
  // the plain values of the claims st.P, st.Q (the layer sumcheck's claim is P + λ·Q)
  let vals = lineValues(L1, st.point);
  const out: GkrLayerProof[] = [];
  for (let k = 1; k < plan.numVars; k++) {
    const lambda = ctx.transcript.challengeExt(`${plan.label}/lambda`);
    const claim = eAdd(vals.P, eMul(lambda, vals.Q));
    const state = tree.layerState(k, st.point, lambda, claim);
    const lp = plan.layers[k - 1];
    const sc = proveZkSumcheckWith(ctx, lp.sumcheck, state, st.P.add(st.Q.scale(lambda)));
    const fv = sc.finalValues.slice(1);
    const finals = padded(ctx.witness, lp.finals, fv);
    out.push({ sumcheck: sc.proof, finals });
    st = zkGkrFinalStep(ctx, plan, k, st.point, sc.point, lambda, sc.finalClaim, finals);
    vals = lineValues(fv, st.point);
  }
  trimGkrKernels();
  return { proof: { root, layers: out }, leaf: { point: st.point, p: st.P, q: st.Q } };
}

