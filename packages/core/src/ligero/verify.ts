/**
 * The Ligero verifier (Ames et al. CCS 2017 §4; Longfellow, draft-google-cfrg-libzk "Ligero
 * verifier"). Checks, in this order, each with a stable id:
 *   merkle.path              opened columns (with salts) hash to leaves under the root
 *   ligero.linear-sum        Σ_{x∈H} q_L(x) = −Σ_c α_c·constant_c
 *   ligero.proximity         q_P(η_j) = Σ_{r∉M_P} u_r·U_r[j] + Σ_c X^c·M_P^(c)[j]
 *   ligero.linear-column     q_L(η_j) = Σ_r ā_r(η_j)·U_r[j] + M_L0[j] + η_j^ℓ·M_L1[j]
 *   ligero.quadratic-column  Σ_k v_k(U_a U_b − U_c)[j] + Z_H(η_j)(M_Q0[j] + η_j^{t−1} M_Q1[j]) = Z_H(η_j)·Q'(η_j)
 * Malformed proof objects give MalformedError; caller misuse (bad constraints, layout mismatch)
 * gives RangeError.
 */
import { VerificationError } from '../errors.ts';
import { add, mul, sub } from '../field/babybear.ts';
import { eEq, eToString } from '../field/ext4.ts';
import { hashLeaf, multiProofSiblingCount, verifyMulti } from '../merkle/merkle.ts';
import type { Layout } from '../zk/layout.ts';
import type { VerifierContext } from '../zk/session.ts';
import { sampleLigeroChallenges, sampleLigeroQueries } from './challenges.ts';
import { columnBytes } from './column-bytes.ts';
import { lagrangeAtPoints, queryPoints, sumOverH } from './encode.ts';
import { checkConstraints, linearColumnValues, linearTarget } from './linear.ts';
import { MASK, SALT_BYTES, ligeroShape, type LigeroParams } from './params.ts';
import { evalExtWithPowers, powersOf } from './polyops.ts';
import { extInnerBase } from '../field/vec.ts';
import { checkProofShape, type LigeroProof } from './proof.ts';
import { checkTriples, quadraticColumnValues } from './quadratic.ts';

/**
 * Verifies a Ligero proof for the commitment `root` against every constraint in `ctx.constraints`
 * and every triple of `layout`, continuing `ctx.transcript`.
 * @throws VerificationError with check `merkle.path`, `ligero.linear-sum`, `ligero.proximity`,
 *   `ligero.linear-column` or `ligero.quadratic-column`; MalformedError on a malformed proof.
 * @example
 * ligeroVerify(root, layout, LIGERO_CONJECTURED, ctx, proof); // throws unless valid
 */
export function ligeroVerify(root: Uint8Array, layout: Layout, params: LigeroParams, ctx: VerifierContext, proof: LigeroProof): void {
  const shape = ligeroShape(params, layout);
  if (ctx.layout.rowWidth !== layout.rowWidth || ctx.layout.numRows !== layout.numRows) {
    throw new RangeError(`ligeroVerify: expected ctx.layout ${layout.numRows}×${layout.rowWidth}, got ${ctx.layout.numRows}×${ctx.layout.rowWidth}`);
  }
  if (!(root instanceof Uint8Array) || root.length !== 32) throw new RangeError(`ligeroVerify: expected a 32-byte root, got ${root?.length}`);
  checkProofShape(proof, shape);
  checkConstraints(ctx.constraints, shape);
  checkTriples(layout.triples, shape);
  const R = shape.totalRows;
  const W = shape.witnessRows;
  const t = shape.queries;
  const l = shape.rowWidth;
  const ch = sampleLigeroChallenges(shape, ctx.transcript, ctx.constraints.length, layout.triples.length);
  const indices = sampleLigeroQueries(shape, ctx.transcript, proof);

  // merkle.path
  const leafHashes = indices.map((_, j) =>
    hashLeaf(columnBytes(proof.columns.slice(j * R, (j + 1) * R)), proof.salts.subarray(j * SALT_BYTES, (j + 1) * SALT_BYTES)),
  );
  // The sibling count depends on the query columns, so a wrong count is a failed opening (e.g. a
  // proof made for other query columns), not malformed bytes.
  const need = multiProofSiblingCount(shape.logCodeLength, indices);
  if (proof.siblings.length !== 32 * need) {
    throw new VerificationError('merkle.path', `expected ${need} sibling hashes for the query columns, got ${proof.siblings.length / 32}`);
  }
  verifyMulti(root, shape.logCodeLength, indices, leafHashes, { siblings: proof.siblings });

  // ligero.linear-sum
  const target = linearTarget(ctx.constraints, ch.alpha);
  const sum = sumOverH(proof.linear, l);
  if (!eEq(sum, target)) {
    throw new VerificationError('ligero.linear-sum', `expected Σ_H q_L = ${eToString(target)}, got ${eToString(sum)}`, `${ctx.constraints.length} constraints`);
  }

  const xs = queryPoints(shape, indices);
  const cols = proof.columns;
  // Powers η_j^i up to the longest response, shared by the three evaluations at η_j.
  const maxLen = Math.max(shape.proximityLength, shape.linearLength, shape.quadraticLength);
  const pw = Array.from(xs, (x) => powersOf(x, maxLen));

  // ligero.proximity: u laid out by committed row, zero at the 4 M_P rows (which enter as X^c).
  const uByRow = new Uint32Array(4 * R);
  uByRow.set(ch.u.subarray(0, 4 * (W + MASK.proximity)), 0);
  uByRow.set(ch.u.subarray(4 * (W + MASK.proximity)), 4 * (W + MASK.proximity + 4));
  for (let j = 0; j < t; j++) {
    const o = j * R;
    const lhs = extInnerBase(uByRow, cols.subarray(o, o + R));
    for (let c = 0; c < 4; c++) lhs[c] = add(lhs[c], cols[o + W + MASK.proximity + c]);
    const rhs = evalExtWithPowers(proof.proximity, pw[j]);
    if (!eEq(lhs, rhs)) {
      throw new VerificationError('ligero.proximity', `expected q_P(η) = ${eToString(lhs)}, got ${eToString(rhs)}`, `column ${indices[j]}`);
    }
  }

  // ligero.linear-column
  const lagrange = ctx.constraints.length > 0 ? lagrangeAtPoints(l, xs) : new Uint32Array(0);
  const lin = ctx.constraints.length > 0 ? linearColumnValues(shape, ctx.constraints, ch.alpha, lagrange, cols) : new Uint32Array(4 * t);
  for (let j = 0; j < t; j++) {
    const o = j * R;
    const xl = pw[j][l];
    const lhs = lin.subarray(4 * j, 4 * j + 4);
    for (let c = 0; c < 4; c++) {
      lhs[c] = add(lhs[c], add(cols[o + W + MASK.linear0 + c], mul(xl, cols[o + W + MASK.linear1 + c])));
    }
    const rhs = evalExtWithPowers(proof.linear, pw[j]);
    if (!eEq(lhs, rhs)) {
      throw new VerificationError('ligero.linear-column', `expected q_L(η) = ${eToString(lhs)}, got ${eToString(rhs)}`, `column ${indices[j]}`);
    }
  }

  // ligero.quadratic-column
  const quad = quadraticColumnValues(shape, layout.triples, ch.v, cols);
  const zh = new Uint32Array(4);
  for (let j = 0; j < t; j++) {
    const o = j * R;
    const z = sub(pw[j][l], 1);
    const xt = pw[j][t - 1];
    const lhs = quad.subarray(4 * j, 4 * j + 4);
    for (let c = 0; c < 4; c++) {
      const m = add(cols[o + W + MASK.quad0 + c], mul(xt, cols[o + W + MASK.quad1 + c]));
      lhs[c] = add(lhs[c], mul(z, m));
    }
    const q = evalExtWithPowers(proof.quadratic, pw[j]);
    for (let c = 0; c < 4; c++) zh[c] = mul(z, q[c]);
    if (!eEq(lhs, zh)) {
      throw new VerificationError('ligero.quadratic-column', `expected Z_H(η)·Q'(η) = ${eToString(lhs)}, got ${eToString(zh)}`, `column ${indices[j]}`);
    }
  }
}
