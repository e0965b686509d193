/**
 * viem actions for LigeroStatementVerifier.sol: deploy (bound to a StatementRecord), submit a proof
 * (explicit gas limit, revert decoded to its custom error), and read isVerified.
 */
import { bytesToHex, getAddress, type Address, type Hash, type Hex } from 'viem';
import { VouchError } from '@vouch/core';
import { LigeroStatementVerifier } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';

/** Default gas limit of a submission: the EIP-7825 per-transaction cap. */
export const TX_GAS_CAP = 16_777_216n;

/** Deploys any generated artifact (with its constructor arguments) and waits for its receipt. */
export async function deployArtifact(
  c: ChainClients,
  artifact: { readonly abi: readonly unknown[]; readonly bytecode: Hex },
  name: string,
  args: readonly unknown[] = [],
): Promise<{ address: Address; gasUsed: bigint }> {
  const hash = await withRevertDecoding(`${name} deployment`, () =>
    c.walletClient.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, gas: TX_GAS_CAP, ...(args.length ? { args } : {}) } as never),
  );
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress || receipt.status !== 'success') throw new VouchError('DEPLOY_FAILED', `${name} deployment failed (tx ${hash})`);
  return { address: getAddress(receipt.contractAddress), gasUsed: receipt.gasUsed };
}

/**
 * Deploys a LigeroStatementVerifier writing into `record`. It can record only once the record's
 * admin authorised it (`addRecordVerifier`).
 */
export async function deployLigeroStatementVerifier(c: ChainClients, record: Address): Promise<{ address: Address; gasUsed: bigint }> {
  return deployArtifact(c, LigeroStatementVerifier, 'LigeroStatementVerifier', [record]);
}

/** Result of {@link submitLigeroProof}. */
export interface SubmitLigeroProofResult {
  readonly txHash: Hash;
  readonly gasUsed: bigint;
}

/**
 * Submits (circuit, party, proof); the call is simulated first so a failing proof throws
 * ContractRevertError with the verifier's error name (e.g. `ProximityMismatch`).
 * @param gas - explicit gas limit (default {@link TX_GAS_CAP}); never left to estimation.
 */
export async function submitLigeroProof(
  c: ChainClients,
  verifier: Address,
  circuit: Uint8Array,
  party: Address,
  proof: Uint8Array,
  gas: bigint = TX_GAS_CAP,
): Promise<SubmitLigeroProofResult> {
  const args = [bytesToHex(circuit), party, bytesToHex(proof)] as const;
  return withRevertDecoding('LigeroStatementVerifier.submit', async () => {
    const { request } = await c.publicClient.simulateContract({ address: verifier, abi: LigeroStatementVerifier.abi, functionName: 'submit', args, account: c.account, gas });
    const txHash = await c.walletClient.writeContract(request);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success') throw new VouchError('TX_FAILED', `submit reverted on chain (tx ${txHash})`);
    return { txHash, gasUsed: receipt.gasUsed };
  });
}

/** Verifies without recording (eth_call, at the node's call gas cap); resolves to the statement hash or throws ContractRevertError. */
export async function verifyLigeroProofCall(c: ChainClients, verifier: Address, circuit: Uint8Array, party: Address, proof: Uint8Array): Promise<Hex> {
  return withRevertDecoding('LigeroStatementVerifier.verify', () =>
    c.publicClient.readContract({ address: verifier, abi: LigeroStatementVerifier.abi, functionName: 'verify', args: [bytesToHex(circuit), party, bytesToHex(proof)] }),
  );
}

/** Whether the statement is in the verifier's StatementRecord. */
export async function isStatementVerified(c: ChainClients, verifier: Address, statement: Hex): Promise<boolean> {
  return c.publicClient.readContract({ address: verifier, abi: LigeroStatementVerifier.abi, functionName: 'isVerified', args: [statement] });
}
