/**
 * Shared steps of the inference benchmarks (inference-cnn.ts and the child processes
 * _inference-transformer-worker.ts, _inference-large-worker.ts; benchmarks.md): load a zoo model
 * quantized on its calibration samples with one quantized test input, prove it `reps` times and
 * verify it `reps` times with the conjectured Ligero preset, and build the figures row
 * (prove/verify medians, serialized proof size, row width, peak RSS, plain integer inference time
 * and the prove/inference ratio). No `cases` export: bench/run.ts imports this module and finds
 * nothing to run.
 */
import { LIGERO_CONJECTURED, Sha256Transcript } from '@vouch/core';
import { quantizeGraph, quantizeInput, runIntGraph, sizeOf, type IntGraph, type IntParams, type IntTensor } from '@vouch/zkml';
import { proveInference, serializeInferenceProof, verifyInference, weightDigestFor, type InferenceProof } from '../packages/zkml/src/prove/index.ts';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { median, timeMs } from './harness.ts';

/** A quantized zoo model and one quantized test input. */
export interface ZooCase {
  readonly graph: IntGraph;
  readonly params: IntParams;
  readonly pkg: ReturnType<typeof quantizeGraph>['pkg'];
  readonly input: Int32Array;
  /** Time of loading the calibration samples and quantizing (ms). */
  readonly quantizeMs: number;
}

/**
 * Zoo model `id` quantized on `cal` calibration samples (token models: integer samples below the
 * vocabulary size), and its first test sample quantized.
 * @throws RangeError for an unknown id (models zooEntry).
 */
export function zooCase(id: string, cal = 16): ZooCase {
  const e = zooEntry(id);
  const width = sizeOf(e.input.shape);
  const t0 = performance.now();
  const c = loadSamples(e.calibration, { limit: cal, width, maxInt: e.vocab });
  const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: c.count }, (_, i) => Float32Array.from(example(c, i))));
  const quantizeMs = performance.now() - t0;
  const test = loadSamples(e.test, { limit: 1, width, maxInt: e.vocab });
  return { graph: pkg.graph, params: pkg.params, pkg, input: Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, 0)))), quantizeMs };
}

/** What the verifier is given: every parameter in open mode, the public ones (tables) in private mode. */
export function verifierParams(graph: IntGraph, params: IntParams, mode: 'private' | 'open'): IntParams {
  if (mode === 'open') return params;
  const out = new Map<string, IntTensor>();
  for (const s of graph.params.values()) if (s.visibility === 'public') out.set(s.name, params.get(s.name)!);
  return out;
}

/** One proving benchmark: a model, one input, a mode. */
export interface ProveCase {
  readonly graph: IntGraph;
  readonly params: IntParams;
  readonly input: Int32Array;
  readonly mode: 'private' | 'open';
  /** Private mode: the salt and the digest lanes. */
  readonly salt?: Uint32Array;
  readonly lanes?: number;
  /** Transcript domain label (prover and verifier alike). */
  readonly label: string;
  readonly reps: number;
  /** Also time one proof before the measured ones (the process's first: JIT, first-touch memory). */
  readonly cold?: boolean;
}

/** Timings and the last proof of {@link proveAndVerify}. */
export interface Proved {
  /** The cold proof's time, when asked for. */
  readonly coldMs?: number;
  readonly proveTimes: number[];
  readonly verifyTimes: number[];
  readonly proof: InferenceProof;
  /** Peak RSS of the process after proving and verifying (MiB). */
  readonly peakRssMib: number;
}

/**
 * Proves `reps` times (after an optional cold proof), then verifies the last proof `reps` times,
 * then reads the process's peak RSS.
 * @throws VerificationError if the proof does not verify.
 */
export async function proveAndVerify(c: ProveCase): Promise<Proved> {
  const { graph, params, input, mode, salt, lanes } = c;
  const t = () => new Sha256Transcript(c.label, 1);
  let last: ReturnType<typeof proveInference> | undefined;
  const prove = () => {
    last = proveInference({ graph, params, inputs: [input], mode, salt, lanes, transcript: t(), ligero: LIGERO_CONJECTURED });
  };
  const coldMs = c.cold ? (await timeMs(prove, 1, 0))[0] : undefined;
  const proveTimes = await timeMs(prove, c.reps, 0);
  const { outputs, proof } = last!;
  const digest = mode === 'private' ? weightDigestFor(graph, params, salt!, lanes!) : undefined;
  const publicParams = verifierParams(graph, params, mode);
  const verifyTimes = await timeMs(() => verifyInference({ graph, publicParams, inputs: [input], outputs, mode, weightDigest: digest, lanes, transcript: t(), ligero: LIGERO_CONJECTURED, proof }), c.reps, 0);
  return { coldMs, proveTimes, verifyTimes, proof, peakRssMib: process.resourceUsage().maxRSS / 1024 };
}

/** Median time of the plain integer inference (ms): `reps` runs after `warmup`. */
export async function inferMedianMs(graph: IntGraph, params: IntParams, input: Int32Array, reps = 5, warmup = 2): Promise<number> {
  return median(await timeMs(() => runIntGraph(graph, params, [input]), reps, warmup));
}

/** The figures row shared by the inference benchmarks, in their column order. */
export function proofFigures(p: Proved, inferMs: number): Record<string, number> {
  const proveMs = median(p.proveTimes);
  return {
    prove_median_ms: proveMs,
    verify_median_ms: median(p.verifyTimes),
    proof_bytes: serializeInferenceProof(p.proof).length,
    row_width: p.proof.rowWidth,
    peak_rss_mib: p.peakRssMib,
    int_infer_median_ms: inferMs,
    prove_over_infer: proveMs / inferMs,
  };
}
