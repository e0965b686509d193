/**
 * `vouch chain prove-mlp` and the MLP branch of `vouch chain verify` (docs/parts/onchain.md §12):
 * an open-weights Linear → Requant model (B1, the A1 tabular models) proven for on-chain
 * verification by MlpStatementVerifier, which records the statement for its party.
 */
import { sizeOf } from '@vouch/zkml';
import {
  decodeMlpStatementFile,
  encodeMlpStatementFile,
  mlpKeyOf,
  proveMlpStatement,
  submitMlpStatement,
  verifyMlpStatementCall,
  type MlpStatement,
} from '@vouch/sdk/chain';
import { parseArgs, parseCount } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readUserFile, writeUserFile } from '../files.ts';
import { INPUT_SOURCES, loadInputs } from '../inputs.ts';
import { readPackage } from '../model-files.ts';
import type { Io } from '../io.ts';
import type { Parsed } from '../args.ts';
import { parseAddress, toJson } from './chain-context.ts';
import { verifyOnChain } from './chain-verify.ts';

/** Help lines of the MLP subcommand (part of `vouch chain --help`). */
export const PROVE_MLP_HELP = `prove-mlp      proves one inference of an open-weights MLP (a chain of Linear → Requant layers:
               B1, A1) for on-chain verification: <model.vpkg> --input SRC [--index N]
               --party 0x… [--out FILE] (default <model>.vmlp.json). The statement file carries
               the on-chain key (its hash is the model id to register with \`vouch register
               FILE\`), the input, the output and the proof. The key opens a commitment to the
               weights (BaseFold is not hiding): for open-weights models only.`;

/** `vouch chain prove-mlp`. */
export async function proveMlpCommand(argv: readonly string[], io: Io): Promise<number> {
  const a = parseArgs('chain', argv, { value: ['input', 'index', 'party', 'out'], bool: ['json'] });
  if (a.positional.length !== 1) throw new UsageError('chain', `prove-mlp expects one model package, got ${a.positional.length} arguments`);
  const src = a.values.get('input');
  if (!src) throw new UsageError('chain', `prove-mlp: --input is required: ${INPUT_SOURCES}`);
  const partyArg = a.values.get('party');
  if (!partyArg) throw new UsageError('chain', 'prove-mlp needs --party 0x… (the address the result is for)');
  const party = parseAddress('chain', '--party', partyArg);
  const pkgPath = a.positional[0];
  const pkg = readPackage(io, pkgPath);
  const index = parseCount('chain', 'index', a.values.get('index'), 0);
  const set = loadInputs(io, src, sizeOf(pkg.graph.inputs[0].shape), 1, { offset: index });
  if (set.inputs.length < 1) throw new UsageError('chain', `--input ${src}: no example at index ${index}`);
  io.err('prove-mlp: committing the weights (on-chain key)…\n');
  let t = performance.now();
  const key = mlpKeyOf(pkg);
  const keyMs = performance.now() - t;
  io.err('prove-mlp: proving…\n');
  t = performance.now();
  const s = proveMlpStatement(pkg, key, set.inputs[0], party);
  const proveMs = performance.now() - t;
  const out = a.values.get('out') ?? `${pkgPath.replace(/\.vpkg$/, '')}.vmlp.json`;
  writeUserFile(io, out, encodeMlpStatementFile(s));
  const label = set.labels?.[0];
  const pred = s.output.indexOf(Math.max(...s.output));
  if (a.flags.has('json')) {
    io.out(`${toJson({ file: out, modelId: s.modelId, party: s.party, statementHash: s.statementHash, output: s.output, prediction: pred, label, proofBytes: s.proof.length, keyMs, proveMs })}\n`);
    return 0;
  }
  io.out(
    `wrote ${out}\n  model id   ${s.modelId} (on-chain key: ${key.vk.layers.length} layers, weights committed with BaseFold, n = ${key.vk.params.vars})\n  party      ${s.party}\n  output     [${s.output.join(', ')}] → class ${pred}${label !== undefined ? ` (label ${label})` : ''}\n  statement  ${s.statementHash}\n  proof      ${(s.proof.length / 1024).toFixed(1)} KiB in ${(proveMs / 1000).toFixed(2)} s (key ${(keyMs / 1000).toFixed(2)} s)\n`,
  );
  return 0;
}

/** Reads an MLP statement file. */
export function readMlpStatement(io: Io, path: string): MlpStatement {
  return decodeMlpStatementFile(new TextDecoder().decode(readUserFile(io, path)), path);
}

/** `vouch chain verify` for an MLP statement file (already parsed). */
export function verifyMlpCommand(s: MlpStatement, a: Parsed, io: Io): Promise<number> {
  return verifyOnChain(
    {
      statementHash: s.statementHash,
      party: s.party,
      json: { output: s.output },
      call: (c, d) => verifyMlpStatementCall(c, d, s),
      submit: (c, d) => submitMlpStatement(c, d, s),
      recorded: (r, d, tx) =>
        `VERIFIED ON CHAIN and recorded  statement ${s.statementHash}\n  output    [${s.output.join(', ')}]\n  party     ${r?.party}\n  model id  ${r?.modelId} (registered, active)\n  verifier  ${r?.verifier} (MlpStatementVerifier)\n  record    ${d.record}\n  tx        ${tx.txHash} (${tx.gasUsed} gas)\n`,
    },
    a,
    io,
  );
}
