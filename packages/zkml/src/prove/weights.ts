/**
 * Private mode: the in-proof binding of the committed private parameters to the public, salted
 * Poseidon2 weight digest v2 (core poseidon2/digest.ts and its row-parallel circuit; Grassi et al.,
 * Poseidon2, AFRICACRYPT 2023), with width D = the proof's row width ℓ.
 *
 * The digest input x (region.ts: the wide values, then the int8 parameters packed 3 per element,
 * both WITHOUT padding) sits in the circuit's absorb rows. Three constraints tie the committed
 * region to it, each a polynomial identity at a fresh challenge (Schwartz–Zippel over K, |K| ≈ 2^124):
 *   `weights.pack` (challenge s, r = s³): Σ_{e<n} r^e·(x_e − target_e) = 0, degree < 3n in s;
 *   `weights.int8-padding`, `weights.wide-padding` (challenge z): Σ_{q padding} z^q·B[q] = 0,
 *   degree < rows·ℓ in z.
 * All are tensor terms: powers of r (resp. z) over whole rows, and over each tensor's real entries a
 * product of per-dim power tables (region-terms.ts; the packing's "t mod 3" byte weights are split
 * into three pure exponentials with a cube root of unity ω). With every int8-block entry
 * range-checked to [−128, 128) (prove/ranges.ts, one lookup) a packed value determines its three
 * bytes, so the digest fixes every real parameter and the padding constraints every padding entry.
 * `weightDigestFor(graph, params, salt, lanes)` is the digest the model id records.
 */
import {
  Affine,
  P,
  eAdd,
  eFromBase,
  eInv,
  eMul,
  eMulBase,
  eNeg,
  eOne,
  ePow,
  eZero,
  inv,
  pow,
  planPoseidon2,
  fillPoseidon2,
  provePoseidon2Constraints,
  verifyPoseidon2Constraints,
  weightDigest,
  weightDigestBlocks,
  P2_KINDS,
  type ColumnVector,
  type Ext,
  type LayoutBuilder,
  type Poseidon2Plan,
  type ProverContext,
  type VerifierContext,
  type VectorRef,
} from '@vouch/core';
import type { IntGraph, IntParams } from '../int/graph.ts';
import { blockPlacements, digestInputLength, privateWeightVector, regionLayout as regionLayoutFor, type RegionLayout } from './region.ts';
import { type ExpTensor, expTerms, geometricSum } from './region-terms.ts';
import { padDims, pow2, prod } from './tensor.ts';

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

/** A primitive cube root of unity ω in F_p (p − 1 = 2^27·3·5; 31 generates F_p^*). */
const OMEGA = pow(31, (P - 1) / 3);

/** A block's tensors as exponent data: over the unpadded sequence (`seq`) or over block positions. */
function expTensors(rl: RegionLayout, block: 'int8' | 'wide', mode: 'seq' | 'pos'): ExpTensor[] {
  let t = 0;
  return blockPlacements(rl, block).map((pl) => {
    const dims = pl.dims;
    const strides = new Array<number>(dims.length).fill(1);
    if (mode === 'seq') for (let d = dims.length - 2; d >= 0; d--) strides[d] = strides[d + 1] * dims[d + 1];
    else {
      const { padded } = padDims(dims);
      for (let d = dims.length - 2; d >= 0; d--) strides[d] = strides[d + 1] * padded[d + 1];
    }
    const e: ExpTensor = { offset: pl.offset, dims, expOffset: mode === 'seq' ? t : pl.offset, expStrides: strides };
    t += prod(dims);
    return e;
  });
}

/** Column vector (b^i)_{i<ℓ}, zero from column `limit` on. */
function powCols(base: Ext, l: number, limit = l): ColumnVector {
  const v = new Uint32Array(4 * l);
  let acc = eOne();
  for (let i = 0; i < limit; i++) {
    v.set(acc, 4 * i);
    acc = eMul(acc, base);
  }
  return { values: v };
}

/** Row coefficients (scale·b^{ℓ·j})_{j<rows}. */
function powRows(base: Ext, l: number, rows: number, scale: Ext): Uint32Array {
  const step = ePow(base, l);
  const out = new Uint32Array(4 * rows);
  let acc = scale;
  for (let j = 0; j < rows; j++) {
    out.set(acc, 4 * j);
    acc = eMul(acc, step);
  }
  return out;
}

/**
 * `weights.pack`: x = the digest input of the committed region, as Σ_{e<n} r^e·(x_e − target_e) = 0
 * with r = s³ for a challenge s. target: the wide block (x[0..Rw·ℓ)), then the packed unpadded
 * int8 sequence: Σ_e r^{Rw·ℓ+e}(u_{3e} + 2^8 u_{3e+1} + 2^16 u_{3e+2}) = r^{Rw·ℓ}·Σ_t s^t·g(t mod 3)·u_t
 * with g(j) = 2^{8j}·s^{−j} = Σ_m a_m ω^{mj} (ω a cube root of unity), i.e. three pure exponentials
 * (sω^m)^t over the unpadded sequence — tensor terms by region-terms.ts.
 */
function packConstraint(ctx: VerifierContext, plan: WeightBindingPlan): void {
  const { layout: rl, int8, wide } = plan.region;
  const l = ctx.layout.rowWidth;
  const n = plan.poseidon.inputLength;
  const s = ctx.transcript.challengeExt('weights.pack/s');
  const r = eMul(eMul(s, s), s);
  const cols = powCols(r, l);
  // x side: V rows 0..⌊n/ℓ⌋ (the last one masked to its first n mod ℓ columns: the salt follows)
  const fullRows = Math.floor(n / l);
  let form = fullRows > 0 ? Affine.tensorTerm({ row: plan.poseidon.inputRow, rowCoeffs: powRows(r, l, fullRows, eOne()), cols }) : Affine.constant(eZero());
  if (n % l) form = form.add(Affine.tensorTerm({ row: plan.poseidon.inputRow + fullRows, rowCoeffs: ePow(r, fullRows * l), cols: powCols(r, l, n % l) }));
  // wide values: x[t] = v_t (unpadded sequence), − Σ_t r^t v_t
  if (wide && rl.wideRows > 0) for (const t of expTerms(l, wide.row, r, expTensors(rl, 'wide', 'seq'), eNeg(eOne()))) form = form.add(Affine.tensorTerm(t));
  // int8: − r^V·Σ_m a_m Σ_t (sω^m)^t w_t, a_m = (1/3)·Σ_j g(j)·ω^{−mj}
  const shift = ePow(r, rl.wideCount);
  const sInv = eInv(s);
  const g = [eOne(), eMul(eFromBase(256), sInv), eMul(eFromBase(65536), eMul(sInv, sInv))];
  const third = inv(3);
  const seq = expTensors(rl, 'int8', 'seq');
  for (let m = 0; m < 3; m++) {
    let a = eZero();
    for (let j = 0; j < 3; j++) a = eAdd(a, eMulBase(g[j], pow(OMEGA, (3 * 3 - m * j) % 3)));
    const scale = eNeg(eMul(shift, eMulBase(a, third)));
    for (const t of expTerms(l, int8.row, eMulBase(s, pow(OMEGA, m)), seq, scale)) form = form.add(Affine.tensorTerm(t));
  }
  // bytes: u = w + 128 on every packed slot: − r^V·128·(1 + 2^8 + 2^16)·Σ_{e<M} r^e
  form = form.addConstant(eNeg(eMulBase(eMul(shift, geometricSum(r, rl.packedLength)), 128 * 65793)));
  ctx.constraints.push(form.isZero('weights.pack'));
}

/**
 * `weights.int8-padding` / `weights.wide-padding`: every position of a block that holds no
 * parameter entry is zero, Σ_{q < rows·ℓ} z^q B[q] − Σ_{q real} z^q B[q] = 0 for a challenge z.
 */
function paddingConstraint(ctx: VerifierContext, plan: WeightBindingPlan, block: 'int8' | 'wide'): void {
  const { layout: rl } = plan.region;
  const ref = block === 'int8' ? plan.region.int8 : plan.region.wide;
  const rows = block === 'int8' ? rl.int8Rows : rl.wideRows;
  if (!ref || rows === 0) return;
  const l = ctx.layout.rowWidth;
  const z = ctx.transcript.challengeExt(`weights.${block}-padding/z`);
  let form = Affine.tensorTerm({ row: ref.row, rowCoeffs: powRows(z, l, rows, eOne()), cols: powCols(z, l) });
  for (const t of expTerms(l, ref.row, z, expTensors(rl, block, 'pos'), eNeg(eOne()))) form = form.add(Affine.tensorTerm(t));
  ctx.constraints.push(form.isZero(`weights.${block}-padding`));
}

/** Prover, after the commitment. */
export function proveWeightBinding(ctx: ProverContext, plan: WeightBindingPlan, digest: Uint32Array): void {
  provePoseidon2Constraints(ctx, plan.poseidon, digest);
  packConstraint(ctx, plan);
  paddingConstraint(ctx, plan, 'int8');
  paddingConstraint(ctx, plan, 'wide');
}

/** Verifier: the public digest. */
export function verifyWeightBinding(ctx: VerifierContext, plan: WeightBindingPlan, digest: Uint32Array): void {
  verifyPoseidon2Constraints(ctx, plan.poseidon, digest);
  packConstraint(ctx, plan);
  paddingConstraint(ctx, plan, 'int8');
  paddingConstraint(ctx, plan, 'wide');
}

/**
 * The salted weight digest of a model's private parameters at width `lanes` (the model id's
 * `weightDigest`; lanes = D must equal the proof row width used in private mode).
 * @example const d = weightDigestFor(graph, params, salt, recommendedLanes(graph));
 */
export function weightDigestFor(graph: IntGraph, params: IntParams, salt: Uint32Array, lanes: number): Uint32Array {
  return weightDigest(privateWeightVector(graph, params, lanes), salt, { lanes });
}

/** Row widths {@link recommendedLanes} chooses from. */
export const PRIVATE_ROW_WIDTHS: readonly number[] = Object.freeze([128, 256, 512, 1024, 2048, 4096]);

/**
 * Committed cells and rows the private-parameter region and the weight digest take at row width ℓ
 * (8B absorb rows + 737B permutation rows + the int8 block, padded to a power of two of rows, + Rw).
 */
export function privateRegionCost(graph: IntGraph, rowWidth: number): { rows: number; cells: number } {
  const rl = regionLayoutFor(graph, rowWidth);
  const blocks = weightDigestBlocks(digestInputLength(rl), rowWidth);
  const rows = (8 + P2_KINDS) * blocks + pow2(rl.int8Rows) + rl.wideRows;
  return { rows, cells: rows * rowWidth };
}

/** Cells one committed row is worth in {@link recommendedLanes}: every opened column carries every row (≈ 4t ≈ 300 proof bytes per row). */
const ROW_WEIGHT = 256;

/**
 * The default width D (= private-mode row width) for a model: the one of {@link PRIVATE_ROW_WIDTHS}
 * minimising cells + 256·rows of the region and the digest ({@link privateRegionCost}): the prover's
 * work follows the cells, the proof size and the verifier's column checks the rows. Depends only
 * on the public graph.
 */
export function recommendedLanes(graph: IntGraph): number {
  const score = (l: number): number => {
    const c = privateRegionCost(graph, l);
    return c.cells + ROW_WEIGHT * c.rows;
  };
  return PRIVATE_ROW_WIDTHS.reduce((best, l) => (score(l) < score(best) ? l : best));
}
