/**
 * The subcommands of `vouch`, in help order.
 */
import { chainCommand } from './chain.ts';
import { commitCommand } from './commit.ts';
import { deployCommand } from './deploy.ts';
import { demoCommand } from './demo.ts';
import { generateCommand } from './generate.ts';
import { importCommand } from './import.ts';
import { proveCommand } from './prove.ts';
import { verifyCommand } from './verify.ts';
import { quantizeCommand } from './quantize.ts';
import { registerCommand } from './register.ts';
import { registryCommand } from './registry.ts';
import type { Command } from './types.ts';
import { zooCommand } from './zoo.ts';

/** Every subcommand. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  importCommand,
  quantizeCommand,
  commitCommand,
  proveCommand,
  generateCommand,
  verifyCommand,
  chainCommand,
  deployCommand,
  registerCommand,
  registryCommand,
  zooCommand,
];
