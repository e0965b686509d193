/**
 * Where each layer's weight matrix sits in the one committed table (docs/parts/onchain.md §12):
 * layer k's W_k (rows × cols, int8) is padded to a block of 2^(rb + cb) entries with index
 * row·2^cb + col (column variables low, the layout of `proveMatVec`'s W~(j, r)); blocks are placed
 * largest first (ties by layer index) at offsets that are multiples of their size, and the table is
 * padded to 2^n. A claim W~_k(s ‖ r) is then the claim T~(s ‖ r ‖ bits(offset / 2^(rb + cb))) on
 * the table: the block's position fixes the high variables to 0/1.
 */
import { eFromBase, log2Ceil } from '@vouch/core';

/** One block: its layer, variables, and offset in the table. */
export interface MlpBlock {
  readonly layer: number;
  readonly rb: number;
  readonly cb: number;
  readonly offset: number;
}

/** The block of every layer (indexed by layer) and the table's variable count n (≥ 1). */
export function mlpLayout(shapes: readonly { rows: number; cols: number }[]): { blocks: MlpBlock[]; vars: number } {
  const order = shapes.map((s, k) => ({ k, rb: log2Ceil(s.rows), cb: log2Ceil(s.cols) })).sort((a, b) => b.rb + b.cb - (a.rb + a.cb) || a.k - b.k);
  const blocks: MlpBlock[] = new Array(shapes.length);
  let next = 0;
  for (const o of order) {
    const size = 2 ** (o.rb + o.cb);
    const offset = Math.ceil(next / size) * size;
    blocks[o.k] = { layer: o.k, rb: o.rb, cb: o.cb, offset };
    next = offset + size;
  }
  const vars = Math.max(1, log2Ceil(next));
  return { blocks, vars };
}

/** The table point of a claim on block `b` at column point s (cb ext) and row point r (rb ext). */
export function blockPoint(b: MlpBlock, vars: number, s: Uint32Array, r: Uint32Array): Uint32Array {
  const low = b.rb + b.cb;
  const point = new Uint32Array(4 * vars);
  point.set(s, 0);
  point.set(r, 4 * b.cb);
  const hi = b.offset / 2 ** low;
  for (let j = 0; j < vars - low; j++) point.set(eFromBase(Math.floor(hi / 2 ** j) % 2), 4 * (low + j));
  return point;
}
