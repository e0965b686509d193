/**
 * @vouch/cli — the `vouch` command as a library: `run(argv, io)` and the command list.
 */
export { run, topHelp } from './run.ts';
export { COMMANDS } from './commands/index.ts';
export type { Command } from './commands/types.ts';
export type { Io } from './io.ts';
export { UsageError, FileError, exitCodeOf } from './errors.ts';
