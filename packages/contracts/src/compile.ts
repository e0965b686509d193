/**
 * Compiles the Solidity sources in packages/contracts/contracts with solc-js (offline, pinned 0.8.30)
 * through the standard-JSON interface. Used by scripts/build-contracts.ts to regenerate
 * src/artifacts.generated.ts, and by the test that checks the committed artifacts are current.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VouchError } from '@vouch/core';

/** Folder holding the .sol sources. */
export const CONTRACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'contracts');

/** One compiled contract. */
export interface CompiledContract {
  readonly abi: readonly unknown[];
  readonly bytecode: `0x${string}`;
  readonly deployedBytecode: `0x${string}`;
}

/** Raised when solc reports errors. */
export class CompileError extends VouchError {
  override name = 'CompileError';
  constructor(messages: string) {
    super('COMPILE_FAILED', 'solc reported errors', { details: messages });
  }
}

/** The sources as a name → content map, sorted by name. */
export function readSources(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.sol')).sort()) {
    out[f] = readFileSync(join(CONTRACTS_DIR, f), 'utf8');
  }
  return out;
}

/** SHA-256 over the sources and the compiler settings: the artifacts' freshness stamp. */
export function sourcesHash(sources: Record<string, string>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(SETTINGS));
  for (const [name, content] of Object.entries(sources)) h.update(`${name}\0${content}\0`);
  return h.digest('hex');
}

const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  viaIR: true,
  evmVersion: 'prague',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
} as const;

/** Compiles every source; throws {@link CompileError} on any error-severity diagnostic. */
export function compileAll(sources = readSources()): Record<string, CompiledContract> {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { compile(input: string): string };
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([k, content]) => [k, { content }])),
    settings: SETTINGS,
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new CompileError(errors.map((e) => e.formattedMessage).join('\n'));
  const out: Record<string, CompiledContract> = {};
  for (const file of Object.values(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(file)) {
      out[name] = {
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
    }
  }
  return out;
}
