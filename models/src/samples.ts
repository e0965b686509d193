/**
 * Model-input samples from the zoo's datasets, in one flat form shared by the CLI
 * (`--calibration`, `--test-set`), the tests and the benchmarks: `count` examples of `width`
 * floats each, with integer labels where the dataset has them.
 *
 * Dataset ids: `mnist-train`, `mnist-test` (pixels / 255), `cps-train`, `cps-test`,
 * `penguins-train`, `penguins-test` (standardized features), `moby-train`, `moby-val`
 * (windows of 64 token ids, the next-character labels of the last position), and
 * `random:<seed>` (uniform [0, 1) inputs for timing models, width from the model).
 */
import { loadCpsWages } from './data/cps.ts';
import { DatasetError } from './data/errors.ts';
import { loadMnist, MNIST_PIXELS } from './data/mnist.ts';
import { loadMobyDick } from './data/moby.ts';
import { loadPenguins } from './data/penguins.ts';
import { mulberry32, permutation } from './data/rng.ts';

/** A block of model inputs. */
export interface Samples {
  /** Dataset id it came from. */
  readonly dataset: string;
  readonly count: number;
  /** Floats per example. */
  readonly width: number;
  /** `count × width` floats, row-major. */
  readonly data: Float32Array;
  /** Class labels, when the dataset has them. */
  readonly labels?: Uint8Array;
  /** Number of classes, when labelled. */
  readonly classes?: number;
}

/** The dataset ids {@link loadSamples} understands (besides `random:<seed>`). */
export const DATASET_IDS = [
  'mnist-train',
  'mnist-test',
  'cps-train',
  'cps-test',
  'penguins-train',
  'penguins-test',
  'moby-train',
  'moby-val',
] as const;

/** Options of {@link loadSamples}. */
export interface SampleOptions {
  /** At most this many examples (default: all; for `random:` and `moby-*` default 100). */
  readonly limit?: number;
  /** Skip this many examples first (default 0). */
  readonly offset?: number;
  /** Width of `random:` examples (required for them). */
  readonly width?: number;
  /** For `random:` token inputs: integers uniform in [0, maxInt) instead of floats in [0, 1). */
  readonly maxInt?: number;
}

/** Example `i` of a sample block (a view, not a copy). */
export function example(s: Samples, i: number): Float32Array {
  return s.data.subarray(i * s.width, (i + 1) * s.width);
}

const MOBY_CTX = 64;

/**
 * Loads model inputs from a zoo dataset.
 * @param id - a dataset id ({@link DATASET_IDS}) or `random:<seed>`.
 * @param opts - limit, offset, width.
 * @returns the samples.
 * @throws {DatasetError} for an unknown id or missing width.
 * @example
 * const cal = loadSamples('mnist-train', { limit: 200 }); // cal.width === 784
 */
export function loadSamples(id: string, opts: SampleOptions = {}): Samples {
  const offset = opts.offset ?? 0;
  if (id.startsWith('random:')) {
    const seed = Number(id.slice('random:'.length));
    if (!Number.isInteger(seed)) throw new DatasetError(id, `expected random:<integer seed>, got ${id}`);
    if (!opts.width) throw new DatasetError(id, 'random inputs need the model input width');
    const count = opts.limit ?? 100;
    const r = mulberry32(seed);
    const data = new Float32Array(count * opts.width);
    for (let i = 0; i < data.length; i++) data[i] = opts.maxInt ? Math.floor(r() * opts.maxInt) : r();
    return { dataset: id, count, width: opts.width, data };
  }
  const cut = (width: number, data: Float32Array, labels: Uint8Array, classes: number): Samples => {
    const total = labels.length;
    const count = Math.max(0, Math.min(opts.limit ?? total, total - offset));
    return {
      dataset: id,
      count,
      width,
      data: data.slice(offset * width, (offset + count) * width),
      labels: labels.slice(offset, offset + count),
      classes,
    };
  };
  switch (id) {
    case 'mnist-train':
    case 'mnist-test': {
      const m = loadMnist(id === 'mnist-train' ? 'train' : 'test', {
        offset,
        ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      });
      return { dataset: id, count: m.count, width: MNIST_PIXELS, data: m.images, labels: m.labels, classes: 10 };
    }
    case 'cps-train':
    case 'cps-test': {
      const s = loadCpsWages()[id === 'cps-train' ? 'train' : 'test'];
      return cut(s.featureNames.length, s.features, s.labels, s.classes.length);
    }
    case 'penguins-train':
    case 'penguins-test': {
      const s = loadPenguins()[id === 'penguins-train' ? 'train' : 'test'];
      return cut(s.featureNames.length, s.features, s.labels, s.classes.length);
    }
    case 'moby-train':
    case 'moby-val': {
      const c = loadMobyDick();
      const ids = id === 'moby-train' ? c.train : c.val;
      const count = opts.limit ?? 100;
      const starts = permutation(Math.floor((ids.length - 1) / MOBY_CTX), 7).subarray(offset, offset + count);
      const data = new Float32Array(starts.length * MOBY_CTX);
      const labels = new Uint8Array(starts.length);
      starts.forEach((w, i) => {
        const s = w * MOBY_CTX;
        for (let t = 0; t < MOBY_CTX; t++) data[i * MOBY_CTX + t] = ids[s + t];
        labels[i] = ids[s + MOBY_CTX];
      });
      return { dataset: id, count: starts.length, width: MOBY_CTX, data, labels, classes: c.vocab.chars.length };
    }
    default:
      throw new DatasetError(id, `unknown dataset; expected one of ${DATASET_IDS.join(', ')} or random:<seed>`);
  }
}
