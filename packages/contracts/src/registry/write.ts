/**
 * Registry writes: register, registerVersion, deprecate, setMetadataURI, transferOwnership,
 * acceptOwnership. Each simulates first (so a revert is decoded to its custom error before any gas
 * is spent), sends, and waits for the receipt.
 */
import type { Address, Hash, Hex } from 'viem';
import { ModelRegistry } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';

/** A mined registry transaction. */
export interface RegistryTx {
  readonly txHash: Hash;
  readonly gasUsed: bigint;
  readonly blockNumber: bigint;
}

type WriteFn = 'register' | 'registerVersion' | 'deprecate' | 'setMetadataURI' | 'transferOwnership' | 'acceptOwnership';

async function write(c: ChainClients, registry: Address, functionName: WriteFn, args: readonly unknown[]): Promise<RegistryTx> {
  return withRevertDecoding(functionName, async () => {
    const { request } = await c.publicClient.simulateContract({
      address: registry,
      abi: ModelRegistry.abi,
      functionName,
      args: args as never,
      account: c.account,
    });
    const txHash = await c.walletClient.writeContract(request as never);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash: txHash });
    return { txHash, gasUsed: receipt.gasUsed, blockNumber: receipt.blockNumber };
  });
}

/** Registers `modelId` (version 1) owned by the caller. */
export function registerModel(c: ChainClients, registry: Address, modelId: Hex, metadataURI: string): Promise<RegistryTx> {
  return write(c, registry, 'register', [modelId, metadataURI]);
}

/** Registers `modelId` as the next version of `previousId` (caller must own `previousId`). */
export function registerModelVersion(c: ChainClients, registry: Address, previousId: Hex, modelId: Hex, metadataURI: string): Promise<RegistryTx> {
  return write(c, registry, 'registerVersion', [previousId, modelId, metadataURI]);
}

/** Deprecates `modelId` with a reason (irreversible). */
export function deprecateModel(c: ChainClients, registry: Address, modelId: Hex, reason: string): Promise<RegistryTx> {
  return write(c, registry, 'deprecate', [modelId, reason]);
}

/** Points `modelId` at a new metadata URI. */
export function setModelMetadataURI(c: ChainClients, registry: Address, modelId: Hex, metadataURI: string): Promise<RegistryTx> {
  return write(c, registry, 'setMetadataURI', [modelId, metadataURI]);
}

/** Starts handing `modelId` over to `to`. */
export function transferModelOwnership(c: ChainClients, registry: Address, modelId: Hex, to: Address): Promise<RegistryTx> {
  return write(c, registry, 'transferOwnership', [modelId, to]);
}

/** Accepts a pending ownership transfer of `modelId`. */
export function acceptModelOwnership(c: ChainClients, registry: Address, modelId: Hex): Promise<RegistryTx> {
  return write(c, registry, 'acceptOwnership', [modelId]);
}
