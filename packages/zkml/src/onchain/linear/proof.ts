/**
 * Proof bytes of a linear statement (docs/parts/onchain.md §11.3):
 *
 *   u8 version = 1
 *   cb × (ext s_j(0) ‖ ext s_j(1) ‖ ext s_j(2))    the matrix-vector sumcheck rounds (degree 2)
 *   ext wEval                                       the prover's W~(s ‖ r)
 *   BaseFold opening proof (docs/parts/basefold.md §3), to the end
 *
 * The round count cb = ⌈log2 cols⌉ comes from the key, never from the proof.
 */
import { ByteReader, ByteWriter, MalformedError, type Ext } from '@vouch/core';

/** Version byte of the proof format. */
export const LINEAR_PROOF_VERSION = 1;

/** A parsed linear proof. */
export interface LinearProof {
  /** cb round messages, each 3 ext values (12 coordinates). */
  readonly rounds: readonly Uint32Array[];
  readonly wEval: Ext;
  /** The BaseFold opening bytes. */
  readonly basefold: Uint8Array;
}

/** Serializes a proof. */
export function encodeLinearProof(p: LinearProof): Uint8Array {
  const w = new ByteWriter(1 + 48 * p.rounds.length + 16 + p.basefold.length);
  w.u8(LINEAR_PROOF_VERSION);
  for (const m of p.rounds) {
    if (m.length !== 12) throw new RangeError(`encodeLinearProof: expected rounds of 3 ext values, got ${m.length / 4}`);
    for (let k = 0; k < 3; k++) w.ext(m, k);
  }
  return w.ext(p.wEval).raw(p.basefold).finish();
}

/**
 * Parses a proof with `roundCount` sumcheck rounds; the BaseFold bytes are the rest (checked by
 * `basefoldVerify`).
 * @throws MalformedError `linear.proof.version`, truncation or a non-canonical element.
 */
export function decodeLinearProof(bytes: Uint8Array, roundCount: number): LinearProof {
  if (!(bytes instanceof Uint8Array)) throw new MalformedError('linear.proof', `expected bytes, got ${typeof bytes}`);
  const rd = new ByteReader(bytes);
  const version = rd.u8('linear.proof.version');
  if (version !== LINEAR_PROOF_VERSION) throw new MalformedError('linear.proof.version', `expected ${LINEAR_PROOF_VERSION}, got ${version}`, 0);
  const rounds: Uint32Array[] = [];
  for (let j = 0; j < roundCount; j++) {
    const m = new Uint32Array(12);
    for (let k = 0; k < 3; k++) m.set(rd.ext(`linear.proof.rounds[${j}]`), 4 * k);
    rounds.push(m);
  }
  const wEval = rd.ext('linear.proof.wEval');
  return { rounds, wEval, basefold: bytes.subarray(rd.offset) };
}
