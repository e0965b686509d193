/** StatementRecord reads: whether a statement is verified (by any or by a given verifier), its record, the admin and verifier set, and the record's events. */
import type { Address, Hex } from 'viem';
import { StatementRecord } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';

/** One verified statement as recorded on chain. */
export interface StatementRecordEntry {
  readonly statementHash: Hex;
  /** The party the result is for (part of the statement). */
  readonly party: Address;
  /** Block timestamp of the write (seconds). */
  readonly recordedAt: bigint;
  /** The verifier contract that checked the proof and wrote the record. */
  readonly verifier: Address;
  /** The model id the statement is about; for Ligero statements the circuit digest. */
  readonly modelId: Hex;
}

/** Whether `statementHash` is recorded as verified. */
export function isRecorded(c: ChainClients, record: Address, statementHash: Hex): Promise<boolean> {
  return c.publicClient.readContract({ address: record, abi: StatementRecord.abi, functionName: 'isVerified', args: [statementHash] });
}

/** Whether `statementHash` was recorded by `verifier` (a consumer pinning the verifier code it trusts). */
export function isRecordedBy(c: ChainClients, record: Address, statementHash: Hex, verifier: Address): Promise<boolean> {
  return c.publicClient.readContract({ address: record, abi: StatementRecord.abi, functionName: 'isVerifiedBy', args: [statementHash, verifier] });
}

/** The record of `statementHash`; throws ContractRevertError('UnknownStatement') when absent. */
export async function getStatementRecord(c: ChainClients, record: Address, statementHash: Hex): Promise<StatementRecordEntry> {
  const r = await withRevertDecoding('StatementRecord.getRecord', () =>
    c.publicClient.readContract({ address: record, abi: StatementRecord.abi, functionName: 'getRecord', args: [statementHash] }),
  );
  return { statementHash, ...r };
}

/** Whether `verifier` may write records. */
export function isRecordVerifier(c: ChainClients, record: Address, verifier: Address): Promise<boolean> {
  return c.publicClient.readContract({ address: record, abi: StatementRecord.abi, functionName: 'isVerifier', args: [verifier] });
}

/** The record's admin (who authorises verifiers). */
export function recordAdmin(c: ChainClients, record: Address): Promise<Address> {
  return c.publicClient.readContract({ address: record, abi: StatementRecord.abi, functionName: 'admin' });
}

/** Every event of the record, oldest first, as {eventName, args, blockNumber, txHash}. */
export async function recordEvents(c: ChainClients, record: Address): Promise<{ eventName: string; args: Record<string, unknown>; blockNumber: bigint; txHash: Hex }[]> {
  const logs = await c.publicClient.getContractEvents({ address: record, abi: StatementRecord.abi, fromBlock: 0n });
  return logs.map((l) => ({ eventName: l.eventName, args: l.args as Record<string, unknown>, blockNumber: l.blockNumber, txHash: l.transactionHash }));
}
