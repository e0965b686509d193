/**
 * The verifier's own evaluation of every layer's requantization (docs/parts/onchain.md §12):
 * y = clamp(⌊(acc·M + 2^(s−1)) / 2^s⌋, lo, hi) per channel — the integer graph's Requant
 * (int/ops/requant.ts, Jacob et al., CVPR 2018 §2.2) computed in the clear, because in an open-weights
 * statement the accumulators are public. `requantize` is the integer executor's own function, so
 * the verifier and the executor agree bit for bit.
 */
import { requantize } from '../../int/arith.ts';
import type { MlpLayer } from './vk.ts';

/** The requantized, clamped output of one layer from its accumulators (signed integers). */
export function requantLayer(layer: MlpLayer, acc: readonly number[]): number[] {
  return acc.map((a, i) => requantize(a, layer.multiplier[i], layer.shift[i], layer.lo, layer.hi));
}
