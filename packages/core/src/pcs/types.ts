/**
 * A multilinear polynomial commitment scheme (PCS) for PUBLIC data (open weights, fixed lookup
 * tables): commit once, open v~(z) at many points in many proofs. Not hiding.
 *
 * The interface names its types the way Plonky3's `Pcs` trait does (Commitment, ProverData, Proof)
 * so that a FRI-family scheme (BaseFold, WHIR) can implement it later beside the tensor (Ligero /
 * Brakedown-style) scheme in tensor.ts.
 *
 * Conventions: a committed vector has 2^v base-field entries; its multilinear extension is
 * v~(z) = Σ_i eq(z, i)·values[i] with index i = Σ_k b_k 2^k and z_k bound to bit k (poly/eq.ts).
 * A point z is a flat ext vector of v elements. Open and verify continue the caller's transcript
 * and absorb the commitment, the point and the claimed value themselves before any challenge.
 */
import type { Ext } from '../field/ext4.ts';
import type { Transcript } from '../transcript/transcript.ts';

/** A multilinear PCS. */
export interface MultilinearPcs<Commitment, ProverData, Proof> {
  /** Scheme id, e.g. `tensor-ligero/conjectured-100`. */
  readonly name: string;
  /** Commits to 2^v base-field values (v ≥ 0). */
  commit(values: Uint32Array): { readonly commitment: Commitment; readonly data: ProverData };
  /** Opens the committed vector's MLE at `point`: returns v~(point) and a proof. */
  open(data: ProverData, point: Uint32Array, transcript: Transcript): { readonly value: Ext; readonly proof: Proof };
  /**
   * Verifies that v~(point) = value for the committed vector.
   * @throws VerificationError naming the failed check; MalformedError on a malformed proof.
   */
  verify(commitment: Commitment, point: Uint32Array, value: Ext, proof: Proof, transcript: Transcript): void;
  /** Strict byte encoding of a proof. */
  serializeProof(proof: Proof): Uint8Array;
  /** @throws MalformedError on anything but an exact encoding for this commitment. */
  parseProof(commitment: Commitment, bytes: Uint8Array): Proof;
}
