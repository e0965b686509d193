/**
 * `run(argv, io)`: the whole `vouch` command as a function, so tests can call it in-process.
 * Dispatches to a subcommand, prints typed errors as one line on stderr (the stack only with
 * --verbose), and returns the exit status: 0 ok, 2 bad usage or malformed input, 1 failure.
 */
import { VouchError } from '@vouch/core';
import { COMMANDS } from './commands/index.ts';
import { exitCodeOf, UsageError } from './errors.ts';
import type { Io } from './io.ts';

/** The top-level help. */
export function topHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return `vouch — zero-knowledge proofs for ML inference and model claims

Usage: vouch <command> [arguments] [--help] [--verbose]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

Typical pipeline:
  vouch zoo export B1 --out b1.onnx
  vouch import b1.onnx
  vouch quantize b1.onnx --calibration mnist-train --test-set mnist-test --out b1.vpkg

Run \`vouch <command> --help\` for a command's options.
Exit status: 0 ok, 1 failure, 2 bad usage or malformed input.
`;
}

function oneLine(e: unknown): string {
  if (e instanceof VouchError) return `${e.shortMessage}${e.details ? ` (${e.details})` : ''}`;
  if (e instanceof Error) return e.message.split('\n')[0];
  return String(e);
}

/**
 * Runs the `vouch` command.
 * @param argv - arguments after `vouch`.
 * @param io - output sinks.
 * @returns the exit status.
 * @example
 * const code = await run(['zoo', 'list'], { out: console.log, err: console.error });
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const verbose = argv.includes('--verbose');
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(topHelp());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      io.out('vouch 0.1.0\n');
      return 0;
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (!cmd)
      throw new UsageError(
        'vouch',
        `unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see \`vouch --help\`)`,
      );
    return await cmd.run(rest, io);
  } catch (e) {
    const code = exitCodeOf(e);
    const prefix = e instanceof VouchError ? `error [${e.code}]` : 'error';
    io.err(`vouch: ${prefix}: ${oneLine(e)}\n`);
    if (verbose && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    else if (code === 1 && !(e instanceof VouchError)) io.err('  (run with --verbose for the stack trace)\n');
    return code;
  }
}
