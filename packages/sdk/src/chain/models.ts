/**
 * Model registry actions over a deployment (contracts/ModelRegistry.sol): register a model id with
 * its metadata URI (version 1, or the next version superseding an earlier one), deprecate, and read
 * an entry with its state and event history. Reverts come back as ContractRevertError carrying the
 * Solidity error name (`NotOwner`, `AlreadyRegistered`, `UnknownModel`, …).
 */
import { sha256 } from '@vouch/core';
import {
  deprecateModel as deprecateTx,
  getModel,
  isModelActive,
  modelHistory,
  registerModel as registerTx,
  registerModelVersion,
  type ChainClients,
  type RegisteredModel,
  type RegistryTx,
} from '@vouch/contracts';
import { bytesToHex, type Hex } from 'viem';
import type { VouchDeployment } from './deployment.ts';

/** A 32-byte id as 0x-prefixed lower-case hex (accepts 64 hex digits with or without 0x). */
export function toModelId(id: string): Hex {
  const h = id.startsWith('0x') || id.startsWith('0X') ? id.slice(2) : id;
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new RangeError(`model id: expected 64 hex digits, got ${JSON.stringify(id)}`);
  return `0x${h.toLowerCase()}`;
}

/** The metadata URI that pins a model card by content: `sha256:<64 hex>` of the card file's bytes. */
export function cardMetadataURI(cardBytes: Uint8Array): string {
  return `sha256:${bytesToHex(sha256(cardBytes)).slice(2)}`;
}

/** What {@link registerModel} registers. */
export interface RegisterParams {
  /** The model id (64 hex digits), as in the model card. */
  readonly modelId: string;
  /** Where the model card is (or its content hash, {@link cardMetadataURI}). */
  readonly metadataURI: string;
  /** Register as the next version of this model id, which it supersedes (caller must own it). */
  readonly previous?: string;
}

/**
 * Registers a model id owned by `c`'s account.
 * @throws ContractRevertError (`AlreadyRegistered`, `ZeroModelId`, `EmptyMetadataURI`; with
 *   `previous`: `NotOwner`, `UnknownModel`, `AlreadySuperseded`); RangeError for a malformed id.
 */
export function registerModel(c: ChainClients, d: VouchDeployment, p: RegisterParams): Promise<RegistryTx> {
  const id = toModelId(p.modelId);
  return p.previous === undefined ? registerTx(c, d.registry, id, p.metadataURI) : registerModelVersion(c, d.registry, toModelId(p.previous), id, p.metadataURI);
}

/**
 * Deprecates a model (irreversible; owner only).
 * @throws ContractRevertError (`NotOwner`, `UnknownModel`, `AlreadyDeprecated`).
 */
export function deprecateModel(c: ChainClients, d: VouchDeployment, modelId: string, reason: string): Promise<RegistryTx> {
  return deprecateTx(c, d.registry, toModelId(modelId), reason);
}

/** A registry entry with its state and history. */
export interface ModelView extends RegisteredModel {
  /** Registered, not deprecated and not superseded. */
  readonly active: boolean;
  readonly history: readonly { eventName: string; args: Record<string, unknown>; blockNumber: bigint }[];
}

/**
 * Reads a model's entry, whether it is active, and every registry event about it.
 * @throws ContractRevertError('UnknownModel') when it is not registered.
 */
export async function readModel(c: ChainClients, d: VouchDeployment, modelId: string): Promise<ModelView> {
  const id = toModelId(modelId);
  const m = await getModel(c, d.registry, id);
  return { ...m, active: await isModelActive(c, d.registry, id), history: await modelHistory(c, d.registry, id) };
}
