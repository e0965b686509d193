/**
 * Calldata of BasefoldHarness.sol (contracts/BasefoldVerifier.sol, docs/parts/basefold.md §2–§4):
 * the 20-byte parameter record, the packed claims and the statement transcript it starts from, plus
 * viem actions to deploy the harness, verify an opening (eth_call) and estimate its gas. Everything
 * is u32 little-endian with 16-byte ext elements; never ABI-encoded arrays.
 */
import { ByteWriter, Sha256Transcript, absorbBasefoldCommitment, basefoldParamsBytes, type BasefoldClaim, type BasefoldParams } from '@vouch/core';
import { bytesToHex, encodeFunctionData, type Address, type Hex } from 'viem';
import { BasefoldHarness } from '../artifacts.generated.ts';
import type { ChainClients } from '../client.ts';
import { withRevertDecoding } from '../errors.ts';
import { TX_GAS_CAP, deployArtifact } from './actions.ts';

/** Transcript domain of BasefoldHarness.verify. */
export const BASEFOLD_STATEMENT_DOMAIN = 'vouch/basefold-statement';
/** Transcript version of BasefoldHarness.verify. */
export const BASEFOLD_STATEMENT_VERSION = 1;

/** The harness's `expectedParams`: u32 LE n ‖ R ‖ a ‖ q ‖ f (20 bytes, the proof header's fields). */
export function encodeBasefoldParams(p: BasefoldParams): Uint8Array {
  return basefoldParamsBytes(p);
}

/**
 * The harness's `claims`: u32 m ‖ m × (n ext point coordinates ‖ ext value), ext = 4 × u32 LE.
 * @throws RangeError on a point of another length than 4·vars or a value that is not one ext element.
 */
export function encodeBasefoldClaims(claims: readonly BasefoldClaim[], vars: number): Uint8Array {
  const w = new ByteWriter(4 + claims.length * 16 * (vars + 1));
  w.u32(claims.length);
  claims.forEach((c, j) => {
    if (c.point.length !== 4 * vars || c.value.length !== 4) throw new RangeError(`encodeBasefoldClaims: expected claim ${j} with ${vars} ext coordinates and one ext value, got ${c.point.length / 4} and ${c.value.length / 4}`);
    for (let k = 0; k < vars; k++) w.ext(c.point, k);
    w.ext(c.value, 0);
  });
  return w.finish();
}

/**
 * The transcript BasefoldHarness.verify runs, up to and including the commit step: prover and TS
 * verifier continue it with basefoldOpen / basefoldVerify.
 */
export function basefoldStatementTranscript(params: BasefoldParams, root: Uint8Array): Sha256Transcript {
  const tr = new Sha256Transcript(BASEFOLD_STATEMENT_DOMAIN, BASEFOLD_STATEMENT_VERSION);
  absorbBasefoldCommitment(tr, params, root);
  return tr;
}

/** Deploys a BasefoldHarness. */
export async function deployBasefoldHarness(c: ChainClients): Promise<{ address: Address; gasUsed: bigint }> {
  return deployArtifact(c, BasefoldHarness, 'BasefoldHarness');
}

function verifyArgs(params: BasefoldParams, root: Uint8Array, claims: readonly BasefoldClaim[], proof: Uint8Array): readonly [Hex, Hex, Hex, Hex] {
  return [bytesToHex(encodeBasefoldParams(params)), bytesToHex(root), bytesToHex(encodeBasefoldClaims(claims, params.vars)), bytesToHex(proof)];
}

/** The calldata of `verify(params, root, claims, proof)`. */
export function basefoldVerifyCalldata(params: BasefoldParams, root: Uint8Array, claims: readonly BasefoldClaim[], proof: Uint8Array): Hex {
  return encodeFunctionData({ abi: BasefoldHarness.abi, functionName: 'verify', args: verifyArgs(params, root, claims, proof) });
}

/**
 * Verifies an opening on chain (eth_call, at the node's call gas cap); resolves true or throws
 * ContractRevertError naming the failed check (e.g. `FoldMismatch`).
 */
export async function verifyBasefoldCall(c: ChainClients, harness: Address, params: BasefoldParams, root: Uint8Array, claims: readonly BasefoldClaim[], proof: Uint8Array): Promise<boolean> {
  return withRevertDecoding('BasefoldHarness.verify', () =>
    c.publicClient.readContract({ address: harness, abi: BasefoldHarness.abi, functionName: 'verify', args: verifyArgs(params, root, claims, proof) }),
  );
}

/** eth_estimateGas of the verification as a transaction (intrinsic and calldata included), capped at `gas`. */
export async function estimateBasefoldGas(
  c: ChainClients,
  harness: Address,
  params: BasefoldParams,
  root: Uint8Array,
  claims: readonly BasefoldClaim[],
  proof: Uint8Array,
  gas: bigint = TX_GAS_CAP,
): Promise<bigint> {
  return withRevertDecoding('BasefoldHarness.verify', () =>
    c.publicClient.estimateGas({ account: c.account, to: harness, data: basefoldVerifyCalldata(params, root, claims, proof), gas }),
  );
}
