/**
 * Zero-knowledge inference proofs of the CNN benchmarks (benchmarks.md B2, B3): LeNet-5 on MNIST
 * (trained fixture, quantized on 16 training digits, one test digit proven) and the CIFAR-style CNN
 * (seeded random weights, quantized on random inputs), in private mode (weights committed afresh
 * and hashed in-proof) and open mode (public weights), with the conjectured Ligero preset.
 * Figures: prove and verify time (medians), proof size (serialized), peak RSS of the process, plain
 * integer inference time of the same graph in the same process and the prove/inference ratio.
 */
import { LIGERO_CONJECTURED, Sha256Transcript } from '@vouch/core';
import { quantizeGraph, quantizeInput, runIntGraph, sizeOf, type IntGraph, type IntParams } from '@vouch/zkml';
import { proveInference, recommendedLanes, serializeInferenceProof, verifyInference, weightDigestFor } from '../packages/zkml/src/prove/index.ts';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { median, timeMs, type BenchCase, type BenchRow } from './harness.ts';

const GROUP = 'inference-cnn';
const SALT = Uint32Array.of(3, 1, 4, 1, 5, 9, 2, 6);
const TARGET: Record<string, string> = { B2: '≤ 1 s', B3: '≤ 3 s' };

function model(id: string): { graph: IntGraph; params: IntParams; input: Int32Array } {
  const e = zooEntry(id);
  const width = sizeOf(e.input.shape);
  const cal = loadSamples(e.calibration, { limit: 16, width });
  const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i))));
  const test = loadSamples(e.test, { limit: 1, width });
  return { graph: pkg.graph, params: pkg.params, input: Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, 0)))) };
}

function cnnCase(id: string): BenchCase {
  return {
    group: GROUP,
    name: id,
    async run({ quick }): Promise<BenchRow[]> {
      const { graph, params, input } = model(id);
      const reps = quick ? 1 : 3;
      const inferMs = median(await timeMs(() => runIntGraph(graph, params, [input]), quick ? 5 : 21, 2));
      const rows: BenchRow[] = [];
      for (const mode of ['private', 'open'] as const) {
        const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
        const t = () => new Sha256Transcript('bench-cnn', 1);
        let last: ReturnType<typeof proveInference> | undefined;
        const proveTimes = await timeMs(() => {
          last = proveInference({ graph, params, inputs: [input], mode, salt: SALT, lanes, transcript: t(), ligero: LIGERO_CONJECTURED });
        }, reps, 0);
        const { outputs, proof } = last!;
        const digest = mode === 'private' ? weightDigestFor(graph, params, SALT, lanes!) : undefined;
        const verifyTimes = await timeMs(() => verifyInference({ graph, publicParams: mode === 'open' ? params : new Map(), inputs: [input], outputs, mode, weightDigest: digest, lanes, transcript: t(), ligero: LIGERO_CONJECTURED, proof }), reps, 0);
        const proveMs = median(proveTimes);
        rows.push({
          group: GROUP,
          name: `${id} ${mode}`,
          values: {
            prove_median_ms: proveMs,
            verify_median_ms: median(verifyTimes),
            proof_bytes: serializeInferenceProof(proof).length,
            row_width: proof.rowWidth,
            peak_rss_mib: process.resourceUsage().maxRSS / 1024,
            int_infer_median_ms: inferMs,
            prove_over_infer: proveMs / inferMs,
            target_prove: TARGET[id],
          },
        });
      }
      return rows;
    },
  };
}

/** B2 and B3 (benchmarks.md). */
export const cases: BenchCase[] = [cnnCase('B2'), cnnCase('B3')];
