import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIGERO_TEST, MalformedError } from '@vouch/core';
import { startAnvil, type AnvilInstance } from '@vouch/contracts';
import { sha256 as sha256Hex, type Address, type Hex } from 'viem';
import {
  ContractRevertError,
  DeploymentError,
  checkDeployment,
  cardMetadataURI,
  connect,
  decodeStatementFile,
  deployVouch,
  deprecateModel,
  encodeStatementFile,
  isStatementVerified,
  localAccounts,
  proveExampleStatement,
  readModel,
  readStatement,
  registerModel,
  submitStatement,
  toModelId,
  verifyStatementCall,
  type ChainClients,
  type VouchDeployment,
} from '../src/chain/index.ts';

const id = (n: number): string => n.toString(16).padStart(64, '0');

async function revertName(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ContractRevertError);
  return (e as ContractRevertError).errorName;
}

describe('@vouch/sdk/chain on a real anvil node', () => {
  let anvil: AnvilInstance;
  let owner: ChainClients;
  let stranger: ChainClients;
  let d: VouchDeployment;
  let party: Address;
  const dir = mkdtempSync(join(tmpdir(), 'vouch-sdk-chain-'));
  const stateFile = join(dir, 'state.json');

  beforeAll(async () => {
    anvil = await startAnvil({ stateFile });
    owner = await connect({ rpcUrl: anvil.rpcUrl });
    const accts = await localAccounts(anvil.rpcUrl);
    stranger = await connect({ rpcUrl: anvil.rpcUrl, address: accts[1] });
    party = accts[4];
    d = (await deployVouch(owner)).deployment;
  });

  afterAll(async () => {
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys and wires the three contracts', async () => {
    await checkDeployment(owner, d);
    await expect(checkDeployment(owner, { ...d, chainId: 1 })).rejects.toBeInstanceOf(DeploymentError);
    await expect(checkDeployment(owner, { ...d, record: d.registry })).rejects.toThrow(/writes into/);
    await expect(checkDeployment(owner, { ...d, ligeroVerifier: '0x000000000000000000000000000000000000dEaD' })).rejects.toThrow(/no LigeroStatementVerifier/);
  });

  it('registers with a content-pinned metadata URI, supersedes, deprecates, and reads history', async () => {
    const uri = cardMetadataURI(new TextEncoder().encode('{"card":1}'));
    expect(uri).toMatch(/^sha256:[0-9a-f]{64}$/);
    await registerModel(owner, d, { modelId: id(1), metadataURI: uri });
    await registerModel(owner, d, { modelId: `0x${id(2)}`, metadataURI: 'ipfs://v2', previous: id(1) });
    await deprecateModel(owner, d, id(2), 'bias found');
    const m1 = await readModel(owner, d, id(1));
    expect(m1).toMatchObject({ metadataURI: uri, version: 1n, active: false, supersededBy: toModelId(id(2)) });
    const m2 = await readModel(owner, d, id(2));
    expect(m2).toMatchObject({ version: 2n, deprecated: true, active: false, previous: toModelId(id(1)) });
    expect(m2.history.map((e) => e.eventName)).toEqual(['ModelRegistered', 'ModelSuperseded', 'ModelDeprecated']);
  });

  it('typed errors carry the revert reason: a stranger cannot supersede or deprecate another owner’s model', async () => {
    await registerModel(owner, d, { modelId: id(3), metadataURI: 'ipfs://three' });
    expect(await revertName(registerModel(stranger, d, { modelId: id(4), metadataURI: 'x', previous: id(3) }))).toBe('NotOwner');
    expect(await revertName(deprecateModel(stranger, d, id(3), 'mine'))).toBe('NotOwner');
    expect(await revertName(registerModel(stranger, d, { modelId: id(3), metadataURI: 'x' }))).toBe('AlreadyRegistered');
    expect(await revertName(readModel(owner, d, id(99)))).toBe('UnknownModel');
    expect((await readModel(owner, d, id(3))).active).toBe(true);
    expect(() => toModelId('12')).toThrow(RangeError);
  });

  it('submits a statement: recorded for its party only after the proof verified on chain', async () => {
    const s = proveExampleStatement(party, { params: LIGERO_TEST });
    expect(await isStatementVerified(owner, d, s.statementHash)).toBe(false);
    expect(await verifyStatementCall(owner, d, s)).toBe(s.statementHash);
    expect(await readStatement(owner, d, s.statementHash)).toBeUndefined();
    const bad = { ...s, proof: s.proof.slice() };
    bad.proof[bad.proof.length - 1] ^= 1; // last Merkle sibling byte
    expect(await revertName(submitStatement(stranger, d, bad))).toBe('MerkleRootMismatch');
    expect(await isStatementVerified(owner, d, s.statementHash)).toBe(false);
    const r = await submitStatement(stranger, d, s); // a relayer submits; the record names `party`
    expect(r.gasUsed).toBeGreaterThan(0n);
    const rec = await readStatement(owner, d, s.statementHash);
    expect(rec).toMatchObject({ party, verifier: d.ligeroVerifier, modelId: sha256Hex(s.circuit) });
    expect(await revertName(submitStatement(stranger, d, s))).toBe('AlreadyVerified');
  });

  it('a statement proven for one party does not verify for another', async () => {
    const s = proveExampleStatement(party, { params: LIGERO_TEST });
    const other = { ...s, party: stranger.account.address };
    const e = await revertName(verifyStatementCall(owner, d, other));
    expect(['MerkleRootMismatch', 'MerkleSiblingCount', 'LinearSumMismatch', 'ProximityMismatch']).toContain(e);
  });

  it('statement files round-trip; a changed party or hash is malformed', () => {
    const s = proveExampleStatement(party, { params: LIGERO_TEST });
    const text = encodeStatementFile(s);
    const back = decodeStatementFile(text);
    expect(back.statementHash).toBe(s.statementHash);
    expect(back.proof).toEqual(s.proof);
    expect(back.circuit).toEqual(s.circuit);
    const j = JSON.parse(text) as Record<string, unknown>;
    expect(() => decodeStatementFile(JSON.stringify({ ...j, party: stranger.account.address }))).toThrow(/statementHash/);
    expect(() => decodeStatementFile(JSON.stringify({ ...j, statementHash: `0x${'0'.repeat(64)}` }))).toThrow(MalformedError);
    expect(() => decodeStatementFile(JSON.stringify({ ...j, proof: 'zz' }))).toThrow(/proof/);
    expect(() => decodeStatementFile(JSON.stringify({ ...j, format: 'x' }))).toThrow(/format/);
    expect(() => decodeStatementFile('{')).toThrow(MalformedError);
  });

  it('keeps registry entries and records across a restart of the chain', async () => {
    const s = proveExampleStatement(party, { params: LIGERO_TEST });
    await submitStatement(owner, d, s);
    await anvil.stop();
    anvil = await startAnvil({ stateFile });
    const again = await connect({ rpcUrl: anvil.rpcUrl });
    await checkDeployment(again, d);
    expect((await readModel(again, d, id(2))).deprecated).toBe(true);
    expect((await readStatement(again, d, s.statementHash as Hex))?.party).toBe(party);
  });
});
