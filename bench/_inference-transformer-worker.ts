/**
 * Child process of bench/inference-transformer.ts: proves and verifies B5 in ONE mode (argv[2]:
 * private | open; argv[3]: repetitions) and prints the figures as one JSON line, so that the peak
 * RSS (getrusage maxRSS of this process) belongs to that mode alone.
 */
import { LIGERO_CONJECTURED, Sha256Transcript } from '@vouch/core';
import { quantizeGraph, quantizeInput, runIntGraph, sizeOf, type IntGraph, type IntParams, type IntTensor } from '@vouch/zkml';
import { proveInference, recommendedLanes, serializeInferenceProof, verifyInference, weightDigestFor } from '../packages/zkml/src/prove/index.ts';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { median, timeMs } from './harness.ts';

const SALT = Uint32Array.of(2, 7, 1, 8, 2, 8, 1, 8);

/** The quantized B5 graph (16 calibration windows) and one quantized validation window. */
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

async function main(): Promise<void> {
  const mode = process.argv[2] as 'private' | 'open';
  const reps = Number(process.argv[3] ?? 1);
  if (mode !== 'private' && mode !== 'open') throw new RangeError(`expected mode private or open, got ${mode}`);
  const { graph, params, input } = b5();
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
  const peak = process.resourceUsage().maxRSS / 1024;
  const inferMs = median(await timeMs(() => runIntGraph(graph, params, [input]), 5, 2));
  const proveMs = median(proveTimes);
  const values = {
    prove_median_ms: proveMs,
    verify_median_ms: median(verifyTimes),
    proof_bytes: serializeInferenceProof(proof).length,
    row_width: proof.rowWidth,
    peak_rss_mib: peak,
    int_infer_median_ms: inferMs,
    prove_over_infer: proveMs / inferMs,
  };
  process.stdout.write(`${JSON.stringify(values)}\n`);
}

await main();
