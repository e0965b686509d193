/**
 * `vouch generate <model.vpkg> --prompt TEXT --tokens K`: runs a committed causal language model for
 * K tokens and writes ONE proof file proving every forward pass and every sampling step (decoding
 * from the package, seeds from the requester's nonce). `vouch verify` checks it and prints the tokens.
 */
import { generate } from '@vouch/sdk';
import { parseArgs, parseCount } from '../args.ts';
import { UsageError } from '../errors.ts';
import { writeUserFile } from '../files.ts';
import { readPackage, readSecrets, siblings } from '../model-files.ts';
import type { Command } from './types.ts';

const HELP = `vouch generate — generate tokens with a committed language model and prove them

Usage:
  vouch generate <model.vpkg> (--prompt TEXT | --prompt-ids 1,2,…) --tokens K [--secrets FILE]
                 [--requester 0x…] [--nonce 0x…] [--out proof.vproof] [--json]

Arguments:
  <model.vpkg>             the model package (from \`vouch quantize\`): token ids [T] → logits [T, V]
Options:
  --prompt TEXT            the prompt, spelled with the package vocabulary (after its system prompt)
  --prompt-ids LIST        the prompt as comma-separated token ids instead
  --tokens K               how many tokens to generate (K forward passes, one proof)
  --secrets FILE           the host's secrets (from \`vouch commit\`; default <model>.secrets.json)
  --requester HEX          who the result is for (default 0x00…01); the proof verifies only for it
  --nonce HEX              the requester's 32-byte nonce: the sampling seeds derive from it
                           (default: fresh random)
  --out FILE               where to write the proof file (default <model>.vproof)
  --json                   print the result as JSON
Decoding (greedy or temperature) is the package's (hidden.decoding), bound in the model id.
Verify with \`vouch verify <model.card.json> <proof.vproof>\`.
Exit status: 0 ok; 2 bad usage, malformed input or a model that cannot generate; 1 proving failed.
`;

function parseIds(s: string): number[] {
  const ids = s.split(',').map((x) => Number(x.trim()));
  if (ids.length < 1 || ids.some((x) => !Number.isInteger(x) || x < 0)) throw new UsageError('generate', `--prompt-ids: expected comma-separated token ids, got ${JSON.stringify(s)}`);
  return ids;
}

/** The `generate` command. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'generate tokens with a committed language model, write one proof of them',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('generate', argv, { value: ['prompt', 'prompt-ids', 'tokens', 'secrets', 'requester', 'nonce', 'out'], bool: ['json'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1) throw new UsageError('generate', `expected one model package, got ${a.positional.length} arguments (see \`vouch generate --help\`)`);
    const text = a.values.get('prompt');
    const ids = a.values.get('prompt-ids');
    if ((text === undefined) === (ids === undefined)) throw new UsageError('generate', 'expected exactly one of --prompt and --prompt-ids');
    const count = parseCount('generate', 'tokens', a.values.get('tokens'), 0);
    if (count < 1) throw new UsageError('generate', '--tokens: expected at least 1');
    const pkgPath = a.positional[0];
    const files = siblings(pkgPath);
    const pkg = readPackage(io, pkgPath);
    const secrets = readSecrets(io, a.values.get('secrets') ?? files.secrets);
    const requester = a.values.get('requester') ?? '0x0000000000000000000000000000000000000001';
    const quiet = a.flags.has('quiet');
    let last = '';
    let r;
    try {
      r = generate(pkg, secrets, text ?? parseIds(ids!), {
        tokens: count,
        requester,
        nonce: a.values.get('nonce'),
        onProgress: (stage) => {
          if (!quiet && stage !== last) io.err(`generate: ${stage}…\n`);
          last = stage;
        },
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError('generate', e.message);
      throw e;
    }
    const out = a.values.get('out') ?? files.proof;
    writeUserFile(io, out, r.proofFile);
    const nonceHex = Array.from(r.statement.nonce, (b) => b.toString(16).padStart(2, '0')).join('');
    if (a.flags.has('json')) {
      io.out(`${JSON.stringify({ modelId: secrets.modelId, proof: out, bytes: r.proofFile.length, proveMs: r.proveMs, nonce: nonceHex, promptTokens: Array.from(r.promptTokens), tokens: Array.from(r.tokens), text: r.text ?? null })}\n`);
    } else {
      io.out(
        `model id     0x${secrets.modelId}\nrequester    ${requester}\nnonce        0x${nonceHex}\ntokens       ${Array.from(r.tokens).join(' ')}\n${r.text !== undefined ? `text         ${JSON.stringify(r.text)}\n` : ''}proof        ${out} (${(r.proofFile.length / 1024).toFixed(1)} KiB)\nprove time   ${(r.proveMs / 1000).toFixed(2)} s\n`,
      );
    }
    return 0;
  },
};
