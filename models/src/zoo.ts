/**
 * The model zoo registry: every benchmark and demo model (benchmarks.md B1–B6, A1) with where
 * it comes from (a committed fixture trained by a script, or a seeded generator), its input,
 * and the datasets to calibrate and test it on. Used by `vouch zoo`, the tests, the benchmarks
 * and the demo.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FloatGraph } from '@vouch/zkml';
import { readOnnx, writeOnnx } from '@vouch/onnx';
import { ZooError } from './data/errors.ts';
import { buildB3, buildB4, buildB6, GPT2_SMALL } from './graphs/synthetic.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Committed fixtures. */
export const FIXTURES = join(ROOT, 'fixtures');
/** Generated, ignored artifacts (models/.cache). */
export const CACHE = join(ROOT, '.cache');

/** One zoo model. */
export interface ZooEntry {
  /** Id as in benchmarks.md (`A1-cps` and `A1-penguins` are the two A1 models). */
  readonly id: string;
  readonly title: string;
  /** `trained`: a committed fixture from a training script; `synthetic`: seeded random weights. */
  readonly kind: 'trained' | 'synthetic';
  /** File stem: models/fixtures/<stem>.onnx (trained) or models/.cache/<stem>.onnx (synthetic). */
  readonly stem: string;
  /** Approximate parameter count. */
  readonly params: number;
  /** Input name, static shape and element type. */
  readonly input: { readonly name: string; readonly shape: readonly number[]; readonly dtype: 'float32' | 'int64' };
  /** Dataset ids (see samples.ts) for calibration and for accuracy tests. */
  readonly calibration: string;
  readonly test: string;
  /** For token inputs: ids are drawn below this bound for random samples. */
  readonly vocab?: number;
  /** Training script (trained models), relative to the repository root. */
  readonly trainScript?: string;
  /** Builds the graph (synthetic models). */
  readonly generate?: () => FloatGraph;
  /** Large models are generated only on explicit request and never committed. */
  readonly large?: boolean;
}

/** Every zoo model. */
export const ZOO: readonly ZooEntry[] = [
  {
    id: 'B1',
    title: 'MLP 784-56-10 on MNIST',
    kind: 'trained',
    stem: 'b1-mlp-mnist',
    params: 44_530,
    input: { name: 'input', shape: [1, 784], dtype: 'float32' },
    calibration: 'mnist-train',
    test: 'mnist-test',
    trainScript: 'models/src/train/b1.ts',
  },
  {
    id: 'B2',
    title: 'LeNet-5 on MNIST',
    kind: 'trained',
    stem: 'b2-lenet5-mnist',
    params: 61_706,
    input: { name: 'input', shape: [1, 1, 28, 28], dtype: 'float32' },
    calibration: 'mnist-train',
    test: 'mnist-test',
    trainScript: 'models/src/train/b2.ts',
  },
  {
    id: 'B3',
    title: "CIFAR-style CNN (DeepProve's cifar-cnn layout), random weights",
    kind: 'synthetic',
    stem: 'b3-cifar-cnn',
    params: 259_511,
    input: { name: 'input', shape: [1, 3, 32, 32], dtype: 'float32' },
    calibration: 'random:3',
    test: 'random:33',
    generate: () => buildB3(),
  },
  {
    id: 'B4',
    title: 'Dense MLP 1024-1024-1024-1024-1024-10, random weights',
    kind: 'synthetic',
    stem: 'b4-dense-4m',
    params: 4_208_650,
    input: { name: 'input', shape: [1, 1024], dtype: 'float32' },
    calibration: 'random:4',
    test: 'random:44',
    generate: () => buildB4(),
  },
  {
    id: 'B5',
    title: 'nanoGPT-style char transformer, 4 layers, on Moby Dick',
    kind: 'trained',
    stem: 'b5-nanogpt-moby',
    params: 214_784,
    input: { name: 'tokens', shape: [64], dtype: 'int64' },
    calibration: 'moby-train',
    test: 'moby-val',
    vocab: 83,
    trainScript: 'models/src/train/b5.ts',
  },
  {
    id: 'B6',
    title: 'GPT-2 small architecture, one token, random weights',
    kind: 'synthetic',
    stem: 'b6-gpt2-small',
    params: 124_439_808,
    input: { name: 'tokens', shape: [1], dtype: 'int64' },
    calibration: 'random:6',
    test: 'random:66',
    vocab: GPT2_SMALL.vocab,
    generate: () => buildB6(),
    large: true,
  },
  {
    id: 'A1-cps',
    title: 'Tabular MLP 15-32-16-2 on CPS-1985 wages (sensitive: sex, race)',
    kind: 'trained',
    stem: 'a1-cps-wages',
    params: 1_074,
    input: { name: 'input', shape: [1, 15], dtype: 'float32' },
    calibration: 'cps-train',
    test: 'cps-test',
    trainScript: 'models/src/train/a1.ts',
  },
  {
    id: 'A1-penguins',
    title: 'Tabular MLP 4-64-32-3 on penguins (sensitive: sex)',
    kind: 'trained',
    stem: 'a1-penguins',
    params: 2_499,
    input: { name: 'input', shape: [1, 4], dtype: 'float32' },
    calibration: 'penguins-train',
    test: 'penguins-test',
    trainScript: 'models/src/train/a1.ts',
  },
];

/**
 * Looks up a zoo model (case-insensitive; `A1` means `A1-cps`).
 * @throws {ZooError} for an unknown id.
 */
export function zooEntry(id: string): ZooEntry {
  const want = id.toLowerCase() === 'a1' ? 'a1-cps' : id.toLowerCase();
  const e = ZOO.find((z) => z.id.toLowerCase() === want);
  if (!e)
    throw new ZooError(`unknown zoo model ${JSON.stringify(id)}; expected one of ${ZOO.map((z) => z.id).join(', ')}`);
  return e;
}

/** Path of a model's ONNX file (committed fixture, or the cache for synthetic models). */
export function zooOnnxPath(e: ZooEntry): string {
  return join(e.kind === 'trained' ? FIXTURES : CACHE, `${e.stem}.onnx`);
}

/** Training metadata of a trained model (models/fixtures/<stem>.json). */
export function zooMeta(e: ZooEntry): Record<string, unknown> {
  const p = join(FIXTURES, `${e.stem}.json`);
  if (e.kind !== 'trained' || !existsSync(p))
    throw new ZooError(`${e.id}: no training metadata (${e.kind === 'trained' ? `missing ${p}` : 'synthetic model'})`);
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
}

/**
 * The model's float graph: trained models are read from their fixture with readOnnx;
 * synthetic models are generated (seeded), without touching the disk.
 * @throws {ZooError} when a trained model's fixture is missing.
 */
export function zooGraph(e: ZooEntry): FloatGraph {
  if (e.generate) return e.generate();
  return readOnnx(zooOnnxBytes(e));
}

/**
 * The model as ONNX bytes: the fixture, or (synthetic) the cached export, generated and
 * written to models/.cache on first use.
 * @throws {ZooError} when a trained model's fixture is missing.
 */
export function zooOnnxBytes(e: ZooEntry): Uint8Array {
  const p = zooOnnxPath(e);
  if (existsSync(p)) return new Uint8Array(readFileSync(p));
  if (!e.generate) throw new ZooError(`${e.id}: fixture ${p} is missing; run \`vouch zoo train ${e.id}\``);
  const bytes = writeOnnx(e.generate());
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(p, bytes);
  return bytes;
}
