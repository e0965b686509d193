/**
 * Shared check of the quantization tests: int8 accuracy of a zoo model against its float
 * accuracy on a fixed subset of its test set. The float logits come from onnxruntime in one
 * batched session (the float reference, checked against the recorded accuracy in
 * fixtures.test.ts); the integer logits from `runInteger`, one example at a time, yielding to the
 * event loop between chunks so the test worker stays responsive.
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runFloatReference, writeOnnx } from '@vouch/onnx';
import { argmax, quantizeGraph, runInteger } from '@vouch/zkml';
import { example, loadSamples, rebatch, zooEntry, zooGraph, zooOnnxPath } from '../src/index.ts';

/**
 * Registers a test: quantized accuracy within `tolerance` points of float.
 * @param id - zoo id.
 * @param testCount - first N test examples (undefined: all).
 * @param tolerance - allowed |quantized − float| accuracy difference, in points.
 */
export function checkQuantized(id: string, testCount: number | undefined, tolerance: number, minFloat: number): void {
  const e = zooEntry(id);
  it.skipIf(!existsSync(zooOnnxPath(e)))(
    `${id}: int8 accuracy on ${testCount ?? 'all'} ${e.test} examples is within ${tolerance} point(s) of float`,
    async () => {
      const graph = zooGraph(e);
      const cal = loadSamples(e.calibration, { limit: 200 });
      const test = loadSamples(e.test, testCount ? { limit: testCount } : {});
      const calRows = Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i)));
      const { pkg } = quantizeGraph(graph, calRows);
      const batched = rebatch(graph, test.count);
      const input = batched.inputs[0];
      const floatLogits = (
        await runFloatReference(writeOnnx(batched), { [input.name]: { shape: input.shape, data: test.data } })
      )[batched.outputs[0].name];
      const k = test.classes!;
      let fOk = 0;
      let qOk = 0;
      let agree = 0;
      for (let i = 0; i < test.count; i++) {
        if (i % 100 === 99) await new Promise((r) => setImmediate(r));
        const f = argmax(floatLogits.subarray(i * k, (i + 1) * k));
        const q = argmax(runInteger(pkg, Float32Array.from(example(test, i))).logits);
        if (f === test.labels![i]) fOk++;
        if (q === test.labels![i]) qOk++;
        if (f === q) agree++;
      }
      const fAcc = fOk / test.count;
      const qAcc = qOk / test.count;
      expect(fAcc).toBeGreaterThan(minFloat);
      expect(Math.abs(qAcc - fAcc)).toBeLessThanOrEqual(tolerance / 100);
      expect(agree / test.count).toBeGreaterThan(0.97);
    },
  );
}
