/**
 * Byte encoding of Merkle multi-openings (docs/parts/transcript-merkle.md §Serialization).
 *
 * A multi-opening is written as its sibling hashes only, 32 bytes each, in canonical order, with
 * no length prefix: the count is a function of the (public) depth and query indices, so the
 * reader computes it and no prover-chosen length is ever trusted.
 */
import type { ByteReader, ByteWriter } from '../serialize/bytes.ts';
import { multiProofSiblingCount, type MerkleMultiProof } from './merkle.ts';

/** Appends the sibling hashes of `proof` (no prefix). */
export function writeMultiProof(w: ByteWriter, proof: MerkleMultiProof): void {
  if (!(proof?.siblings instanceof Uint8Array) || proof.siblings.length % 32 !== 0) {
    throw new RangeError(
      `writeMultiProof: expected siblings as a multiple of 32 bytes, got ${proof?.siblings?.length}`,
    );
  }
  w.raw(proof.siblings);
}

/**
 * Reads a multi-opening of `indices` in a depth-`depth` tree: exactly
 * `multiProofSiblingCount(depth, indices)` hashes.
 *
 * @throws MalformedError (from the reader) if the input is truncated.
 * @throws RangeError if `indices` are invalid for `depth` (caller misuse).
 */
export function readMultiProof(
  r: ByteReader,
  field: string,
  depth: number,
  indices: readonly number[],
): MerkleMultiProof {
  const k = multiProofSiblingCount(depth, indices);
  return { siblings: r.raw(field, 32 * k) };
}
