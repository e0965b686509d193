/**
 * Child process of bench/inference-large.ts: one case per process (argv[2]), so that its peak RSS
 * (getrusage maxRSS) is its own; prints the figures as one JSON line.
 * - `b4-open <reps>`: B4 (dense MLP 1024⁴-10, 4.2M random weights) proven and verified in open
 *   mode with the conjectured preset: the process's first proof (JIT, first-touch memory) reported
 *   apart, then the median of `reps` proofs; one-time commit = building the open model card
 *   (canonical JSON of the published weights and its SHA-256).
 * - `b4-private`: B4 in private mode, planned only (layout from the prover's own planner: graph,
 *   parameter region, Poseidon2 digest circuit, range lookups) and the Ligero shape of that layout;
 *   the one-time commit (the salted Poseidon2 weight digest) is measured. The proof is not run:
 *   its codeword matrix alone exceeds the machine's safe memory (see the row's note).
 * - `b6-open`: B6 (GPT-2 small shape, one token, 124M random weights) generated, quantized on 4
 *   random tokens and run by the integer executor, then proven once and verified once in open mode
 *   (conjectured preset). One sample per proof when the planner accepts it; otherwise (today: the
 *   per-head P·V MatMul [1, 1] × [1, 64] has no summed variable with one sample) two one-token
 *   samples in one proof, and the row's note says so. No model card (124M weights as JSON).
 */
import { LIGERO_CONJECTURED, Sha256Transcript, ligeroShape, type LayoutBuilder } from '@vouch/core';
import { buildModelCard, quantizeInput, sizeOf, type IntGraph } from '@vouch/zkml';
import { example, loadSamples, zooEntry } from '@vouch/models';
import { planGraph, proveInference, recommendedLanes, serializeInferenceProof, verifyInference, weightDigestFor } from '../packages/zkml/src/prove/index.ts';
import { planWeightBinding } from '../packages/zkml/src/prove/weights.ts';
import { median, timeMs } from './harness.ts';
import { inferMedianMs, proofFigures, proveAndVerify, zooCase } from './prove-case.ts';

const SALT = Uint32Array.of(4, 2, 0, 8, 6, 5, 0, 4);
const MIB = 2 ** 20;

const peakMib = (): number => process.resourceUsage().maxRSS / 1024;

async function b4Open(reps: number): Promise<Record<string, number | string>> {
  const { graph, params, input, pkg } = zooCase('B4', 16);
  const commitMs = median(await timeMs(() => buildModelCard({ pkg, mode: 'open' }), 1, 0));
  // the first proof of a process pays JIT compilation and first-touch memory: reported apart
  const proved = await proveAndVerify({ graph, params, input, mode: 'open', label: 'bench-b4', reps, cold: true });
  return { commit_ms: commitMs, prove_first_ms: proved.coldMs!, ...proofFigures(proved, await inferMedianMs(graph, params, input)) };
}

/** The private-mode layout exactly as proveInference plans it (graph.ts `plan`), without filling it. */
function privateLayout(graph: IntGraph, lanes: number): { rows: number; digestRows: number } {
  const g = planGraph({
    graph,
    mode: 'private',
    batch: 1,
    rowWidth: lanes,
    publicParams: new Map(),
    beforeRanges: (b: LayoutBuilder, _p, st) => {
      const r = st.region!;
      st.ranges.request({ label: 'private int8 parameters', dims: [r.int8.length], padded: [r.int8.paddedLength], bits: [r.int8.logLength], ref: r.int8 }, -128, 8, 'weights.int8');
      planWeightBinding(b, r);
    },
  });
  const digestRows = g.layout.regions.filter((x) => x.label.startsWith('weights')).reduce((a, x) => a + x.count, 0);
  return { rows: g.layout.numRows, digestRows };
}

async function b4Private(): Promise<Record<string, number | string>> {
  const { graph, params, input, pkg } = zooCase('B4', 16);
  const lanes = recommendedLanes(graph);
  let digest: Uint32Array | undefined;
  const digestMs = median(await timeMs(() => (digest = weightDigestFor(graph, params, SALT, lanes)), 1, 0));
  const cardMs = median(await timeMs(() => buildModelCard({ pkg, mode: 'private', digest: { lanes, digest: digest! } }), 1, 0));
  const { rows, digestRows } = privateLayout(graph, lanes);
  const shape = ligeroShape(LIGERO_CONJECTURED, { rowWidth: lanes, numRows: rows });
  const codewordMib = (shape.totalRows * shape.codeLength * 4) / MIB;
  const witnessMib = (rows * lanes * 4) / MIB;
  const inferMs = await inferMedianMs(graph, params, input);
  return {
    commit_ms: digestMs + cardMs,
    row_width: lanes,
    committed_values: rows * lanes,
    digest_rows: digestRows,
    est_codeword_mib: codewordMib,
    est_peak_mib: `≥ ${Math.round(codewordMib + 2 * witnessMib)}`,
    peak_rss_mib: peakMib(),
    int_infer_median_ms: inferMs,
    note: `not proven: ${rows.toLocaleString('en-US')} rows × ${lanes} = ${(rows * lanes / 1e6).toFixed(0)}M committed values, ${digestRows.toLocaleString('en-US')} of the rows the in-proof Poseidon2 digest; the Ligero codeword matrix alone is ${(codewordMib / 1024).toFixed(1)} GiB (n = ${shape.codeLength}), beyond the 2 GB target and the shared machine's safe limit`,
  };
}

async function b6Open(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const { graph, params, input, pkg } = zooCase('B6', 4);
  const prepMs = performance.now() - t0;
  const inferMs = await inferMedianMs(graph, params, input, 3, 1);
  let batch = 1;
  let why = '';
  try {
    planGraph({ graph, mode: 'open', batch: 1, rowWidth: 64, publicParams: params });
  } catch (e) {
    batch = 2;
    why = ` (one sample is refused by the planner: ${(e as Error).message})`;
  }
  const e = zooEntry('B6');
  const width = sizeOf(e.input.shape);
  const test = loadSamples(e.test, { limit: batch, width, maxInt: e.vocab });
  const xs = Array.from({ length: batch }, (_, i) => Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, i)))));
  const t = () => new Sha256Transcript('bench-b6', 1);
  let last: ReturnType<typeof proveInference> | undefined;
  const proveMs = (await timeMs(() => (last = proveInference({ graph, params, inputs: xs, mode: 'open', transcript: t(), ligero: LIGERO_CONJECTURED })), 1, 0))[0];
  const { outputs, proof } = last!;
  const verifyMs = (await timeMs(() => verifyInference({ graph, publicParams: params, inputs: xs, outputs, mode: 'open', transcript: t(), ligero: LIGERO_CONJECTURED, proof }), 1, 0))[0];
  return {
    generate_quantize_ms: prepMs,
    prove_median_ms: proveMs,
    verify_median_ms: verifyMs,
    proof_bytes: serializeInferenceProof(proof).length,
    row_width: proof.rowWidth,
    peak_rss_mib: peakMib(),
    int_infer_median_ms: inferMs,
    prove_over_infer: proveMs / (batch * inferMs),
    note: `${batch} one-token sample${batch > 1 ? 's' : ''} per proof${why}; one proof and one verification, the process's first`,
  };
}

async function main(): Promise<void> {
  const which = process.argv[2];
  const reps = Number(process.argv[3] ?? 1);
  const run = { 'b4-open': () => b4Open(reps), 'b4-private': b4Private, 'b6-open': b6Open }[which ?? ''];
  if (!run) throw new RangeError(`expected a case b4-open | b4-private | b6-open, got ${which}`);
  process.stdout.write(`${JSON.stringify(await run())}\n`);
}

await main();
