/**
 * `vouch chain <start|prove-example|prove-mlp|verify|record>`: a local chain and on-chain verification.
 *
 * - start: runs anvil (from the @foundry-rs/anvil npm package) on 127.0.0.1 in the foreground,
 *   keeping the chain state in a file so a restart loses nothing; Ctrl-C stops it (state saved).
 * - prove-example: writes the example Ligero statement for a party (the only kind of proof the
 *   contracts verify today; not an inference proof).
 * - prove-mlp: proves an inference of an open-weights MLP for on-chain verification (chain-mlp.ts).
 * - verify: submits a statement file — a Ligero statement to the LigeroStatementVerifier, an MLP
 *   statement to the MlpStatementVerifier; the StatementRecord is written only if the proof verifies
 *   on chain.
 * - record: reads the record of a statement hash.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LIGERO_TEST, type LigeroParams } from '@vouch/core';
import { startAnvil } from '@vouch/contracts';
import {
  decodeStatementFile,
  encodeStatementFile,
  proveExampleStatement,
  readStatement,
  submitStatement,
  verifyStatementCall,
} from '@vouch/sdk/chain';
import { isHex, type Hex } from 'viem';
import { parseArgs, parseCount } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readUserFile, userPath, writeUserFile } from '../files.ts';
import type { Io } from '../io.ts';
import {
  CHAIN_FILE,
  CONNECT_FLAGS,
  CONNECT_HELP,
  connectFrom,
  deploymentFrom,
  parseAddress,
  readChainFile,
  toJson,
  writeChainFile,
} from './chain-context.ts';
import type { Command } from './types.ts';
import { PROVE_MLP_HELP, proveMlpCommand, readMlpStatement, verifyMlpCommand } from './chain-mlp.ts';
import { verifyOnChain } from './chain-verify.ts';
import { isMlpStatementFile } from './verify-mlp.ts';

const HELP = `vouch chain — a local chain and on-chain verification

Usage:
  vouch chain start [--port N] [--state FILE] [--chain-file FILE]
  vouch chain prove-example --party 0x… [--params test|c80] [--out FILE] [--json]
  vouch chain prove-mlp <model.vpkg> --input SRC [--index N] --party 0x… [--out FILE] [--json]
  vouch chain verify <statement.vstmt.json | statement.vmlp.json> [--call] [connection options]
  vouch chain record <statementHash> [connection options]

start          runs anvil (npm @foundry-rs/anvil, hardfork prague) on 127.0.0.1 in the foreground
               and prints its RPC URL; Ctrl-C stops it. The chain state is loaded from and saved to
               --state (default .vouch/chain-state.json), so a restart loses nothing.
               --port N (default 8545; 0 picks a free port)
prove-example  writes the example Ligero statement "I know a, b with a ⊙ b = c" (c public) for
               --party: it exercises the on-chain verifier and record, it says nothing about a
               model. --params test (default: 4 queries, NOT secure, ≈ 0.95 M gas) or c80
               (ℓ = 64, 40 queries, blowup 16: ≈ 81 conjectured / 37 proven bits, ≈ 11.6 M gas).
               --out FILE (default example.vstmt.json)
${PROVE_MLP_HELP}
verify         submits the statement to the deployment's verifier for its kind (MlpStatementVerifier
               for .vmlp.json, LigeroStatementVerifier for .vstmt.json); the contract
               checks the proof and only then records the statement for its party. --call checks
               without recording (eth_call, no transaction).
record         prints the record of a statement hash (party, model id — the MLP key id, or a Ligero
               circuit digest — and the verifier that wrote it).

What is verified on chain today: inferences of open-weights MLPs (prove-mlp: the whole inference,
for a registered model, bound to a party) and Ligero statements. Private-weights inference proofs
(.vproof) are verified off chain with \`vouch verify\`.

Connection options:
${CONNECT_HELP}
Exit status: 0 ok (verified / recorded / found); 1 rejected on chain, not recorded, or the node
failed; 2 bad usage or malformed files.
`;

const PARAMS: Record<string, { params: LigeroParams; rowWidth: number }> = {
  test: { params: LIGERO_TEST, rowWidth: 16 },
  c80: { params: { name: 'c80-t40-b16', queries: 40, blowup: 16 }, rowWidth: 64 },
};

/** The `chain` command. */
export const chainCommand: Command = {
  name: 'chain',
  summary: 'local chain (anvil), prove an example statement, verify it on chain, read records',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.out(HELP);
      return sub === undefined ? 2 : 0;
    }
    if (sub === 'start') return start(rest, io);
    if (sub === 'prove-example') return proveExample(rest, io);
    if (sub === 'prove-mlp') return proveMlpCommand(rest, io);
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'record') return record(rest, io);
    throw new UsageError(
      'chain',
      `unknown subcommand ${JSON.stringify(sub)}; expected start, prove-example, prove-mlp, verify or record (see \`vouch chain --help\`)`,
    );
  },
};

async function start(argv: readonly string[], io: Io): Promise<number> {
  const a = parseArgs('chain', argv, { value: ['port', 'state', 'chain-file'] });
  if (a.flags.has('help')) return help(io);
  const portArg = a.values.get('port');
  const port = portArg === '0' ? 0 : parseCount('chain', 'port', portArg, 8545);
  const state = a.values.get('state') ?? '.vouch/chain-state.json';
  const chainFile = a.values.get('chain-file') ?? CHAIN_FILE;
  const stateAbs = userPath(io, state);
  const resumed = existsSync(stateAbs);
  mkdirSync(dirname(stateAbs), { recursive: true }); // anvil writes the state file itself
  const anvil = await startAnvil({ port, stateFile: stateAbs });
  const prev = readChainFile(io, chainFile);
  // A deployment survives only on the chain whose state it was made on.
  const keep = resumed && prev.stateFile === stateAbs ? prev.deployment : undefined;
  writeChainFile(io, chainFile, {
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    hardfork: anvil.hardfork,
    stateFile: stateAbs,
    ...(keep ? { deployment: keep } : {}),
  });
  io.out(
    `anvil listening on ${anvil.rpcUrl} (127.0.0.1 only, chain id ${anvil.chainId}, hardfork ${anvil.hardfork})\n`,
  );
  io.out(
    `  state file ${state} (${resumed ? 'loaded' : 'new'}); chain file ${chainFile}${keep ? ' (deployment kept)' : ''}\n`,
  );
  io.out('  Ctrl-C stops the node and saves the state\n');
  const signalled = new Promise<'signal'>((resolve) => {
    const on = (): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve('signal');
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  let why = await Promise.race([signalled, anvil.exited.then(() => 'exited' as const)]);
  // Ctrl-C in a terminal reaches anvil too (same process group): it saves and exits on its own,
  // possibly just before our handler runs.
  if (why === 'exited')
    why = await Promise.race([signalled, new Promise<'exited'>((r) => setTimeout(() => r('exited'), 500))]);
  if (why === 'exited') {
    io.err('vouch chain: anvil exited unexpectedly\n');
    return 1;
  }
  await anvil.stop();
  io.out(`stopped; state saved to ${state}\n`);
  return 0;
}

async function proveExample(argv: readonly string[], io: Io): Promise<number> {
  const a = parseArgs('chain', argv, { value: ['party', 'params', 'out'], bool: ['json'] });
  if (a.flags.has('help')) return help(io);
  const partyArg = a.values.get('party');
  if (!partyArg) throw new UsageError('chain', 'prove-example needs --party 0x… (the address the result is for)');
  const party = parseAddress('chain', '--party', partyArg);
  const name = a.values.get('params') ?? 'test';
  const p = PARAMS[name];
  if (!p) throw new UsageError('chain', `--params: expected test or c80, got ${JSON.stringify(name)}`);
  const out = a.values.get('out') ?? 'example.vstmt.json';
  const s = proveExampleStatement(party, { params: p.params, rowWidth: p.rowWidth });
  writeUserFile(io, out, encodeStatementFile(s));
  if (a.flags.has('json')) {
    io.out(
      `${toJson({ file: out, party, statementHash: s.statementHash, description: s.description, security: s.security })}\n`,
    );
    return 0;
  }
  io.out(
    `wrote ${out}: ${s.description}\n  party ${party}\n  statement ${s.statementHash}\n  soundness ≈ ${s.security?.conjecturedBits.toFixed(0)} conjectured / ${s.security?.provenBits.toFixed(0)} proven bits${name === 'test' ? ' (NOT secure: a demonstration)' : ''}\n`,
  );
  return 0;
}

function readStatementArg(io: Io, path: string) {
  return decodeStatementFile(new TextDecoder().decode(readUserFile(io, path)), path);
}

async function verify(argv: readonly string[], io: Io): Promise<number> {
  const a = parseArgs('chain', argv, { value: [...CONNECT_FLAGS], bool: ['call', 'json'] });
  if (a.flags.has('help')) return help(io);
  if (a.positional.length !== 1)
    throw new UsageError('chain', `verify expects one statement file, got ${a.positional.length} arguments`);
  if (isMlpStatementFile(readUserFile(io, a.positional[0]))) return verifyMlpCommand(readMlpStatement(io, a.positional[0]), a, io);
  const s = readStatementArg(io, a.positional[0]);
  return verifyOnChain(
    {
      statementHash: s.statementHash,
      party: s.party,
      call: (c, d) => verifyStatementCall(c, d, s),
      submit: (c, d) => submitStatement(c, d, s),
      recorded: (r, d, tx) =>
        `VERIFIED ON CHAIN and recorded  statement ${s.statementHash}\n  party     ${r?.party}\n  model id  ${r?.modelId} (circuit digest)\n  verifier  ${r?.verifier}\n  record    ${d.record}\n  tx        ${tx.txHash} (${tx.gasUsed} gas)\n`,
    },
    a,
    io,
  );
}

async function record(argv: readonly string[], io: Io): Promise<number> {
  const a = parseArgs('chain', argv, { value: [...CONNECT_FLAGS], bool: ['json'] });
  if (a.flags.has('help')) return help(io);
  const h = a.positional[0];
  if (a.positional.length !== 1 || !isHex(h) || h.length !== 66)
    throw new UsageError('chain', 'record expects one statement hash (0x and 64 hex digits)');
  const { c, file, chainFile } = await connectFrom('chain', a, io);
  const d = await deploymentFrom('chain', c, file, chainFile);
  const r = await readStatement(c, d, h.toLowerCase() as Hex);
  if (a.flags.has('json')) io.out(`${toJson({ recorded: r !== undefined, ...(r ? { record: r } : {}) })}\n`);
  else if (r)
    io.out(
      `RECORDED  ${r.statementHash}\n  party     ${r.party}\n  model id  ${r.modelId}\n  verifier  ${r.verifier}\n  at        ${new Date(Number(r.recordedAt) * 1000).toISOString()}\n`,
    );
  else io.out(`NOT RECORDED  ${h}\n`);
  return r ? 0 : 1;
}

function help(io: Io): number {
  io.out(HELP);
  return 0;
}
