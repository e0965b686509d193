/** Test helper: an Io that records what a command printed. */
import type { Io } from '../src/index.ts';

/** An Io whose output is collected in `stdout` / `stderr`. */
export interface Captured extends Io {
  stdout: string;
  stderr: string;
}

/** A capturing Io resolving relative paths against `cwd`. */
export function io(cwd: string): Captured {
  const c: Captured = {
    stdout: '',
    stderr: '',
    cwd,
    out: (t) => {
      c.stdout += t;
    },
    err: (t) => {
      c.stderr += t;
    },
  };
  return c;
}
