/**
 * Audit O3 on chain: the Ligero parameter record. A proof made under one parameter set (t, n fixed
 * by the circuit) is rejected under another with `ParamsMismatch(field, expected, got)`, the
 * on-chain twin of the TS verifier's `ligero.params`; a proof whose header is rewritten to the
 * other set is still rejected (the record is absorbed before the root), on chain and in TS alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { LIGERO_TEST, VerificationError, ligeroShape, parseLigeroProof, serializeLigeroProof, verifyZk, type LigeroParams } from '@vouch/core';
import { addRecordVerifier, deployLigeroStatementVerifier, deployStatementRecord, encodeLigeroCircuit, encodeOnchainLigeroProof, localAccounts, onchainLigeroTranscript, verifyLigeroProofCall } from '../src/index.ts';
import { HARDFORK, expectRevert, startChain, type Chain } from './chain-helpers.ts';
import { ligeroInstance, type LigeroInstance } from './ligero-fixture.ts';

const moreQueries: LigeroParams = { name: 'q5', queries: 5, blowup: 2 };
const lowerRate: LigeroParams = { name: 'b4', queries: 4, blowup: 4 };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, got none');
}

describe(`LigeroVerifier.sol parameter record (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  let party: Address;
  let x: LigeroInstance;
  let honest: { proof: Uint8Array; root: Uint8Array; ligero: import('@vouch/core').LigeroProof };

  beforeAll(async () => {
    ch = await startChain();
    const record = (await deployStatementRecord(ch.c)).address;
    at = (await deployLigeroStatementVerifier(ch.c, record)).address;
    await addRecordVerifier(ch.c, record, at);
    [, party] = await localAccounts(ch.anvil.rpcUrl);
    x = ligeroInstance(16, LIGERO_TEST);
    honest = x.prove(party);
  });
  afterAll(async () => ch?.anvil.stop());

  const circuitFor = (params: LigeroParams) => encodeLigeroCircuit(x.layout, x.constraints, ligeroShape(params, x.layout));
  const call = (proof: Uint8Array, circuit: Uint8Array) => verifyLigeroProofCall(ch.c, at, circuit, party, proof);

  it('control: the header is the circuit’s record and the proof verifies', async () => {
    const v = new DataView(honest.proof.buffer, honest.proof.byteOffset + 33, 28);
    expect(Array.from({ length: 7 }, (_, i) => v.getUint32(4 * i, true))).toEqual([16, x.shape.witnessRows, 20, 4, x.shape.codeLength, 31, 16]);
    await call(honest.proof, x.circuit);
  });

  it('a circuit with more queries: ParamsMismatch(queries = field 3, 5, 4) on chain, ligero.params in TS', async () => {
    const e = await expectRevert(call(honest.proof, circuitFor(moreQueries)), 'ParamsMismatch');
    expect(e.args.map(Number)).toEqual([3, 5, 4]);
    const t = thrown(() => parseLigeroProof(honest.proof.subarray(32), ligeroShape(moreQueries, x.layout))) as VerificationError;
    expect(t).toBeInstanceOf(VerificationError);
    expect(t.check).toBe('ligero.params');
  });

  it('a circuit at a lower rate: ParamsMismatch(codeLength = field 4, 2n, n) on chain, ligero.params in TS', async () => {
    const e = await expectRevert(call(honest.proof, circuitFor(lowerRate)), 'ParamsMismatch');
    expect(e.args.map(Number)).toEqual([4, 2 * x.shape.codeLength, x.shape.codeLength]);
    const t = thrown(() => parseLigeroProof(honest.proof.subarray(32), ligeroShape(lowerRate, x.layout))) as VerificationError;
    expect(t.check).toBe('ligero.params');
  });

  it('the header rewritten to the lower rate: rejected by the transcript binding (merkle) on chain and in TS', async () => {
    const shapeB = ligeroShape(lowerRate, x.layout);
    const circuitB = circuitFor(lowerRate);
    const relabelled = encodeOnchainLigeroProof(honest.root, honest.ligero, shapeB);
    expect(relabelled.length).toBe(honest.proof.length);
    const err = await call(relabelled, circuitB).then(
      () => undefined,
      (e: { errorName?: string }) => e.errorName,
    );
    expect(['MerkleRootMismatch', 'MerkleSiblingCount']).toContain(err);
    const t = thrown(() =>
      verifyZk({
        layout: x.layout,
        transcript: onchainLigeroTranscript(circuitB, party),
        params: lowerRate,
        root: honest.root,
        ligero: parseLigeroProof(serializeLigeroProof(honest.ligero, shapeB), shapeB),
        run: (ctx) => {
          ctx.constraints.push(...x.constraints);
        },
      }),
    ) as VerificationError;
    expect(t).toBeInstanceOf(VerificationError);
    expect(t.check).toBe('merkle.path');
  });
});
