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
