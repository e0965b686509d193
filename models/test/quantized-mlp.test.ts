/**
 * int8 quantization keeps the MLP zoo models accurate: B1 on the first 5,000 MNIST test digits
 * (a fixed subset so the file stays fast on the shared 2-core machine; `vouch quantize
 * --test-count 10000` and bench/models.ts use all 10,000) within 1 point of float; the A1 models
 * on their whole (small) test sets within 2 points. Calibration: the first 200 training examples.
 */
import { describe } from 'vitest';
import { checkQuantized } from './quantized-check.ts';

describe('quantized MLPs', () => {
  checkQuantized('B1', 5000, 1, 0.95);
  checkQuantized('A1-cps', undefined, 2, 0.6);
  checkQuantized('A1-penguins', undefined, 2, 0.95);
});
