/**
 * On-chain MLP statements (docs/parts/onchain.md §12): an open-weights Linear → Requant model (B1,
 * the A1 tabular models) proven with plain sumchecks and a BaseFold weight commitment, and verified
 * entirely by MlpStatementVerifier, which then records the statement for its party.
 *
 * The statement file (`.vmlp.json`, JSON): { format: "vouch-mlp-statement", version: 1, party,
 * modelId, statementHash, output: [integers], vk, input, outputBytes, proof } with 0x-hex byte
 * strings. Decoding recomputes the model id from the key and the statement hash from (model id,
 * input, output, party); a file whose stated values differ is malformed. Decoding and the off-chain
 * check are browser-safe and live in ../mlp-statement.ts (also in `@vouch/sdk/verify`).
 *
 * The weights are public in this statement (BaseFold is not hiding): use it for open-weights
 * models; private-weights proofs are verified off chain (`verify`).
 */
import { mlpKey, proveMlp, type MlpKey, type MlpKeyOptions, type ModelPackage } from '@vouch/zkml';
import { submitMlpStatement as submitMlp, verifyMlpStatementCall as verifyMlpCall, type ChainClients, type MlpStatementCall } from '@vouch/contracts';
import { bytesToHex, getAddress, hexToBytes, isAddress, type Address, type Hash, type Hex } from 'viem';
import { MLP_STATEMENT_FILE_FORMAT, decodeMlpStatementFile as decodeMlpStatementBase, type MlpStatement } from '../mlp-statement.ts';
import { quantized, type ModelInput } from '../prove.ts';
import type { VouchDeployment } from './deployment.ts';

// The browser-safe part (file format, decoding, off-chain check) lives in ../mlp-statement.ts.
export { MLP_STATEMENT_FILE_FORMAT, checkMlpStatement, type MlpCheckResult, type MlpStatement } from '../mlp-statement.ts';

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
 * Decodes a statement file (`decodeMlpStatementFile` of `@vouch/sdk/verify`, with the party checksummed).
 * @throws {MalformedError} naming the bad field, or when the stated model id, statement hash or
 *   output is not the one the bytes give.
 */
export function decodeMlpStatementFile(text: string, source = 'statement file'): MlpStatement {
  const s = decodeMlpStatementBase(text, source);
  return { ...s, party: getAddress(s.party) };
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
