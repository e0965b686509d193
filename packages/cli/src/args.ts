/**
 * A small argument parser: `--flag value`, `--flag=value`, boolean `--flag`, positionals.
 * Each command declares its flags so that unknown flags are usage errors, not silently ignored.
 */
import { UsageError } from './errors.ts';

/** Flag declarations: `value` flags take an argument, `bool` flags do not. */
export interface FlagSpec {
  readonly value?: readonly string[];
  readonly bool?: readonly string[];
}

/** Parsed arguments. */
export interface Parsed {
  readonly positional: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

/** Flags every command accepts. */
export const GLOBAL_BOOL = ['help', 'verbose', 'quiet'] as const;

/**
 * Parses argv for one command.
 * @param command - command name, for messages.
 * @param argv - arguments after the command name.
 * @param spec - the flags the command accepts.
 * @returns positionals, flag values and boolean flags.
 * @throws {UsageError} for an unknown flag or a missing value.
 */
export function parseArgs(command: string, argv: readonly string[], spec: FlagSpec): Parsed {
  const valueFlags = new Set(spec.value ?? []);
  const boolFlags = new Set([...(spec.bool ?? []), ...GLOBAL_BOOL]);
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      flags.add('help');
      continue;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (valueFlags.has(name)) {
      const v = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new UsageError(command, `--${name} needs a value`);
      values.set(name, v);
    } else if (boolFlags.has(name)) {
      if (eq >= 0) throw new UsageError(command, `--${name} takes no value`);
      flags.add(name);
    } else {
      throw new UsageError(command, `unknown option --${name} (see \`vouch ${command} --help\`)`);
    }
  }
  return { positional, values, flags };
}

/**
 * Parses a shape like `1,784` or `1x1x28x28`.
 * @throws {UsageError} when a dimension is not a positive integer.
 */
export function parseShape(command: string, s: string): number[] {
  const dims = s.split(/[x,×]/).map((d) => Number(d.trim()));
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d <= 0))
    throw new UsageError(command, `--input-shape: expected positive integers like 1,784, got ${JSON.stringify(s)}`);
  return dims;
}

/**
 * Parses a positive integer option.
 * @throws {UsageError} when it is not one.
 */
export function parseCount(command: string, flag: string, s: string | undefined, dflt: number): number {
  if (s === undefined) return dflt;
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(command, `--${flag}: expected a positive integer, got ${JSON.stringify(s)}`);
  return n;
}
