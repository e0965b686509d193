/**
 * Quantization keeps the MNIST models accurate: int8 B1 on the first 5,000 test digits and int8
 * B2 on the first 2,000 (fixed subsets, so that this file stays well under 30 s on a shared
 * 2-core machine; `vouch quantize … --test-count 10000` and bench/models.ts use all 10,000)
 * are within 1 point of their float accuracy. Calibration: the
 * first 200 training digits. A1 models keep their test accuracy within 2 points (tiny test sets).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quantizeGraph } from '@vouch/zkml';
import { example, loadSamples, zooEntry, zooGraph, zooOnnxPath } from '../src/index.ts';

function check(id: string, testCount: number | undefined, tolerance: number): void {
  const e = zooEntry(id);
  it.skipIf(!existsSync(zooOnnxPath(e)))(
    `${id}: quantized accuracy on ${testCount ?? 'all'} ${e.test} examples is within ${tolerance} point(s) of float`,
    () => {
      const graph = zooGraph(e);
      const cal = loadSamples(e.calibration, { limit: 200 });
      const test = loadSamples(e.test, testCount ? { limit: testCount } : {});
      const rows = (s: typeof cal): Float32Array[] =>
        Array.from({ length: s.count }, (_, i) => Float32Array.from(example(s, i)));
      const { report } = quantizeGraph(graph, rows(cal), {
        testSet: { inputs: rows(test), labels: Array.from(test.labels!) },
      });
      const acc = report.accuracy!;
      expect(acc.samples).toBe(test.count);
      expect(acc.floatAccuracy).toBeGreaterThan(id.startsWith('B') ? 0.95 : 0.6);
      expect(Math.abs(acc.quantAccuracy - acc.floatAccuracy)).toBeLessThanOrEqual(tolerance / 100);
      expect(acc.top1Agreement).toBeGreaterThan(0.97);
    },
  );
}

describe('quantized zoo models', () => {
  check('B1', 5000, 1);
  check('B2', 2000, 1);
  check('A1-cps', undefined, 2);
  check('A1-penguins', undefined, 2);
});
