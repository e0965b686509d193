import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 as sha256Hex, type Address, type Hex } from 'viem';
import { LIGERO_TEST, P } from '@vouch/core';
import {
  StatementConsumerHarness,
  StatementRecord,
  deployArtifact,
  startAnvil,
  connect,
  localAccounts,
  deployStatementRecord,
  deployLigeroStatementVerifier,
  deployRegistry,
  addRecordVerifier,
  removeRecordVerifier,
  transferRecordAdmin,
  acceptRecordAdmin,
  submitLigeroProof,
  getStatementRecord,
  isRecorded,
  isRecordedBy,
  isRecordVerifier,
  recordAdmin,
  recordEvents,
  onchainStatementHash,
  withRevertDecoding,
  type AnvilInstance,
  type ChainClients,
} from '../src/index.ts';
import { expectRevert, HARDFORK } from './chain-helpers.ts';
import { ligeroInstance, type LigeroInstance } from './ligero-fixture.ts';

const h = (n: number): Hex => `0x${n.toString(16).padStart(64, '0')}`;

/** Calls recordStatement directly from `c`'s account (as a verifier contract would). */
async function directWrite(c: ChainClients, record: Address, statement: Hex, party: Address, modelId: Hex): Promise<bigint> {
  return withRevertDecoding('recordStatement', async () => {
    const { request } = await c.publicClient.simulateContract({ address: record, abi: StatementRecord.abi, functionName: 'recordStatement', args: [statement, party, modelId], account: c.account });
    const hash = await c.walletClient.writeContract(request);
    return (await c.publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  });
}

describe(`StatementRecord + LigeroStatementVerifier on a real anvil node (${HARDFORK})`, () => {
  let anvil: AnvilInstance;
  let admin: ChainClients;
  let stranger: ChainClients;
  let relayer: ChainClients;
  let party: Address;
  let record: Address;
  let verifier: Address;
  let x: LigeroInstance;
  const dir = mkdtempSync(join(tmpdir(), 'vouch-record-'));
  const stateFile = join(dir, 'state.json');

  beforeAll(async () => {
    anvil = await startAnvil({ hardfork: HARDFORK, stateFile });
    const accts = await localAccounts(anvil.rpcUrl);
    admin = await connect({ rpcUrl: anvil.rpcUrl });
    stranger = await connect({ rpcUrl: anvil.rpcUrl, address: accts[1] });
    relayer = await connect({ rpcUrl: anvil.rpcUrl, address: accts[2] });
    party = accts[3];
    const reg = await deployRegistry(admin);
    const rec = await deployStatementRecord(admin);
    record = rec.address;
    const ver = await deployLigeroStatementVerifier(admin, record);
    verifier = ver.address;
    console.log(`[${HARDFORK}] deploy gas: ModelRegistry ${reg.gasUsed}, StatementRecord ${rec.gasUsed}, LigeroStatementVerifier ${ver.gasUsed}`);
    x = ligeroInstance(16, LIGERO_TEST, 3);
  });

  afterAll(async () => {
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the deployer admin and starts with no verifier', async () => {
    expect(await recordAdmin(admin, record)).toBe(admin.account.address);
    expect(await isRecordVerifier(admin, record, verifier)).toBe(false);
  });

  it('a verifier the admin has not authorised cannot record, even for a valid proof (NotVerifier)', async () => {
    const { proof } = x.prove(party);
    const e = await expectRevert(submitLigeroProof(relayer, verifier, x.circuit, party, proof), 'NotVerifier');
    expect(e.args[0]).toBe(verifier);
    expect(await isRecorded(admin, record, onchainStatementHash(x.circuit, party))).toBe(false);
  });

  it('a stranger cannot authorise, remove verifiers or take the admin role (NotAdmin)', async () => {
    await expectRevert(addRecordVerifier(stranger, record, stranger.account.address), 'NotAdmin');
    await expectRevert(addRecordVerifier(stranger, record, verifier), 'NotAdmin');
    await expectRevert(transferRecordAdmin(stranger, record, stranger.account.address), 'NotAdmin');
    await expectRevert(acceptRecordAdmin(stranger, record), 'NotPendingAdmin');
    await addRecordVerifier(admin, record, verifier);
    await expectRevert(removeRecordVerifier(stranger, record, verifier), 'NotAdmin');
    await expectRevert(addRecordVerifier(admin, record, verifier), 'VerifierState');
    await expectRevert(addRecordVerifier(admin, record, '0x0000000000000000000000000000000000000000'), 'ZeroValue');
    expect(await isRecordVerifier(admin, record, verifier)).toBe(true);
  });

  it('rejects direct writes from accounts that are not verifiers, the admin included (NotVerifier)', async () => {
    await expectRevert(directWrite(stranger, record, h(1), party, h(2)), 'NotVerifier');
    await expectRevert(directWrite(admin, record, h(1), party, h(2)), 'NotVerifier');
    expect(await isRecorded(admin, record, h(1))).toBe(false);
  });

  it('a failing proof writes nothing: the record is written only after verification', async () => {
    const bad = x.prove(party, (r) => {
      r.proximity[0] = (r.proximity[0] + 1) % P;
    }).proof;
    await expectRevert(submitLigeroProof(relayer, verifier, x.circuit, party, bad), 'ProximityMismatch');
    expect(await isRecorded(admin, record, onchainStatementHash(x.circuit, party))).toBe(false);
    expect((await recordEvents(admin, record)).filter((e) => e.eventName === 'StatementRecorded')).toEqual([]);
  });

  it('a valid proof submitted by a relayer is recorded for the party named in the statement, with an event', async () => {
    const { proof } = x.prove(party);
    const statement = onchainStatementHash(x.circuit, party);
    const { gasUsed } = await submitLigeroProof(relayer, verifier, x.circuit, party, proof);
    console.log(`[${HARDFORK}] submit (verify + record), ℓ=16 t=4: ${gasUsed} gas`);
    const r = await getStatementRecord(admin, record, statement);
    expect(r.party).toBe(party);
    expect(r.verifier).toBe(verifier);
    expect(r.modelId).toBe(sha256Hex(x.circuit));
    expect(r.recordedAt).toBeGreaterThan(0n);
    expect(await isRecordedBy(admin, record, statement, verifier)).toBe(true);
    expect(await isRecordedBy(admin, record, statement, stranger.account.address)).toBe(false);
    const ev = (await recordEvents(admin, record)).filter((e) => e.eventName === 'StatementRecorded');
    expect(ev.map((e) => e.args)).toEqual([{ statementHash: statement, party, modelId: sha256Hex(x.circuit), verifier }]);
    await expectRevert(submitLigeroProof(relayer, verifier, x.circuit, party, proof), 'AlreadyVerified');
    await expectRevert(getStatementRecord(admin, record, h(77)), 'UnknownStatement');
  });

  it('records name the verifier that wrote them; a removed verifier stops writing but its records stay', async () => {
    // An admin may authorise any address (here an account): consumers pin the verifier they trust.
    await addRecordVerifier(admin, record, stranger.account.address);
    const gas = await directWrite(stranger, record, h(5), party, h(6));
    console.log(`[${HARDFORK}] recordStatement alone (tx total, 21,000 intrinsic incl.): ${gas} gas`);
    expect((await getStatementRecord(admin, record, h(5))).verifier).toBe(stranger.account.address);
    expect(await isRecorded(admin, record, h(5))).toBe(true);
    expect(await isRecordedBy(admin, record, h(5), verifier)).toBe(false); // a consumer pinning the Ligero verifier ignores it
    await expectRevert(directWrite(stranger, record, h(0), party, h(6)), 'ZeroValue');
    await removeRecordVerifier(admin, record, stranger.account.address);
    await expectRevert(directWrite(stranger, record, h(8), party, h(6)), 'NotVerifier');
    expect(await isRecorded(admin, record, h(5))).toBe(true);
    await removeRecordVerifier(admin, record, verifier);
    const y = ligeroInstance(16, LIGERO_TEST, 4);
    await expectRevert(submitLigeroProof(relayer, verifier, y.circuit, party, y.prove(party).proof), 'NotVerifier');
    expect(await isRecorded(admin, record, onchainStatementHash(x.circuit, party))).toBe(true);
    await addRecordVerifier(admin, record, verifier);
    const names = (await recordEvents(admin, record)).map((e) => e.eventName);
    expect(names).toEqual(['VerifierAdded', 'StatementRecorded', 'VerifierAdded', 'StatementRecorded', 'VerifierRemoved', 'VerifierRemoved', 'VerifierAdded']);
  });

  it('another contract reads the record: only the named party claims, a relayer cannot; an unpinned verifier’s record is ignored', async () => {
    const consumer = (await deployArtifact(admin, StatementConsumerHarness, 'StatementConsumerHarness', [record, verifier])).address;
    const claim = (c: ChainClients, statement: Hex) =>
      withRevertDecoding('claim', async () => {
        const { request } = await c.publicClient.simulateContract({ address: consumer, abi: StatementConsumerHarness.abi, functionName: 'claim', args: [statement], account: c.account });
        await c.publicClient.waitForTransactionReceipt({ hash: await c.walletClient.writeContract(request) });
      });
    const statement = onchainStatementHash(x.circuit, party);
    const e = await expectRevert(claim(relayer, statement), 'NotParty'); // the relayer submitted the proof
    expect(e.args).toEqual([relayer.account.address, party]);
    const asParty = await connect({ rpcUrl: anvil.rpcUrl, address: party });
    await claim(asParty, statement);
    expect(await admin.publicClient.readContract({ address: consumer, abi: StatementConsumerHarness.abi, functionName: 'claimed', args: [statement] })).toBe(true);
    await expectRevert(claim(asParty, statement), 'AlreadyClaimed');
    await expectRevert(claim(asParty, h(5)), 'NotVerified'); // recorded, but by another verifier
    await expectRevert(claim(asParty, h(9)), 'NotVerified');
  });

  it('hands the admin role over in two steps', async () => {
    await transferRecordAdmin(admin, record, stranger.account.address);
    await expectRevert(acceptRecordAdmin(relayer, record), 'NotPendingAdmin');
    await acceptRecordAdmin(stranger, record);
    expect(await recordAdmin(admin, record)).toBe(stranger.account.address);
    await expectRevert(addRecordVerifier(admin, record, relayer.account.address), 'NotAdmin');
  });

  it('keeps the records across a restart of the chain (state file)', async () => {
    await anvil.stop();
    anvil = await startAnvil({ hardfork: HARDFORK, stateFile });
    const again = await connect({ rpcUrl: anvil.rpcUrl });
    const r = await getStatementRecord(again, record, onchainStatementHash(x.circuit, party));
    expect(r.party).toBe(party);
    expect(await recordAdmin(again, record)).toBe(stranger.account.address);
    expect(await isRecordVerifier(again, record, verifier)).toBe(true);
  });
});
