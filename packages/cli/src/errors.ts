/**
 * Errors of the command line: bad usage, and how every error maps to an exit code.
 */
import { VouchError } from '@vouch/core';

/** Wrong arguments: unknown command or flag, missing value, bad number. */
export class UsageError extends VouchError {
  override name = 'UsageError';
  /** The command whose usage was wrong (`vouch` for the top level). */
  readonly command: string;

  constructor(command: string, message: string) {
    super('USAGE', message);
    this.command = command;
  }
}

/** Error codes that mean "the user's input is wrong" (exit 2) rather than "Vouch failed" (exit 1). */
const INPUT_CODES: ReadonlySet<string> = new Set([
  'USAGE',
  'MALFORMED',
  'UNSUPPORTED_OP',
  'SHAPE',
  'DATASET',
  'ZOO',
  'FILE',
  'MODEL_CARD_INVALID',
  'GENERATION_UNSUPPORTED',
]);

/** Exit status for an error: 2 for bad usage or malformed input, 1 otherwise. */
export function exitCodeOf(e: unknown): number {
  return e instanceof VouchError && INPUT_CODES.has(e.code) ? 2 : 1;
}

/** A file the user named that cannot be read or written. */
export class FileError extends VouchError {
  override name = 'FileError';
  readonly path: string;

  constructor(path: string, message: string, cause?: unknown) {
    super('FILE', `${path}: ${message}`, { cause });
    this.path = path;
  }
}
