/**
 * `vouch verify <statement.vmlp.json>`: the off-chain check of an on-chain MLP statement
 * (docs/parts/onchain.md §12) — the TypeScript verifier the contract mirrors, without the registry.
 * Exit 0 valid, 1 rejected, 2 malformed file.
 */
import { checkMlpStatement, decodeMlpStatementFile, MLP_STATEMENT_FILE_FORMAT } from '@vouch/sdk/chain';
import type { Parsed } from '../args.ts';
import type { Io } from '../io.ts';

/** Whether the file's JSON names the MLP statement format. */
export function isMlpStatementFile(bytes: Uint8Array): boolean {
  try {
    return (JSON.parse(new TextDecoder().decode(bytes)) as { format?: unknown })?.format === MLP_STATEMENT_FILE_FORMAT;
  } catch {
    return false;
  }
}

/** Verifies the statement file off chain; prints the verdict. */
export function verifyMlpFile(io: Io, a: Parsed, path: string, bytes: Uint8Array): number {
  const s = decodeMlpStatementFile(new TextDecoder().decode(bytes), path);
  const r = checkMlpStatement(s);
  if (a.flags.has('json')) {
    io.out(`${JSON.stringify(r.valid ? { valid: true, modelId: r.modelId, statementHash: r.statementHash, party: s.party, output: r.output, verifyMs: r.verifyMs } : { valid: false, reason: r.reason, verifyMs: r.verifyMs })}\n`);
  } else if (r.valid) {
    io.out(`VALID (MLP statement, off chain)  output [${r.output.join(', ')}] for ${s.party}\n  model id   ${r.modelId} (on-chain key; register it for MlpStatementVerifier)\n  statement  ${r.statementHash}\n  verified in ${r.verifyMs.toFixed(1)} ms\n`);
  } else {
    io.out(`REJECTED  ${r.reason.check}${r.reason.location ? ` (${r.reason.location})` : ''}: ${r.reason.message}\n`);
  }
  return r.valid ? 0 : 1;
}
