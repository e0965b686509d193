/**
 * Prover-side witness generation for the in-proof weight digest (layout: circuit-plan.ts). Runs the
 * sponge's permutations in order with {@link tracePoseidon2} into a reusable tile of 32 traces and
 * transposes each tile into the kind-major witness rows (allocation-free per permutation).
 */
import { P } from '../field/babybear.ts';

import { P2_KINDS, tracePoseidon2 } from './circuit-shape.ts';
import type { Poseidon2Plan } from './circuit-plan.ts';
import { weightDigestAbsorbVector, weightDigestIv } from './digest.ts';

/** Permutations per transpose tile. */
const TILE = 32;

/** witness[w0 + q·stride + c] = tile[c·737 + q] for c < count, q < 737. */
function writeTile(witness: Uint32Array, tile: Uint32Array, w0: number, stride: number, count: number): void {
  for (let q = 0, w = w0; q < P2_KINDS; q++, w += stride) {
    for (let c = 0, r = q; c < count; c++, r += P2_KINDS) witness[w + c] = tile[r];
  }
}

/**
 * Writes the absorb vector (input, salt, zeros) and every permutation trace into `witness`.
 * @param witness the full witness matrix (numRows·ℓ values, row-major).
 * @param input the n canonical input elements; @param salt 8 canonical elements.
 * @returns the digest (8 elements) the witness computes (equal to `weightDigest(input, salt, { lanes: ℓ })`).
 * @throws RangeError on wrong lengths or non-canonical values.
 */
export function fillPoseidon2(plan: Poseidon2Plan, witness: Uint32Array, input: ArrayLike<number>, salt: ArrayLike<number>): Uint32Array {
  const { rowWidth: l, blocks, inputLength: n } = plan;
  if (input.length !== n) throw new RangeError(`fillPoseidon2: expected ${n} input elements, got ${input.length}`);
  const v = weightDigestAbsorbVector(input, salt, { lanes: l });
  const lastWire = (plan.permRow + P2_KINDS * blocks) * l;
  if (witness.length < lastWire) throw new RangeError(`fillPoseidon2: expected a witness of at least ${lastWire} values, got ${witness.length}`);
  witness.set(v, plan.inputRow * l);

  // Permutations are traced TILE at a time into a perm-major tile (737 values each), then written
  // kind by kind as runs of consecutive columns: a cache- and TLB-friendly transpose.
  const stride = blocks * l;
  const tileCols = Math.min(TILE, l);
  const tile = new Uint32Array(P2_KINDS * tileCols);
  const views = Array.from({ length: tileCols }, (_, c) => tile.subarray(c * P2_KINDS, (c + 1) * P2_KINDS));
  const state = weightDigestIv(n, l);
  for (let b = 0; b < blocks; b++) {
    for (let c0 = 0; c0 < l; c0 += tileCols) {
      for (let c = 0; c < tileCols; c++) {
        for (let k = 0; k < 8; k++) {
          const t = state[k] + v[(8 * b + k) * l + c0 + c];
          state[k] = t >= P ? t - P : t;
        }
        tracePoseidon2(state, views[c]);
      }
      writeTile(witness, tile, (plan.permRow + b) * l + c0, stride, tileCols);
    }
  }
  return state.slice(0, 8);
}
