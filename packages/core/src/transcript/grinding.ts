/**
 * Proof-of-work grinding bound to the transcript (the "grinding" of STARK/FRI provers, e.g.
 * ethSTARK §6.4 and Plonky3's challenger): before sampling query indices the prover finds a nonce
 * making a hash of the transcript state have `bits` leading zero bits. A cheating prover who wants
 * to re-roll the queries must redo this work for every attempt, which adds `bits` bits of security
 * to the query phase (the cost is 2^bits hashes for the honest prover, one hash for the verifier).
 *
 *   seed  = challengeExt(label)                          (16 bytes: c0..c3 as u32le)
 *   h     = SHA-256( utf8("vouch/pow") ‖ seed ‖ u32le(bits) ‖ u32le(nonce) )
 *   valid ⇔ the first `bits` bits of h (big-endian bit order within each byte) are zero
 *   then  absorbU32(label + ".nonce", nonce)
 *
 * Both sides make the same two transcript calls, so later challenges bind the nonce. Works with any
 * {@link Transcript} (including the scripted one used by simulators).
 */
import { VerificationError } from '../errors.ts';
import { sha256 } from '../hash/sha256.ts';
import type { Transcript } from './types.ts';

/** Largest supported grinding difficulty (a u32 nonce fails to exist with probability < e^-256). */
export const MAX_POW_BITS = 24;

const PREFIX = new TextEncoder().encode('vouch/pow');

function preimage(seed: Uint32Array, bits: number): { buf: Uint8Array; view: DataView; nonceAt: number } {
  const buf = new Uint8Array(PREFIX.length + 16 + 8);
  buf.set(PREFIX);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < 4; i++) view.setUint32(PREFIX.length + 4 * i, seed[i], true);
  view.setUint32(PREFIX.length + 16, bits, true);
  return { buf, view, nonceAt: PREFIX.length + 20 };
}

/** Number of leading zero bits of a digest (big-endian bit order). */
export function leadingZeroBits(h: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < h.length; i++) {
    if (h[i] === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(h[i]) - 24;
  }
  return n;
}

function checkBits(bits: number): void {
  if (!(Number.isInteger(bits) && bits >= 0 && bits <= MAX_POW_BITS)) {
    throw new RangeError(`proof of work: expected bits in [0, ${MAX_POW_BITS}], got ${String(bits)}`);
  }
}

/**
 * Prover: finds the smallest valid nonce for the current transcript state, absorbs it, returns it.
 * Expected cost 2^bits SHA-256 evaluations.
 *
 * @throws RangeError on `bits` outside [0, {@link MAX_POW_BITS}].
 * @example
 * const nonce = grindPow(t, 'ligero.pow', 16);   // then t.challengeIndices(...)
 */
export function grindPow(t: Transcript, label: string, bits: number): number {
  checkBits(bits);
  const { buf, view, nonceAt } = preimage(t.challengeExt(label), bits);
  for (let nonce = 0; nonce <= 0xffffffff; nonce++) {
    view.setUint32(nonceAt, nonce, true);
    if (leadingZeroBits(sha256(buf)) >= bits) {
      t.absorbU32(`${label}.nonce`, nonce);
      return nonce;
    }
  }
  /* c8 ignore next */
  throw new RangeError(`proof of work: expected a nonce below 2^32 for ${bits} bits, got none`);
}

/**
 * Verifier: checks `nonce` against the current transcript state and absorbs it (same transcript
 * effect as {@link grindPow}).
 *
 * @throws VerificationError('transcript.pow') if the hash has fewer than `bits` leading zeros.
 * @throws RangeError on `bits` outside [0, {@link MAX_POW_BITS}] or a nonce that is not a u32.
 */
export function verifyPow(t: Transcript, label: string, bits: number, nonce: number): void {
  checkBits(bits);
  if (!(Number.isInteger(nonce) && nonce >= 0 && nonce <= 0xffffffff)) {
    throw new RangeError(`verifyPow(${label}): expected a u32 nonce, got ${String(nonce)}`);
  }
  const { buf, view, nonceAt } = preimage(t.challengeExt(label), bits);
  view.setUint32(nonceAt, nonce, true);
  const z = leadingZeroBits(sha256(buf));
  if (z < bits) throw new VerificationError('transcript.pow', `expected ≥ ${bits} leading zero bits, got ${z}`, label);
  t.absorbU32(`${label}.nonce`, nonce);
}
