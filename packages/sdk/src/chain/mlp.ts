/**
 * On-chain MLP statements (docs/parts/onchain.md §12): an open-weights Linear → Requant model (B1,
 * the A1 tabular models) proven with plain sumchecks and a BaseFold weight commitment, and verified
 * entirely by MlpStatementVerifier, which then records the statement for its party.
 *
 * The statement file (`.vmlp.json`, JSON): { format: "vouch-mlp-statement", version: 1, party,
 * modelId, statementHash, output: [integers], vk, input, outputBytes, proof } with 0x-hex byte
 * strings. Decoding recomputes the model id from the key and the statement hash from (model id,
 * input, output, party); a file whose stated values differ is malformed.
 *
 * The weights are public in this statement (BaseFold is not hiding): use it for open-weights
 * models; private-weights proofs are verified off chain (`verify`).
 */
import { MalformedError, VerificationError, toSigned } from '@vouch/core';
import { mlpKey, mlpModelId, mlpStatementHash, proveMlp, verifyMlp, type MlpKey, type MlpKeyOptions, type ModelPackage } from '@vouch/zkml';
import type { RejectReason } from '../verify.ts';
import { submitMlpStatement as submitMlp, verifyMlpStatementCall as verifyMlpCall, type ChainClients, type MlpStatementCall } from '@vouch/contracts';
import { bytesToHex, getAddress, hexToBytes, isAddress, type Address, type Hash, type Hex } from 'viem';
import { readStatementJson } from './statement-json.ts';
import { quantized, type ModelInput } from '../prove.ts';
import type { VouchDeployment } from './deployment.ts';

/** A proven MLP statement, ready to submit. */
export interface MlpStatement {
  /** The verification key bytes (vk.ts); its hash is the model id. */
  readonly vk: Uint8Array;
  /** SHA-256("vouch/mlp-vk/v1" ‖ vk). */
  readonly modelId: Hex;
  /** The party the result is for (bound in the proof's transcript). */
  readonly party: Address;
  /** Quantized input and output as statement bytes (u32 LE canonical field elements). */
  readonly input: Uint8Array;
  readonly outputBytes: Uint8Array;
  /** The output as integers. */
  readonly output: readonly number[];
  readonly proof: Uint8Array;
  /** The record key. */
  readonly statementHash: Hex;
}

/** Format tag of MLP statement files. */
export const MLP_STATEMENT_FILE_FORMAT = 'vouch-mlp-statement';

/**
 * The on-chain key of an open-weights MLP package (deterministic: anyone holding the weights gets
 * the same key and model id).
 * @throws UnsupportedOpError when the graph is not a Linear → Requant chain.
 */
export function mlpKeyOf(pkg: ModelPackage, opts: MlpKeyOptions = {}): MlpKey {
  return mlpKey(pkg.graph, pkg.params, opts);
}

/**
 * Runs the model on `input` (float, quantized with the package's input settings, or already
 * quantized) and proves the result for `party`.
 * @param key from {@link mlpKeyOf}; build it once per model.
 * @throws RangeError on a bad party or input.
 */
export function proveMlpStatement(pkg: ModelPackage, key: MlpKey, input: ModelInput, party: Address): MlpStatement {
  if (!isAddress(party, { strict: false })) throw new RangeError(`proveMlpStatement: expected a 20-byte party address, got ${party}`);
  const x = Array.from(quantized(pkg, input));
  const p = proveMlp(key, x, hexToBytes(getAddress(party)));
  return {
    vk: key.vkBytes,
    modelId: bytesToHex(key.modelId),
    party: getAddress(party),
    input: p.input,
    outputBytes: p.output,
    output: p.outputValues,
    proof: p.proof,
    statementHash: bytesToHex(p.statementHash),
  };
}

/** Encodes a statement file (JSON text). */
export function encodeMlpStatementFile(s: MlpStatement): string {
  return `${JSON.stringify(
    {
      format: MLP_STATEMENT_FILE_FORMAT,
      version: 1,
      party: s.party,
      modelId: s.modelId,
      statementHash: s.statementHash,
      output: s.output,
      vk: bytesToHex(s.vk),
      input: bytesToHex(s.input),
      outputBytes: bytesToHex(s.outputBytes),
      proof: bytesToHex(s.proof),
    },
    null,
    2,
  )}\n`;
}

/**
 * Decodes a statement file.
 * @throws {MalformedError} naming the bad field, or when the stated model id, statement hash or
 *   output is not the one the bytes give.
 */
export function decodeMlpStatementFile(text: string, source = 'statement file'): MlpStatement {
  const { j, bytes, party } = readStatementJson(text, source, MLP_STATEMENT_FILE_FORMAT);
  const vk = bytes('vk');
  const input = bytes('input');
  const outputBytes = bytes('outputBytes');
  const proof = bytes('proof');
  const id = mlpModelId(vk);
  const modelId = bytesToHex(id);
  if (typeof j.modelId !== 'string' || j.modelId.toLowerCase() !== modelId) throw new MalformedError(`${source}.modelId`, `expected ${modelId} (recomputed from the key), got ${String(j.modelId)}`);
  const statementHash = bytesToHex(mlpStatementHash(id, input, outputBytes, hexToBytes(party)));
  if (typeof j.statementHash !== 'string' || j.statementHash.toLowerCase() !== statementHash) {
    throw new MalformedError(`${source}.statementHash`, `expected ${statementHash} (recomputed from key, input, output and party), got ${String(j.statementHash)}`);
  }
  if (outputBytes.length % 4 !== 0) throw new MalformedError(`${source}.outputBytes`, 'expected 4 bytes per element');
  const view = new DataView(outputBytes.buffer, outputBytes.byteOffset, outputBytes.byteLength);
  const output = Array.from({ length: outputBytes.length / 4 }, (_, i) => toSigned(view.getUint32(4 * i, true)));
  if (!Array.isArray(j.output) || j.output.length !== output.length || j.output.some((v, i) => v !== output[i])) {
    throw new MalformedError(`${source}.output`, `expected [${output.join(', ')}] (the output bytes), got ${JSON.stringify(j.output)}`);
  }
  return { vk, modelId, party, input, outputBytes, output, proof, statementHash };
}

/** Result of {@link submitMlpStatement}. */
export interface MlpSubmitResult {
  readonly statementHash: Hex;
  readonly txHash: Hash;
  readonly gasUsed: bigint;
}

/**
 * Submits a statement: MlpStatementVerifier checks that the model id is active in the registry and
 * verifies the proof; only then it records the statement for its party. Anyone may submit.
 * @throws ContractRevertError with the failing check's error (`OutputMismatch`, `FinalMismatch`,
 *   `RoundSumMismatch`, BaseFold errors, `ModelNotActive`, `AlreadyVerified`, …).
 */
export async function submitMlpStatement(c: ChainClients, d: VouchDeployment, s: MlpStatement, gas?: bigint): Promise<MlpSubmitResult> {
  const r = await submitMlp(c, d.mlpVerifier, callOf(s), ...(gas === undefined ? [] : [gas]));
  return { statementHash: s.statementHash, ...r };
}

/** The contract's view of a statement. */
function callOf(s: MlpStatement): MlpStatementCall {
  return { vk: s.vk, input: s.input, output: s.outputBytes, party: s.party, proof: s.proof };
}

/**
 * Verifies a statement on chain without recording it (eth_call).
 * @returns the statement hash the contract computed.
 * @throws ContractRevertError with the failing check's error.
 */
export function verifyMlpStatementCall(c: ChainClients, d: VouchDeployment, s: MlpStatement): Promise<Hex> {
  return verifyMlpCall(c, d.mlpVerifier, callOf(s));
}

/** The off-chain check of an MLP statement: the same verdict as the contract, in TypeScript. */
export type MlpCheckResult =
  | { readonly valid: true; readonly modelId: Hex; readonly statementHash: Hex; readonly output: readonly number[]; readonly verifyMs: number }
  | { readonly valid: false; readonly reason: RejectReason; readonly verifyMs: number };

/**
 * Verifies an MLP statement off chain (`verifyMlp`, the TypeScript reference the contract mirrors
 * check for check). The registry is not consulted: that is the contract's `ModelNotActive` check.
 * @example const r = checkMlpStatement(decodeMlpStatementFile(text)); if (!r.valid) console.log(r.reason.check);
 */
export function checkMlpStatement(s: MlpStatement): MlpCheckResult {
  const t0 = performance.now();
  try {
    const r = verifyMlp({ vk: s.vk, input: s.input, output: s.outputBytes, party: hexToBytes(s.party), proof: s.proof });
    return { valid: true, modelId: bytesToHex(r.modelId), statementHash: bytesToHex(r.statementHash), output: r.output, verifyMs: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof VerificationError) return { valid: false, reason: { check: e.check, location: e.location, message: e.shortMessage }, verifyMs: ms };
    if (e instanceof MalformedError) return { valid: false, reason: { check: `malformed.${e.field}`, message: e.shortMessage }, verifyMs: ms };
    throw e;
  }
}
