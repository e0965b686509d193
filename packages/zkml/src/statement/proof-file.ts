/**
 * The proof file: what a host hands a requester and a verifier reads.
 *   "VPRF" ‖ u32 fileVersion ‖ u32 |statement| ‖ statement bytes ‖ u32 |proof| ‖ proof bytes
 * The proof bytes are the graph prover's serialized proof (serializeInferenceProof).
 */
import { ByteReader, ByteWriter, MalformedError } from '@vouch/core';
import { decodeStatement, encodeStatement, type Statement } from './statement.ts';

/** Magic bytes of a proof file. */
export const PROOF_FILE_MAGIC = new TextEncoder().encode('VPRF');
/** Version of the proof-file container. */
export const PROOF_FILE_VERSION = 1;
/** Largest proof accepted (bytes). */
export const MAX_PROOF_BYTES = 1 << 28;

/** A decoded proof file. */
export interface ProofFile {
  readonly statement: Statement;
  /** The statement's canonical bytes (as absorbed by the transcript). */
  readonly statementBytes: Uint8Array;
  readonly proof: Uint8Array;
}

/** Encodes a proof file. */
export function encodeProofFile(statement: Statement, proof: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  w.raw(PROOF_FILE_MAGIC);
  w.u32(PROOF_FILE_VERSION);
  w.bytes(encodeStatement(statement));
  w.bytes(proof);
  return w.finish();
}

/** Decodes a proof file strictly. @throws MalformedError naming the section. */
export function decodeProofFile(bytes: Uint8Array): ProofFile {
  const r = new ByteReader(bytes);
  const magic = r.raw('proof file magic', 4);
  if (!magic.every((x, i) => x === PROOF_FILE_MAGIC[i])) throw new MalformedError('proof file magic', 'expected "VPRF" (is this a .vproof file?)', 0);
  const v = r.u32('proof file version');
  if (v !== PROOF_FILE_VERSION) throw new MalformedError('proof file version', `expected ${PROOF_FILE_VERSION}, got ${v}`, 4);
  const statementBytes = r.bytes('proof file statement', MAX_PROOF_BYTES).slice();
  const proof = r.bytes('proof file proof', MAX_PROOF_BYTES).slice();
  r.finish('proof file');
  return { statement: decodeStatement(statementBytes), statementBytes, proof };
}
