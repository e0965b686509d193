/**
 * Plain integer inference (the baseline of the prove/inference ratio): the exact integer executor
 * on FloatGraph-built models with random weights, quantized with this repo's quantizer:
 * B1-shaped MLP 784-56-10, a LeNet-5-shaped CNN (6@5×5 pad 2, 16@5×5, 120-84-10), and one
 * GPT-style decoder block over 64 tokens (d = 64, 2 heads, vocabulary 83: a B5-sized block).
 * Also the float executor (calibration reference) and the one-time quantization time.
 * Trained models (accuracy) come from the models zoo; timing does not depend on weight values.
 */
import { type BenchCase, type BenchRow, median, timeMs } from './harness.ts';
import { runFloat } from '../packages/zkml/src/float/executor.ts';
import { runInteger, quantizeInput } from '../packages/zkml/src/quant/api.ts';
import { quantizeGraph } from '../packages/zkml/src/quant/quantize.ts';
import { runIntGraph } from '../packages/zkml/src/int/executor.ts';
import type { FloatGraph } from '../packages/zkml/src/ir/graph.ts';
import { lenet, mlp, randArray, rng, tinyGpt } from '../packages/zkml/test/helpers/build.ts';

const GROUP = 'inference';

function countParams(g: FloatGraph): number {
  let n = 0;
  for (const t of g.constants.values()) n += t.data.length;
  return n;
}

async function measure(name: string, graph: FloatGraph, quick: boolean, sample?: () => Float32Array): Promise<BenchRow> {
  const r = rng(1);
  const width = graph.inputs[0].shape.reduce((a, b) => a * b, 1);
  const draw = sample ?? ((): Float32Array => randArray(r, width, 0, 1));
  const calib = Array.from({ length: quick ? 4 : 16 }, draw);
  const t0 = performance.now();
  const { pkg } = quantizeGraph(graph, calib);
  const quantMs = performance.now() - t0;
  const x = draw();
  const q = quantizeInput(pkg, x);
  const reps = quick ? 5 : 31;
  const intMs = median(await timeMs(() => runIntGraph(pkg.graph, pkg.params, [q]), reps, 10));
  const endToEnd = median(await timeMs(() => runInteger(pkg, x), reps, 10));
  const floatMs = median(await timeMs(() => runFloat(graph, [x]), quick ? 3 : 9, 1));
  return {
    group: GROUP,
    name,
    values: { params: countParams(graph), int_ops: pkg.graph.nodes.length, int_inference_ms: intMs, with_input_quant_ms: endToEnd, float_executor_ms: floatMs, quantize_once_ms: quantMs },
  };
}

export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'integer inference (random weights)',
    async run({ quick }) {
      const r = rng(7);
      const tokens = (): Float32Array => Float32Array.from({ length: 64 }, () => Math.floor(r() * 83));
      return [
        await measure('B1 MLP 784-56-10', mlp(1, [784, 56, 10]), quick),
        await measure('B2 LeNet-5 shape', lenet(2), quick),
        await measure('decoder block, 64 tokens, d=64, vocab 83', tinyGpt(3, 64, 64, 83), quick, tokens),
      ];
    },
  },
];
