/**
 * `vouch prove <model.vpkg> --input SRC`: runs the model on one input (or a batch) and writes a
 * proof file: the statement (model id, inputs, outputs, requester, nonce) and its zero-knowledge proof.
 */
import { proveBatch } from '@vouch/sdk';
import { sizeOf } from '@vouch/zkml';
import { parseArgs, parseCount } from '../args.ts';
import { UsageError } from '../errors.ts';
import { writeUserFile } from '../files.ts';
import { INPUT_SOURCES, loadInputs } from '../inputs.ts';
import { readPackage, readSecrets, siblings } from '../model-files.ts';
import type { Command } from './types.ts';

const HELP = `vouch prove — prove an inference (or a batch) of a committed model

Usage:
  vouch prove <model.vpkg> --input SRC [--index N] [--count N] [--secrets FILE]
              [--requester 0x…] [--nonce 0x…] [--out proof.vproof] [--json]

Arguments:
  <model.vpkg>             the model package (from \`vouch quantize\`)
Options:
  --input SRC              the input(s): ${INPUT_SOURCES}
  --index N                first example of SRC to use (default 0)
  --count N                number of examples, proven together in one batch proof (default 1)
  --secrets FILE           the host's secrets (from \`vouch commit\`; default <model>.secrets.json)
  --requester HEX          who the result is for (an address or key, hex; default 0x00…01);
                           the proof verifies only for this requester
  --nonce HEX              the requester's 32-byte nonce (default: fresh random)
  --out FILE               where to write the proof file (default <model>.vproof)
  --json                   print the result as JSON
Exit status: 0 ok; 2 bad usage or malformed input; 1 proving failed.
`;

/** The `prove` command. */
export const proveCommand: Command = {
  name: 'prove',
  summary: 'prove inferences of a committed model, write a proof file',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('prove', argv, {
      value: ['input', 'index', 'count', 'secrets', 'requester', 'nonce', 'out'],
      bool: ['json'],
    });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1)
      throw new UsageError(
        'prove',
        `expected one model package, got ${a.positional.length} arguments (see \`vouch prove --help\`)`,
      );
    const src = a.values.get('input');
    if (!src) throw new UsageError('prove', `--input is required: ${INPUT_SOURCES}`);
    const pkgPath = a.positional[0];
    const files = siblings(pkgPath);
    const pkg = readPackage(io, pkgPath);
    const secrets = readSecrets(io, a.values.get('secrets') ?? files.secrets);
    const index = parseCount('prove', 'index', a.values.get('index'), 0);
    const count = parseCount('prove', 'count', a.values.get('count'), 1);
    if (count < 1) throw new UsageError('prove', '--count: expected at least 1');
    const width = sizeOf(pkg.graph.inputs[0].shape);
    const set = loadInputs(io, src, width, count, { offset: index });
    if (set.inputs.length < count)
      throw new UsageError(
        'prove',
        `--input ${src}: expected ${count} examples from index ${index}, got ${set.inputs.length}`,
      );
    const requester = a.values.get('requester') ?? '0x0000000000000000000000000000000000000001';
    const quiet = a.flags.has('quiet');
    let last = '';
    const r = proveBatch(pkg, secrets, set.inputs, {
      requester,
      nonce: a.values.get('nonce'),
      onProgress: (stage) => {
        if (!quiet && stage !== last) io.err(`prove: ${stage}…\n`);
        last = stage;
      },
    });
    const out = a.values.get('out') ?? files.proof;
    writeUserFile(io, out, r.proofFile);
    const preds = r.outputs.map((y) => y.indexOf(Math.max(...y)));
    if (a.flags.has('json')) {
      io.out(
        `${JSON.stringify({ modelId: secrets.modelId, proof: out, bytes: r.proofFile.length, proveMs: r.proveMs, outputs: r.outputs.map((y) => Array.from(y)), predictions: preds, labels: set.labels?.slice(0, count) })}\n`,
      );
    } else {
      io.out(
        `model id     0x${secrets.modelId}\nrequester    ${requester}\nsamples      ${count}\npredictions  ${preds.join(' ')}${set.labels ? `  (labels ${set.labels.slice(0, count).join(' ')})` : ''}\nproof        ${out} (${(r.proofFile.length / 1024).toFixed(1)} KiB)\nprove time   ${(r.proveMs / 1000).toFixed(2)} s\n`,
      );
    }
    return 0;
  },
};
