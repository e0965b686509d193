/**
 * The model zoo's ONNX fixtures (models/fixtures/*.onnx, written by writeOnnx from the models
 * workspace) import into the canonical IR and give onnxruntime the same outputs when written back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFloat, validateGraph } from '@vouch/zkml';
import { readOnnx, runFloatReference, writeOnnx } from '@vouch/onnx';
import { maxAbsDiff } from './helpers.ts';

const dir = fileURLToPath(new URL('../../../../models/fixtures/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.onnx'));

describe('model zoo fixtures', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const f of files) {
    it(`${f} imports, round-trips through onnxruntime and runs in runFloat`, async () => {
      const bytes = new Uint8Array(readFileSync(dir + f));
      const g = readOnnx(bytes);
      validateGraph(g);
      const feeds: Record<string, { data: Float32Array; shape: number[] }> = {};
      for (const v of g.inputs) {
        const n = v.shape.reduce((a, b) => a * b, 1);
        feeds[v.name] = {
          data: Float32Array.from({ length: n }, (_, i) => (v.dtype === 'int64' ? (i * 7) % 5 : Math.sin(i))),
          shape: [...v.shape],
        };
      }
      const a = await runFloatReference(bytes, feeds);
      const b = await runFloatReference(writeOnnx(g), feeds);
      for (const o of g.outputs) expect(maxAbsDiff(a[o.name]!, b[o.name]!)).toBeLessThan(1e-4);
      // The imported graph also runs in the float executor (quantization's reference) like onnxruntime.
      const run = runFloat(
        g,
        g.inputs.map((v) => feeds[v.name]!.data),
      );
      g.outputs.forEach((o, i) => expect(maxAbsDiff(run.outputs[i]!, a[o.name]!)).toBeLessThan(1e-4));
    });
  }
});
