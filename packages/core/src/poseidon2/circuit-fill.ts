/**
 * Prover-side witness generation for the in-proof weight digest (layout: circuit-plan.ts). Runs
 * every lane and tree permutation with {@link tracePoseidon2} into a reusable tile of 32 traces and
 * transposes each tile into the kind-major witness rows (allocation-free per permutation).
 */
import { P } from '../field/babybear.ts';

import { P2_KINDS, tracePoseidon2 } from './circuit-shape.ts';
import { type Poseidon2Plan, poseidon2TreeNodes } from './circuit-plan.ts';
import { POSEIDON2_DOMAIN, poseidon2AssertCanonical, poseidon2SpongeIv } from './sponge.ts';

/** Permutations per transpose tile (a power of two, so tiles never straddle a block when ℓ ≥ TILE). */
const TILE = 32;

/** witness[w0 + q·stride + c] = tile[c·737 + q] for c < count, q < 737. */
function writeTile(witness: Uint32Array, tile: Uint32Array, w0: number, stride: number, count: number): void {
  for (let q = 0, w = w0; q < P2_KINDS; q++, w += stride) {
    for (let c = 0, r = q; c < count; c++, r += P2_KINDS) witness[w + c] = tile[r];
  }
}

/**
 * Writes the input vector, the salt and every permutation trace into `witness`.
 * @param witness the full witness matrix (numRows·ℓ values, row-major).
 * @param input the n canonical input elements; @param salt 8 canonical elements.
 * @returns the digest (8 elements) the witness computes.
 * @throws RangeError on wrong lengths or non-canonical values.
 */
export function fillPoseidon2(plan: Poseidon2Plan, witness: Uint32Array, input: ArrayLike<number>, salt: ArrayLike<number>): Uint32Array {
  const { rowWidth: l, lanes, steps, groups, blocks, inputLength: n } = plan;
  if (input.length !== n) throw new RangeError(`fillPoseidon2: expected ${n} input elements, got ${input.length}`);
  if (salt.length !== 8) throw new RangeError(`fillPoseidon2: expected 8 salt elements, got ${salt.length}`);
  poseidon2AssertCanonical('fillPoseidon2 input', input);
  poseidon2AssertCanonical('fillPoseidon2 salt', salt);
  const lastWire = (plan.permRow + P2_KINDS * blocks) * l;
  if (witness.length < lastWire) throw new RangeError(`fillPoseidon2: expected a witness of at least ${lastWire} values, got ${witness.length}`);

  const inBase = plan.input.row * l;
  for (let i = 0; i < plan.input.paddedLength; i++) witness[inBase + i] = i < n ? input[i] : 0;
  plan.salt.forEach((w, k) => (witness[w] = salt[k]));

  // Permutations are traced TILE at a time into a perm-major tile (737 values each), then written
  // kind by kind as runs of consecutive columns: a cache- and TLB-friendly transpose.
  const stride = blocks * l;
  const tileCols = Math.min(TILE, l);
  const tile = new Uint32Array(P2_KINDS * tileCols);
  const views = Array.from({ length: tileCols }, (_, c) => tile.subarray(c * P2_KINDS, (c + 1) * P2_KINDS));
  const state = new Uint32Array(16);

  // lanes: states[16j..16j+16) carries lane j between steps
  const iv = poseidon2SpongeIv(POSEIDON2_DOMAIN.weightLane, n);
  const states = new Uint32Array(16 * lanes);
  for (let j = 0; j < lanes; j++) states.set(iv, 16 * j);
  for (let s = 0; s < steps; s++) {
    for (let g = 0; g < groups; g++) {
      const block = s * groups + g;
      for (let c0 = 0; c0 < l; c0 += tileCols) {
        for (let c = 0; c < tileCols; c++) {
          const j = g * l + c0 + c;
          for (let k = 0; k < 16; k++) state[k] = states[16 * j + k];
          for (let k = 0; k < 8; k++) {
            const idx = j + lanes * (8 * s + k);
            if (idx < n) {
              const v = state[k] + input[idx];
              state[k] = v >= P ? v - P : v;
            }
          }
          tracePoseidon2(state, views[c]);
          for (let k = 0; k < 16; k++) states[16 * j + k] = state[k];
        }
        writeTile(witness, tile, (plan.permRow + block) * l + c0, stride, tileCols);
      }
    }
  }

  // fold tree and final compression: nodes t = 0..L−1 fill the tree blocks column by column
  const nodes = poseidon2TreeNodes(lanes);
  const nodeOut = new Uint32Array(8 * nodes.length);
  const treeBlock0 = groups * steps;
  for (let t0 = 0; t0 < nodes.length; t0 += tileCols) {
    for (let c = 0; c < tileCols; c++) {
      const t = t0 + c;
      const node = nodes[t];
      for (let k = 0; k < 8; k++) {
        state[k] = node.a.lane !== undefined ? states[16 * node.a.lane + k] : nodeOut[8 * node.a.node! + k];
        state[8 + k] = node.b.lane !== undefined ? states[16 * node.b.lane + k] : node.b.node !== undefined ? nodeOut[8 * node.b.node + k] : salt[k];
      }
      tracePoseidon2(state, views[c]);
      for (let k = 0; k < 8; k++) nodeOut[8 * t + k] = state[k];
    }
    writeTile(witness, tile, (plan.permRow + treeBlock0 + Math.floor(t0 / l)) * l + (t0 % l), stride, tileCols);
  }
  return nodeOut.slice(8 * (nodes.length - 1));
}
