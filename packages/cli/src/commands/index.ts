/**
 * The subcommands of `vouch`, in help order.
 */
import { importCommand } from './import.ts';
import { quantizeCommand } from './quantize.ts';
import type { Command } from './types.ts';
import { zooCommand } from './zoo.ts';

/** Every subcommand. */
export const COMMANDS: readonly Command[] = [importCommand, quantizeCommand, zooCommand];
