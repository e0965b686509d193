/**
 * B2 (LeNet-5 on MNIST, models/fixtures/b2-lenet5-mnist.onnx) quantized on a few training digits,
 * and one quantized test digit: the end-to-end CNN case of the inference prover.
 */
import { quantizeGraph, quantizeInput, sizeOf } from '../../../src/index.ts';
import type { IntGraph, IntParams } from '../../../src/int/graph.ts';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';

/** The quantized B2 graph, its parameters and `n` quantized MNIST test digits. */
export function b2(n = 1): { graph: IntGraph; params: IntParams; inputs: Int32Array[] } {
  const e = zooEntry('B2');
  const width = sizeOf(e.input.shape);
  const cal = loadSamples(e.calibration, { limit: 16, width });
  const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i))));
  const test = loadSamples(e.test, { limit: n, width });
  const inputs = Array.from({ length: n }, (_, i) => Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, i)))));
  return { graph: pkg.graph, params: pkg.params, inputs };
}
