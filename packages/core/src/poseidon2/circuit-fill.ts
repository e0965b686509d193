/**
 * Prover-side witness generation for the in-proof weight digest (layout: circuit-plan.ts). Runs
 * every lane and tree permutation with {@link tracePoseidon2} into one reusable 737-element
 * buffer and scatters it into the witness column (allocation-free per permutation).
 */
import { P } from '../field/babybear.ts';
import { P2_KINDS, P2_KIND_OUT, tracePoseidon2 } from './circuit-shape.ts';
import { type Poseidon2Plan, poseidon2TreeNodes, poseidon2TreeSlot } from './circuit-plan.ts';
import { POSEIDON2_DOMAIN, poseidon2AssertCanonical, poseidon2SpongeIv } from './sponge.ts';

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

  const stride = blocks * l;
  const trace = new Uint32Array(P2_KINDS);
  const state = new Uint32Array(16);
  const scatter = (block: number, col: number): void => {
    let w = (plan.permRow + block) * l + col;
    for (let q = 0; q < P2_KINDS; q++, w += stride) witness[w] = trace[q];
  };

  // lanes: states[16j..16j+16) carries lane j between steps
  const iv = poseidon2SpongeIv(POSEIDON2_DOMAIN.weightLane, n);
  const states = new Uint32Array(16 * lanes);
  for (let j = 0; j < lanes; j++) states.set(iv, 16 * j);
  for (let s = 0; s < steps; s++) {
    for (let g = 0; g < groups; g++) {
      const block = s * groups + g;
      for (let i = 0; i < l; i++) {
        const j = g * l + i;
        for (let k = 0; k < 16; k++) state[k] = states[16 * j + k];
        for (let k = 0; k < 8; k++) {
          const idx = j + lanes * (8 * s + k);
          if (idx < n) state[k] = (state[k] + input[idx]) % P;
        }
        tracePoseidon2(state, trace);
        scatter(block, i);
        states.set(state, 16 * j);
      }
    }
  }

  // fold tree and final compression
  const nodes = poseidon2TreeNodes(lanes);
  const nodeOut = new Uint32Array(8 * nodes.length);
  const src = (r: { lane?: number; node?: number }, k: number): number =>
    r.lane !== undefined ? states[16 * r.lane + k] : r.node !== undefined ? nodeOut[8 * r.node + k] : salt[k];
  nodes.forEach((node, t) => {
    for (let k = 0; k < 8; k++) {
      state[k] = src(node.a, k);
      state[8 + k] = src(node.b, k);
    }
    tracePoseidon2(state, trace);
    const { block, col } = poseidon2TreeSlot(plan, t);
    scatter(block, col);
    for (let k = 0; k < 8; k++) nodeOut[8 * t + k] = trace[P2_KIND_OUT + k];
  });
  return nodeOut.slice(8 * (nodes.length - 1));
}
