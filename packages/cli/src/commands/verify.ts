/**
 * `vouch verify <model.card.json> <proof.vproof>`: checks a proof file against a model card.
 * Exit 0 valid, 1 rejected (the failed check is printed), 2 bad usage or malformed files.
 */
import { verify, verifyGeneration } from '@vouch/sdk';
import { decodeProofFile } from '@vouch/zkml';
import { parseArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readUserFile } from '../files.ts';
import { readCard } from '../model-files.ts';
import type { Command } from './types.ts';
import { isMlpStatementFile, verifyMlpFile } from './verify-mlp.ts';

const HELP = `vouch verify — verify a proof file against a model card

Usage:
  vouch verify <model.card.json> <proof.vproof> [--requester 0x…] [--nonce 0x…] [--json]
  vouch verify <statement.vmlp.json> [--json]

Arguments:
  <model.card.json>        the public model card (from \`vouch commit\`)
  <proof.vproof>           the proof file (from \`vouch prove\` or \`vouch generate\`)
  <statement.vmlp.json>    an on-chain MLP statement (from \`vouch chain prove-mlp\`), checked off
                           chain with the verifier the contract mirrors (the registry is not read)
Options:
  --requester HEX          also require the statement to name this requester
  --nonce HEX              also require this nonce (the one you sent with the request)
  --json                   print the result as JSON
Exit status: 0 valid; 1 proof rejected (the failed check is printed); 2 bad usage or malformed files.
`;

/** The `verify` command. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a proof file against a model card (exit 0 valid, 1 rejected)',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('verify', argv, { value: ['requester', 'nonce'], bool: ['json'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length === 1) {
      const bytes = readUserFile(io, a.positional[0]);
      if (isMlpStatementFile(bytes)) return verifyMlpFile(io, a, a.positional[0], bytes);
    }
    if (a.positional.length !== 2)
      throw new UsageError(
        'verify',
        `expected a model card and a proof file, got ${a.positional.length} arguments (see \`vouch verify --help\`)`,
      );
    const card = readCard(io, a.positional[0]);
    const proof = readUserFile(io, a.positional[1]);
    if (decodeProofFile(proof).statement.generation) return verifyGenerationFile(io, a, card, proof);
    const r = verify(card, proof, { requester: a.values.get('requester'), nonce: a.values.get('nonce') });
    if (a.flags.has('json')) {
      io.out(
        `${JSON.stringify(
          r.valid
            ? {
                valid: true,
                modelId: r.modelId,
                statementHash: r.statementHash,
                outputs: r.outputs.map((y) => Array.from(y)),
                predictions: r.predictions,
                verifyMs: r.verifyMs,
              }
            : { valid: false, reason: r.reason, verifyMs: r.verifyMs },
        )}\n`,
      );
    } else if (r.valid) {
      io.out(
        `VALID  model 0x${r.modelId}\n  requester   0x${Array.from(r.statement.requester, (b) => b.toString(16).padStart(2, '0')).join('')}\n  predictions ${r.predictions.join(' ')}\n  statement   0x${r.statementHash}\n  verified in ${r.verifyMs.toFixed(0)} ms\n`,
      );
    } else {
      io.out(
        `REJECTED  ${r.reason.check}${r.reason.location ? ` at ${r.reason.location}` : ''}: ${r.reason.message}\n`,
      );
    }
    return r.valid ? 0 : 1;
  },
};

/** `vouch verify` of a generation proof file: prints the proven prompt and tokens. */
function verifyGenerationFile(io: Parameters<Command['run']>[1], a: ReturnType<typeof parseArgs>, card: ReturnType<typeof readCard>, proof: Uint8Array): number {
  const r = verifyGeneration(card, proof, { requester: a.values.get('requester'), nonce: a.values.get('nonce') });
  if (a.flags.has('json')) {
    io.out(`${JSON.stringify(r.valid ? { valid: true, modelId: r.modelId, statementHash: r.statementHash, promptTokens: Array.from(r.promptTokens), tokens: Array.from(r.tokens), text: r.text ?? null, verifyMs: r.verifyMs } : { valid: false, reason: r.reason, verifyMs: r.verifyMs })}\n`);
  } else if (r.valid) {
    io.out(`VALID  generation, model 0x${r.modelId}\n  requester   0x${Array.from(r.statement.requester, (b) => b.toString(16).padStart(2, '0')).join('')}\n  tokens      ${Array.from(r.tokens).join(' ')}\n${r.text !== undefined ? `  text        ${JSON.stringify(r.text)}\n` : ''}  statement   0x${r.statementHash}\n  verified in ${r.verifyMs.toFixed(0)} ms\n`);
  } else {
    io.out(`REJECTED  ${r.reason.check}${r.reason.location ? ` at ${r.reason.location}` : ''}: ${r.reason.message}\n`);
  }
  return r.valid ? 0 : 1;
}
