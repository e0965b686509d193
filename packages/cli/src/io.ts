/**
 * Where a command writes: results to `out` (stdout), progress and errors to `err` (stderr).
 * Tests pass collecting functions; main.ts passes the process streams.
 */

/** Output sinks of a command run. */
export interface Io {
  /** Results (stdout). */
  out(text: string): void;
  /** Progress and errors (stderr). */
  err(text: string): void;
  /** Directory relative paths are resolved against (default: process.cwd()). */
  readonly cwd?: string;
}

/** The process streams. */
export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};
