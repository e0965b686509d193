/**
 * Zero-knowledge inference proofs of the CNN benchmarks (benchmarks.md B2, B3): LeNet-5 on MNIST
 * (trained fixture, quantized on 16 training digits, one test digit proven) and the CIFAR-style CNN
 * (seeded random weights, quantized on random inputs), in private mode (weights committed afresh
 * and hashed in-proof) and open mode (public weights), with the conjectured Ligero preset.
 * Figures: prove and verify time (medians), proof size (serialized), peak RSS of the process, plain
 * integer inference time of the same graph in the same process and the prove/inference ratio.
 */
import { recommendedLanes } from '../packages/zkml/src/prove/index.ts';
import type { BenchCase, BenchRow } from './harness.ts';
import { inferMedianMs, proofFigures, proveAndVerify, zooCase } from './prove-case.ts';

const GROUP = 'inference-cnn';
const SALT = Uint32Array.of(3, 1, 4, 1, 5, 9, 2, 6);
const TARGET: Record<string, string> = { B2: '≤ 1 s', B3: '≤ 3 s' };

function cnnCase(id: string): BenchCase {
  return {
    group: GROUP,
    name: id,
    async run({ quick }): Promise<BenchRow[]> {
      const { graph, params, input } = zooCase(id, 16);
      const reps = quick ? 1 : 3;
      const inferMs = await inferMedianMs(graph, params, input, quick ? 5 : 21, 2);
      const rows: BenchRow[] = [];
      for (const mode of ['private', 'open'] as const) {
        const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
        const proved = await proveAndVerify({ graph, params, input, mode, salt: SALT, lanes, label: 'bench-cnn', reps });
        rows.push({ group: GROUP, name: `${id} ${mode}`, values: { ...proofFigures(proved, inferMs), target_prove: TARGET[id] } });
      }
      return rows;
    },
  };
}

/** B2 and B3 (benchmarks.md). */
export const cases: BenchCase[] = [cnnCase('B2'), cnnCase('B3')];
