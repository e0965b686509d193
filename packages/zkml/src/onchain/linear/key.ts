/**
 * Registering a linear model (prover side, docs/parts/onchain.md §11.3): the int8 weights are laid
 * out as the 2^(rb + cb) table W[row·2^cb + col] (zero padding; column variables low, the layout
 * of `proveMatVec`'s W~(j, r)), committed with BaseFold, and the key and model id derived from the
 * root. The weights are public ("open weights"): anyone can recompute the root from them.
 */
import { basefoldCommit, basefoldParams, fromInt, BASEFOLD_CONJECTURED_100, type BasefoldCommitment, type BasefoldPreset } from '@vouch/core';
import { LINEAR_WEIGHT_BOUND, encodeLinearVk, linearModelId, linearVars, type LinearVk } from './vk.ts';

/** What the prover keeps: the weights (field elements, row-major), the commitment and the key. */
export interface LinearKey {
  readonly vk: LinearVk;
  readonly vkBytes: Uint8Array;
  readonly modelId: Uint8Array;
  /** rows × cols canonical base elements, row-major (unpadded). */
  readonly weights: Uint32Array;
  readonly commitment: BasefoldCommitment;
}

/** Options of {@link linearKey}. */
export interface LinearKeyOptions {
  /** Largest |x_j| the statements will use (default 127). */
  readonly inputBound?: number;
  /** BaseFold preset (default `BASEFOLD_CONJECTURED_100`). */
  readonly preset?: BasefoldPreset;
}

/**
 * Commits the int8 matrix `weights` (rows × cols, row-major) and builds its key.
 * @throws RangeError on a wrong length or a weight outside [−128, 127]; MalformedError
 *   (`linear.vk.*`) when the shape and input bound break the range argument.
 * @example
 * const key = linearKey(Int8Array.from(w), 10, 56, { inputBound: 127 });
 * const { proof, y } = proveLinear(key, x, party);
 */
export function linearKey(weights: ArrayLike<number>, rows: number, cols: number, opts: LinearKeyOptions = {}): LinearKey {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new RangeError(`linearKey: expected a positive shape, got ${rows} × ${cols}`);
  if (weights.length !== rows * cols) throw new RangeError(`linearKey: expected ${rows * cols} weights, got ${weights.length}`);
  const { rb, cb } = linearVars({ rows, cols });
  const w = new Uint32Array(rows * cols);
  const table = new Uint32Array(2 ** (rb + cb));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = weights[i * cols + j];
      if (!Number.isInteger(v) || v < -LINEAR_WEIGHT_BOUND || v >= LINEAR_WEIGHT_BOUND) throw new RangeError(`linearKey: expected int8 weights, got ${v} at (${i}, ${j})`);
      w[i * cols + j] = fromInt(v);
      table[i * 2 ** cb + j] = w[i * cols + j];
    }
  }
  const params = basefoldParams(rb + cb, opts.preset ?? BASEFOLD_CONJECTURED_100);
  const commitment = basefoldCommit(table, params);
  const vk: LinearVk = { rows, cols, inputBound: opts.inputBound ?? 127, params, root: commitment.root };
  const vkBytes = encodeLinearVk(vk);
  return { vk, vkBytes, modelId: linearModelId(vkBytes), weights: w, commitment };
}
