/**
 * Every committed fixture loads with readOnnx, and its float reference (onnxruntime) reproduces
 * the accuracy recorded at training time: the MNIST and tabular models on their whole test sets
 * (one onnxruntime session over the re-batched graph), B5 its validation loss on held-out windows.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOnnx, runFloatReference, writeOnnx } from '@vouch/onnx';
import { sizeOf } from '@vouch/zkml';
import { loadSamples, rebatch, ZOO, zooMeta, zooOnnxBytes, zooOnnxPath } from '../src/index.ts';

const trained = ZOO.filter((e) => e.kind === 'trained');
const classifiers = trained.filter((e) => e.id !== 'B5');

function argmaxAccuracy(logits: Float32Array, labels: Uint8Array, k: number): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (logits[i * k + c] > logits[i * k + best]) best = c;
    if (best === labels[i]) ok++;
  }
  return ok / labels.length;
}

describe('committed fixtures', () => {
  for (const e of trained) {
    it.skipIf(!existsSync(zooOnnxPath(e)))(
      `${e.id} loads with readOnnx with the registered input and parameter count`,
      () => {
        const g = readOnnx(zooOnnxBytes(e));
        expect(g.inputs[0].shape).toEqual(e.input.shape);
        expect(g.inputs[0].dtype ?? 'float32').toBe(e.input.dtype);
        let n = 0;
        for (const t of g.constants.values()) n += sizeOf(t.shape);
        const meta = zooMeta(e);
        expect(meta.params).toBe(e.params);
        // transformers also carry the [T, T] causal mask as a constant; readOnnx may add or fold
        // a few scalars (e.g. Gelu's), so the count agrees within 0.1%
        const mask = e.input.dtype === 'int64' ? e.input.shape[0] ** 2 : 0;
        expect(Math.abs(n - mask - e.params) / e.params).toBeLessThan(1e-3);
        expect(zooOnnxBytes(e).length).toBeLessThan(2 * 1024 * 1024);
      },
    );
  }

  for (const e of classifiers) {
    it.skipIf(!existsSync(zooOnnxPath(e)))(
      `${e.id}: onnxruntime reproduces the recorded test accuracy on the whole ${e.test} set`,
      async () => {
        const test = loadSamples(e.test);
        const g = rebatch(readOnnx(zooOnnxBytes(e)), test.count);
        const out = await runFloatReference(writeOnnx(g), {
          [g.inputs[0].name]: { shape: g.inputs[0].shape, data: test.data },
        });
        const acc = argmaxAccuracy(out[g.outputs[0].name], test.labels!, test.classes!);
        const recorded = (zooMeta(e).metrics as Record<string, number>).testAccuracy;
        expect(Math.abs(acc - recorded)).toBeLessThanOrEqual(1e-3);
      },
    );
  }

  const b5 = ZOO.find((e) => e.id === 'B5')!;
  it.skipIf(!existsSync(zooOnnxPath(b5)))(
    'B5: onnxruntime next-character loss on validation windows is near the recorded validation loss',
    async () => {
      const bytes = zooOnnxBytes(b5);
      const val = loadSamples('moby-val', { limit: 8 });
      const meta = zooMeta(b5).metrics as Record<string, number>;
      let loss = 0;
      let count = 0;
      for (let i = 0; i < val.count; i++) {
        const ids = val.data.subarray(i * 64, (i + 1) * 64);
        const logits = (await runFloatReference(bytes, { tokens: { shape: [64], data: Float32Array.from(ids) } }))
          .logits;
        for (let t = 0; t < 64; t++) {
          const next = t < 63 ? ids[t + 1] : val.labels![i];
          const row = logits.subarray(t * 83, (t + 1) * 83);
          const m = Math.max(...row);
          const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
          loss += lse - row[next];
          count++;
        }
      }
      loss /= count;
      expect(loss).toBeLessThan(meta.valLossInitial - 0.3);
      expect(Math.abs(loss - meta.valLossFinal)).toBeLessThan(0.35);
    },
  );
});
