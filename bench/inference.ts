/**
 * Inference-proof benchmarks (benchmarks.md B1, A1): prove time, verify time, proof size, peak RSS,
 * plain integer inference time in the same process and the ratio prove/inference, in both binding
 * modes (private: in-proof Poseidon2 weight digest; open: public weights), with the default
 * conjectured-100 Ligero parameters; plus A1 (CPS-1985) proven over its whole dataset in one batch.
 * Models are the zoo fixtures quantized with 50 calibration samples.
 */
import { LIGERO_CONJECTURED, Sha256Transcript } from '@vouch/core';
import { proveInference, quantizeGraph, quantizeInput, runIntGraph, serializeInferenceProof, verifyInference, weightDigestFor, recommendedLanes, type InferenceMode, type ModelPackage } from '@vouch/zkml';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { median, type BenchCase, type BenchRow } from './harness.ts';

const SALT = Uint32Array.of(1, 2, 3, 4, 5, 6, 7, 8);
const tr = () => new Sha256Transcript('vouch/bench-inference', 1);

function pkgOf(id: string): ModelPackage {
  const e = zooEntry(id);
  const s = loadSamples(e.calibration, { limit: 50 });
  const cal = Array.from({ length: s.count }, (_, i) => Float32Array.from(example(s, i)));
  return quantizeGraph(zooGraph(e), cal).pkg;
}

function inputsOf(pkg: ModelPackage, id: string, n?: number): (Int8Array | Int32Array)[] {
  const e = zooEntry(id);
  const parts = n === undefined ? [loadSamples(e.calibration), loadSamples(e.test)] : [loadSamples(e.test, { limit: n })];
  const out: (Int8Array | Int32Array)[] = [];
  for (const s of parts) for (let i = 0; i < s.count; i++) out.push(quantizeInput(pkg, Float32Array.from(example(s, i))));
  return out;
}

function measure(pkg: ModelPackage, inputs: (Int8Array | Int32Array)[], mode: InferenceMode, reps: number, lanesOverride?: number): Record<string, number | string> {
  const lanes = lanesOverride ?? recommendedLanes(pkg.graph);
  const digest = mode === 'private' ? weightDigestFor(pkg.graph, pkg.params, SALT, lanes) : undefined;
  const prove: number[] = [];
  const verify: number[] = [];
  let bytes = 0;
  let rss = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const { outputs, proof } = proveInference({ graph: pkg.graph, params: pkg.params, inputs, mode, salt: SALT, lanes, transcript: tr(), ligero: LIGERO_CONJECTURED });
    prove.push(performance.now() - t0);
    rss = Math.max(rss, process.memoryUsage().rss);
    bytes = serializeInferenceProof(proof).length;
    const t1 = performance.now();
    verifyInference({ graph: pkg.graph, publicParams: mode === 'open' ? pkg.params : new Map(), inputs, outputs, mode, weightDigest: digest, lanes, transcript: tr(), ligero: LIGERO_CONJECTURED, proof });
    verify.push(performance.now() - t1);
  }
  const t2 = performance.now();
  const infReps = 5;
  for (let r = 0; r < infReps; r++) for (const x of inputs) runIntGraph(pkg.graph, pkg.params, [x]);
  const infer = (performance.now() - t2) / infReps;
  return {
    batch: inputs.length,
    prove_median_ms: median(prove),
    verify_median_ms: median(verify),
    proof_kb: bytes / 1024,
    peak_rss_mb: rss / 2 ** 20,
    int_infer_ms: infer,
    prove_over_infer: median(prove) / infer,
    lanes: mode === 'private' ? lanes : '-',
  };
}

function modelCase(id: string, mode: InferenceMode): BenchCase {
  return {
    group: 'inference',
    name: `${id} ${mode}`,
    async run({ quick }): Promise<BenchRow[]> {
      const pkg = pkgOf(id);
      return [{ group: 'inference', name: `${id} one inference, ${mode} weights`, values: measure(pkg, inputsOf(pkg, id, 1), mode, quick ? 1 : 3) }];
    },
  };
}

/** Cases: B1 and A1 (CPS) in both modes; A1 over its whole dataset in one batch (private with the default and with 1024 lanes, open). */
export const cases: BenchCase[] = [
  modelCase('B1', 'private'),
  modelCase('B1', 'open'),
  modelCase('A1', 'private'),
  modelCase('A1', 'open'),
  {
    group: 'inference',
    name: 'A1 whole dataset',
    async run(): Promise<BenchRow[]> {
      const pkg = pkgOf('A1');
      const all = inputsOf(pkg, 'A1');
      return [
        { group: 'inference', name: 'A1 (CPS-1985) whole dataset in one batch, private weights, default lanes', values: measure(pkg, all, 'private', 1) },
        { group: 'inference', name: 'A1 (CPS-1985) whole dataset in one batch, private weights, 1024 lanes', values: measure(pkg, all, 'private', 1, 1024) },
        { group: 'inference', name: 'A1 (CPS-1985) whole dataset in one batch, open weights', values: measure(pkg, all, 'open', 1) },
      ];
    },
  },
];
