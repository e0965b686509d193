/**
 * Shared pieces of the training scripts: a seeded mini-batch loop over tfjs models,
 * accuracy evaluation, conversion of tfjs weights to float tensors, and writing a fixture
 * (ONNX file + metadata JSON) after checking the exported ONNX against tfjs predictions
 * with the onnxruntime float reference.
 *
 * tfjs runs on its pure-JS CPU backend here (no tfjs-node), so scripts keep their data small.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FloatGraph, FloatTensor } from '@vouch/zkml';
import { permutation } from '../data/rng.ts';
import { tensor } from '../graphs/builder.ts';
import { graphFromJson, graphToJson } from '../graphs/json.ts';
import { ZooError } from '../data/errors.ts';

/** Folder of the committed fixtures. */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
/** Folder of generated, uncommitted artifacts. */
export const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache');

/** Progress line on stderr. */
export function log(msg: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);
}

/** Settings of a mini-batch training run. */
export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Called after each epoch with the mean training loss. */
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Trains a compiled tfjs model with seeded per-epoch shuffles (tfjs' own shuffle is unseeded).
 * @param model - compiled model.
 * @param x - inputs, row-major `count × width` (width = product of the model's input shape).
 * @param y - integer labels.
 * @param inputShape - the model's per-example input shape.
 * @param classes - number of classes (one-hot targets).
 * @param opts - epochs, batch size, seed.
 * @returns the mean training loss of each epoch.
 */
export async function fitSeeded(
  model: tf.LayersModel,
  x: Float32Array,
  y: Uint8Array,
  inputShape: readonly number[],
  classes: number,
  opts: FitOptions,
): Promise<number[]> {
  const width = inputShape.reduce((a, b) => a * b, 1);
  const n = y.length;
  const losses: number[] = [];
  for (let e = 0; e < opts.epochs; e++) {
    const perm = permutation(n, opts.seed * 1000 + e);
    let sum = 0;
    let batches = 0;
    for (let s = 0; s < n; s += opts.batchSize) {
      const m = Math.min(opts.batchSize, n - s);
      const xb = new Float32Array(m * width);
      const yb = new Float32Array(m * classes);
      for (let i = 0; i < m; i++) {
        const r = perm[s + i];
        xb.set(x.subarray(r * width, (r + 1) * width), i * width);
        yb[i * classes + y[r]] = 1;
      }
      const loss = tf.tidy(() => [tf.tensor(xb, [m, ...inputShape]), tf.tensor2d(yb, [m, classes])]);
      const out = await model.trainOnBatch(loss[0], loss[1]);
      tf.dispose(loss);
      sum += Array.isArray(out) ? out[0] : out;
      batches++;
      if (batches % 100 === 0) log(`  epoch ${e + 1} batch ${batches}: loss ${(sum / batches).toFixed(4)}`);
    }
    losses.push(sum / batches);
    opts.onEpoch?.(e, sum / batches);
  }
  return losses;
}

/**
 * Logits of a tfjs model over many inputs, in chunks.
 * @returns row-major `count × classes` logits.
 */
export function predictLogits(
  model: tf.LayersModel,
  x: Float32Array,
  inputShape: readonly number[],
  chunk = 500,
): Float32Array {
  const width = inputShape.reduce((a, b) => a * b, 1);
  const n = x.length / width;
  const parts: Float32Array[] = [];
  for (let s = 0; s < n; s += chunk) {
    const m = Math.min(chunk, n - s);
    const out = tf.tidy(
      () =>
        (
          model.predict(tf.tensor(x.subarray(s * width, (s + m) * width), [m, ...inputShape])) as tf.Tensor
        ).dataSync() as Float32Array,
    );
    parts.push(Float32Array.from(out));
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const res = new Float32Array(total);
  let o = 0;
  for (const p of parts) {
    res.set(p, o);
    o += p.length;
  }
  return res;
}

/** Index of the largest of each row. */
export function argmaxRows(logits: Float32Array, classes: number): Uint32Array {
  const n = logits.length / classes;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[i * classes + c] > logits[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** Fraction of rows whose argmax equals the label. */
export function accuracy(logits: Float32Array, labels: ArrayLike<number>, classes: number): number {
  const pred = argmaxRows(logits, classes);
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
  return ok / pred.length;
}

/** A tfjs variable's values as a float tensor with the same shape. */
export function fromTf(t: tf.Tensor): FloatTensor {
  return tensor(t.shape, Float32Array.from(t.dataSync() as Float32Array));
}

/** tfjs Conv2D kernel [kh, kw, in, out] → ONNX OIHW [out, in, kh, kw]. */
export function convKernelToOihw(t: tf.Tensor): FloatTensor {
  const [kh, kw, ci, co] = t.shape;
  const src = t.dataSync();
  const out = new Float32Array(src.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++) out[((o * ci + i) * kh + y) * kw + x] = src[((y * kw + x) * ci + i) * co + o];
  return tensor([co, ci, kh, kw], out);
}

/**
 * Reorders the rows of a dense kernel that follows a flatten from tfjs' NHWC order (h, w, c)
 * to ONNX's NCHW order (c, h, w).
 */
export function nhwcRowsToNchw(w: FloatTensor, h: number, wd: number, c: number): FloatTensor {
  const cols = w.shape[1];
  const out = new Float32Array(w.data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < wd; x++)
      for (let k = 0; k < c; k++) {
        const src = ((y * wd + x) * c + k) * cols;
        const dst = ((k * h + y) * wd + x) * cols;
        out.set(w.data.subarray(src, src + cols), dst);
      }
  return tensor(w.shape, out);
}

/** Metadata written next to each fixture. */
export interface FixtureMeta {
  readonly id: string;
  readonly file: string;
  readonly architecture: string;
  readonly params: number;
  readonly data: string;
  readonly split: string;
  readonly training: Readonly<Record<string, string | number>>;
  readonly seed: number;
  /** Accuracy (or other metric) measured in tfjs after training. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly date: string;
}

/** The check written with a pending fixture: batch-1 inputs and the tfjs outputs for them. */
export interface FixtureCheck {
  readonly inputs: Float32Array[];
  readonly expected: Float32Array[];
}

/**
 * Saves a trained graph and its metadata to models/.cache, then exports the fixture
 * ({@link exportCachedFixture}). Training never has to be repeated if the export step fails.
 * @param graph - the float graph built from the trained weights.
 * @param meta - metadata; `file` is the stem.
 * @param check - inputs (one batch-1 example each) and the tfjs logits for them.
 */
export async function writeFixture(graph: FloatGraph, meta: FixtureMeta, check: FixtureCheck): Promise<void> {
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(join(CACHE_DIR, `${meta.file}.graph.json`), graphToJson(graph));
  const pending = {
    meta,
    check: { inputs: check.inputs.map((a) => Array.from(a)), expected: check.expected.map((a) => Array.from(a)) },
  };
  writeFileSync(join(CACHE_DIR, `${meta.file}.pending.json`), JSON.stringify(pending));
  log(`saved trained graph to .cache/${meta.file}.graph.json`);
  await exportCachedFixture(meta.file);
}

/**
 * Exports a cached trained graph to ONNX, checks the ONNX model against the recorded tfjs
 * outputs with the onnxruntime float reference, and writes `<file>.onnx` and `<file>.json`
 * into models/fixtures.
 * @param file - fixture stem, e.g. `b1-mlp-mnist`.
 * @throws {ZooError} when onnxruntime disagrees with tfjs beyond 1e-3 (relative to the logit scale).
 */
export async function exportCachedFixture(file: string): Promise<void> {
  const graph = graphFromJson(readFileSync(join(CACHE_DIR, `${file}.graph.json`), 'utf8'));
  const pending = JSON.parse(readFileSync(join(CACHE_DIR, `${file}.pending.json`), 'utf8')) as {
    meta: FixtureMeta;
    check: { inputs: number[][]; expected: number[][] };
  };
  const { meta } = pending;
  const { writeOnnx, runFloatReference } = await import('@vouch/onnx');
  const bytes = writeOnnx(graph);
  let maxErr = 0;
  let scale = 0;
  for (let i = 0; i < pending.check.inputs.length; i++) {
    const input = graph.inputs[0];
    const got = await runFloatReference(bytes, {
      [input.name]: { shape: input.shape, data: Float32Array.from(pending.check.inputs[i]) },
    });
    const out = got[graph.outputs[0].name];
    pending.check.expected[i].forEach((v, j) => {
      maxErr = Math.max(maxErr, Math.abs(v - out[j]));
      scale = Math.max(scale, Math.abs(v));
    });
  }
  log(
    `onnxruntime vs tfjs on ${pending.check.inputs.length} inputs: max |Δlogit| = ${maxErr.toExponential(2)} (logit scale ${scale.toFixed(2)})`,
  );
  if (!(maxErr <= 1e-3 * Math.max(1, scale)))
    throw new ZooError(`exported ${meta.id} disagrees with tfjs: max |Δlogit| ${maxErr}`);
  mkdirSync(FIXTURES_DIR, { recursive: true });
  writeFileSync(join(FIXTURES_DIR, `${file}.onnx`), bytes);
  writeFileSync(
    join(FIXTURES_DIR, `${file}.json`),
    `${JSON.stringify({ ...meta, check: { inputs: pending.check.inputs.length, maxAbsLogitError: maxErr } }, null, 2)}\n`,
  );
  log(`wrote fixtures/${file}.onnx (${(bytes.length / 1024).toFixed(1)} KiB) and ${file}.json`);
}
