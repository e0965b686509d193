/** Registry reads: a model's entry, whether it is active, an owner's models, and its event history. */
import type { Address, Hex } from 'viem';
import { ModelRegistry } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';

/** A registry entry. */
export interface RegisteredModel {
  readonly modelId: Hex;
  readonly owner: Address;
  readonly version: bigint;
  readonly registeredAt: bigint;
  readonly deprecated: boolean;
  readonly previous: Hex;
  readonly supersededBy: Hex;
  readonly metadataURI: string;
}

/** Reads the entry of `modelId`; throws ContractRevertError('UnknownModel') when absent. */
export async function getModel(c: ChainClients, registry: Address, modelId: Hex): Promise<RegisteredModel> {
  const m = await withRevertDecoding('getModel', () =>
    c.publicClient.readContract({ address: registry, abi: ModelRegistry.abi, functionName: 'getModel', args: [modelId] }),
  );
  return { modelId, ...m };
}

/** True when `modelId` is registered, not deprecated and not superseded. */
export function isModelActive(c: ChainClients, registry: Address, modelId: Hex): Promise<boolean> {
  return c.publicClient.readContract({ address: registry, abi: ModelRegistry.abi, functionName: 'isActive', args: [modelId] });
}

/** Model ids registered by or transferred to `owner`. */
export async function modelsOf(c: ChainClients, registry: Address, owner: Address): Promise<readonly Hex[]> {
  return c.publicClient.readContract({ address: registry, abi: ModelRegistry.abi, functionName: 'modelsOf', args: [owner] });
}

/** Every registry event about `modelId`, oldest first, as {eventName, args, blockNumber}. */
export async function modelHistory(c: ChainClients, registry: Address, modelId: Hex): Promise<{ eventName: string; args: Record<string, unknown>; blockNumber: bigint }[]> {
  const logs = await c.publicClient.getContractEvents({ address: registry, abi: ModelRegistry.abi, fromBlock: 0n });
  return logs
    .filter((l) => {
      const a = l.args as Record<string, unknown>;
      return a.modelId === modelId || a.successor === modelId;
    })
    .map((l) => ({ eventName: l.eventName, args: l.args as Record<string, unknown>, blockNumber: l.blockNumber }));
}
