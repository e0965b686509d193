/**
 * Private mode: the in-proof binding of the committed private parameters to the public, salted
 * Poseidon2 weight digest (core poseidon2/digest.ts and its row-parallel circuit; Grassi et al.,
 * Poseidon2, AFRICACRYPT 2023), with lanes L = the proof's row width ℓ.
 *
 * The digest input x (region.ts) is the circuit's own input vector (m + Rw whole rows). One
 * row-uniform constraint ties it to the committed parameter region, at a random column point ρ_c
 * (γ = eq(ρ_c)) and row point ρ_r (β = eq(ρ_r)):
 *   `weights.pack`: Σ_j β_j Σ_i γ_i (x[j, i] − target[j, i]) = 0,
 *   target[j, i] = Σ_{k<3} 2^(8k)·(w[3j + k, i] + 128)   (j < m; rows 3j + k ≥ R8 count as w = 0),
 *   target[m + j', i] = wide[j', i].
 * With every int8-block entry range-checked to [−128, 128) (prove/ranges.ts, one lookup) the packed
 * value determines its three bytes, so the digest fixes every committed parameter, padding included.
 * `weightDigestFor(graph, params, salt, lanes)` is the digest the model id records.
 */
import {
  Affine,
  eFromBase,
  eMul,
  eNeg,
  eOf,
  eqTable,
  eZero,
  eAdd,
  planPoseidon2,
  fillPoseidon2,
  provePoseidon2Constraints,
  verifyPoseidon2Constraints,
  weightDigest,
  type LayoutBuilder,
  type Poseidon2Plan,
  type ProverContext,
  type VerifierContext,
  type VectorRef,
  eAt,
} from '@vouch/core';
import type { IntGraph, IntParams } from '../int/graph.ts';
import { digestInputLength, privateWeightVector, regionLayout as regionLayoutFor, type RegionLayout } from './region.ts';
import { pow2 } from './tensor.ts';

/** Planned digest binding. */
export interface WeightBindingPlan {
  readonly poseidon: Poseidon2Plan;
  readonly region: { readonly layout: RegionLayout; readonly int8: VectorRef; readonly wide?: VectorRef };
}

/** Plan phase (both sides). */
export function planWeightBinding(builder: LayoutBuilder, region: WeightBindingPlan['region']): WeightBindingPlan {
  const n = digestInputLength(region.layout);
  const poseidon = planPoseidon2(builder, { inputLength: n, label: 'weights' });
  return { poseidon, region };
}

/** Prover, before the commitment: writes the digest input and every permutation; returns the digest. */
export function fillWeightBinding(plan: WeightBindingPlan, witness: Uint32Array, graph: IntGraph, params: IntParams, salt: Uint32Array): Uint32Array {
  const x = privateWeightVector(graph, params, plan.region.layout.rowWidth);
  return fillPoseidon2(plan.poseidon, witness, x, salt);
}

function packConstraint(ctx: VerifierContext, plan: WeightBindingPlan): void {
  const { layout: rl, int8, wide } = plan.region;
  const l = ctx.layout.rowWidth;
  const m = rl.packedRows;
  const rowsX = m + rl.wideRows;
  const rb = Math.log2(pow2(rowsX));
  const gamma = { values: eqTable(ctx.transcript.challengeExts('weights.pack/cols', Math.log2(l))) };
  const beta = eqTable(ctx.transcript.challengeExts('weights.pack/rows', rb));
  const xCoeffs = beta.slice(0, 4 * rowsX);
  const wCoeffs = new Uint32Array(4 * rl.int8Rows);
  let sumPacked = eZero();
  for (let j = 0; j < m; j++) {
    const bj = eAt(beta, j);
    sumPacked = eAdd(sumPacked, bj);
    for (let k = 0; k < 3; k++) {
      const r = 3 * j + k;
      if (r < rl.int8Rows) wCoeffs.set(eNeg(eMul(bj, eFromBase(2 ** (8 * k)))), 4 * r);
    }
  }
  let form = Affine.tensorTerm({ row: plan.poseidon.inputRow, rowCoeffs: xCoeffs, cols: gamma }).add(Affine.tensorTerm({ row: int8.row, rowCoeffs: wCoeffs, cols: gamma }));
  if (wide && rl.wideRows > 0) {
    const wc = new Uint32Array(4 * rl.wideRows);
    for (let j = 0; j < rl.wideRows; j++) wc.set(eNeg(eAt(beta, m + j)), 4 * j);
    form = form.add(Affine.tensorTerm({ row: wide.row, rowCoeffs: wc, cols: gamma }));
  }
  // − Σ_{j<m} β_j · 128·(1 + 2^8 + 2^16) · Σ_i γ_i, and Σ_i γ_i = 1
  form = form.addConstant(eNeg(eMul(sumPacked, eOf(128 * 65793))));
  ctx.constraints.push(form.isZero('weights.pack'));
}

/** Prover, after the commitment. */
export function proveWeightBinding(ctx: ProverContext, plan: WeightBindingPlan, digest: Uint32Array): void {
  provePoseidon2Constraints(ctx, plan.poseidon, digest);
  packConstraint(ctx, plan);
}

/** Verifier: the public digest. */
export function verifyWeightBinding(ctx: VerifierContext, plan: WeightBindingPlan, digest: Uint32Array): void {
  verifyPoseidon2Constraints(ctx, plan.poseidon, digest);
  packConstraint(ctx, plan);
}

/**
 * The salted weight digest of a model's private parameters for `lanes` lanes (the model id's
 * `weightDigest`; lanes must equal the proof row width used in private mode).
 * @example const d = weightDigestFor(graph, params, salt, recommendedLanes(graph));
 */
export function weightDigestFor(graph: IntGraph, params: IntParams, salt: Uint32Array, lanes: number): Uint32Array {
  return weightDigest(privateWeightVector(graph, params, lanes), salt, { lanes });
}

/**
 * The default lane count for a model: the smallest power of two in [128, 1024] that hashes the
 * digest input in one sponge step per lane where possible (L ≥ n/8), from the parameter count.
 */
export function recommendedLanes(graph: IntGraph): number {
  for (let l = 128; l < 1024; l *= 2) {
    const n = digestInputLength(regionLayoutFor(graph, l));
    if (n <= 8 * l) return l;
  }
  return 1024;
}
