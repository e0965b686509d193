/**
 * Shared shape of the tabular datasets (CPS-1985 wages, penguins) and their preprocessing:
 * a seeded train/test split and per-column standardization with statistics from the
 * training rows only (so the test rows never leak into the preprocessing constants).
 */
import { permutation } from './rng.ts';

/** One split of a tabular dataset. */
export interface TabularSplit {
  /** Number of rows. */
  readonly count: number;
  /** Feature columns, in order. */
  readonly featureNames: readonly string[];
  /** `count × featureNames.length` standardized features, row-major. */
  readonly features: Float32Array;
  /** `count` class labels 0 … classes-1. */
  readonly labels: Uint8Array;
  /** Class names, indexed by label. */
  readonly classes: readonly string[];
  /** Sensitive attributes kept alongside (not model inputs), e.g. `{ sex: ['female', …] }`. */
  readonly sensitive: Readonly<Record<string, readonly string[]>>;
}

/** A tabular dataset split in two, with the preprocessing constants used. */
export interface TabularDataset {
  readonly train: TabularSplit;
  readonly test: TabularSplit;
  /** Per-feature mean of the training rows (subtracted before scaling). */
  readonly mean: Float32Array;
  /** Per-feature standard deviation of the training rows (divided by; 1 for constant columns). */
  readonly std: Float32Array;
  /** The seed of the split. */
  readonly seed: number;
}

/** Raw rows before the split: unscaled features, labels and sensitive attributes. */
export interface RawTable {
  readonly featureNames: readonly string[];
  readonly rows: readonly (readonly number[])[];
  readonly labels: readonly number[];
  readonly classes: readonly string[];
  readonly sensitive: Readonly<Record<string, readonly string[]>>;
}

/**
 * Splits rows with a seeded permutation (the first `round(testFraction·n)` permuted rows are the
 * test set) and standardizes features with training statistics.
 * @param raw - the rows.
 * @param seed - permutation seed.
 * @param testFraction - fraction of rows held out (default 0.2).
 * @returns the standardized splits and the constants.
 */
export function splitAndStandardize(raw: RawTable, seed: number, testFraction = 0.2): TabularDataset {
  const n = raw.rows.length;
  const w = raw.featureNames.length;
  const perm = permutation(n, seed);
  const nTest = Math.round(n * testFraction);
  const testIdx = Array.from(perm.subarray(0, nTest)).sort((a, b) => a - b);
  const trainIdx = Array.from(perm.subarray(nTest)).sort((a, b) => a - b);
  const mean = new Float32Array(w);
  const std = new Float32Array(w);
  for (let j = 0; j < w; j++) {
    let s = 0;
    for (const i of trainIdx) s += raw.rows[i][j];
    const m = s / trainIdx.length;
    let v = 0;
    for (const i of trainIdx) v += (raw.rows[i][j] - m) ** 2;
    const sd = Math.sqrt(v / trainIdx.length);
    mean[j] = m;
    std[j] = sd > 1e-12 ? sd : 1;
  }
  const take = (idx: number[]): TabularSplit => {
    const features = new Float32Array(idx.length * w);
    idx.forEach((i, r) => {
      for (let j = 0; j < w; j++) features[r * w + j] = (raw.rows[i][j] - mean[j]) / std[j];
    });
    const sensitive: Record<string, string[]> = {};
    for (const [k, vals] of Object.entries(raw.sensitive)) sensitive[k] = idx.map((i) => vals[i]);
    return {
      count: idx.length,
      featureNames: raw.featureNames,
      features,
      labels: Uint8Array.from(idx.map((i) => raw.labels[i])),
      classes: raw.classes,
      sensitive,
    };
  };
  return { train: take(trainIdx), test: take(testIdx), mean, std, seed };
}
