/**
 * B5 (nanoGPT-style 4-layer character transformer on Moby Dick, models/fixtures/b5-nanogpt-moby.onnx)
 * quantized on 16 training windows, and quantized validation windows of 64 tokens: the end-to-end
 * transformer case of the inference prover (bench/inference-transformer.ts uses the same recipe).
 */
import { quantizeGraph, quantizeInput, sizeOf } from '../../../src/index.ts';
import type { IntGraph, IntParams } from '../../../src/int/graph.ts';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';

/** The quantized B5 graph, its parameters and `n` quantized validation windows. */
export function b5(n = 1): { graph: IntGraph; params: IntParams; inputs: Int32Array[] } {
  const e = zooEntry('B5');
  const width = sizeOf(e.input.shape);
  const cal = loadSamples(e.calibration, { limit: 16, width, maxInt: e.vocab });
  const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i))));
  const test = loadSamples(e.test, { limit: n, width, maxInt: e.vocab });
  const inputs = Array.from({ length: n }, (_, i) => Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, i)))));
  return { graph: pkg.graph, params: pkg.params, inputs };
}

/** The public parameters of a graph (private mode: the tables and masks only). */
export function publicParamsOf(graph: IntGraph, params: IntParams): IntParams {
  return new Map([...params].filter(([k]) => graph.params.get(k)!.visibility === 'public'));
}
