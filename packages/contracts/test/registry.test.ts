import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, Hex } from 'viem';
import {
  startAnvil,
  connect,
  localAccounts,
  deployRegistry,
  registerModel,
  registerModelVersion,
  deprecateModel,
  setModelMetadataURI,
  transferModelOwnership,
  acceptModelOwnership,
  getModel,
  isModelActive,
  modelsOf,
  modelHistory,
  ContractRevertError,
  type AnvilInstance,
  type ChainClients,
} from '../src/index.ts';

const id = (n: number): Hex => `0x${n.toString(16).padStart(64, '0')}`;

async function expectRevert(p: Promise<unknown>, errorName: string): Promise<void> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ContractRevertError);
  expect((e as ContractRevertError).errorName).toBe(errorName);
}

describe('ModelRegistry on a real anvil node', () => {
  let anvil: AnvilInstance;
  let owner: ChainClients;
  let stranger: ChainClients;
  let registry: Address;
  const dir = mkdtempSync(join(tmpdir(), 'vouch-anvil-'));
  const stateFile = join(dir, 'state.json');

  beforeAll(async () => {
    anvil = await startAnvil({ stateFile });
    owner = await connect({ rpcUrl: anvil.rpcUrl });
    const accounts = await localAccounts(anvil.rpcUrl);
    stranger = await connect({ rpcUrl: anvil.rpcUrl, address: accounts[1] });
    registry = (await deployRegistry(owner)).address;
  });

  afterAll(async () => {
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a model and reads it back', async () => {
    await registerModel(owner, registry, id(1), 'ipfs://card-1');
    const m = await getModel(owner, registry, id(1));
    expect(m.owner).toBe(owner.account.address);
    expect(m.version).toBe(1n);
    expect(m.metadataURI).toBe('ipfs://card-1');
    expect(await isModelActive(owner, registry, id(1))).toBe(true);
    expect(await modelsOf(owner, registry, owner.account.address)).toContain(id(1));
  });

  it('refuses a duplicate id, the zero id and an empty URI', async () => {
    await expectRevert(registerModel(stranger, registry, id(1), 'x'), 'AlreadyRegistered');
    await expectRevert(registerModel(owner, registry, id(0), 'x'), 'ZeroModelId');
    await expectRevert(registerModel(owner, registry, id(99), ''), 'EmptyMetadataURI');
  });

  it('reports an unknown model', async () => {
    await expectRevert(getModel(owner, registry, id(12345)), 'UnknownModel');
  });

  it('a stranger cannot supersede, deprecate, edit or transfer another owner’s model', async () => {
    await expectRevert(registerModelVersion(stranger, registry, id(1), id(2), 'x'), 'NotOwner');
    await expectRevert(deprecateModel(stranger, registry, id(1), 'mine now'), 'NotOwner');
    await expectRevert(setModelMetadataURI(stranger, registry, id(1), 'evil'), 'NotOwner');
    await expectRevert(transferModelOwnership(stranger, registry, id(1), stranger.account.address), 'NotOwner');
    expect((await getModel(owner, registry, id(1))).metadataURI).toBe('ipfs://card-1');
  });

  it('supersedes versions and deprecates, with events for every change', async () => {
    await registerModelVersion(owner, registry, id(1), id(2), 'ipfs://card-2');
    expect((await getModel(owner, registry, id(2))).version).toBe(2n);
    expect((await getModel(owner, registry, id(1))).supersededBy).toBe(id(2));
    expect(await isModelActive(owner, registry, id(1))).toBe(false);
    await expectRevert(registerModelVersion(owner, registry, id(1), id(3), 'x'), 'AlreadySuperseded');
    await setModelMetadataURI(owner, registry, id(2), 'ipfs://card-2b');
    await deprecateModel(owner, registry, id(2), 'found a bias');
    await expectRevert(deprecateModel(owner, registry, id(2), 'again'), 'AlreadyDeprecated');
    expect(await isModelActive(owner, registry, id(2))).toBe(false);
    const names = (await modelHistory(owner, registry, id(2))).map((e) => e.eventName);
    expect(names).toEqual(['ModelRegistered', 'ModelSuperseded', 'MetadataUpdated', 'ModelDeprecated']);
  });

  it('hands ownership over in two steps', async () => {
    await registerModel(owner, registry, id(7), 'ipfs://seven');
    await transferModelOwnership(owner, registry, id(7), stranger.account.address);
    await expectRevert(acceptModelOwnership(owner, registry, id(7)), 'NotPendingOwner');
    await acceptModelOwnership(stranger, registry, id(7));
    expect((await getModel(owner, registry, id(7))).owner).toBe(stranger.account.address);
    await expectRevert(setModelMetadataURI(owner, registry, id(7), 'x'), 'NotOwner');
  });

  it('keeps its state across a restart of the chain', async () => {
    await anvil.stop();
    anvil = await startAnvil({ stateFile });
    const again = await connect({ rpcUrl: anvil.rpcUrl });
    const m = await getModel(again, registry, id(1));
    expect(m.supersededBy).toBe(id(2));
    expect((await getModel(again, registry, id(7))).owner).toBe(stranger.account.address);
  });
});
