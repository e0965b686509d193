import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { LIGERO_PARAMS_BYTES, LIGERO_TEST, P, absorbLigeroCommitment, ligeroVerify, verifyZk, type LigeroParams } from '@vouch/core';
import {
  deployLigeroStatementVerifier,
  deployStatementRecord,
  addRecordVerifier,
  isStatementVerified,
  localAccounts,
  onchainLigeroTranscript,
  onchainStatementHash,
  submitLigeroProof,
  verifyLigeroProofCall,
  encodeLigeroCircuit,
} from '../src/index.ts';
import { startChain, expectRevert, HARDFORK, type Chain } from './chain-helpers.ts';
import { ligeroInstance, type LigeroInstance } from './ligero-fixture.ts';

/** Adds 1 to coordinate 0 of ext coefficient i of a flat response. */
const bump = (r: Uint32Array, i: number): void => {
  r[4 * i] = (r[4 * i] + 1) % P;
};

describe(`LigeroStatementVerifier.sol vs packages/core/src/ligero (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  let party: Address;
  let other: Address;
  let x: LigeroInstance;
  let honest: Uint8Array;

  beforeAll(async () => {
    ch = await startChain();
    const record = (await deployStatementRecord(ch.c)).address;
    at = (await deployLigeroStatementVerifier(ch.c, record)).address;
    await addRecordVerifier(ch.c, record, at);
    [, party, other] = await localAccounts(ch.anvil.rpcUrl);
    x = ligeroInstance(16, LIGERO_TEST);
    honest = x.prove(party).proof;
  });
  afterAll(async () => ch?.anvil.stop());

  const call = (proof: Uint8Array, circuit = x.circuit, who = party) => verifyLigeroProofCall(ch.c, at, circuit, who, proof);

  it('the TS verifier accepts the same proof under the same transcript', () => {
    const { ligero, root } = x.prove(party);
    verifyZk({
      layout: x.layout,
      transcript: onchainLigeroTranscript(x.circuit, party),
      params: LIGERO_TEST,
      root,
      ligero,
      run: (ctx) => {
        ctx.constraints.push(...x.constraints);
      },
    });
  });

  it('verifies on chain, records the statement for the named party only after verification, and refuses a replay', async () => {
    const statement = onchainStatementHash(x.circuit, party);
    expect(await call(honest)).toBe(statement);
    expect(await isStatementVerified(ch.c, at, statement)).toBe(false);
    // Submitted by a third account: the record still names `party`.
    const { gasUsed } = await submitLigeroProof(ch.c, at, x.circuit, party, honest);
    console.log(`[${HARDFORK}] submit: ℓ=16, 6 witness rows, t=${x.shape.queries}, n=${x.shape.codeLength}, 4 constraints, 2 triples, ${honest.length} proof bytes + ${x.circuit.length} circuit bytes: ${gasUsed} gas`);
    expect(await isStatementVerified(ch.c, at, statement)).toBe(true);
    expect(await isStatementVerified(ch.c, at, onchainStatementHash(x.circuit, other))).toBe(false);
    await expectRevert(submitLigeroProof(ch.c, at, x.circuit, party, honest), 'AlreadyVerified');
  });

  it('a copied proof submitted for another party fails (the party is bound in the transcript)', async () => {
    const e = await call(honest, x.circuit, other).then(
      () => undefined,
      (err: { errorName?: string }) => err.errorName,
    );
    expect(['MerkleRootMismatch', 'MerkleSiblingCount', 'LinearSumMismatch', 'ProximityMismatch']).toContain(e);
    expect(await isStatementVerified(ch.c, at, onchainStatementHash(x.circuit, other))).toBe(false);
  });

  it('a tampered salt fails merkle.path (MerkleRootMismatch)', async () => {
    const p = honest.slice();
    // Layout: … ‖ u32 16t ‖ salts ‖ u32 32s ‖ siblings.
    const sibLen = new DataView(p.buffer).getUint32(findSiblingLenOffset(p, x), true);
    const salts = p.length - sibLen - 4 - 16 * x.shape.queries;
    p[salts] ^= 1;
    await expectRevert(call(p), 'MerkleRootMismatch');
  });

  it('a wrong linear response H-sum fails ligero.linear-sum (LinearSumMismatch)', async () => {
    await expectRevert(call(x.prove(party, (r) => bump(r.linear, 0)).proof), 'LinearSumMismatch');
  });

  it('a false linear statement fails ligero.linear-sum', async () => {
    const w = x.witness.slice();
    w[5 * 16 + 3] = (w[5 * 16 + 3] + 1) % P; // breaks the tensor constraint on row 5
    await expectRevert(call(x.prove(party, undefined, w).proof), 'LinearSumMismatch');
  });

  it('a wrong proximity response fails ligero.proximity (ProximityMismatch)', async () => {
    await expectRevert(call(x.prove(party, (r) => bump(r.proximity, 0)).proof), 'ProximityMismatch');
  });

  it('a linear response changed off the H-sum fails ligero.linear-column (LinearColumnMismatch)', async () => {
    await expectRevert(call(x.prove(party, (r) => bump(r.linear, 1)).proof), 'LinearColumnMismatch');
  });

  it('a wrong quadratic response fails ligero.quadratic-column (QuadraticColumnMismatch)', async () => {
    await expectRevert(call(x.prove(party, (r) => bump(r.quadratic, 0)).proof), 'QuadraticColumnMismatch');
  });

  it('a false quadratic statement (row2 ≠ row0 ⊙ row1, linear constraints true) fails ligero.quadratic-column', async () => {
    const y = ligeroInstance(16, LIGERO_TEST, 1, (w) => {
      w[2 * 16 + 7] = (w[2 * 16 + 7] + 1) % P;
    });
    await expectRevert(call(y.prove(party).proof, y.circuit), 'QuadraticColumnMismatch');
  });

  it('malformed proofs revert with the reader errors', async () => {
    const v = honest.slice();
    v[32] = 1; // the v1 format had no parameter record
    await expectRevert(call(v), 'BadProofVersion');
    await expectRevert(call(honest.subarray(0, honest.length - 1)), 'Truncated');
    const longer = new Uint8Array(honest.length + 1);
    longer.set(honest);
    await expectRevert(call(longer), 'TrailingBytes');
    const c = honest.slice();
    c[33 + LIGERO_PARAMS_BYTES] += 1; // proximity count k → k + 1
    await expectRevert(call(c), 'BadLength');
    const nc = honest.slice();
    nc.set([0x01, 0x00, 0x00, 0x78], 37 + LIGERO_PARAMS_BYTES); // proximity coefficient 0, c0 = p
    await expectRevert(call(nc), 'NonCanonical');
  });

  it('a malformed circuit or zero party reverts (BadCircuit, ZeroParty)', async () => {
    const bad = x.circuit.slice();
    bad[8] = 0; // t = 0
    await expectRevert(call(honest, bad), 'BadCircuit');
    await expectRevert(call(honest, x.circuit, '0x0000000000000000000000000000000000000000'), 'ZeroParty');
  });

  it('the circuit encoding deduplicates shared column vectors', () => {
    const v = new DataView(x.circuit.buffer, x.circuit.byteOffset).getUint32(16, true);
    expect(v).toBe(2);
    expect(encodeLigeroCircuit(x.layout, x.constraints, x.shape)).toEqual(x.circuit);
  });

  it('verifies and records a larger shape (ℓ = 32, t = 16, blowup 4)', async () => {
    const params: LigeroParams = { name: 'onchain-t16', queries: 16, blowup: 4 };
    const y = ligeroInstance(32, params, 7);
    const { proof, ligero, root } = y.prove(party);
    ligeroVerify(root, y.layout, params, verifierCtx(y, party, root), ligero);
    const { gasUsed } = await submitLigeroProof(ch.c, at, y.circuit, party, proof);
    console.log(`[${HARDFORK}] submit: ℓ=32, 6 witness rows, t=${y.shape.queries}, n=${y.shape.codeLength}, ${proof.length} proof bytes + ${y.circuit.length} circuit bytes: ${gasUsed} gas`);
    expect(await isStatementVerified(ch.c, at, onchainStatementHash(y.circuit, party))).toBe(true);
  });
});

function verifierCtx(y: LigeroInstance, party: Address, root: Uint8Array) {
  const transcript = onchainLigeroTranscript(y.circuit, party);
  absorbLigeroCommitment(transcript, y.shape, root);
  return { layout: y.layout, transcript, constraints: [...y.constraints] };
}

/** Byte offset of the u32 sibling length in root ‖ proof (after responses, columns and salts). */
function findSiblingLenOffset(p: Uint8Array, x: LigeroInstance): number {
  const s = x.shape;
  const R = s.totalRows;
  return 32 + 1 + LIGERO_PARAMS_BYTES + 4 + 16 * s.proximityLength + 4 + 16 * s.linearLength + 4 + 16 * s.quadraticLength + 4 + 4 * s.queries * R + 4 + 16 * s.queries;
}
