/**
 * Tensor (Ligero / Brakedown-style) multilinear PCS for public data (Ames et al. CCS 2017 §4;
 * Golovnev et al., Brakedown, CRYPTO 2023, §4 "polynomial commitments from tensor codes").
 *
 * Commit: the 2^v values form a matrix M of 2^a rows × ℓ = 2^{v−a} columns (value i at row i >> log ℓ,
 * column i mod ℓ). Row r, read as the coefficients of a polynomial of degree < ℓ, is encoded by
 * evaluation on D = 31·⟨ω_n⟩, n = blowup·ℓ. Leaf j = SHA-256(0x00 ‖ column j as u32 LE), no salt.
 *
 * Open at z = (z_lo, z_hi) (z_lo: the log ℓ column variables, z_hi: the a row variables):
 *   absorb pcs.root, pcs.shape, pcs.point;  u ← challengeExts pcs.u (2^a)
 *   send y_u = Σ_r u_r·M_r and y_z = Σ_r eq(z_hi, r)·M_r (ext, ℓ each); absorb both, and the value
 *   v~(z) = Σ_c eq(z_lo, c)·y_z[c];  queries ← challengeIndices pcs.queries (n, t); open t columns.
 * Verify: pcs.evaluation (value = ⟨eq(z_lo), y_z⟩), merkle.path, and at each opened column η_j
 *   pcs.proximity   y_u(η_j) = Σ_r u_r·U_r[j]
 *   pcs.consistency y_z(η_j) = Σ_r eq(z_hi, r)·U_r[j].
 * Soundness (docs/parts/ligero.md, "Public-data PCS"): the row code has rate ρ = 1/blowup; proven
 * per-query error (1 + ρ)/2, conjectured √ρ + η, plus (n + 1)/|K| (×L conjectured): the same
 * calculator as the ZK commitment with the row-code rate in place of the product rate.
 */
import { VerificationError } from '../errors.ts';
import { eEq, eToString, type Ext } from '../field/ext4.ts';
import { extInnerBase, extInner } from '../field/vec.ts';
import { cosetNtt } from '../ntt/ntt.ts';
import { buildMerkleTree, hashLeaf, hashLeaves, multiProofSiblingCount, openMulti, verifyMulti, type MerkleTree } from '../merkle/merkle.ts';
import { eqTable } from '../poly/eq.ts';
import { ByteReader, ByteWriter } from '../serialize/bytes.ts';
import { MalformedError } from '../errors.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { columnBytes } from '../ligero/column-bytes.ts';
import { queryPoints } from '../ligero/encode.ts';
import { COSET_SHIFT, type LigeroShape } from '../ligero/params.ts';
import { evalExtWithPowers, powersOf } from '../ligero/polyops.ts';
import { JOHNSON_SLACK, LOG2_EXT_FIELD, queriesFor } from '../ligero/security.ts';
import type { MultilinearPcs } from './types.ts';

/** Parameters of the tensor PCS. */
export interface TensorPcsParams {
  readonly name: string;
  /** Opened columns. */
  readonly queries: number;
  /** n/ℓ, a power of two ≥ 2. */
  readonly blowup: number;
}

/** ≥ 100 conjectured bits (row-code rate 1/4, 108 columns: the rate is exactly 1/4, so one bit of margin covers the field terms). */
export const TENSOR_PCS_CONJECTURED: TensorPcsParams = Object.freeze({ name: 'conjectured-100', queries: queriesFor(101, 4, 'conjectured'), blowup: 4 });
/** ≥ 100 proven bits (row-code rate 1/4, 149 columns). */
export const TENSOR_PCS_PROVEN: TensorPcsParams = Object.freeze({ name: 'proven-100', queries: queriesFor(101, 4, 'proven'), blowup: 4 });

/** The commitment: root and the matrix shape (both public). */
export interface TensorCommitment {
  readonly root: Uint8Array;
  readonly numVars: number;
  /** log2 of the number of rows. */
  readonly logRows: number;
}

/** Prover data kept after commit. */
export interface TensorProverData {
  readonly commitment: TensorCommitment;
  readonly values: Uint32Array;
  /** Codewords column-major, n × rows. */
  readonly columns: Uint32Array;
  readonly tree: MerkleTree;
}

/** An opening proof. */
export interface TensorOpeningProof {
  /** y_u (flat ext, ℓ). */
  readonly proximityRow: Uint32Array;
  /** y_z (flat ext, ℓ). */
  readonly evaluationRow: Uint32Array;
  /** Opened columns in query order, t × rows. */
  readonly columns: Uint32Array;
  readonly siblings: Uint8Array;
}

const PROOF_VERSION = 1;

/** Row count 2^a minimising t·2^a·4 + 2·16·2^{v−a} bytes (opened columns vs the two rows). */
export function tensorLogRows(numVars: number, queries: number): number {
  let best = 0;
  let bestBytes = Infinity;
  for (let a = 0; a <= numVars; a++) {
    const bytes = queries * 4 * 2 ** a + 32 * 2 ** (numVars - a);
    if (bytes < bestBytes) {
      bestBytes = bytes;
      best = a;
    }
  }
  return best;
}

/** Soundness of one opening: proven and conjectured bits (see the module header). */
export function tensorPcsSecurity(params: TensorPcsParams, numVars: number): { provenBits: number; conjecturedBits: number } {
  const logRows = tensorLogRows(numVars, params.queries);
  const l = 2 ** (numVars - logRows);
  const n = params.blowup * l;
  const rho = 1 / params.blowup;
  const field = LOG2_EXT_FIELD - Math.log2(n + 1);
  const list = Math.log2(1 / (2 * JOHNSON_SLACK * Math.sqrt(rho)));
  const comb = (a: number, b: number) => Math.min(a, b) - Math.log2(1 + 2 ** -Math.abs(a - b));
  return {
    provenBits: comb(-params.queries * Math.log2((1 + rho) / 2), field),
    conjecturedBits: comb(-params.queries * Math.log2(Math.sqrt(rho) + JOHNSON_SLACK), field - list),
  };
}

/** The tensor PCS with the given parameters. */
export function tensorPcs(params: TensorPcsParams): MultilinearPcs<TensorCommitment, TensorProverData, TensorOpeningProof> {
  if (!Number.isInteger(params.queries) || params.queries < 1) throw new RangeError(`tensorPcs: expected queries ≥ 1, got ${params.queries}`);
  if (!Number.isInteger(params.blowup) || params.blowup < 2 || (params.blowup & (params.blowup - 1)) !== 0) {
    throw new RangeError(`tensorPcs: expected a power-of-two blowup ≥ 2, got ${params.blowup}`);
  }
  const t = params.queries;

  function dims(c: TensorCommitment) {
    const rows = 2 ** c.logRows;
    const l = 2 ** (c.numVars - c.logRows);
    const n = params.blowup * l;
    const logN = Math.log2(n);
    const tq = Math.min(t, n);
    return { rows, l, n, logN, tq };
  }

  function absorbHeader(tr: Transcript, c: TensorCommitment, point: Uint32Array): void {
    if (point.length !== 4 * c.numVars) throw new RangeError(`tensorPcs: expected a point of ${c.numVars} ext elements, got ${point.length / 4}`);
    tr.absorbDigest('pcs.root', c.root);
    tr.absorbU32('pcs.num-vars', c.numVars);
    tr.absorbU32('pcs.log-rows', c.logRows);
    tr.absorbExt('pcs.point', point);
  }

  function shapeFor(n: number, logN: number): LigeroShape {
    return { codeLength: n, logCodeLength: logN } as LigeroShape;
  }

  return Object.freeze({
    name: `tensor-ligero/${params.name}`,

    commit(values: Uint32Array) {
      const N = values.length;
      if (!(values instanceof Uint32Array) || N === 0 || (N & (N - 1)) !== 0) {
        throw new RangeError(`tensorPcs.commit: expected a Uint32Array of 2^v values, got length ${values?.length}`);
      }
      const numVars = Math.log2(N);
      const logRows = tensorLogRows(numVars, t);
      const commitment0 = { root: new Uint8Array(32), numVars, logRows };
      const { rows, l, n, logN } = dims(commitment0);
      const columns = new Uint32Array(n * rows);
      for (let r = 0; r < rows; r++) {
        const cw = cosetNtt(values.subarray(r * l, (r + 1) * l), COSET_SHIFT, n);
        for (let j = 0, o = r; j < n; j++, o += rows) columns[o] = cw[j];
      }
      const tree = buildMerkleTree(hashLeaves(columnBytes(columns), 4 * rows), logN);
      const commitment: TensorCommitment = Object.freeze({ root: tree.root, numVars, logRows });
      return { commitment, data: Object.freeze({ commitment, values, columns, tree }) };
    },

    open(data: TensorProverData, point: Uint32Array, transcript: Transcript) {
      const c = data.commitment;
      const { rows, l, tq, n } = dims(c);
      absorbHeader(transcript, c, point);
      const u = transcript.challengeExts('pcs.u', rows);
      const colVars = c.numVars - c.logRows;
      const eqLo = eqTable(point.subarray(0, 4 * colVars));
      const eqHi = eqTable(point.subarray(4 * colVars));
      const proximityRow = new Uint32Array(4 * l);
      const evaluationRow = new Uint32Array(4 * l);
      const col = new Uint32Array(rows);
      for (let i = 0; i < l; i++) {
        for (let r = 0; r < rows; r++) col[r] = data.values[r * l + i];
        proximityRow.set(extInnerBase(u, col), 4 * i);
        evaluationRow.set(extInnerBase(eqHi, col), 4 * i);
      }
      const value = extInner(eqLo, evaluationRow);
      transcript.absorbExt('pcs.proximity-row', proximityRow);
      transcript.absorbExt('pcs.evaluation-row', evaluationRow);
      transcript.absorbExt('pcs.value', value);
      const indices = transcript.challengeIndices('pcs.queries', n, tq);
      const columns = new Uint32Array(tq * rows);
      indices.forEach((x, j) => columns.set(data.columns.subarray(x * rows, (x + 1) * rows), j * rows));
      return { value, proof: Object.freeze({ proximityRow, evaluationRow, columns, siblings: openMulti(data.tree, indices).siblings }) };
    },

    verify(c: TensorCommitment, point: Uint32Array, value: Ext, proof: TensorOpeningProof, transcript: Transcript) {
      const { rows, l, n, logN, tq } = dims(c);
      checkShape(proof, l, tq, rows);
      absorbHeader(transcript, c, point);
      const u = transcript.challengeExts('pcs.u', rows);
      const colVars = c.numVars - c.logRows;
      const eqLo = eqTable(point.subarray(0, 4 * colVars));
      const eqHi = eqTable(point.subarray(4 * colVars));
      const claimed = extInner(eqLo, proof.evaluationRow);
      if (!eEq(claimed, value)) {
        throw new VerificationError('pcs.evaluation', `expected ⟨eq(z_lo), y_z⟩ = ${eToString(value)}, got ${eToString(claimed)}`);
      }
      transcript.absorbExt('pcs.proximity-row', proof.proximityRow);
      transcript.absorbExt('pcs.evaluation-row', proof.evaluationRow);
      transcript.absorbExt('pcs.value', value);
      const indices = transcript.challengeIndices('pcs.queries', n, tq);
      const need = multiProofSiblingCount(logN, indices);
      if (proof.siblings.length !== 32 * need) {
        throw new VerificationError('merkle.path', `expected ${need} sibling hashes for the query columns, got ${proof.siblings.length / 32}`);
      }
      const leaves = indices.map((_, j) => hashLeaf(columnBytes(proof.columns.slice(j * rows, (j + 1) * rows))));
      verifyMulti(c.root, logN, indices, leaves, { siblings: proof.siblings });
      const xs = queryPoints(shapeFor(n, logN), indices);
      const pw = Array.from(xs, (x) => powersOf(x, l));
      for (let j = 0; j < tq; j++) {
        const colj = proof.columns.subarray(j * rows, (j + 1) * rows);
        const lhs = extInnerBase(u, colj);
        const rhs = evalExtWithPowers(proof.proximityRow, pw[j]);
        if (!eEq(lhs, rhs)) throw new VerificationError('pcs.proximity', `expected y_u(η) = ${eToString(lhs)}, got ${eToString(rhs)}`, `column ${indices[j]}`);
      }
      for (let j = 0; j < tq; j++) {
        const colj = proof.columns.subarray(j * rows, (j + 1) * rows);
        const lhs = extInnerBase(eqHi, colj);
        const rhs = evalExtWithPowers(proof.evaluationRow, pw[j]);
        if (!eEq(lhs, rhs)) throw new VerificationError('pcs.consistency', `expected y_z(η) = ${eToString(lhs)}, got ${eToString(rhs)}`, `column ${indices[j]}`);
      }
    },

    serializeProof(proof: TensorOpeningProof): Uint8Array {
      const w = new ByteWriter();
      w.u8(PROOF_VERSION);
      w.extVec(proof.proximityRow);
      w.extVec(proof.evaluationRow);
      w.baseVec(proof.columns);
      w.bytes(proof.siblings);
      return w.finish();
    },

    parseProof(c: TensorCommitment, bytes: Uint8Array): TensorOpeningProof {
      const { rows, l, tq, logN } = dims(c);
      const r = new ByteReader(bytes);
      const v = r.u8('pcs.version');
      if (v !== PROOF_VERSION) throw new MalformedError('pcs.version', `expected ${PROOF_VERSION}, got ${v}`, 0);
      const proximityRow = r.extVec('pcs.proximity-row', l);
      const evaluationRow = r.extVec('pcs.evaluation-row', l);
      const columns = r.baseVec('pcs.columns', tq * rows);
      const siblings = r.bytes('pcs.siblings', 32 * tq * logN);
      r.finish('pcs.end');
      const proof = { proximityRow, evaluationRow, columns, siblings };
      checkShape(proof, l, tq, rows);
      return Object.freeze(proof);
    },
  });
}

function checkShape(p: TensorOpeningProof, l: number, t: number, rows: number): void {
  const want: [string, Uint32Array | Uint8Array, number][] = [
    ['pcs.proximity-row', p.proximityRow, 4 * l],
    ['pcs.evaluation-row', p.evaluationRow, 4 * l],
    ['pcs.columns', p.columns, t * rows],
  ];
  for (const [f, v, len] of want) {
    if (!(v instanceof Uint32Array) || v.length !== len) throw new MalformedError(f, `expected ${len} entries, got ${v instanceof Uint32Array ? v.length : typeof v}`);
  }
  if (!(p.siblings instanceof Uint8Array) || p.siblings.length % 32 !== 0) {
    throw new MalformedError('pcs.siblings', `expected a multiple of 32 bytes, got ${p.siblings instanceof Uint8Array ? p.siblings.length : typeof p.siblings}`);
  }
}
