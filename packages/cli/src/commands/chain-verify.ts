/**
 * The flow of `vouch chain verify`, shared by every statement kind: connect to the deployment; with
 * --call, an eth_call of the verifier; otherwise nothing to do for a recorded statement, else submit
 * and read the record back. A revert is printed with the contract's error name and arguments (exit 1).
 */
import { ContractRevertError, type ChainClients, type StatementRecordEntry } from '@vouch/contracts';
import { isStatementVerified, readStatement, type VouchDeployment } from '@vouch/sdk/chain';
import type { Hash, Hex } from 'viem';
import type { Parsed } from '../args.ts';
import type { Io } from '../io.ts';
import { connectFrom, deploymentFrom, toJson } from './chain-context.ts';

/** One statement kind's verifier calls and report lines. */
export interface OnchainStatementKind {
  readonly statementHash: Hex;
  readonly party: string;
  /** The verifier's eth_call (reverts with the failing check). */
  call(c: ChainClients, d: VouchDeployment): Promise<unknown>;
  /** The verifying and recording transaction. */
  submit(c: ChainClients, d: VouchDeployment): Promise<{ txHash: Hash; gasUsed: bigint }>;
  /** Extra JSON fields of a valid result. */
  readonly json?: Record<string, unknown>;
  /** The human-readable lines after a recorded submission. */
  recorded(r: StatementRecordEntry | undefined, d: VouchDeployment, tx: { txHash: Hash; gasUsed: bigint }): string;
}

/** Runs the verify flow for one statement; returns the exit code. */
export async function verifyOnChain(k: OnchainStatementKind, a: Parsed, io: Io): Promise<number> {
  const { c, file, chainFile } = await connectFrom('chain', a, io);
  const d = await deploymentFrom('chain', c, file, chainFile);
  const json = a.flags.has('json');
  try {
    if (a.flags.has('call')) {
      await k.call(c, d);
      if (json) io.out(`${toJson({ valid: true, recorded: await isStatementVerified(c, d, k.statementHash), statementHash: k.statementHash, party: k.party, ...k.json })}\n`);
      else io.out(`VALID on chain (eth_call, not recorded)  statement ${k.statementHash} for ${k.party}\n`);
      return 0;
    }
    if (await isStatementVerified(c, d, k.statementHash)) {
      const r = await readStatement(c, d, k.statementHash);
      if (json) io.out(`${toJson({ valid: true, alreadyRecorded: true, record: r })}\n`);
      else io.out(`ALREADY RECORDED  statement ${k.statementHash} for ${r?.party}\n`);
      return 0;
    }
    const res = await k.submit(c, d);
    const r = await readStatement(c, d, k.statementHash);
    if (json) io.out(`${toJson({ valid: true, txHash: res.txHash, gasUsed: res.gasUsed, ...k.json, record: r })}\n`);
    else io.out(k.recorded(r, d, res));
    return 0;
  } catch (e) {
    if (!(e instanceof ContractRevertError)) throw e;
    if (json) io.out(`${toJson({ valid: false, error: e.errorName, args: e.args })}\n`);
    else io.out(`REJECTED on chain  ${e.errorName}(${e.args.map(String).join(', ')}); nothing recorded\n`);
    return 1;
  }
}
