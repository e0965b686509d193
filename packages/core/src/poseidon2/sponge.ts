/**
 * Hashing on the Poseidon2 BabyBear-16 permutation (permutation.ts): a sponge with rate 8 and
 * capacity 8 (Bertoni–Daemen–Peeters–Van Assche, "On the indifferentiability of the sponge
 * construction", EUROCRYPT 2008), and a 2-to-1 compression by truncation (as Plonky3's
 * TruncatedPermutation).
 *
 * Sponge, for a message m of n < p elements and a domain tag d:
 *   state ← (0, …, 0 | d, n, 0, …, 0)   (rate positions 0..7 zero; capacity[0] = d, capacity[1] = n)
 *   for each block B_s = m[8s .. 8s + 8) of the zero-padded message, s < max(1, ⌈n/8⌉):
 *     state[k] ← state[k] + B_s[k] (k < 8);  state ← Poseidon2(state)
 *   output state[0..8)  (8 elements, ≈ 248 bits; collision resistance ≈ 124 bits).
 * The length sits in the capacity, so zero padding is injective; the tag separates uses.
 *
 * Compression: poseidon2Compress(a, b) = Poseidon2(a ‖ b)[0..8) for a, b ∈ F^8.
 */
import { isCanonical } from '../field/babybear.ts';
import { permutePoseidon2 } from './permutation.ts';

/** Rate (elements absorbed per permutation). */
export const POSEIDON2_RATE = 8;
/** Capacity. */
export const POSEIDON2_CAPACITY = 8;
/** Output size of the sponge and of compression, in field elements. */
export const POSEIDON2_DIGEST_ELEMENTS = 8;

/** Domain tags written to capacity[0] (state[8]) of a sponge's initial state. */
export const POSEIDON2_DOMAIN = Object.freeze({
  /** General-purpose hashing of a field-element message. */
  sponge: 1,
  /** Version 1 of the model-weight digest (lanes + fold tree; retired, the tag stays reserved). */
  weightLane: 2,
  /** The model-weight digest, version 2 (digest.ts: one sponge in column-parallel order). */
  weightSponge: 3,
} as const);

/** Number of permutations a sponge over n elements uses: max(1, ⌈n/8⌉). */
export function poseidon2SpongeBlocks(n: number): number {
  return Math.max(1, Math.ceil(n / POSEIDON2_RATE));
}

/**
 * The sponge's initial state for a domain tag and a message length.
 * @throws RangeError unless both are canonical field elements.
 */
export function poseidon2SpongeIv(domain: number, length: number): Uint32Array {
  if (!isCanonical(domain)) throw new RangeError(`poseidon2SpongeIv: expected a canonical domain tag, got ${domain}`);
  if (!isCanonical(length)) throw new RangeError(`poseidon2SpongeIv: expected a length below p, got ${length}`);
  const s = new Uint32Array(16);
  s[8] = domain;
  s[9] = length;
  return s;
}

/** Throws unless every element of `xs` is canonical. */
export function poseidon2AssertCanonical(what: string, xs: ArrayLike<number>): void {
  for (let i = 0; i < xs.length; i++) {
    if (!isCanonical(xs[i])) throw new RangeError(`${what}: expected canonical field elements, got ${xs[i]} at index ${i}`);
  }
}

/**
 * Sponge hash of a field-element message (see module header).
 * @param message canonical elements; @param domain tag (default {@link POSEIDON2_DOMAIN}.sponge).
 * @returns 8 elements.
 * @example poseidon2Hash([1, 2, 3])
 */
export function poseidon2Hash(message: ArrayLike<number>, domain: number = POSEIDON2_DOMAIN.sponge): Uint32Array {
  poseidon2AssertCanonical('poseidon2Hash', message);
  const n = message.length;
  const s = poseidon2SpongeIv(domain, n);
  const blocks = poseidon2SpongeBlocks(n);
  for (let b = 0; b < blocks; b++) {
    for (let k = 0; k < POSEIDON2_RATE; k++) {
      const idx = b * POSEIDON2_RATE + k;
      if (idx < n) s[k] = (s[k] + message[idx]) % 2013265921;
    }
    permutePoseidon2(s);
  }
  return s.slice(0, POSEIDON2_DIGEST_ELEMENTS);
}

/**
 * 2-to-1 compression: Poseidon2(left ‖ right)[0..8).
 * @throws RangeError unless both halves are 8 canonical elements.
 */
export function poseidon2Compress(left: ArrayLike<number>, right: ArrayLike<number>): Uint32Array {
  if (left.length !== 8 || right.length !== 8) {
    throw new RangeError(`poseidon2Compress: expected two halves of 8 elements, got ${left.length} and ${right.length}`);
  }
  poseidon2AssertCanonical('compress.left', left);
  poseidon2AssertCanonical('compress.right', right);
  const s = new Uint32Array(16);
  for (let k = 0; k < 8; k++) {
    s[k] = left[k];
    s[8 + k] = right[k];
  }
  permutePoseidon2(s);
  return s.slice(0, 8);
}
