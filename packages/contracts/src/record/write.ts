/**
 * StatementRecord administration (contracts/StatementRecord.sol): authorise or remove verifier
 * contracts, hand the admin role over in two steps. Each call simulates first, so a revert is decoded
 * to its custom error (`NotAdmin`, `VerifierState`, …) before any gas is spent.
 */
import type { Address } from 'viem';
import { StatementRecord } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';
import type { RegistryTx } from '../registry/write.ts';

type AdminFn = 'addVerifier' | 'removeVerifier' | 'transferAdmin' | 'acceptAdmin';

async function write(c: ChainClients, record: Address, functionName: AdminFn, args: readonly unknown[]): Promise<RegistryTx> {
  return withRevertDecoding(`StatementRecord.${functionName}`, async () => {
    const { request } = await c.publicClient.simulateContract({ address: record, abi: StatementRecord.abi, functionName, args: args as never, account: c.account });
    const txHash = await c.walletClient.writeContract(request as never);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash: txHash });
    return { txHash, gasUsed: receipt.gasUsed, blockNumber: receipt.blockNumber };
  });
}

/** Authorises `verifier` to write records (admin only). */
export function addRecordVerifier(c: ChainClients, record: Address, verifier: Address): Promise<RegistryTx> {
  return write(c, record, 'addVerifier', [verifier]);
}

/** Stops `verifier`'s future writes; its records stay (admin only). */
export function removeRecordVerifier(c: ChainClients, record: Address, verifier: Address): Promise<RegistryTx> {
  return write(c, record, 'removeVerifier', [verifier]);
}

/** Starts handing the admin role to `to` (admin only). */
export function transferRecordAdmin(c: ChainClients, record: Address, to: Address): Promise<RegistryTx> {
  return write(c, record, 'transferAdmin', [to]);
}

/** Accepts a pending admin transfer. */
export function acceptRecordAdmin(c: ChainClients, record: Address): Promise<RegistryTx> {
  return write(c, record, 'acceptAdmin', []);
}
