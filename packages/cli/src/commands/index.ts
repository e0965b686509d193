/**
 * The subcommands of `vouch`, in help order.
 */
import { commitCommand } from './commit.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';
import { proveCommand } from './prove.ts';
import { verifyCommand } from './verify.ts';
import { quantizeCommand } from './quantize.ts';
import type { Command } from './types.ts';
import { zooCommand } from './zoo.ts';

/** Every subcommand. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  importCommand,
  quantizeCommand,
  commitCommand,
  proveCommand,
  verifyCommand,
  zooCommand,
];
