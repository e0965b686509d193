/**
 * int8 quantization keeps LeNet-5 (B2) accurate: on the first 2,000 MNIST test digits (a fixed
 * subset: the integer convolutions run one digit at a time in JS) its accuracy is within 1 point
 * of float. Calibration: the first 200 training digits.
 */
import { describe } from 'vitest';
import { checkQuantized } from './quantized-check.ts';

describe('quantized LeNet-5', () => {
  checkQuantized('B2', 2000, 1, 0.96);
});
