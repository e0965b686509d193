import { describe, expect, it } from 'vitest';
import { MalformedError, fromInt, mleEvalBase, toSigned, BASEFOLD_CONJECTURED_100 } from '@vouch/core';
import {
  LINEAR_VK_BYTES,
  LINEAR_VALUE_LIMIT,
  decodeLinearProof,
  decodeLinearVk,
  encodeLinearVk,
  linearKey,
  linearModelId,
  linearStatementHash,
  linearStatementTranscript,
  linearVars,
  proveLinear,
  verifyLinear,
  LINEAR_MATVEC_LABEL,
  encodeLinearValues,
} from '../src/index.ts';
import { verifyMatVec } from '@vouch/core';
import { LINEAR_TEST_PRESET, linearFixture, tamperedLinearCases, tsVerdictMismatch } from './helpers/onchain-linear-cases.ts';

const party = Uint8Array.from({ length: 20 }, (_, i) => 0xa0 + i);
const other = Uint8Array.from({ length: 20 }, (_, i) => 0x10 + i);

describe('on-chain linear statements (sumcheck + BaseFold), TS side', () => {
  const fx = linearFixture(6, 11, party, 3);

  it('an honest statement verifies; y is W·x over the integers; the statement hash binds model, x, y, party', () => {
    const { rows, cols } = fx.key.vk;
    for (let i = 0; i < rows; i++) {
      let acc = 0;
      for (let j = 0; j < cols; j++) acc += fx.weights[i * cols + j] * fx.x[j];
      expect(fx.out.yValues[i]).toBe(acc);
    }
    const { statementHash, modelId } = verifyLinear(fx.statement);
    expect(modelId).toEqual(linearModelId(fx.key.vkBytes));
    expect(modelId).toEqual(fx.key.modelId);
    expect(statementHash).toEqual(linearStatementHash(modelId, fx.out.x, fx.out.y, party));
    expect(statementHash).toEqual(fx.out.statementHash);
    expect(linearStatementHash(modelId, fx.out.x, fx.out.y, other)).not.toEqual(statementHash);
  });

  it('W is opened at s ‖ r: the sumcheck point (variable order, column variables low), then the row point', () => {
    // Square shape, so that the swapped point has the same length and must be rejected by value.
    const sq = linearFixture(4, 4, party, 9);
    const { tr, r } = linearStatementTranscript({ vk: sq.key.vk, modelId: sq.key.modelId, party, x: Uint32Array.from(sq.x, fromInt), y: Uint32Array.from(sq.out.yValues, fromInt) });
    const proof = decodeLinearProof(sq.out.proof, 2);
    const yt = Uint32Array.from(sq.out.yValues, fromInt);
    const final = verifyMatVec(tr, sq.key.vk, mleEvalBase(yt, r), { rounds: proof.rounds }, LINEAR_MATVEC_LABEL);
    const table = sq.key.commitment.evals;
    const cat = (a: Uint32Array, b: Uint32Array) => Uint32Array.of(...a, ...b);
    expect(mleEvalBase(table, cat(final.point, r))).toEqual(proof.wEval);
    expect(mleEvalBase(table, cat(r, final.point))).not.toEqual(proof.wEval);
    // The table is W[row·2^cb + col]: entry (1, 2) at index 1·4 + 2.
    expect(toSigned(table[6])).toBe(sq.weights[1 * 4 + 2]);
  });

  it('every tampered statement is rejected with exactly its reason', () => {
    const otherKey = linearKey(fx.weights.map((w) => (w === 127 ? -128 : w + 1)), 6, 11, { preset: LINEAR_TEST_PRESET });
    const cases = tamperedLinearCases(fx, other, otherKey);
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect(tsVerdictMismatch(() => verifyLinear(c.statement), c.ts), c.name).toBeUndefined();
  });

  it('the key round-trips, is 65 bytes, and refuses shapes that break the range argument', () => {
    expect(fx.key.vkBytes.length).toBe(LINEAR_VK_BYTES);
    const vk = decodeLinearVk(fx.key.vkBytes);
    expect(encodeLinearVk(vk)).toEqual(fx.key.vkBytes);
    expect(vk.params).toEqual({ vars: 3 + 4, ...LINEAR_TEST_PRESET });
    // cols·128·bound ≤ (p−1)/2: at the limit it is accepted, one above it is not.
    const limit = Math.floor(LINEAR_VALUE_LIMIT / (128 * 11));
    expect(() => encodeLinearVk({ ...vk, inputBound: limit })).not.toThrow();
    expect(() => encodeLinearVk({ ...vk, inputBound: limit + 1 })).toThrow(MalformedError);
    expect(() => encodeLinearVk({ ...vk, rows: 0 })).toThrow(/linear\.vk\.rows/);
    expect(() => decodeLinearVk(fx.key.vkBytes.subarray(0, 64))).toThrow(MalformedError);
  });

  it('the prover refuses inputs outside the bound, weights outside int8 and a zero party', () => {
    expect(() => proveLinear(fx.key, fx.x.map((v, j) => (j === 0 ? 128 : v)), party)).toThrow(RangeError);
    expect(() => linearKey([128, 0], 1, 2)).toThrow(/int8/);
    expect(() => proveLinear(fx.key, fx.x, new Uint8Array(20))).toThrow(RangeError);
  });

  it('degenerate shapes: one row (rb = 0) and one column (cb = 0)', () => {
    for (const [rows, cols] of [[1, 5], [6, 1], [2, 2]]) {
      const f = linearFixture(rows, cols, party, rows + cols);
      expect(() => verifyLinear(f.statement), `${rows} × ${cols}`).not.toThrow();
      const y = f.out.yValues.slice();
      y[0] += 1;
      // cb = 0: no sumcheck round, the changed claim reaches linear.final directly.
      const want = cols === 1 ? { check: 'linear.final' } : { check: 'sumcheck.round-sum' };
      expect(tsVerdictMismatch(() => verifyLinear({ ...f.statement, y: encodeLinearValues(y) }), want), `${rows} × ${cols}`).toBeUndefined();
    }
  });

  it('a B1 first-layer shape (56 × 784 → 64 × 1024, n = 16) with the conjectured-100 preset', () => {
    const f = linearFixture(56, 784, party, 5, BASEFOLD_CONJECTURED_100);
    expect(linearVars(f.key.vk)).toEqual({ rb: 6, cb: 10 });
    expect(f.key.vk.params.vars).toBe(16);
    expect(() => verifyLinear(f.statement)).not.toThrow();
  });
});
