/**
 * The Fiat–Shamir transcript interface every Vouch sub-protocol talks to.
 *
 * Fiat–Shamir "done right" (Dao, Miller, Wright, Grubbs, "Weak Fiat–Shamir attacks on modern proof
 * systems", S&P 2023): the domain, protocol version and the whole statement are absorbed before the
 * first prover message, every prover message is absorbed before the next challenge, and every
 * challenge also binds everything before it. Labels name each absorb/challenge so that two
 * protocol steps can never be confused.
 */
import type { Ext } from '../field/ext4.ts';

/** A Fiat–Shamir transcript (public-coin verifier made non-interactive). */
export interface Transcript {
  /** Absorbs raw bytes (length-prefixed). */
  absorbBytes(label: string, bytes: Uint8Array): void;
  /** Absorbs an integer in [0, 2^32). @throws RangeError otherwise. */
  absorbU32(label: string, n: number): void;
  /** Absorbs canonical base elements. @throws RangeError on an element outside [0, p). */
  absorbBase(label: string, xs: ArrayLike<number>): void;
  /** Absorbs a flat ext vector (4n canonical coordinates). @throws RangeError otherwise. */
  absorbExt(label: string, xs: Uint32Array): void;
  /** Absorbs a 32-byte digest (e.g. a Merkle root). @throws RangeError unless 32 bytes. */
  absorbDigest(label: string, digest: Uint8Array): void;
  /** One uniformly random extension-field element. */
  challengeExt(label: string): Ext;
  /** `n` uniformly random extension-field elements, flat (4n coordinates). */
  challengeExts(label: string, n: number): Uint32Array;
  /** One uniformly random base-field element. */
  challengeBase(label: string): number;
  /** `count` distinct indices, uniform in [0, domainSize), in sampling order. */
  challengeIndices(label: string, domainSize: number, count: number): number[];
}

/** Tag bytes of the byte-level transcript format (see docs/parts/transcript-merkle.md). */
export const TRANSCRIPT_TAG = Object.freeze({
  init: 0x00,
  bytes: 0x01,
  u32: 0x02,
  base: 0x03,
  ext: 0x04,
  digest: 0x05,
  ratchet: 0xfe,
  squeeze: 0xff,
} as const);

/** Kind codes of challenge requests (first byte of the squeeze header). */
export const CHALLENGE_KIND = Object.freeze({ ext: 1, base: 2, indices: 3 } as const);

/** Largest number of field elements one challenge call may request. */
export const MAX_CHALLENGE_COUNT = 1 << 24;
/** Largest index domain for {@link Transcript.challengeIndices}. */
export const MAX_INDEX_DOMAIN = 2 ** 31;
