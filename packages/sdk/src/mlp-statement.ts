/**
 * On-chain MLP statement files, the browser-safe part (docs/parts/onchain.md §12, docs/formats.md
 * "MLP statement file"): decode a `.vmlp.json` file and check it off chain with `verifyMlp`, the
 * TypeScript reference that MlpStatementVerifier mirrors check for check. No viem, no contracts,
 * no Node module: it is part of `@vouch/sdk/verify`; `@vouch/sdk/chain` re-exports it.
 *
 * The file (JSON): { format: "vouch-mlp-statement", version: 1, party, modelId, statementHash,
 * output: [integers], vk, input, outputBytes, proof } with 0x-hex byte strings. Decoding recomputes
 * the model id from the key and the statement hash from (model id, input, output, party); a file
 * whose stated values differ is malformed.
 */
import { MalformedError, VerificationError, toSigned } from '@vouch/core';
import { mlpModelId, mlpStatementHash, verifyMlp } from '@vouch/zkml';
import { bytesToHex, hexToBytes } from './hex.ts';
import type { RejectReason } from './verify.ts';
import { readStatementJson } from './statement-json.ts';

/** A 0x-prefixed hex string. */
export type HexString = `0x${string}`;

/** A proven MLP statement. */
export interface MlpStatement {
  /** The verification key bytes (vk.ts); its hash is the model id. */
  readonly vk: Uint8Array;
  /** SHA-256("vouch/mlp-vk/v1" ‖ vk). */
  readonly modelId: HexString;
  /** The party the result is for (bound in the proof's transcript): a 20-byte address. */
  readonly party: HexString;
  /** Quantized input and output as statement bytes (u32 LE canonical field elements). */
  readonly input: Uint8Array;
  readonly outputBytes: Uint8Array;
  /** The output as integers. */
  readonly output: readonly number[];
  readonly proof: Uint8Array;
  /** The record key. */
  readonly statementHash: HexString;
}

/** Format tag of MLP statement files. */
export const MLP_STATEMENT_FILE_FORMAT = 'vouch-mlp-statement';

const hex0x = (b: Uint8Array): HexString => `0x${bytesToHex(b)}`;

/**
 * Decodes a statement file. The party is returned lower-case (`@vouch/sdk/chain`'s decoder
 * returns it checksummed).
 * @param source names the file in error fields (`<source>.modelId`, …).
 * @returns the statement, every stated value equal to the one its bytes give.
 * @throws {MalformedError} naming the bad field (`<source>`, `.format`, `.version`, `.party`, a
 *   byte field), or when the stated model id, statement hash or output is not the one the bytes give.
 * @example const s = decodeMlpStatementFile(await file.text(), file.name);
 */
export function decodeMlpStatementFile(text: string, source = 'statement file'): MlpStatement {
  const { j, bytes, party } = readStatementJson(text, source, MLP_STATEMENT_FILE_FORMAT);
  const vk = bytes('vk');
  const input = bytes('input');
  const outputBytes = bytes('outputBytes');
  const proof = bytes('proof');
  const id = mlpModelId(vk);
  const modelId = hex0x(id);
  if (typeof j.modelId !== 'string' || j.modelId.toLowerCase() !== modelId) throw new MalformedError(`${source}.modelId`, `expected ${modelId} (recomputed from the key), got ${String(j.modelId)}`);
  const statementHash = hex0x(mlpStatementHash(id, input, outputBytes, hexToBytes(party, 'party')));
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

/** The off-chain check of an MLP statement: the same verdict as the contract, in TypeScript. */
export type MlpCheckResult =
  | { readonly valid: true; readonly modelId: HexString; readonly statementHash: HexString; readonly output: readonly number[]; readonly verifyMs: number }
  | { readonly valid: false; readonly reason: RejectReason; readonly verifyMs: number };

/**
 * Verifies an MLP statement off chain (`verifyMlp`, the TypeScript reference the contract mirrors
 * check for check). The registry is not consulted: that is the contract's `ModelNotActive` check.
 * @returns valid (model id, statement hash, output) or the failing check (`basefold.merkle`, `malformed.<field>`, …).
 * @throws only on an internal error, never for a statement that fails a check.
 * @example const r = checkMlpStatement(decodeMlpStatementFile(text)); if (!r.valid) console.log(r.reason.check);
 */
export function checkMlpStatement(s: MlpStatement): MlpCheckResult {
  const t0 = performance.now();
  try {
    const r = verifyMlp({ vk: s.vk, input: s.input, output: s.outputBytes, party: hexToBytes(s.party, 'party'), proof: s.proof });
    return { valid: true, modelId: hex0x(r.modelId), statementHash: hex0x(r.statementHash), output: r.output, verifyMs: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof VerificationError) return { valid: false, reason: { check: e.check, location: e.location, message: e.shortMessage }, verifyMs: ms };
    if (e instanceof MalformedError) return { valid: false, reason: { check: `malformed.${e.field}`, message: e.shortMessage }, verifyMs: ms };
    throw e;
  }
}
