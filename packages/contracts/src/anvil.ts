/**
 * Starts a real local Ethereum node (anvil from the @foundry-rs/anvil npm package) on loopback.
 * The hardfork is always explicit (gas figures depend on it) and the chain state can be kept in a
 * file: anvil loads it at start and writes it back on a clean stop and every few seconds, so a
 * restart loses nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VouchError } from '@vouch/core';

/** Hardfork used unless told otherwise; recorded beside every gas figure. */
export const DEFAULT_HARDFORK = 'prague';

/** Options of {@link startAnvil}. */
export interface AnvilOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** EVM hardfork, default {@link DEFAULT_HARDFORK}. */
  hardfork?: string;
  /** File holding the chain state across restarts (loaded if present, dumped on stop). */
  stateFile?: string;
  /** Chain id, default 31337. */
  chainId?: number;
  /** Milliseconds to wait for the node to listen, default 15,000. */
  startTimeoutMs?: number;
}

/** A running node. */
export interface AnvilInstance {
  readonly rpcUrl: string;
  readonly port: number;
  readonly hardfork: string;
  readonly chainId: number;
  /** Settles with the exit code when the node exits (after {@link AnvilInstance.stop} or on its own). */
  readonly exited: Promise<number | null>;
  /** Stops the node (SIGINT, so it dumps its state file) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Raised when anvil cannot be started. */
export class AnvilError extends VouchError {
  override name = 'AnvilError';
  constructor(message: string, details?: string) {
    super('ANVIL_FAILED', message, { details });
  }
}

/** Path of the anvil launcher shipped by @foundry-rs/anvil. */
export function anvilLauncher(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@foundry-rs/anvil/package.json')), 'bin.mjs');
}

/** Starts anvil on 127.0.0.1 and resolves once it listens. */
export async function startAnvil(opts: AnvilOptions = {}): Promise<AnvilInstance> {
  const hardfork = opts.hardfork ?? DEFAULT_HARDFORK;
  const chainId = opts.chainId ?? 31337;
  const args = ['--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--hardfork', hardfork, '--chain-id', String(chainId)];
  if (opts.stateFile) args.push('--state', opts.stateFile, '--state-interval', '2');
  const child: ChildProcess = spawn(process.execPath, [anvilLauncher(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AnvilError('anvil did not start listening in time', output.slice(-2000)));
    }, opts.startTimeoutMs ?? 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new AnvilError(`anvil exited early with code ${code}`, output.slice(-2000)));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return {
    rpcUrl: `http://127.0.0.1:${port}`,
    port,
    hardfork,
    chainId,
    exited,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
