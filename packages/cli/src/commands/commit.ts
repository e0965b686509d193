/**
 * `vouch commit <model.vpkg>`: computes the model id and writes the public model card and the
 * host's secrets (the weight-digest salt). Done once per model; the id is what gets registered.
 */
import { commitModel } from '@vouch/sdk';
import { parseArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { writeUserFile } from '../files.ts';
import { readPackage, siblings, writeSecrets } from '../model-files.ts';
import type { Command } from './types.ts';

const HELP = `vouch commit — commit to a quantized model: model id, public card, private secrets

Usage:
  vouch commit <model.vpkg> [--mode private|open] [--out model.card.json] [--secrets model.secrets.json]
               [--confidential-prompt] [--json]

Arguments:
  <model.vpkg>             the model package (from \`vouch quantize\`)
Options:
  --mode MODE              private (default): weights stay secret, bound by a salted Poseidon2 digest
                           that every proof opens in zero knowledge; open: weights are published in the card
  --out FILE               where to write the public model card (default <model>.card.json)
  --secrets FILE           where to write the host's secrets (default <model>.secrets.json, mode 0600);
                           \`vouch prove\` needs it, nobody else should see it
  --confidential-prompt    publish only a salted commitment to the package's system prompt
  --json                   print the result as JSON
Exit status: 0 ok; 2 bad usage or malformed package.
`;

/** The `commit` command. */
export const commitCommand: Command = {
  name: 'commit',
  summary: 'commit to a model package: model id, public card, private secrets',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('commit', argv, { value: ['mode', 'out', 'secrets'], bool: ['json', 'confidential-prompt'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1)
      throw new UsageError(
        'commit',
        `expected one model package, got ${a.positional.length} arguments (see \`vouch commit --help\`)`,
      );
    const mode = a.values.get('mode') ?? 'private';
    if (mode !== 'private' && mode !== 'open')
      throw new UsageError('commit', `--mode: expected private or open, got ${mode}`);
    const pkgPath = a.positional[0];
    const files = siblings(pkgPath);
    const cardPath = a.values.get('out') ?? files.card;
    const secretsPath = a.values.get('secrets') ?? files.secrets;
    const pkg = readPackage(io, pkgPath);
    if (!a.flags.has('quiet')) io.err(`commit: hashing the weights (${mode} mode)…\n`);
    const t0 = performance.now();
    const { modelId, card, secrets } = commitModel(pkg, {
      mode,
      confidentialPrompt: a.flags.has('confidential-prompt'),
    });
    const ms = performance.now() - t0;
    writeUserFile(io, cardPath, `${JSON.stringify(card, null, 2)}\n`);
    writeSecrets(io, secretsPath, secrets);
    if (a.flags.has('json'))
      io.out(`${JSON.stringify({ modelId, mode, card: cardPath, secrets: secretsPath, commitMs: ms })}\n`);
    else
      io.out(
        `model id  0x${modelId}\nmode      ${mode}\ncard      ${cardPath} (public)\nsecrets   ${secretsPath} (keep private)\ntime      ${ms.toFixed(0)} ms\n`,
      );
    return 0;
  },
};
