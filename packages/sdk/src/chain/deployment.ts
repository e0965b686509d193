/**
 * A Vouch deployment: the ModelRegistry, the StatementRecord and the two verifiers that write into
 * it — the LigeroStatementVerifier (docs/parts/onchain.md §6) and the MlpStatementVerifier (§12),
 * which also reads the registry. `deployVouch` deploys and wires them;
 * `checkDeployment` confirms, before any later call, that the addresses still hold that code on the
 * connected chain (a restarted chain without its state file would not).
 */
import { VouchError } from '@vouch/core';
import {
  LigeroStatementVerifier,
  MlpStatementVerifier,
  ModelRegistry,
  StatementRecord,
  addRecordVerifier,
  deployLigeroStatementVerifier,
  deployMlpStatementVerifier,
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
  /** MlpStatementVerifier (open-weights MLP statements, docs/parts/onchain.md §12). */
  readonly mlpVerifier: Address;
  /** Block of the last deployment transaction. */
  readonly block: bigint;
}

/** Gas of each deployment transaction (the hardfork is the node's). */
export interface DeployGas {
  readonly registry: bigint;
  readonly record: bigint;
  readonly ligeroVerifier: bigint;
  readonly mlpVerifier: bigint;
  /** Authorising both verifiers in the record. */
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
  const mlp = await deployMlpStatementVerifier(c, record.address, registry.address);
  const auth = await addRecordVerifier(c, record.address, verifier.address);
  const authMlp = await addRecordVerifier(c, record.address, mlp.address);
  return {
    deployment: { chainId: c.chain.id, registry: registry.address, record: record.address, ligeroVerifier: verifier.address, mlpVerifier: mlp.address, block: authMlp.blockNumber },
    gas: { registry: registry.gasUsed, record: record.gasUsed, ligeroVerifier: verifier.gasUsed, mlpVerifier: mlp.gasUsed, authorise: auth.gasUsed + authMlp.gasUsed },
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
  if (!d.mlpVerifier) throw new DeploymentError('this deployment has no MlpStatementVerifier (made by an older vouch)', 'run `vouch deploy` again');
  for (const [name, at] of [['ModelRegistry', d.registry], ['StatementRecord', d.record], ['LigeroStatementVerifier', d.ligeroVerifier], ['MlpStatementVerifier', d.mlpVerifier]] as const) {
    if (!(await hasCode(c, at))) throw new DeploymentError(`no ${name} at ${at} on this chain`, 'was the chain restarted without its state file? run `vouch deploy` again');
  }
  try {
    await c.publicClient.readContract({ address: d.registry, abi: ModelRegistry.abi, functionName: 'isRegistered', args: [keccak256('0x00')] });
    const rec = await c.publicClient.readContract({ address: d.ligeroVerifier, abi: LigeroStatementVerifier.abi, functionName: 'record' });
    if (getAddress(rec) !== getAddress(d.record)) throw new DeploymentError(`the verifier at ${d.ligeroVerifier} writes into ${rec}, not ${d.record}`);
    const recMlp = await c.publicClient.readContract({ address: d.mlpVerifier, abi: MlpStatementVerifier.abi, functionName: 'record' });
    if (getAddress(recMlp) !== getAddress(d.record)) throw new DeploymentError(`the verifier at ${d.mlpVerifier} writes into ${recMlp}, not ${d.record}`);
    await c.publicClient.readContract({ address: d.record, abi: StatementRecord.abi, functionName: 'admin' });
  } catch (e) {
    if (e instanceof DeploymentError) throw e;
    throw new DeploymentError('the deployment addresses do not hold the Vouch contracts', (e as Error).message.split('\n')[0]);
  }
  for (const v of [d.ligeroVerifier, d.mlpVerifier]) {
    if (!(await isRecordVerifier(c, d.record, v))) throw new DeploymentError(`the verifier ${v} is not authorised in the record ${d.record}`);
  }
}
