/**
 * Entry point of the `vouch` command (bin/vouch.js runs it through tsx).
 */
import { processIo } from './io.ts';
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2), processIo);
