/**
 * `vouch zoo list | train <id> | export <id>`: the benchmark and demo models of models/zoo.ts.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { FIXTURES, ZOO, zooEntry, zooMeta, zooOnnxBytes, zooOnnxPath, type ZooEntry } from '@vouch/models';
import { parseArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { writeUserFile } from '../files.ts';
import type { Io } from '../io.ts';
import type { Command } from './types.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

const HELP = `vouch zoo — the benchmark and demo models

Usage:
  vouch zoo list                       list every model, its source, size and recorded accuracy
  vouch zoo train <id>                 retrain a trained model from its data (runs its script; minutes)
  vouch zoo export <id> [--out FILE]   write the model as ONNX (default ./<name>.onnx); synthetic
                                       models (B3, B4, B6) are generated from their seed

Ids: ${ZOO.map((z) => z.id).join(', ')} (A1 = A1-cps).
The ONNX file is the input of \`vouch import\` and \`vouch quantize\`.
`;

function fmtParams(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}K` : String(n);
}

function metric(e: ZooEntry): string {
  if (e.kind !== 'trained') return 'random weights';
  try {
    const m = zooMeta(e).metrics as Record<string, number>;
    if (m.testAccuracy !== undefined) return `test acc ${(100 * m.testAccuracy).toFixed(2)}%`;
    if (m.valLossFinal !== undefined) return `val loss ${m.valLossInitial.toFixed(2)} → ${m.valLossFinal.toFixed(2)}`;
    return '';
  } catch {
    return 'not trained yet';
  }
}

function list(io: Io): number {
  const rows = ZOO.map((e) => [
    e.id,
    e.kind,
    fmtParams(e.params),
    `${e.input.dtype === 'int64' ? 'tokens' : 'float'} [${e.input.shape.join(',')}]`,
    e.kind === 'trained'
      ? existsSync(zooOnnxPath(e))
        ? 'fixture'
        : 'missing'
      : existsSync(zooOnnxPath(e))
        ? 'cached'
        : 'on demand',
    metric(e),
    e.title,
  ]);
  const head = ['id', 'kind', 'params', 'input', 'file', 'metric', 'model'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  io.out(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  return 0;
}

async function train(e: ZooEntry, io: Io): Promise<number> {
  if (!e.trainScript)
    throw new UsageError(
      'zoo',
      `${e.id} is a synthetic timing model with random weights; use \`vouch zoo export ${e.id}\``,
    );
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  io.err(`vouch zoo train ${e.id}: running ${e.trainScript} (progress below)\n`);
  return new Promise((res) => {
    const child = spawn(process.execPath, [tsx, join(REPO, e.trainScript!)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => io.err(d.toString()));
    child.stderr.on('data', (d: Buffer) => io.err(d.toString()));
    child.on('close', (code) => {
      if (code === 0) io.out(`trained ${e.id}: ${zooOnnxPath(e)}\n`);
      res(code === 0 ? 0 : 1);
    });
  });
}

function exportModel(e: ZooEntry, out: string | undefined, io: Io): number {
  if (e.large) io.err(`generating ${e.id} (${fmtParams(e.params)} parameters, about a minute and ~2 GB of memory)…\n`);
  const bytes = zooOnnxBytes(e);
  const path = writeUserFile(io, out ?? `${e.stem}.onnx`, bytes);
  io.out(`wrote ${path} (${(bytes.length / 1024).toFixed(1)} KiB)\n`);
  const vocab = join(FIXTURES, `${e.stem}.vocab.json`);
  if (existsSync(vocab)) {
    // A language model's tokenizer is one of its hidden inputs: hand it to `vouch quantize --hidden`.
    const vocabulary = JSON.parse(readFileSync(vocab, 'utf8')) as string[];
    const hiddenPath = writeUserFile(
      io,
      path.replace(/\.onnx$/, '') + '.hidden.json',
      `${JSON.stringify({ vocabulary })}\n`,
    );
    io.out(`wrote ${hiddenPath} (vocabulary of ${vocabulary.length} tokens; pass it to \`vouch quantize --hidden\`)\n`);
  }
  return 0;
}

/** The `zoo` command. */
export const zooCommand: Command = {
  name: 'zoo',
  summary: 'list, retrain or export the benchmark models (B1–B6, A1)',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('zoo', argv, { value: ['out'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    const [sub, id, ...rest] = a.positional;
    if (rest.length) throw new UsageError('zoo', `unexpected argument ${JSON.stringify(rest[0])}`);
    switch (sub) {
      case 'list':
        if (id) throw new UsageError('zoo', `zoo list takes no argument, got ${JSON.stringify(id)}`);
        return list(io);
      case 'train':
      case 'export': {
        if (!id) throw new UsageError('zoo', `zoo ${sub} needs a model id (${ZOO.map((z) => z.id).join(', ')})`);
        const e = zooEntry(id);
        return sub === 'train' ? train(e, io) : exportModel(e, a.values.get('out'), io);
      }
      case undefined:
        throw new UsageError('zoo', 'missing subcommand: list, train or export (see `vouch zoo --help`)');
      default:
        throw new UsageError('zoo', `unknown subcommand ${JSON.stringify(sub)}: expected list, train or export`);
    }
  },
};
