/**
 * What the chain commands share: the chain file (default .vouch/chain.json: RPC URL, chain id,
 * state file and deployment addresses, written by `vouch chain start` and `vouch deploy`), the
 * connection options (--rpc, --account, VOUCH_PRIVATE_KEY), JSON output with bigints as strings,
 * and the mapping of a node that does not answer to a one-line error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { VouchError } from '@vouch/core';
import { connect, type ChainClients } from '@vouch/contracts';
import { checkDeployment, type VouchDeployment } from '@vouch/sdk/chain';
import { getAddress, isAddress, isHex, type Address } from 'viem';
import { UsageError } from '../errors.ts';
import { userPath, writeUserFile } from '../files.ts';
import type { Io } from '../io.ts';
import type { Parsed } from '../args.ts';

/** Default chain file. */
export const CHAIN_FILE = '.vouch/chain.json';
/** Default RPC URL of `vouch chain start`. */
export const DEFAULT_RPC = 'http://127.0.0.1:8545';

/** Contents of the chain file. */
export interface ChainFile {
  readonly rpcUrl?: string;
  readonly chainId?: number;
  readonly hardfork?: string;
  readonly stateFile?: string;
  readonly deployment?: VouchDeployment;
}

/** Value flags every chain command takes. */
export const CONNECT_FLAGS = ['rpc', 'chain-file', 'account'] as const;

/** Help lines of {@link CONNECT_FLAGS}. */
export const CONNECT_HELP = `  --rpc URL           JSON-RPC endpoint (default: the chain file's, else ${DEFAULT_RPC})
  --chain-file FILE   where the RPC URL and deployment addresses are kept (default ${CHAIN_FILE})
  --account ADDRESS   send from this unlocked node account (default: the node's first);
                      with VOUCH_PRIVATE_KEY set in the environment, that key signs instead
  --json              print the result as JSON`;

/** Reads the chain file ({} when absent). */
export function readChainFile(io: Io, path: string): ChainFile {
  const abs = userPath(io, path);
  if (!existsSync(abs)) return {};
  try {
    const j = JSON.parse(readFileSync(abs, 'utf8')) as ChainFile & { deployment?: VouchDeployment & { block: string } };
    return j.deployment ? { ...j, deployment: { ...j.deployment, block: BigInt(j.deployment.block) } } : j;
  } catch (e) {
    throw new VouchError('MALFORMED', `${path}: not a chain file (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Writes the chain file. */
export function writeChainFile(io: Io, path: string, f: ChainFile): void {
  writeUserFile(io, path, `${toJson(f)}\n`);
}

/** JSON with bigints as decimal strings. */
export function toJson(v: unknown, indent = 2): string {
  return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), indent);
}

/** A parsed 20-byte address option. */
export function parseAddress(command: string, flag: string, s: string): Address {
  if (!isAddress(s, { strict: false }))
    throw new UsageError(command, `${flag}: expected a 20-byte 0x address, got ${JSON.stringify(s)}`);
  return getAddress(s);
}

/** Connects with the command's options; a node that does not answer becomes CHAIN_UNREACHABLE. */
export async function connectFrom(
  command: string,
  a: Parsed,
  io: Io,
): Promise<{ c: ChainClients; file: ChainFile; chainFile: string; rpcUrl: string }> {
  const chainFile = a.values.get('chain-file') ?? CHAIN_FILE;
  const file = readChainFile(io, chainFile);
  const rpcUrl = a.values.get('rpc') ?? file.rpcUrl ?? DEFAULT_RPC;
  const key = process.env.VOUCH_PRIVATE_KEY;
  if (key !== undefined && !(isHex(key) && key.length === 66))
    throw new UsageError(command, 'VOUCH_PRIVATE_KEY: expected 0x and 64 hex digits');
  const account = a.values.get('account');
  try {
    const chainId = await fetchChainId(rpcUrl);
    const c = await connect({
      rpcUrl,
      chainId,
      ...(key ? { privateKey: key as `0x${string}` } : {}),
      ...(account ? { address: parseAddress(command, '--account', account) } : {}),
    });
    return { c, file, chainFile, rpcUrl };
  } catch (e) {
    if (e instanceof VouchError) throw e;
    throw new VouchError(
      'CHAIN_UNREACHABLE',
      `no Ethereum node answers at ${rpcUrl} (start one with \`vouch chain start\`)`,
      { cause: e },
    );
  }
}

async function fetchChainId(rpcUrl: string): Promise<number> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  });
  const j = (await res.json()) as { result?: string };
  if (typeof j.result !== 'string') throw new Error('eth_chainId gave no result');
  return Number(BigInt(j.result));
}

/** The chain file's deployment, checked against the connected chain. */
export async function deploymentFrom(
  command: string,
  c: ChainClients,
  file: ChainFile,
  chainFile: string,
): Promise<VouchDeployment> {
  if (!file.deployment) throw new UsageError(command, `no deployment in ${chainFile}: run \`vouch deploy\` first`);
  await checkDeployment(c, file.deployment);
  return file.deployment;
}
