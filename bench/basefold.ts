/**
 * BaseFold benchmarks (docs/parts/basefold.md): commit, open and verify medians and proof bytes for
 * one claim at a random extension point, n = 16 and 20 with the conjectured-100 preset and n = 16
 * with the proven-100 preset. `--quick` runs one repetition of commit and open (three of verify).
 */
import { type BenchCase, type BenchRow, median, timeMs } from './harness.ts';
import { mleEvalBase } from '../packages/core/src/poly/mle.ts';
import { seededRng } from '../packages/core/src/ligero/rng.ts';
import { Sha256Transcript } from '../packages/core/src/transcript/transcript.ts';
import {
  BASEFOLD_CONJECTURED_100,
  BASEFOLD_PROVEN_100,
  absorbBasefoldCommitment,
  basefoldCommit,
  basefoldLayers,
  basefoldOpen,
  basefoldParams,
  basefoldSecurity,
  basefoldVerify,
  type BasefoldCommitment,
  type BasefoldPreset,
} from '../packages/core/src/basefold/index.ts';
import { mlpKey, proveMlp, verifyMlp } from '../packages/zkml/src/index.ts';
import { runIntGraph } from '../packages/zkml/src/int/executor.ts';
import { quantizedTestRow, quantizedZooModel } from '../packages/zkml/test/helpers/onchain-mlp-cases.ts';

function transcript(com: { params: BasefoldCommitment['params']; root: Uint8Array }): Sha256Transcript {
  const t = new Sha256Transcript('vouch-bench-basefold', 1);
  absorbBasefoldCommitment(t, com.params, com.root);
  return t;
}

function benchCase(logN: number, preset: BasefoldPreset, name: string): BenchCase {
  return {
    group: 'basefold',
    name: `2^${logN} ${name}`,
    async run({ quick }): Promise<BenchRow[]> {
      const params = basefoldParams(logN, preset);
      const rng = seededRng(`bench-basefold-${logN}`);
      const evals = rng.field(2 ** logN);
      const point = rng.field(4 * logN);
      const claims = [{ point, value: mleEvalBase(evals, point) }];
      const reps = quick ? 1 : 3;
      let com = basefoldCommit(evals, params);
      const commitMs = median(await timeMs(() => (com = basefoldCommit(evals, params)), reps, 0));
      let proof = basefoldOpen(transcript(com), com, claims);
      const openMs = median(await timeMs(() => (proof = basefoldOpen(transcript(com), com, claims)), reps, 0));
      const verifyMs = median(await timeMs(() => basefoldVerify(transcript(com), params, com.root, claims, proof), quick ? 3 : 10));
      const sec = basefoldSecurity(preset);
      return [
        {
          group: 'basefold',
          name: `commit/open/verify 2^${logN} (${name})`,
          values: {
            commit_ms: Math.round(commitMs),
            open_ms: Math.round(openMs),
            verify_ms: Number(verifyMs.toFixed(1)),
            proof_bytes: proof.length,
            layers: basefoldLayers(params).length,
            queries: params.queries,
            conjectured_bits: sec.conjecturedBits,
            proven_bits: Number(sec.provenBits.toFixed(1)),
          },
        },
      ];
    },
  };
}

/** BaseFold cases: 2^16 and 2^20 conjectured, 2^16 proven. */
export const cases: BenchCase[] = [
  benchCase(16, BASEFOLD_CONJECTURED_100, 'conjectured-100'),
  benchCase(20, BASEFOLD_CONJECTURED_100, 'conjectured-100'),
  benchCase(16, BASEFOLD_PROVEN_100, 'proven-100'),
];

/**
 * The TypeScript side of on-chain MLP statements (docs/parts/onchain.md §12): key (weight
 * commitment), prove and verify medians for B1 on its first MNIST test digit and A1-cps on its first
 * test row, beside plain integer inference of the same model (the prove / inference ratio).
 */
function mlpCase(id: 'B1' | 'A1-cps'): BenchCase {
  return {
    group: 'onchain-prover',
    name: `${id} MLP statement (TS prover and verifier)`,
    async run({ quick }): Promise<BenchRow[]> {
      const pkg = quantizedZooModel(id);
      const x = quantizedTestRow(id, pkg, 0);
      const party = new Uint8Array(20).fill(0xa1);
      const reps = quick ? 3 : 7;
      let key = mlpKey(pkg.graph, pkg.params);
      const keyMs = median(await timeMs(() => (key = mlpKey(pkg.graph, pkg.params)), quick ? 1 : 3, 0));
      let out = proveMlp(key, x, party);
      const proveMs = median(await timeMs(() => (out = proveMlp(key, x, party)), reps, 1));
      const verifyMs = median(await timeMs(() => verifyMlp({ vk: key.vkBytes, input: out.input, output: out.output, party, proof: out.proof }), reps, 1));
      const inferMs = median(await timeMs(() => runIntGraph(pkg.graph, pkg.params, [Int32Array.from(x)]), 20, 3));
      return [
        {
          group: 'onchain-prover',
          name: `${id} MLP statement, one inference (conjectured-100)`,
          values: {
            key_ms: Math.round(keyMs),
            prove_ms: Number(proveMs.toFixed(1)),
            verify_ms: Number(verifyMs.toFixed(2)),
            proof_bytes: out.proof.length,
            key_bytes: key.vkBytes.length,
            int_infer_ms: Number(inferMs.toFixed(4)),
            prove_over_infer: Math.round(proveMs / inferMs),
          },
        },
      ];
    },
  };
}

cases.push(mlpCase('B1'), mlpCase('A1-cps'));
