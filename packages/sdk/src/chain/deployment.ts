/**
 * A Vouch deployment: the ModelRegistry, the StatementRecord and the LigeroStatementVerifier that
 * writes into it (docs/parts/onchain.md §6). `deployVouch` deploys and wires the three;
 * `checkDeployment` confirms, before any later call, that the addresses still hold that code on the
 * connected chain (a restarted chain without its state file would not).
 */
import { VouchError } from '@vouch/core';
import {
  LigeroStatementVerifier,
  ModelRegistry,
  StatementRecord,
  addRecordVerifier,
  deployLigeroStatementVerifier,
  deployRegistry,
  deployStatementRecord,
  isRecordVerifier,
  type ChainClients,
} from '@vouch/contracts';
import { getAddress, keccak256, type Address } from 'viem';

/** Addresses of a deployment and where it lives. */
export interface VouchDeployment {
  readonly chainId: number;
  readonly registry: Address;
  readonly record: Address;
  readonly ligeroVerifier: Address;
  /** Block of the last deployment transaction. */
  readonly block: bigint;
}

/** Gas of each deployment transaction (the hardfork is the node's). */
export interface DeployGas {
  readonly registry: bigint;
  readonly record: bigint;
  readonly ligeroVerifier: bigint;
  readonly authorise: bigint;
}

/** A deployment is missing or does not match the chain. */
export class DeploymentError extends VouchError {
  override name = 'DeploymentError';
  constructor(message: string, details?: string) {
    super('CHAIN_DEPLOYMENT', message, { details });
  }
}

/**
 * Deploys the registry, the record and the Ligero statement verifier from `c`'s account (which
 * becomes the record's admin) and authorises the verifier to write records.
 * @example const { deployment, gas } = await deployVouch(await connect({ rpcUrl }));
 */
export async function deployVouch(c: ChainClients): Promise<{ deployment: VouchDeployment; gas: DeployGas }> {
  const registry = await deployRegistry(c);
  const record = await deployStatementRecord(c);
  const verifier = await deployLigeroStatementVerifier(c, record.address);
  const auth = await addRecordVerifier(c, record.address, verifier.address);
  return {
    deployment: { chainId: c.chain.id, registry: registry.address, record: record.address, ligeroVerifier: verifier.address, block: auth.blockNumber },
    gas: { registry: registry.gasUsed, record: record.gasUsed, ligeroVerifier: verifier.gasUsed, authorise: auth.gasUsed },
  };
}

/** Whether `at` holds contract code. */
async function hasCode(c: ChainClients, at: Address): Promise<boolean> {
  const code = await c.publicClient.getCode({ address: at });
  return code !== undefined && code !== '0x';
}

/**
 * Checks that the chain is the deployment's (chain id) and that each address holds code, the
 * registry answers, and the verifier may write records.
 * @throws {DeploymentError} naming what is missing (e.g. after a chain restart without its state file).
 */
export async function checkDeployment(c: ChainClients, d: VouchDeployment): Promise<void> {
  const id = await c.publicClient.getChainId();
  if (id !== d.chainId) throw new DeploymentError(`the node's chain id is ${id}, the deployment's ${d.chainId}`);
  for (const [name, at] of [['ModelRegistry', d.registry], ['StatementRecord', d.record], ['LigeroStatementVerifier', d.ligeroVerifier]] as const) {
    if (!(await hasCode(c, at))) throw new DeploymentError(`no ${name} at ${at} on this chain`, 'was the chain restarted without its state file? run `vouch deploy` again');
  }
  try {
    await c.publicClient.readContract({ address: d.registry, abi: ModelRegistry.abi, functionName: 'isRegistered', args: [keccak256('0x00')] });
    const rec = await c.publicClient.readContract({ address: d.ligeroVerifier, abi: LigeroStatementVerifier.abi, functionName: 'record' });
    if (getAddress(rec) !== getAddress(d.record)) throw new DeploymentError(`the verifier at ${d.ligeroVerifier} writes into ${rec}, not ${d.record}`);
    await c.publicClient.readContract({ address: d.record, abi: StatementRecord.abi, functionName: 'admin' });
  } catch (e) {
    if (e instanceof DeploymentError) throw e;
    throw new DeploymentError('the deployment addresses do not hold the Vouch contracts', (e as Error).message.split('\n')[0]);
  }
  if (!(await isRecordVerifier(c, d.record, d.ligeroVerifier))) throw new DeploymentError(`the verifier ${d.ligeroVerifier} is not authorised in the record ${d.record}`);
}
