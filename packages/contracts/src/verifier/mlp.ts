/**
 * viem actions for MlpStatementVerifier.sol (docs/parts/onchain.md §12): deploy (bound to a
 * StatementRecord and a ModelRegistry; the constructor deploys its MlpOpening), the calldata of
 * `submit`/`verify`, submit a statement (explicit gas limit, revert decoded to its custom error),
 * verify by eth_call, estimate gas. The statement's fields are the bytes `@vouch/zkml`'s
 * `proveMlp` / `mlpKey` produce (key, input, output, proof), passed through unchanged: u32
 * little-endian throughout, never ABI-encoded arrays.
 */
import { bytesToHex, encodeFunctionData, type Address, type Hash, type Hex } from 'viem';
import { VouchError } from '@vouch/core';
import { MlpStatementVerifier } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';
import { TX_GAS_CAP, deployArtifact } from './actions.ts';

/** One MLP statement as the contract takes it. */
export interface MlpStatementCall {
  /** The verification key bytes (`mlpKey(…).vkBytes`). */
  readonly vk: Uint8Array;
  /** The input, cols_0 × u32 LE canonical elements. */
  readonly input: Uint8Array;
  /** The output, rows_{L−1} × u32 LE canonical elements. */
  readonly output: Uint8Array;
  readonly party: Address;
  readonly proof: Uint8Array;
}

/**
 * The `field` codes of `BadVk(field, index, value)` (the `mlp.vk.<field>` of packages/zkml's vk.ts);
 * `index` is the layer, or for `params` the BaseFold parameter (0 n, 1 R, 2 a, 3 q, 4 f; 5: n ≠ the
 * layout's vars).
 */
export const MLP_VK_FIELD = Object.freeze({ version: 0, layers: 1, input: 2, rows: 3, cols: 4, clamp: 5, multiplier: 6, shift: 7, range: 8, params: 9 });

function args(s: MlpStatementCall): readonly [Hex, Hex, Hex, Address, Hex] {
  return [bytesToHex(s.vk), bytesToHex(s.input), bytesToHex(s.output), s.party, bytesToHex(s.proof)];
}

/** Calldata of `submit(vk, input, output, party, proof)` (for calldata size and gas figures). */
export function mlpSubmitCalldata(s: MlpStatementCall): Hex {
  return encodeFunctionData({ abi: MlpStatementVerifier.abi, functionName: 'submit', args: args(s) });
}

/** Calldata of the view `verify(vk, input, output, party, proof)`. */
export function mlpVerifyCalldata(s: MlpStatementCall): Hex {
  return encodeFunctionData({ abi: MlpStatementVerifier.abi, functionName: 'verify', args: args(s) });
}

/**
 * Deploys an MlpStatementVerifier writing into `record` and accepting models active in `registry`
 * (its constructor deploys the MlpOpening it calls; `gasUsed` covers both). It records only once the
 * record's admin authorised it (`addRecordVerifier`).
 */
export async function deployMlpStatementVerifier(c: ChainClients, record: Address, registry: Address): Promise<{ address: Address; gasUsed: bigint }> {
  return deployArtifact(c, MlpStatementVerifier, 'MlpStatementVerifier', [record, registry]);
}

/** Result of {@link submitMlpStatement}. */
export interface SubmitMlpStatementResult {
  readonly txHash: Hash;
  readonly gasUsed: bigint;
}

/**
 * Submits a statement; the call is simulated first, so a failing proof throws ContractRevertError
 * with the verifier's error name (e.g. `ModelNotActive`, `OutputMismatch`, `RoundSumMismatch`,
 * `FinalMismatch`, `MerkleRootMismatch`).
 * @param gas explicit gas limit (default {@link TX_GAS_CAP}); never left to estimation.
 */
export async function submitMlpStatement(c: ChainClients, verifier: Address, s: MlpStatementCall, gas: bigint = TX_GAS_CAP): Promise<SubmitMlpStatementResult> {
  return withRevertDecoding('MlpStatementVerifier.submit', async () => {
    const { request } = await c.publicClient.simulateContract({ address: verifier, abi: MlpStatementVerifier.abi, functionName: 'submit', args: args(s), account: c.account, gas });
    const txHash = await c.walletClient.writeContract(request);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success') throw new VouchError('TX_FAILED', `submit reverted on chain (tx ${txHash})`);
    return { txHash, gasUsed: receipt.gasUsed };
  });
}

/** Verifies without recording (eth_call, at the node's call gas cap); resolves to the statement hash or throws ContractRevertError. */
export async function verifyMlpStatementCall(c: ChainClients, verifier: Address, s: MlpStatementCall): Promise<Hex> {
  return withRevertDecoding('MlpStatementVerifier.verify', () => c.publicClient.readContract({ address: verifier, abi: MlpStatementVerifier.abi, functionName: 'verify', args: args(s) }));
}

/** eth_estimateGas of the view `verify` under an explicit cap (transaction total: intrinsic 21,000 and calldata included). */
export async function estimateMlpVerifyGas(c: ChainClients, verifier: Address, s: MlpStatementCall, gas: bigint = TX_GAS_CAP): Promise<bigint> {
  return withRevertDecoding('MlpStatementVerifier.verify', () => c.publicClient.estimateGas({ account: c.account, to: verifier, data: mlpVerifyCalldata(s), gas }));
}
