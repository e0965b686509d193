/**
 * `vouch demo` — the main job end to end on embedded defaults (no network, files on disk):
 * B1 (MLP 784-56-10, trained on MNIST, committed fixture) → quantize with MNIST calibration →
 * float vs quantized accuracy → commit (private weights) → register the model id on a local anvil
 * chain → prove the inference of a real MNIST test digit for a requester → verify → show that a
 * tampered output and a replay for another requester are rejected, with their reasons → prove the
 * same inference as an open-weights MLP statement and verify it in a contract, which records it for
 * the requester (demo-onchain.ts).
 */
import { join } from 'node:path';
import { FIXTURES, loadSamples, example } from '@vouch/models';
import { readOnnx } from '@vouch/onnx';
import {
  encodePackage,
  quantizeGraph,
  runInteger,
  decodeProofFile,
  encodeProofFile,
  decodeStatement,
} from '@vouch/zkml';
import { commitModel, prove, verify } from '@vouch/sdk';
import { startAnvil, connect, registerModel, getModel, isModelActive } from '@vouch/contracts';
import { deployVouch, type VouchDeployment } from '@vouch/sdk/chain';
import { onchainDemo } from './demo-onchain.ts';
import { parseArgs, parseCount } from '../args.ts';
import { readUserFile, writeUserFile } from '../files.ts';
import { writeSecrets } from '../model-files.ts';
import type { Command } from './types.ts';

const HELP = `vouch demo — the whole pipeline on the B1 MNIST model, with embedded defaults

Usage:
  vouch demo [--index N] [--out DIR] [--no-chain] [--mode private|open]

Options:
  --index N      which MNIST test digit to prove (default 0)
  --out DIR      where the artifacts go (default .vouch/demo): b1.vpkg, b1.card.json,
                 b1.secrets.json, b1.vproof, and the local chain's state
  --no-chain     skip the on-chain steps (no anvil): registration and on-chain verification
  --mode MODE    private (default) or open weights
Exit status: 0 when every step behaved as expected; 1 otherwise.
`;

const REQUESTER = '0x00000000000000000000000000000000000a11ce';
const OTHER = '0x0000000000000000000000000000000000000b0b';

/** The `demo` command. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole pipeline on B1 (MNIST): quantize, commit, register, prove, verify',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('demo', argv, { value: ['index', 'out', 'mode'], bool: ['no-chain'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    const index = parseCount('demo', 'index', a.values.get('index'), 0);
    const dir = a.values.get('out') ?? '.vouch/demo';
    const mode = (a.values.get('mode') ?? 'private') as 'private' | 'open';
    const say = (s: string) => io.out(`${s}\n`);
    const step = (s: string) => io.err(`demo: ${s}…\n`);
    const ms = (t: number) => `${t < 10 ? t.toFixed(2) : t.toFixed(0)} ms`;
    let ok = true;

    step('loading B1 (models/fixtures/b1-mlp-mnist.onnx)');
    const graph = readOnnx(readUserFile(io, join(FIXTURES, 'b1-mlp-mnist.onnx')));
    step('quantizing with 200 MNIST training digits');
    let t = performance.now();
    const cal = loadSamples('mnist-train', { limit: 200 });
    const test = loadSamples('mnist-test', { limit: 1000 });
    const calInputs = Array.from({ length: cal.count }, (_, i) => example(cal, i));
    const testSet = {
      inputs: Array.from({ length: test.count }, (_, i) => example(test, i)),
      labels: Array.from(test.labels ?? []),
    };
    const { pkg, report } = quantizeGraph(graph, calInputs, { testSet });
    const quantMs = performance.now() - t;
    writeUserFile(io, join(dir, 'b1.vpkg'), encodePackage(pkg));
    const acc = report.accuracy;
    say('Vouch demo — B1: MLP 784-56-10 trained on MNIST (44,530 parameters)');
    if (acc)
      say(
        `  quantized to int8 in ${ms(quantMs)}: float accuracy ${(100 * acc.floatAccuracy).toFixed(2)}%, int8 ${(100 * acc.quantAccuracy).toFixed(2)}% on ${test.count} test digits`,
      );

    step(`committing (${mode} weights)`);
    t = performance.now();
    const { modelId, card, secrets } = commitModel(pkg, { mode });
    const commitMs = performance.now() - t;
    writeUserFile(io, join(dir, 'b1.card.json'), `${JSON.stringify(card, null, 2)}\n`);
    writeSecrets(io, join(dir, 'b1.secrets.json'), secrets);
    say(`  model id 0x${modelId} (${mode} weights; commit ${ms(commitMs)})`);

    // The chain stays up until the end: after verifying off chain, the demo reads the registry to
    // check that the statement's model id is registered and active (what a relying party does).
    let chain:
      | {
          anvil: Awaited<ReturnType<typeof startAnvil>>;
          c: Awaited<ReturnType<typeof connect>>;
          registry: `0x${string}`;
          d: VouchDeployment;
        }
      | undefined;
    try {
      if (!a.flags.has('no-chain')) {
        step('registering the model id on a local anvil chain');
        const anvil = await startAnvil({ stateFile: join(io.cwd ?? process.cwd(), dir, 'chain-state.json') });
        const c = await connect({ rpcUrl: anvil.rpcUrl });
        const { deployment } = await deployVouch(c);
        chain = { anvil, c, registry: deployment.registry, d: deployment };
        await registerModel(c, chain.registry, `0x${modelId}`, `file://${join(dir, 'b1.card.json')}`);
        const m = await getModel(c, chain.registry, `0x${modelId}`);
        say(
          `  registered on anvil (hardfork ${anvil.hardfork}) in ModelRegistry ${chain.registry}: owner ${m.owner}, version ${m.version}`,
        );
      }
      ok = (await proveAndCheck()) && ok;
    } finally {
      await chain?.anvil.stop();
    }
    say(`  artifacts in ${dir}/`);
    return ok ? 0 : 1;

    async function proveAndCheck(): Promise<boolean> {
      let good = true;
      const digit = example(test, index);
      const label = test.labels?.[index];
      t = performance.now();
      const plain = runInteger(pkg, digit);
      const inferMs = performance.now() - t;
      step(`proving the inference of MNIST test digit #${index}`);
      const p = prove(pkg, secrets, digit, { requester: REQUESTER });
      writeUserFile(io, join(dir, 'b1.vproof'), p.proofFile);
      const pred = p.outputs[0].indexOf(Math.max(...p.outputs[0]));
      say(
        `  digit #${index} (label ${label}): predicted ${pred}; proof ${(p.proofFile.length / 1024).toFixed(1)} KiB in ${ms(p.proveMs)} (plain integer inference ${ms(inferMs)}, ratio ${(p.proveMs / Math.max(inferMs, 1e-3)).toFixed(0)}×)`,
      );
      if (Array.from(plain.raw).some((v, i) => v !== p.outputs[0][i])) {
        say('  ! the proved output differs from plain inference');
        good = false;
      }

      step('verifying');
      const v = verify(card, p.proofFile, { requester: REQUESTER });
      if (v.valid)
        say(
          `  verified: VALID for requester ${REQUESTER} in ${ms(v.verifyMs)} (statement 0x${v.statementHash.slice(0, 16)}…)`,
        );
      else {
        say(`  ! verification failed: ${v.reason.check}: ${v.reason.message}`);
        good = false;
      }

      step('tampering');
      const file = decodeProofFile(p.proofFile);
      const st = decodeStatement(file.statementBytes);
      const forged = st.outputs[0].slice();
      const alt = (pred + 1) % forged.length;
      forged[alt] = Math.max(...forged) + 1;
      const tampered = encodeProofFile({ ...st, outputs: [forged] }, file.proof);
      const vt = verify(card, tampered, { requester: REQUESTER });
      say(
        vt.valid
          ? '  ! a forged output verified'
          : `  forged output (class ${alt} on top): REJECTED — ${vt.reason.check}`,
      );
      const replay = verify(card, p.proofFile, { requester: OTHER });
      say(
        replay.valid
          ? '  ! replay for another requester verified'
          : `  replay for requester ${OTHER}: REJECTED — ${replay.reason.check}`,
      );
      if (chain && v.valid) {
        const id = `0x${v.modelId}` as `0x${string}`;
        const active = await isModelActive(chain.c, chain.registry, id);
        say(
          active
            ? `  on chain: the proof's model id is registered and active in ModelRegistry ${chain.registry}`
            : `  ! on chain: the proof's model id ${id} is not an active registry entry`,
        );
        if (!active) good = false;
        good =
          (await onchainDemo({
            io,
            c: chain.c,
            d: chain.d,
            hardfork: chain.anvil.hardfork,
            pkg,
            digit,
            modelId,
            requester: REQUESTER,
            other: OTHER,
            dir,
            mode,
            expected: p.outputs[0],
            say,
            step,
          })) && good;
      }
      if (vt.valid || replay.valid || !v.valid) good = false;
      return good;
    }
  },
};
