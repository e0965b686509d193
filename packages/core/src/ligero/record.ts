/**
 * The canonical Ligero parameter record (docs/parts/ligero.md, "Transcript"; audit O3).
 *
 * Fiat–Shamir is sound only if every public value the verifier's checks depend on is bound before
 * the first prover message ("Frozen Heart": Dao–Miller–Wright–Grubbs, S&P 2023). The Ligero checks
 * depend on ℓ, the number of witness rows, the masking rows, t, n, the coset shift and the salt
 * length, so the record
 *
 *   record = "vouch/ligero-params/v1" ‖ u32 ℓ ‖ u32 witnessRows ‖ u32 maskRows (20) ‖ u32 t
 *            ‖ u32 n ‖ u32 cosetShift (31) ‖ u32 saltBytes (16)          (u32 = 4 bytes LE)
 *
 * is absorbed as `absorbBytes('ligero.params', record)` immediately before the commitment root.
 * k = ℓ + t and the response lengths follow from these fields; the named preset, `blowup` and
 * `target` only choose t and n and are not needed by the verifier, so they are not part of it.
 * The 28 field bytes (without the domain string) also head the serialized proof (ligero/proof.ts),
 * so a proof made for another parameter set is rejected up front as `ligero.params`.
 */
import { VerificationError } from '../errors.ts';
import type { ByteReader, ByteWriter } from '../serialize/bytes.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { COSET_SHIFT, MASK_ROWS, SALT_BYTES, type LigeroShape } from './params.ts';

/** Domain string that opens the absorbed parameter record. */
export const LIGERO_PARAMS_DOMAIN = 'vouch/ligero-params/v1';

/** Names of the record's u32 fields, in order (also the names used in `ligero.params` errors). */
export const LIGERO_PARAMS_FIELDS = Object.freeze(['rowWidth', 'witnessRows', 'maskRows', 'queries', 'codeLength', 'cosetShift', 'saltBytes'] as const);

/** Bytes of the record's fields (7 × u32). */
export const LIGERO_PARAMS_BYTES = 4 * LIGERO_PARAMS_FIELDS.length;

/** The record's field values for a shape, in {@link LIGERO_PARAMS_FIELDS} order. */
export function ligeroParamsValues(shape: LigeroShape): number[] {
  return [shape.rowWidth, shape.witnessRows, MASK_ROWS, shape.queries, shape.codeLength, COSET_SHIFT, SALT_BYTES];
}

/** The 28 field bytes (u32 LE each), as they head the serialized proof. */
export function ligeroParamsFieldBytes(shape: LigeroShape): Uint8Array {
  const out = new Uint8Array(LIGERO_PARAMS_BYTES);
  const view = new DataView(out.buffer);
  ligeroParamsValues(shape).forEach((v, i) => view.setUint32(4 * i, v, true));
  return out;
}

/** The full canonical record: {@link LIGERO_PARAMS_DOMAIN} ‖ the field bytes. */
export function ligeroParamsRecord(shape: LigeroShape): Uint8Array {
  const domain = new TextEncoder().encode(LIGERO_PARAMS_DOMAIN);
  const out = new Uint8Array(domain.length + LIGERO_PARAMS_BYTES);
  out.set(domain, 0);
  out.set(ligeroParamsFieldBytes(shape), domain.length);
  return out;
}

/**
 * Absorbs the parameter record then the commitment root: the start of every Ligero transcript
 * (prover and verifier). Call before any sub-protocol message.
 * @example
 * absorbLigeroCommitment(transcript, ligeroShape(params, layout), root);
 */
export function absorbLigeroCommitment(transcript: Transcript, shape: LigeroShape, root: Uint8Array): void {
  transcript.absorbBytes('ligero.params', ligeroParamsRecord(shape));
  transcript.absorbDigest('ligero.root', root);
}

/** Writes the field bytes (proof header). */
export function writeLigeroParams(w: ByteWriter, shape: LigeroShape): void {
  for (const v of ligeroParamsValues(shape)) w.u32(v);
}

/**
 * Reads the proof header and compares it with the verifier's own shape.
 * @throws VerificationError('ligero.params') naming the first differing field ("expected queries
 *   = 4, got 6"): the proof was made under another parameter set; MalformedError on truncation.
 */
export function readLigeroParams(r: ByteReader, shape: LigeroShape): void {
  const want = ligeroParamsValues(shape);
  const got = LIGERO_PARAMS_FIELDS.map((f) => r.u32(`ligero.params.${f}`));
  const i = got.findIndex((v, j) => v !== want[j]);
  if (i >= 0) {
    throw new VerificationError('ligero.params', `expected ${LIGERO_PARAMS_FIELDS[i]} = ${want[i]}, got ${got[i]}`, 'proof header (made under another parameter set)');
  }
}
