/** Deploys a ModelRegistry and returns its address. */
import { getAddress, type Address, type Hash } from 'viem';
import { ModelRegistry } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { VouchError } from '@vouch/core';

/** Result of {@link deployRegistry}. */
export interface DeployRegistryResult {
  readonly address: Address;
  readonly txHash: Hash;
  readonly gasUsed: bigint;
}

/** Deploys the registry from the clients' account and waits for the receipt. */
export async function deployRegistry(c: ChainClients): Promise<DeployRegistryResult> {
  const txHash = await c.walletClient.deployContract({ abi: ModelRegistry.abi, bytecode: ModelRegistry.bytecode });
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash: txHash });
  if (!receipt.contractAddress || receipt.status !== 'success') {
    throw new VouchError('DEPLOY_FAILED', `ModelRegistry deployment failed (tx ${txHash})`);
  }
  return { address: getAddress(receipt.contractAddress), txHash, gasUsed: receipt.gasUsed };
}
