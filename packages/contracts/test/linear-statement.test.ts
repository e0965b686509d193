import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, getAddress, hexToBytes, type Address } from 'viem';
import { BASEFOLD_CONJECTURED_100 } from '@vouch/core';
import { linearKey, proveLinear, verifyLinear, type LinearStatementBytes } from '@vouch/zkml';
import {
  ContractRevertError,
  TX_GAS_CAP,
  addRecordVerifier,
  calldataGas,
  deployLinearStatementVerifier,
  deployStatementRecord,
  estimateLinearVerifyGas,
  getStatementRecord,
  isRecorded,
  linearSubmitCalldata,
  localAccounts,
  submitLinearStatement,
  verifyLinearStatementCall,
  type LinearStatementCall,
} from '../src/index.ts';
import { startChain, expectRevert, HARDFORK, type Chain } from './chain-helpers.ts';
import { LINEAR_TEST_PRESET, linearFixture, tamperedLinearCases, tsVerdictMismatch, type LinearFixture } from '../../zkml/test/helpers/onchain-linear-cases.ts';

const onChain = (s: LinearStatementBytes): LinearStatementCall => ({ ...s, party: getAddress(bytesToHex(s.party)) });

describe(`LinearStatementVerifier.sol vs packages/zkml/src/onchain/linear (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let record: Address;
  let at: Address;
  let party: Address;
  let other: Address;
  let fx: LinearFixture;

  beforeAll(async () => {
    ch = await startChain();
    record = (await deployStatementRecord(ch.c)).address;
    at = (await deployLinearStatementVerifier(ch.c, record)).address;
    await addRecordVerifier(ch.c, record, at);
    [, party, other] = await localAccounts(ch.anvil.rpcUrl);
    fx = linearFixture(6, 11, hexToBytes(party), 3);
  });
  afterAll(async () => ch?.anvil.stop());

  it('an honest statement verifies in TS and on chain, is recorded for its party (submitted by a relayer) with the model id, and a replay is refused', async () => {
    const { statementHash, modelId } = verifyLinear(fx.statement);
    const h = bytesToHex(statementHash);
    expect(await verifyLinearStatementCall(ch.c, at, onChain(fx.statement))).toBe(h);
    expect(await isRecorded(ch.c, record, h)).toBe(false);
    const { gasUsed } = await submitLinearStatement(ch.c, at, onChain(fx.statement));
    console.log(`[${HARDFORK}] submit: 6 × 11 linear statement (n = 7, test preset q = 6), ${fx.statement.proof.length} proof bytes: ${gasUsed} gas`);
    const rec = await getStatementRecord(ch.c, record, h);
    expect(rec.party).toBe(party);
    expect(rec.verifier).toBe(at);
    expect(rec.modelId).toBe(bytesToHex(modelId));
    await expectRevert(submitLinearStatement(ch.c, at, onChain(fx.statement)), 'AlreadyVerified');
  });

  it('the same proof for another party is rejected in TS and on chain, and nothing is recorded for it', async () => {
    const s = { ...fx.statement, party: hexToBytes(other) };
    expect(tsVerdictMismatch(() => verifyLinear(s), { check: 'sumcheck.round-sum' })).toBeUndefined();
    await expectRevert(submitLinearStatement(ch.c, at, onChain(s)), 'RoundSumMismatch');
  });

  it('inputs at the bound (±inputBound) verify on chain: the range check’s edges', async () => {
    const key = linearKey(fx.weights, 6, 11, { preset: LINEAR_TEST_PRESET, inputBound: 5 });
    const x = Array.from({ length: 11 }, (_, j) => (j % 2 ? 5 : -5));
    const out = proveLinear(key, x, hexToBytes(party));
    const s = { vk: key.vkBytes, x: out.x, y: out.y, party: hexToBytes(party), proof: out.proof };
    expect(await verifyLinearStatementCall(ch.c, at, onChain(s))).toBe(bytesToHex(verifyLinear(s).statementHash));
  });

  it('every tampered statement: the exact TS reason and the matching named error on chain', async () => {
    const otherKey = linearKey(fx.weights.map((w) => (w === 127 ? -128 : w + 1)), 6, 11, { preset: LINEAR_TEST_PRESET });
    const cases = tamperedLinearCases(fx, hexToBytes(other), otherKey);
    for (const c of cases) {
      expect(tsVerdictMismatch(() => verifyLinear(c.statement), c.ts), c.name).toBeUndefined();
      const e = await verifyLinearStatementCall(ch.c, at, onChain(c.statement)).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e, c.name).toBeInstanceOf(ContractRevertError);
      expect((e as ContractRevertError).errorName, c.name).toBe(c.sol);
    }
  });

  it('B1’s first layer shape (56 × 784 → 64 × 1024, n = 16, conjectured-100) verifies and records under the EIP-7825 cap', async () => {
    const big = linearFixture(56, 784, hexToBytes(party), 11, BASEFOLD_CONJECTURED_100);
    const s = onChain(big.statement);
    expect(await verifyLinearStatementCall(ch.c, at, s)).toBe(bytesToHex(verifyLinear(big.statement).statementHash));
    const verifyGas = await estimateLinearVerifyGas(ch.c, at, s);
    const cd = calldataGas(hexToBytes(linearSubmitCalldata(s)));
    const { gasUsed } = await submitLinearStatement(ch.c, at, s);
    console.log(`[${HARDFORK}] 56 × 784 (n = 16, R = 4, q = 25): proof ${big.statement.proof.length} B, calldata ${cd.bytes} B (${cd.standard} gas at 16/byte, floor ${cd.floor}), verify ${verifyGas} gas, submit ${gasUsed} gas`);
    expect(gasUsed).toBeLessThan(TX_GAS_CAP);
    expect(await isRecorded(ch.c, record, bytesToHex(big.out.statementHash))).toBe(true);
  });
});
