/**
 * The zero-knowledge simulator (docs/parts/ligero.md, "Zero knowledge"): produces an accepting
 * Ligero transcript for public constraints and triples WITHOUT the witness, by programming the
 * random oracle (the verifier's challenges are chosen first and fed through a ScriptedTranscript).
 *
 * 1. Pick α, u, v and the t query columns.
 * 2. Opened values of witness rows, M_L1 and M_Q1 rows: uniform.
 * 3. Responses: q_P uniform (degree < k); q_L uniform (degree < ℓ + k) with Σ_H q_L = −Σ α_c c_c;
 *    Q' uniform (degree < k + t − 1).
 * 4. Solve the opened M_L0, M_Q0, M_P values from the linear, quadratic and proximity checks.
 * 5. Unopened columns uniform; salts uniform; Merkle tree over all columns.
 * In the real protocol each of these values has exactly this distribution (the argument in the
 * docs), so the simulation is perfect; here we check that the verifier accepts it.
 */
import { add, inv, mul, pow, sub } from '../../src/field/babybear.ts';
import { buildMerkleTree, hashLeaves, openMulti } from '../../src/merkle/merkle.ts';
import { columnBytes } from '../../src/ligero/commit.ts';
import { lagrangeAtPoints, queryPoints, sumOverH } from '../../src/ligero/encode.ts';
import { linearColumnValues, linearTarget } from '../../src/ligero/linear.ts';
import { MASK, SALT_BYTES, ligeroShape, type LigeroParams } from '../../src/ligero/params.ts';
import { addExtTimesBase, evalExtAtBase } from '../../src/ligero/polyops.ts';
import type { LigeroProof } from '../../src/ligero/proof.ts';
import { quadraticColumnValues } from '../../src/ligero/quadratic.ts';
import type { LigeroRng } from '../../src/ligero/rng.ts';
import type { ScriptedChallenge } from '../../src/transcript/transcript.ts';
import type { LinearConstraint } from '../../src/zk/constraints.ts';
import type { Layout } from '../../src/zk/layout.ts';

export interface Simulated {
  readonly root: Uint8Array;
  readonly proof: LigeroProof;
  /** Challenges to queue in the verifier's ScriptedTranscript, in order. */
  readonly script: ScriptedChallenge[];
}

/** Simulates a proof for (layout, constraints) from public data and randomness only. */
export function simulate(layout: Layout, params: LigeroParams, constraints: readonly LinearConstraint[], rng: LigeroRng): Simulated {
  const shape = ligeroShape(params, layout);
  const { rowWidth: l, queries: t, totalRows: R, witnessRows: W, codeLength: n } = shape;
  const C = constraints.length;
  const T = layout.triples.length;
  const alpha = rng.field(4 * C);
  const u = rng.field(4 * (R - 4));
  const v = rng.field(4 * T);
  const indices: number[] = [];
  while (indices.length < t) {
    const x = rng.field(1)[0] % n;
    if (!indices.includes(x)) indices.push(x);
  }
  const xs = queryPoints(shape, indices);
  const cols = rng.field(t * R); // witness rows, M_L1, M_Q1 stay uniform; masks below are solved
  const proximity = rng.field(4 * shape.proximityLength);
  const linear = rng.field(4 * shape.linearLength);
  const quadratic = rng.field(4 * shape.quadraticLength);
  // Fix Σ_H q_L = target by moving coefficient 0: Σ_H q = ℓ·Σ_{m≡0 mod ℓ} q_m.
  const target = linearTarget(constraints, alpha);
  const cur = sumOverH(linear, l);
  const lInv = inv(l);
  for (let c = 0; c < 4; c++) linear[c] = add(linear[c], mul(sub(target[c], cur[c]), lInv));

  const lin = C > 0 ? linearColumnValues(shape, constraints, alpha, lagrangeAtPoints(l, xs), cols) : new Uint32Array(4 * t);
  const quad = quadraticColumnValues(shape, layout.triples, v, cols);
  for (let j = 0; j < t; j++) {
    const o = j * R;
    const x = xs[j];
    const ql = evalExtAtBase(linear, x);
    const qq = evalExtAtBase(quadratic, x);
    const xl = pow(x, l);
    const xt = pow(x, t - 1);
    const zInv = inv(sub(xl, 1));
    for (let c = 0; c < 4; c++) {
      cols[o + W + MASK.linear0 + c] = sub(sub(ql[c], lin[4 * j + c]), mul(xl, cols[o + W + MASK.linear1 + c]));
      cols[o + W + MASK.quad0 + c] = sub(sub(qq[c], mul(quad[4 * j + c], zInv)), mul(xt, cols[o + W + MASK.quad1 + c]));
    }
    const acc = new Uint32Array(4);
    for (let i = 0, r = 0; r < R; r++) {
      if (r >= W + MASK.proximity && r < W + MASK.proximity + 4) continue;
      addExtTimesBase(acc, 0, u, 4 * i, cols[o + r]);
      i++;
    }
    const qp = evalExtAtBase(proximity, x);
    for (let c = 0; c < 4; c++) cols[o + W + MASK.proximity + c] = sub(qp[c], acc[c]);
  }
  const all = rng.field(n * R);
  indices.forEach((idx, j) => all.set(cols.subarray(j * R, (j + 1) * R), idx * R));
  const salts = rng.bytes(n * SALT_BYTES);
  const tree = buildMerkleTree(hashLeaves(columnBytes(all), 4 * R, salts), shape.logCodeLength);
  const openedSalts = new Uint8Array(t * SALT_BYTES);
  indices.forEach((idx, j) => openedSalts.set(salts.subarray(idx * SALT_BYTES, (idx + 1) * SALT_BYTES), j * SALT_BYTES));
  const script: ScriptedChallenge[] = [];
  if (C > 0) script.push({ label: 'ligero.alpha', value: alpha });
  script.push({ label: 'ligero.u', value: u });
  if (T > 0) script.push({ label: 'ligero.v', value: v });
  script.push({ label: 'ligero.queries', value: indices });
  return {
    root: tree.root,
    proof: { proximity, linear, quadratic, columns: cols, salts: openedSalts, siblings: openMulti(tree, indices).siblings },
    script,
  };
}
