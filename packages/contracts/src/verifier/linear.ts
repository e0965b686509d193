/**
 * viem actions for LinearStatementVerifier.sol (docs/parts/onchain.md §11.3): deploy (bound to a
 * StatementRecord), the calldata of `submit`/`verify`, submit a statement (explicit gas limit,
 * revert decoded to its custom error), verify by eth_call, estimate gas. The statement's fields are
 * the bytes `@vouch/zkml`'s `proveLinear` / `linearKey` produce (key, x, y, proof), passed through
 * unchanged: u32 little-endian throughout, never ABI-encoded arrays.
 */
import { bytesToHex, encodeFunctionData, hexToBytes, type Address, type Hash, type Hex } from 'viem';
import { VouchError } from '@vouch/core';
import { LinearStatementVerifier } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';
import { TX_GAS_CAP, deployArtifact } from './actions.ts';

/** One linear statement as the contract takes it. */
export interface LinearStatementCall {
  /** The 65-byte verification key (`linearKey(…).vkBytes`). */
  readonly vk: Uint8Array;
  /** x, cols × u32 LE canonical elements. */
  readonly x: Uint8Array;
  /** y, rows × u32 LE canonical elements. */
  readonly y: Uint8Array;
  readonly party: Address;
  readonly proof: Uint8Array;
}

/** The 20 bytes of an address (what the transcript absorbs as `linear.party`). */
export function partyBytes(party: Address): Uint8Array {
  const b = hexToBytes(party);
  if (b.length !== 20) throw new RangeError(`partyBytes: expected a 20-byte address, got ${b.length} bytes`);
  return b;
}

function args(s: LinearStatementCall): readonly [Hex, Hex, Hex, Address, Hex] {
  return [bytesToHex(s.vk), bytesToHex(s.x), bytesToHex(s.y), s.party, bytesToHex(s.proof)];
}

/** Calldata of `submit(vk, x, y, party, proof)` (for calldata size and gas figures). */
export function linearSubmitCalldata(s: LinearStatementCall): Hex {
  return encodeFunctionData({ abi: LinearStatementVerifier.abi, functionName: 'submit', args: args(s) });
}

/** Calldata of the view `verify(vk, x, y, party, proof)`. */
export function linearVerifyCalldata(s: LinearStatementCall): Hex {
  return encodeFunctionData({ abi: LinearStatementVerifier.abi, functionName: 'verify', args: args(s) });
}

/**
 * Deploys a LinearStatementVerifier writing into `record`; it records only once the record's admin
 * authorised it (`addRecordVerifier`).
 */
export async function deployLinearStatementVerifier(c: ChainClients, record: Address): Promise<{ address: Address; gasUsed: bigint }> {
  return deployArtifact(c, LinearStatementVerifier, 'LinearStatementVerifier', [record]);
}

/** Result of {@link submitLinearStatement}. */
export interface SubmitLinearStatementResult {
  readonly txHash: Hash;
  readonly gasUsed: bigint;
}

/**
 * Submits a statement; the call is simulated first, so a failing proof throws ContractRevertError
 * with the verifier's error name (e.g. `RoundSumMismatch`, `FinalMismatch`, `SumcheckMismatch`).
 * @param gas explicit gas limit (default {@link TX_GAS_CAP}); never left to estimation.
 */
export async function submitLinearStatement(c: ChainClients, verifier: Address, s: LinearStatementCall, gas: bigint = TX_GAS_CAP): Promise<SubmitLinearStatementResult> {
  return withRevertDecoding('LinearStatementVerifier.submit', async () => {
    const { request } = await c.publicClient.simulateContract({ address: verifier, abi: LinearStatementVerifier.abi, functionName: 'submit', args: args(s), account: c.account, gas });
    const txHash = await c.walletClient.writeContract(request);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success') throw new VouchError('TX_FAILED', `submit reverted on chain (tx ${txHash})`);
    return { txHash, gasUsed: receipt.gasUsed };
  });
}

/** Verifies without recording (eth_call); resolves to the statement hash or throws ContractRevertError. */
export async function verifyLinearStatementCall(c: ChainClients, verifier: Address, s: LinearStatementCall): Promise<Hex> {
  return withRevertDecoding('LinearStatementVerifier.verify', () =>
    c.publicClient.readContract({ address: verifier, abi: LinearStatementVerifier.abi, functionName: 'verify', args: args(s) }),
  );
}

/** eth_estimateGas of the view `verify` (transaction total: intrinsic 21,000 and calldata included). */
export async function estimateLinearVerifyGas(c: ChainClients, verifier: Address, s: LinearStatementCall): Promise<bigint> {
  return withRevertDecoding('LinearStatementVerifier.verify', () => c.publicClient.estimateGas({ account: c.account, to: verifier, data: linearVerifyCalldata(s) }));
}
