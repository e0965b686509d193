/** Tensor PCS for public data: honest openings, each verifier check broken exactly, strict format. */
import { describe, expect, it } from 'vitest';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { add } from '../../src/field/babybear.ts';
import { eAdd, eOf } from '../../src/field/ext4.ts';
import { openMulti } from '../../src/merkle/merkle.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { seededRng } from '../../src/ligero/rng.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import {
  TENSOR_PCS_CONJECTURED,
  TENSOR_PCS_PROVEN,
  tensorPcs,
  tensorPcsSecurity,
  type TensorOpeningProof,
  type TensorProverData,
} from '../../src/pcs/index.ts';
import { thrown } from './harness.ts';

const rng = seededRng('pcs');
const pcs = tensorPcs({ name: 'pcs-test', queries: 12, blowup: 4 });
const tr = () => new Sha256Transcript('vouch-pcs-test', 1);

function expectCheck(fn: () => unknown, check: string): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(VerificationError);
  expect((e as VerificationError).check).toBe(check);
}

/** A cheating prover: rewrite the rows, then open the columns the verifier will now query. */
function reopen(data: TensorProverData, point: Uint32Array, value: Uint32Array, p: TensorOpeningProof): TensorOpeningProof {
  const c = data.commitment;
  const rows = 2 ** c.logRows;
  const n = 4 * 2 ** (c.numVars - c.logRows);
  const t = tr();
  t.absorbDigest('pcs.root', c.root);
  t.absorbU32('pcs.num-vars', c.numVars);
  t.absorbU32('pcs.log-rows', c.logRows);
  t.absorbExt('pcs.point', point);
  t.challengeExts('pcs.u', rows);
  t.absorbExt('pcs.proximity-row', p.proximityRow);
  t.absorbExt('pcs.evaluation-row', p.evaluationRow);
  t.absorbExt('pcs.value', value);
  const idx = t.challengeIndices('pcs.queries', n, Math.min(12, n));
  const columns = new Uint32Array(idx.length * rows);
  idx.forEach((x, j) => columns.set(data.columns.subarray(x * rows, (x + 1) * rows), j * rows));
  return { ...p, columns, siblings: openMulti(data.tree, idx).siblings };
}

describe('tensor PCS (public data)', () => {
  it('opens the MLE correctly at random points, for several sizes', () => {
    for (const v of [0, 1, 5, 10]) {
      const values = rng.field(2 ** v);
      const { commitment, data } = pcs.commit(values);
      for (let k = 0; k < 2; k++) {
        const z = rng.field(4 * v);
        const { value, proof } = pcs.open(data, z, tr());
        expect(Array.from(value)).toEqual(Array.from(mleEvalBase(values, z)));
        pcs.verify(commitment, z, value, pcs.parseProof(commitment, pcs.serializeProof(proof)), tr());
      }
    }
  });

  const values = rng.field(2 ** 10);
  const { commitment, data } = pcs.commit(values);
  const z = rng.field(40);
  const { value, proof } = pcs.open(data, z, tr());

  it('wrong claimed value → pcs.evaluation', () => {
    expectCheck(() => pcs.verify(commitment, z, eAdd(value, eOf(1)), proof, tr()), 'pcs.evaluation');
  });

  it('wrong opened column value → merkle.path', () => {
    const columns = Uint32Array.from(proof.columns);
    columns[0] = add(columns[0], 1);
    expectCheck(() => pcs.verify(commitment, z, value, { ...proof, columns }, tr()), 'merkle.path');
  });

  it('tampered proximity row (columns reopened) → pcs.proximity', () => {
    const proximityRow = Uint32Array.from(proof.proximityRow);
    proximityRow[5] = add(proximityRow[5], 1);
    const cheat = reopen(data, z, value, { ...proof, proximityRow });
    expectCheck(() => pcs.verify(commitment, z, value, cheat, tr()), 'pcs.proximity');
  });

  it('tampered evaluation row keeping the claimed value (columns reopened) → pcs.consistency', () => {
    // Move mass between two entries so that ⟨eq(z_lo), y_z⟩ is unchanged: y[0] += e1·δ, y[1] −= e0·δ.
    const colVars = commitment.numVars - commitment.logRows;
    const eq = (i: number) => mleEvalBase(Uint32Array.from({ length: 2 ** colVars }, (_, k) => (k === i ? 1 : 0)), z.subarray(0, 4 * colVars));
    const y = Uint32Array.from(proof.evaluationRow);
    const e0 = eq(0), e1 = eq(1);
    const y0 = eAdd(y.subarray(0, 4), e1);
    const y1 = eAdd(y.subarray(4, 8), e0.map((x) => (x === 0 ? 0 : 2013265921 - x)));
    y.set(y0, 0);
    y.set(y1, 4);
    const cheat = reopen(data, z, value, { ...proof, evaluationRow: y });
    expectCheck(() => pcs.verify(commitment, z, value, cheat, tr()), 'pcs.consistency');
  });

  it('transcript out of step → merkle.path', () => {
    const t = tr();
    t.absorbU32('extra', 1);
    expectCheck(() => pcs.verify(commitment, z, value, proof, t), 'merkle.path');
  });

  it('malformed bytes → MalformedError only', () => {
    const bytes = pcs.serializeProof(proof);
    for (let n = 0; n < bytes.length; n += 13) expect(thrown(() => pcs.parseProof(commitment, bytes.subarray(0, n)))).toBeInstanceOf(MalformedError);
    const long = new Uint8Array(bytes.length + 1);
    long.set(bytes);
    expect(thrown(() => pcs.parseProof(commitment, long))).toBeInstanceOf(MalformedError);
  });

  it('default parameter sets reach 100 bits in their regime', () => {
    for (const v of [10, 16, 20, 24]) {
      expect(tensorPcsSecurity(TENSOR_PCS_CONJECTURED, v).conjecturedBits).toBeGreaterThanOrEqual(100);
      expect(tensorPcsSecurity(TENSOR_PCS_PROVEN, v).provenBits).toBeGreaterThanOrEqual(100);
    }
  });
});
