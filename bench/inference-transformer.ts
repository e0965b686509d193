/**
 * Zero-knowledge inference proof of B5 (benchmarks.md): the nanoGPT-style 4-layer character
 * transformer trained on Moby Dick (committed fixture), quantized on 16 training windows, one
 * validation window of 64 tokens proven in private mode (weights committed afresh and hashed
 * in-proof; exp, rsqrt and GELU tables public) with the conjectured Ligero preset, and in full mode
 * also in open mode. Figures: prove and verify time (medians), proof size (serialized), peak RSS of
 * the process, plain integer inference time of the same graph in the same process, and the ratio.
 */
import { LIGERO_CONJECTURED, Sha256Transcript } from '@vouch/core';
import { quantizeGraph, quantizeInput, runIntGraph, sizeOf, type IntGraph, type IntParams, type IntTensor } from '@vouch/zkml';
import { proveInference, recommendedLanes, serializeInferenceProof, verifyInference, weightDigestFor } from '../packages/zkml/src/prove/index.ts';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { median, timeMs, type BenchCase, type BenchRow } from './harness.ts';

const GROUP = 'inference-transformer';
const SALT = Uint32Array.of(2, 7, 1, 8, 2, 8, 1, 8);

function b5(): { graph: IntGraph; params: IntParams; input: Int32Array } {
  const e = zooEntry('B5');
  const width = sizeOf(e.input.shape);
  const cal = loadSamples(e.calibration, { limit: 16, width, maxInt: e.vocab });
  const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i))));
  const test = loadSamples(e.test, { limit: 1, width, maxInt: e.vocab });
  return { graph: pkg.graph, params: pkg.params, input: Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, 0)))) };
}

function publicParams(graph: IntGraph, params: IntParams): IntParams {
  const out = new Map<string, IntTensor>();
  for (const s of graph.params.values()) if (s.visibility === 'public') out.set(s.name, params.get(s.name)!);
  return out;
}

/** B5 (benchmarks.md): target ≤ 10 s prove. */
export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'B5',
    async run({ quick }): Promise<BenchRow[]> {
      const { graph, params, input } = b5();
      const reps = quick ? 1 : 3;
      const inferMs = median(await timeMs(() => runIntGraph(graph, params, [input]), quick ? 5 : 21, 2));
      const rows: BenchRow[] = [];
      if (process.env.VOUCH_BENCH_B5 !== '1') {
        // The current prover needs > 18 GB for B5 (killed by the OOM killer on the 24 GiB machine):
        // proving is opt-in until the range-lookup geometry and LayerNorm tables shrink.
        rows.push({ group: GROUP, name: 'B5 (proof not run)', values: { plain_inference_ms: inferMs, note: 'prover exceeds memory (>18 GB); VOUCH_BENCH_B5=1 runs it', target: '≤ 10 s' } });
        return rows;
      }
      for (const mode of quick ? (['private'] as const) : (['private', 'open'] as const)) {
        const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
        const t = () => new Sha256Transcript('bench-b5', 1);
        let last: ReturnType<typeof proveInference> | undefined;
        const proveTimes = await timeMs(() => {
          last = proveInference({ graph, params, inputs: [input], mode, salt: SALT, lanes, transcript: t(), ligero: LIGERO_CONJECTURED });
        }, reps, 0);
        const { outputs, proof } = last!;
        const digest = mode === 'private' ? weightDigestFor(graph, params, SALT, lanes!) : undefined;
        const pub = mode === 'open' ? params : publicParams(graph, params);
        const verifyTimes = await timeMs(() => verifyInference({ graph, publicParams: pub, inputs: [input], outputs, mode, weightDigest: digest, lanes, transcript: t(), ligero: LIGERO_CONJECTURED, proof }), reps, 0);
        const proveMs = median(proveTimes);
        rows.push({
          group: GROUP,
          name: `B5 ${mode}`,
          values: {
            prove_median_ms: proveMs,
            verify_median_ms: median(verifyTimes),
            proof_bytes: serializeInferenceProof(proof).length,
            row_width: proof.rowWidth,
            peak_rss_mib: process.resourceUsage().maxRSS / 1024,
            int_infer_median_ms: inferMs,
            prove_over_infer: proveMs / inferMs,
            target_prove: '≤ 10 s',
          },
        });
      }
      return rows;
    },
  },
];
