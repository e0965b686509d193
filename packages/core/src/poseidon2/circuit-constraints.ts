/**
 * Linear constraints of the in-proof weight digest (layout: circuit-plan.ts; row triples are
 * registered by the plan). Prover and verifier run {@link emitPoseidon2Constraints} identically.
 *
 * Challenges (after absorbing n, L and the public digest): ρ_c ∈ K^{log ℓ}, ρ_b ∈ K^{⌈log2 nb⌉}, λ ∈ K.
 * γ = eq(ρ_c) is ONE shared ColumnVector; β_b = eq(ρ_b)[b] weights the blocks.
 * 1. Permutation (157, circuit-shape.ts): a row-uniform constraint Σ_q c_q·W[kind q] + d = 0 holding in
 *    every column of every block becomes Σ_q c_q Σ_b β_b Σ_i γ_i W[permRow + q·nb + b, i] + d·Σ_b β_b = 0:
 *    one TensorTerm per run of consecutive kinds (Σ_i γ_i = 1).
 * 2. Lane chaining (16, k < 16), over lane blocks b = s·G + g:
 *    IN_k[b] = (s > 0 ? OUT_k[b − G] : IV_k) + (k < 8 ? x[row g + G(8s + k)] : 0), β-weighted: three
 *    TensorTerms (IN rows, shifted OUT rows, input-vector rows) and the constant −IV_k·Σ_{b<G} β_b.
 * 3. Tree copies (16, k < 16): Σ_t β_{block(t)} γ_{col(t)} (IN_k(t) − source_k(t)) = 0 over the L tree
 *    permutations t. Each source (a lane's or node's OUT_{k mod 8}, or a salt wire for the final
 *    compression's right half) feeds exactly one input, so the source side regroups into one
 *    TensorTerm per source block with a pushed-forward ColumnVector γ'_B (two per source block: left
 *    and right children; 4G vectors in all, shared by the 16 constraints) plus 8 sparse salt terms.
 * 4. Digest (8 sparse): OUT_k(final) − digest_k = 0.
 * 5. Input padding (when n < the vector's padded length): every element at index ≥ n is zero,
 *    Σ_r λ^r Σ_i γ^{(r)}_i W[input.row + ⌊n/ℓ⌋ + r, i] = 0 with γ^{(0)} = γ masked to columns ≥ n mod ℓ
 *    (so callers' sub-protocols may rely on zero padding).
 * Soundness: if any per-column, per-block relation fails, the combined constraint is a non-zero
 * multilinear polynomial in (ρ_b, ρ_c) (padding: degree < rows in λ), vanishing with probability
 * ≤ (log ℓ + log nb)/|K| (resp. rows/|K|) < 2^−100 each.
 */
import { P, isCanonical } from '../field/babybear.ts';
import { type Ext, eMulInto, eOne, eOf } from '../field/ext4.ts';
import { eqTable } from '../poly/eq.ts';
import type { ColumnVector, LinearConstraint, TensorTerm } from '../zk/constraints.ts';
import type { Wire } from '../zk/layout.ts';
import type { ProverContext, VerifierContext } from '../zk/session.ts';
import type { Transcript } from '../transcript/types.ts';
import { P2_KIND_IN, P2_KIND_OUT, poseidon2Shape } from './circuit-shape.ts';
import { type Poseidon2Plan, poseidon2PermWire, poseidon2TreeNodes, poseidon2TreeSlot, poseidon2LaneOutputSlot } from './circuit-plan.ts';
import { POSEIDON2_DOMAIN, poseidon2SpongeIv } from './sponge.ts';

function mulBaseInto(out: Uint32Array, o: number, a: Uint32Array, ao: number, s: number): void {
  // (a·s) for base s < p: 4 products, each via the exact 16-bit split
  for (let c = 0; c < 4; c++) {
    const x = a[ao + c];
    out[o + c] = (((x * (s >>> 16)) % P) * 65536 + x * (s & 0xffff)) % P;
  }
}

function negInto(out: Uint32Array, o: number): void {
  for (let c = 0; c < 4; c++) out[o + c] = out[o + c] === 0 ? 0 : P - out[o + c];
}

function sumExt(v: Uint32Array, from: number, to: number): Ext {
  const s = new Uint32Array(4);
  for (let b = from; b < to; b++) for (let c = 0; c < 4; c++) s[c] = (s[c] + v[4 * b + c]) % P;
  return s;
}

/**
 * Pushes every linear constraint of the weight digest onto `out` (see module header).
 * @param digest the public digest (8 canonical elements).
 * @throws RangeError on a malformed digest or a plan that does not match `rowWidth`.
 */
export function emitPoseidon2Constraints(
  transcript: Transcript,
  plan: Poseidon2Plan,
  digest: ArrayLike<number>,
  rowWidth: number,
  out: LinearConstraint[],
): void {
  if (digest.length !== 8) throw new RangeError(`poseidon2 constraints: expected a digest of 8 elements, got ${digest.length}`);
  for (let k = 0; k < 8; k++) {
    if (!isCanonical(digest[k])) throw new RangeError(`poseidon2 constraints: expected canonical digest elements, got ${digest[k]} at index ${k}`);
  }
  if (rowWidth !== plan.rowWidth) throw new RangeError(`poseidon2 constraints: expected the plan's row width ${plan.rowWidth}, got ${rowWidth}`);
  const { blocks: nb, groups: G, steps: S, logRowWidth } = plan;
  const logNb = Math.ceil(Math.log2(nb));
  transcript.absorbU32('poseidon2/input-length', plan.inputLength);
  transcript.absorbU32('poseidon2/lanes', plan.lanes);
  transcript.absorbBase('poseidon2/digest', Uint32Array.from(digest));
  const ch = transcript.challengeExts('poseidon2/challenges', logRowWidth + logNb + 1);
  const gamma: ColumnVector = { values: eqTable(ch.subarray(0, 4 * logRowWidth)) };
  const beta = eqTable(ch.subarray(4 * logRowWidth, 4 * (logRowWidth + logNb)));
  const lambda = ch.slice(4 * (logRowWidth + logNb));
  const betaSum = sumExt(beta, 0, nb);

  // 1. permutation constraints
  for (const kc of poseidon2Shape().constraints) {
    const tensor: TensorTerm[] = kc.runs.map((run) => {
      const rc = new Uint32Array(4 * run.coeffs.length * nb);
      for (let q = 0; q < run.coeffs.length; q++) {
        for (let b = 0; b < nb; b++) mulBaseInto(rc, 4 * (q * nb + b), beta, 4 * b, run.coeffs[q]);
      }
      return { row: plan.permRow + run.start * nb, rowCoeffs: rc, cols: gamma };
    });
    const constant = new Uint32Array(4);
    mulBaseInto(constant, 0, betaSum, 0, kc.constant);
    out.push({ sparse: new Map(), tensor, constant, label: kc.label });
  }

  // 2. lane chaining
  const iv = poseidon2SpongeIv(POSEIDON2_DOMAIN.weightLane, plan.inputLength);
  const laneBlocks = G * S;
  const firstSum = sumExt(beta, 0, G);
  for (let k = 0; k < 16; k++) {
    const tensor: TensorTerm[] = [];
    tensor.push({ row: plan.permRow + (P2_KIND_IN + k) * nb, rowCoeffs: beta.slice(0, 4 * laneBlocks), cols: gamma });
    if (S > 1) {
      const rc = beta.slice(4 * G, 4 * laneBlocks);
      for (let b = 0; b < laneBlocks - G; b++) negInto(rc, 4 * b);
      tensor.push({ row: plan.permRow + (P2_KIND_OUT + k) * nb, rowCoeffs: rc, cols: gamma });
    }
    if (k < 8) {
      const start = G * k;
      const len = Math.min(8 * G * (S - 1) + G, plan.input.rowCount - start);
      if (len > 0) {
        const rc = new Uint32Array(4 * len);
        for (let s = 0; s < S; s++) {
          for (let g = 0; g < G; g++) {
            const off = 8 * G * s + g;
            if (off >= len) continue;
            rc.set(beta.subarray(4 * (s * G + g), 4 * (s * G + g) + 4), 4 * off);
            negInto(rc, 4 * off);
          }
        }
        tensor.push({ row: plan.input.row + start, rowCoeffs: rc, cols: gamma });
      }
    }
    const constant = new Uint32Array(4);
    mulBaseInto(constant, 0, firstSum, 0, iv[k] === 0 ? 0 : P - iv[k]);
    out.push({ sparse: new Map(), tensor, constant, label: `poseidon2.lane-chain ${k}` });
  }

  // 3. tree copies: Σ_t β_{block(t)} γ_{col(t)} (IN_k(t) − source_k(t)) = 0 for each k < 16. Every
  // source wire feeds exactly one tree input, so regrouping by source block B turns the right side
  // into tensor terms over OUT rows with the pushed-forward column vector γ'_{B,side}[col(src)] =
  // β_{block(t)}·γ_{col(t)} (side: left child for k < 8, right child for k ≥ 8).
  const nodes = poseidon2TreeNodes(plan.lanes);
  const treeBlock0 = G * S;
  const srcVecs = new Map<number, { left: ColumnVector; right: ColumnVector }>();
  const vecsOf = (block: number): { left: ColumnVector; right: ColumnVector } => {
    let v = srcVecs.get(block);
    if (!v) srcVecs.set(block, (v = { left: { values: new Uint32Array(4 * rowWidth) }, right: { values: new Uint32Array(4 * rowWidth) } }));
    return v;
  };
  const slotOf = (r: { lane?: number; node?: number }): { block: number; col: number } =>
    r.lane !== undefined ? poseidon2LaneOutputSlot(plan, r.lane) : poseidon2TreeSlot(plan, r.node!);
  const finalWeight = new Uint32Array(4);
  nodes.forEach((node, t) => {
    const { block, col } = poseidon2TreeSlot(plan, t);
    const w = new Uint32Array(4);
    eMulInto(w, 0, beta, 4 * block, gamma.values, 4 * col);
    const a = slotOf(node.a);
    vecsOf(a.block).left.values.set(w, 4 * a.col);
    if (node.b.lane === undefined && node.b.node === undefined) finalWeight.set(w);
    else {
      const bs = slotOf(node.b);
      vecsOf(bs.block).right.values.set(w, 4 * bs.col);
    }
  });
  const minusOne = Uint32Array.of(P - 1, 0, 0, 0);
  const negFinal = finalWeight.slice();
  negInto(negFinal, 0);
  for (let k = 0; k < 16; k++) {
    const tensor: TensorTerm[] = [{ row: plan.permRow + (P2_KIND_IN + k) * nb + treeBlock0, rowCoeffs: beta.slice(4 * treeBlock0, 4 * nb), cols: gamma }];
    for (const [block, v] of srcVecs) {
      tensor.push({ row: plan.permRow + (P2_KIND_OUT + (k & 7)) * nb + block, rowCoeffs: minusOne, cols: k < 8 ? v.left : v.right });
    }
    const sparse = new Map<Wire, Ext>();
    if (k >= 8) sparse.set(plan.salt[k - 8], negFinal);
    out.push({ sparse, tensor, constant: new Uint32Array(4), label: `poseidon2.tree-copy ${k}` });
  }

  // 4. digest
  const fin = poseidon2TreeSlot(plan, nodes.length - 1);
  for (let k = 0; k < 8; k++) {
    const w = poseidon2PermWire(plan, P2_KIND_OUT + k, fin.block, fin.col);
    out.push({ sparse: new Map([[w, eOne()]]), tensor: [], constant: eOf(digest[k] === 0 ? 0 : P - digest[k]), label: `poseidon2.digest ${k}` });
  }

  // 5. input padding: every vector element at index ≥ n is zero. Row r0 = ⌊n/ℓ⌋ is masked to its
  // columns ≥ n mod ℓ (a second ColumnVector), later rows use γ; rows are weighted by powers of λ.
  const n = plan.inputLength;
  const r0 = Math.floor(n / rowWidth);
  const c0 = n % rowWidth;
  if (r0 < plan.input.rowCount) {
    const rows = plan.input.rowCount - r0;
    const rc = new Uint32Array(4 * rows);
    rc.set(eOne(), 0);
    for (let r = 1; r < rows; r++) eMulInto(rc, 4 * r, rc, 4 * (r - 1), lambda, 0);
    const tensor: TensorTerm[] = [];
    if (c0 === 0) tensor.push({ row: plan.input.row + r0, rowCoeffs: rc, cols: gamma });
    else {
      const masked: ColumnVector = { values: new Uint32Array(4 * rowWidth) };
      masked.values.set(gamma.values.subarray(4 * c0), 4 * c0);
      tensor.push({ row: plan.input.row + r0, rowCoeffs: rc.slice(0, 4), cols: masked });
      if (rows > 1) tensor.push({ row: plan.input.row + r0 + 1, rowCoeffs: rc.slice(4), cols: gamma });
    }
    out.push({ sparse: new Map(), tensor, constant: new Uint32Array(4), label: 'poseidon2.input-padding' });
  }
}

/**
 * Prover side: pushes the digest constraints onto `ctx.constraints`. The digest defaults to the one
 * the witness computes (final permutation outputs).
 */
export function provePoseidon2Constraints(ctx: ProverContext, plan: Poseidon2Plan, publicDigest?: ArrayLike<number>): void {
  let digest = publicDigest;
  if (!digest) {
    const fin = poseidon2TreeSlot(plan, plan.lanes - 1);
    digest = Uint32Array.from({ length: 8 }, (_, k) => ctx.witness[poseidon2PermWire(plan, P2_KIND_OUT + k, fin.block, fin.col)]);
  }
  emitPoseidon2Constraints(ctx.transcript, plan, digest, ctx.layout.rowWidth, ctx.constraints);
}

/**
 * Verifier side: pushes the same constraints for the public digest; the Ligero tests then prove them
 * (together with the plan's S-box row triples). A wrong preimage or salt fails `poseidon2.digest k`.
 */
export function verifyPoseidon2Constraints(ctx: VerifierContext, plan: Poseidon2Plan, publicDigest: ArrayLike<number>): void {
  emitPoseidon2Constraints(ctx.transcript, plan, publicDigest, ctx.layout.rowWidth, ctx.constraints);
}
