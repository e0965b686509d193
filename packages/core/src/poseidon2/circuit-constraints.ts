/**
 * Linear constraints of the in-proof weight digest (digest.ts v2; layout: circuit-plan.ts; row
 * triples are registered by the plan). Prover and verifier run {@link emitPoseidon2Constraints}
 * identically.
 *
 * Challenges (after absorbing n, D and the public digest): ρ_c ∈ K^{log ℓ}, ρ_b ∈ K^{⌈log2 B⌉}, λ ∈ K.
 * γ = eq(ρ_c) is ONE shared ColumnVector; β_b = eq(ρ_b)[b] weights the blocks.
 * 1. Permutation (157, circuit-shape.ts): a row-uniform constraint Σ_q c_q·W[kind q] + d = 0 holding in
 *    every column of every block becomes Σ_q c_q Σ_b β_b Σ_i γ_i W[permRow + q·B + b, i] + d·Σ_b β_b = 0:
 *    one TensorTerm per run of consecutive kinds (Σ_i γ_i = 1).
 * 2. Sponge chaining (16, k < 16): IN_k(b, c) = prev_k(b, c) + (k < 8 ? V[8b + k, c] : 0) for every
 *    permutation, prev = OUT of (b, c − 1), of (b − 1, ℓ − 1) when c = 0, or the IV for (0, 0);
 *    weighted by β_b·γ_c: IN rows with (β, γ); OUT rows with (β, γ shifted one column left: γ⁺_i =
 *    γ_{i+1}, 0 at ℓ − 1) and with (β shifted one block, e_{ℓ−1}·γ_0); V rows 8b + k with (β, γ); the
 *    constant −β_0·γ_0·IV_k. Two extra ColumnVectors, shared by the 16 constraints.
 * 3. Digest (8 sparse): OUT_k of the last permutation (B − 1, ℓ − 1) − digest_k = 0.
 * 4. Absorb padding: every V element at index ≥ n + 8 is zero,
 *    Σ_r λ^r Σ_i γ^{(r)}_i W[inputRow + ⌊(n+8)/ℓ⌋ + r, i] = 0 with γ^{(0)} = γ masked to columns
 *    ≥ (n + 8) mod ℓ.
 * Soundness: if any per-column, per-block relation fails, the combined constraint is a non-zero
 * multilinear polynomial in (ρ_b, ρ_c) (padding: degree < rows in λ), vanishing with probability
 * ≤ (log ℓ + log B)/|K| (resp. rows/|K|) < 2^−100 each.
 */
import { P, isCanonical } from '../field/babybear.ts';
import { type Ext, eMulInto, eOne, eOf } from '../field/ext4.ts';
import { eqTable } from '../poly/eq.ts';
import type { ColumnVector, LinearConstraint, TensorTerm } from '../zk/constraints.ts';
import type { ProverContext, VerifierContext } from '../zk/session.ts';
import type { Transcript } from '../transcript/types.ts';
import { P2_KIND_IN, P2_KIND_OUT, poseidon2Shape } from './circuit-shape.ts';
import { type Poseidon2Plan, poseidon2PermWire } from './circuit-plan.ts';
import { weightDigestIv } from './digest.ts';

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
  const { blocks: nb, logRowWidth } = plan;
  const l = rowWidth;
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

  // 2. sponge chaining: the predecessor of (b, c) is (b, c − 1), or (b − 1, ℓ − 1) when c = 0.
  // Regrouped by the predecessor's (block, column): same block with γ shifted one column left,
  // previous block's last column with β shifted one block and γ_0 at column ℓ − 1.
  const iv = weightDigestIv(plan.inputLength, plan.lanes);
  const shifted: ColumnVector = { values: new Uint32Array(4 * l) };
  shifted.values.set(gamma.values.subarray(4), 0);
  const wrap: ColumnVector = { values: new Uint32Array(4 * l) };
  wrap.values.set(gamma.values.subarray(0, 4), 4 * (l - 1));
  const negBeta = beta.slice(0, 4 * nb);
  for (let b = 0; b < nb; b++) negInto(negBeta, 4 * b);
  const b0g0 = new Uint32Array(4);
  eMulInto(b0g0, 0, beta, 0, gamma.values, 0);
  const vRows = 8 * (nb - 1) + 1;
  const vCoeffs = new Uint32Array(4 * vRows);
  for (let b = 0; b < nb; b++) vCoeffs.set(negBeta.subarray(4 * b, 4 * b + 4), 4 * 8 * b);
  for (let k = 0; k < 16; k++) {
    const tensor: TensorTerm[] = [
      { row: plan.permRow + (P2_KIND_IN + k) * nb, rowCoeffs: beta.slice(0, 4 * nb), cols: gamma },
      { row: plan.permRow + (P2_KIND_OUT + k) * nb, rowCoeffs: negBeta, cols: shifted },
    ];
    if (nb > 1) tensor.push({ row: plan.permRow + (P2_KIND_OUT + k) * nb, rowCoeffs: negBeta.slice(4, 4 * nb), cols: wrap });
    if (k < 8) tensor.push({ row: plan.inputRow + k, rowCoeffs: vCoeffs, cols: gamma });
    const constant = new Uint32Array(4);
    mulBaseInto(constant, 0, b0g0, 0, iv[k] === 0 ? 0 : P - iv[k]);
    out.push({ sparse: new Map(), tensor, constant, label: `poseidon2.chain ${k}` });
  }

  // 3. digest: the last permutation's output
  for (let k = 0; k < 8; k++) {
    const w = poseidon2PermWire(plan, P2_KIND_OUT + k, nb - 1, l - 1);
    out.push({ sparse: new Map([[w, eOne()]]), tensor: [], constant: eOf(digest[k] === 0 ? 0 : P - digest[k]), label: `poseidon2.digest ${k}` });
  }

  // 4. absorb padding: every V element at index ≥ n + 8 is zero. Row r0 = ⌊(n+8)/ℓ⌋ is masked to its
  // columns ≥ (n+8) mod ℓ (another ColumnVector), later rows use γ; rows are weighted by powers of λ.
  const used = plan.inputLength + 8;
  const r0 = Math.floor(used / l);
  const c0 = used % l;
  if (r0 < plan.inputRows) {
    const rows = plan.inputRows - r0;
    const rc = new Uint32Array(4 * rows);
    rc.set(eOne(), 0);
    for (let r = 1; r < rows; r++) eMulInto(rc, 4 * r, rc, 4 * (r - 1), lambda, 0);
    const tensor: TensorTerm[] = [];
    if (c0 === 0) tensor.push({ row: plan.inputRow + r0, rowCoeffs: rc, cols: gamma });
    else {
      const masked: ColumnVector = { values: new Uint32Array(4 * l) };
      masked.values.set(gamma.values.subarray(4 * c0), 4 * c0);
      tensor.push({ row: plan.inputRow + r0, rowCoeffs: rc.slice(0, 4), cols: masked });
      if (rows > 1) tensor.push({ row: plan.inputRow + r0 + 1, rowCoeffs: rc.slice(4), cols: gamma });
    }
    out.push({ sparse: new Map(), tensor, constant: new Uint32Array(4), label: 'poseidon2.absorb-padding' });
  }
}

/**
 * Prover side: pushes the digest constraints onto `ctx.constraints`. The digest defaults to the one
 * the witness computes (final permutation outputs).
 */
export function provePoseidon2Constraints(ctx: ProverContext, plan: Poseidon2Plan, publicDigest?: ArrayLike<number>): void {
  let digest = publicDigest;
  if (!digest) {
    digest = Uint32Array.from({ length: 8 }, (_, k) => ctx.witness[poseidon2PermWire(plan, P2_KIND_OUT + k, plan.blocks - 1, plan.rowWidth - 1)]);
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
