/** Deploys a StatementRecord (the deployer becomes its admin). */
import type { Address } from 'viem';
import { StatementRecord } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { deployArtifact } from '../verifier/actions.ts';

/** Deploys a StatementRecord from the clients' account; that account is its admin. */
export function deployStatementRecord(c: ChainClients): Promise<{ address: Address; gasUsed: bigint }> {
  return deployArtifact(c, StatementRecord, 'StatementRecord');
}
