/**
 * The shape of a subcommand: name, one-line summary, full help text, and its handler.
 */
import type { Io } from '../io.ts';

/** A `vouch` subcommand. */
export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  /** Runs with the arguments after the command name; returns the exit status. */
  run(argv: readonly string[], io: Io): Promise<number>;
}
