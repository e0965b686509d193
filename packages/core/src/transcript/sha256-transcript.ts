/**
 * A SHA-256 duplex-style Fiat–Shamir transcript, specified byte for byte so that a browser or a
 * Solidity verifier (SHA-256 precompile 0x02) can re-derive every challenge
 * (docs/parts/transcript-merkle.md §Transcript). Summary, with S the 32-byte state:
 *
 *   init:     S ← 0^32;  absorb(tag 0x00, label = domain, data = u32le(version))
 *   absorb:   S ← SHA-256(S ‖ tag ‖ u32le(|label|) ‖ label ‖ u32le(|data|) ‖ data)
 *   squeeze:  H = kind ‖ u32le(|label|) ‖ label ‖ u32le(count) ‖ u32le(domainSize)
 *             block_j = SHA-256(S ‖ 0xFF ‖ H ‖ u32le(j)),  j = 0, 1, …  (8 LE u32 words each)
 *   ratchet:  S ← SHA-256(S ‖ 0xFE ‖ H)   after every challenge call
 *
 * Base elements: rejection sampling of 31-bit words (w & 0x7FFFFFFF, accept if < p): no modular bias.
 * Ext elements: 4 consecutive accepted base elements (c0..c3). Indices: w & (2^⌈log2 d⌉ − 1),
 * accepted if < d and not drawn before: uniform without replacement, no bias for any d.
 */
import { P } from '../field/babybear.ts';
import type { Ext } from '../field/ext4.ts';
import { sha256Fast } from '../hash/sha256.ts';
import { sha256JsInto } from '../hash/sha256-kernel.ts';
import {
  checkBytes,
  checkDigest,
  encodeBase,
  encodeExt,
  encodeU32,
  getU32,
  isU32,
  labelBytes,
  putU32,
} from './encode.ts';
import { CHALLENGE_KIND, MAX_CHALLENGE_COUNT, MAX_INDEX_DOMAIN, TRANSCRIPT_TAG, type Transcript } from './types.ts';

/** SHA-256 Fiat–Shamir transcript. Create one per proof; prover and verifier run identical calls. */
export class Sha256Transcript implements Transcript {
  #state: Uint8Array;

  /**
   * @param domain - application/protocol domain label, e.g. `'vouch/inference'`.
   * @param protocolVersion - integer in [0, 2^32); bump it whenever the proof format changes.
   * @throws RangeError on a version outside [0, 2^32); TypeError on a non-string domain.
   * @example
   * const t = new Sha256Transcript('vouch/test', 1);
   * t.absorbDigest('root', root);
   * const r = t.challengeExt('r');
   */
  constructor(domain: string, protocolVersion: number) {
    this.#state = new Uint8Array(32);
    this.#absorb(TRANSCRIPT_TAG.init, domain, encodeU32('Sha256Transcript protocolVersion', protocolVersion));
  }

  /** A copy of the current 32-byte state (for tests and debugging; never needed by protocols). */
  stateDigest(): Uint8Array {
    return this.#state.slice();
  }

  /** An independent copy of this transcript in its current state. */
  clone(): Sha256Transcript {
    const c = new Sha256Transcript('', 0);
    c.#state = this.#state.slice();
    return c;
  }

  #absorb(tag: number, label: string, data: Uint8Array): void {
    const lb = labelBytes(label);
    const buf = new Uint8Array(32 + 1 + 4 + lb.length + 4 + data.length);
    buf.set(this.#state, 0);
    buf[32] = tag;
    putU32(buf, 33, lb.length);
    buf.set(lb, 37);
    putU32(buf, 37 + lb.length, data.length);
    buf.set(data, 41 + lb.length);
    this.#state = sha256Fast(buf);
  }

  /** @inheritDoc */
  absorbBytes(label: string, bytes: Uint8Array): void {
    this.#absorb(TRANSCRIPT_TAG.bytes, label, checkBytes(`absorbBytes(${label})`, bytes));
  }

  /** @inheritDoc */
  absorbU32(label: string, n: number): void {
    this.#absorb(TRANSCRIPT_TAG.u32, label, encodeU32(`absorbU32(${label})`, n));
  }

  /** @inheritDoc */
  absorbBase(label: string, xs: ArrayLike<number>): void {
    this.#absorb(TRANSCRIPT_TAG.base, label, encodeBase(`absorbBase(${label})`, xs));
  }

  /** @inheritDoc */
  absorbExt(label: string, xs: Uint32Array): void {
    this.#absorb(TRANSCRIPT_TAG.ext, label, encodeExt(`absorbExt(${label})`, xs));
  }

  /** @inheritDoc */
  absorbDigest(label: string, digest: Uint8Array): void {
    this.#absorb(TRANSCRIPT_TAG.digest, label, checkDigest(`absorbDigest(${label})`, digest));
  }

  /** Starts a challenge: returns a word source over the squeeze blocks and a function that ratchets. */
  #squeeze(kind: number, label: string, count: number, domainSize: number): { next(): number; done(): void } {
    const lb = labelBytes(label);
    const hLen = 1 + 4 + lb.length + 4 + 4;
    // buf = S ‖ 0xFF ‖ H ‖ u32le(j)
    const buf = new Uint8Array(32 + 1 + hLen + 4);
    buf.set(this.#state, 0);
    buf[32] = TRANSCRIPT_TAG.squeeze;
    let o = 33;
    buf[o++] = kind;
    putU32(buf, o, lb.length);
    o += 4;
    buf.set(lb, o);
    o += lb.length;
    putU32(buf, o, count);
    o += 4;
    putU32(buf, o, domainSize);
    o += 4;
    const ctrAt = o;
    let j = 0;
    const block = new Uint8Array(32);
    let pos = 8;
    return {
      next: (): number => {
        if (pos === 8) {
          if (j > 0xffffffff) throw new RangeError(`challenge ${label}: squeeze counter exhausted`);
          putU32(buf, ctrAt, j++);
          // Short input: the allocation-free plain-TS kernel beats a native call per block.
          sha256JsInto(buf, block, 0);
          pos = 0;
        }
        return getU32(block, 4 * pos++);
      },
      done: (): void => {
        // S ← SHA-256(S ‖ 0xFE ‖ H)
        const r = buf.slice(0, ctrAt);
        r[32] = TRANSCRIPT_TAG.ratchet;
        this.#state = sha256Fast(r);
      },
    };
  }

  /** `n` uniformly random base elements (rejection sampling of 31-bit words). */
  challengeBases(label: string, n: number): Uint32Array {
    checkCount(label, n);
    const s = this.#squeeze(CHALLENGE_KIND.base, label, n, 0);
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = sampleBase(s.next);
    s.done();
    return out;
  }

  /** @inheritDoc */
  challengeBase(label: string): number {
    return this.challengeBases(label, 1)[0];
  }

  /** @inheritDoc */
  challengeExts(label: string, n: number): Uint32Array {
    checkCount(label, n);
    const s = this.#squeeze(CHALLENGE_KIND.ext, label, n, 0);
    const out = new Uint32Array(4 * n);
    for (let i = 0; i < 4 * n; i++) out[i] = sampleBase(s.next);
    s.done();
    return out;
  }

  /** @inheritDoc */
  challengeExt(label: string): Ext {
    return this.challengeExts(label, 1);
  }

  /**
   * @inheritDoc
   * @throws RangeError unless 1 ≤ domainSize ≤ 2^31 and 0 ≤ count ≤ domainSize.
   */
  challengeIndices(label: string, domainSize: number, count: number): number[] {
    checkIndexRequest(label, domainSize, count);
    const s = this.#squeeze(CHALLENGE_KIND.indices, label, count, domainSize);
    const mask = indexMask(domainSize);
    const seen = new Set<number>();
    const out: number[] = [];
    while (out.length < count) {
      const x = s.next() & mask;
      if (x < domainSize && !seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
    }
    s.done();
    return out;
  }
}

/** Draws one base element from a word source: w & 0x7FFFFFFF, rejected unless < p. */
function sampleBase(next: () => number): number {
  for (;;) {
    const x = next() & 0x7fffffff;
    if (x < P) return x;
  }
}

/** 2^⌈log2 d⌉ − 1 (0 for d = 1), as an unsigned mask applied with `&` (≤ 2^31 − 1). */
export function indexMask(domainSize: number): number {
  let bits = 0;
  while (2 ** bits < domainSize) bits++;
  return bits === 0 ? 0 : (2 ** bits - 1) | 0;
}

function checkCount(label: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 0 && n <= MAX_CHALLENGE_COUNT)) {
    throw new RangeError(`challenge ${label}: expected a count in [0, ${MAX_CHALLENGE_COUNT}], got ${String(n)}`);
  }
}

/** Validates a challengeIndices request. @throws RangeError on an invalid domain or count. */
export function checkIndexRequest(label: string, domainSize: number, count: number): void {
  if (!(isU32(domainSize) && domainSize >= 1 && domainSize <= MAX_INDEX_DOMAIN)) {
    throw new RangeError(`challengeIndices(${label}): expected domainSize in [1, 2^31], got ${String(domainSize)}`);
  }
  if (!(Number.isInteger(count) && count >= 0 && count <= domainSize)) {
    throw new RangeError(
      `challengeIndices(${label}): expected count in [0, ${domainSize}] (distinct indices), got ${String(count)}`,
    );
  }
}
