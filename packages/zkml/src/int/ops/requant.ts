/**
 * Requant: y = clamp(⌊(acc·M_c + 2^(s_c−1)) / 2^(s_c)⌋, lo, hi) for every element, with a
 * multiplier M_c < 2^16 and shift 13 ≤ s_c ≤ 29 per channel c along `axis` (or one pair for the
 * whole tensor, axis −1). Computed in the split form of {@link requantize} (Jacob et al., CVPR 2018,
 * §2.2; split per Vouch proof-system.md). A ReLU that follows a linear op is fused as lo = 0.
 * Multipliers and shifts are private parameters (they reveal max|w| of the channel).
 */
import { REQUANT_LIMB } from '../arith.ts';
import { intAttr } from '../graph.ts';
import { param, type IntOpArgs } from './types.ts';

/** Runs a Requant node. Attributes: axis (channel axis or −1), lo, hi. */
export function requant(args: IntOpArgs): Int32Array {
  const { node } = args;
  const x = args.inputs[0];
  const shape = args.inShapes[0];
  const axis = intAttr(node, 'axis');
  const lo = intAttr(node, 'lo');
  const hi = intAttr(node, 'hi');
  const C = axis < 0 ? 1 : shape[axis];
  const m = param(args, 'multiplier', C).data;
  const s = param(args, 'shift', C).data;
  const inner = axis < 0 ? x.length : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Int32Array(x.length);
  // Same arithmetic as requantize() in ../arith.ts, with the per-channel powers of two hoisted.
  const LIMB = REQUANT_LIMB;
  for (let c0 = 0; c0 < C; c0++) {
    const M = m[c0];
    const half = 2 ** (s[c0] - 1);
    const d2 = 2 ** (s[c0] - 13);
    // elements of channel c0: blocks of `inner` consecutive values, every C·inner
    for (let base = c0 * inner; base < x.length; base += C * inner) {
      for (let i = base; i < base + inner; i++) {
        const acc = x[i];
        const h = Math.floor(acc / LIMB);
        const c = Math.floor(((acc - h * LIMB) * M + half) / LIMB);
        const q = Math.floor((h * M + c) / d2);
        out[i] = q < lo ? lo : q > hi ? hi : q;
      }
    }
  }
  return out;
}
