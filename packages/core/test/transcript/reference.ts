/**
 * An independent, deliberately naive re-implementation of the transcript byte format written from
 * docs/parts/transcript-merkle.md (what a browser or Solidity port would do): BigInt-free, plain
 * byte concatenation, @noble/hashes directly. Tests check Sha256Transcript against it.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const P = 2013265921;
const utf8 = (s: string): number[] => Array.from(new TextEncoder().encode(s));
const le = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const words = (b: Uint8Array): number[] =>
  Array.from(
    { length: 8 },
    (_, i) => (b[4 * i] | (b[4 * i + 1] << 8) | (b[4 * i + 2] << 16) | (b[4 * i + 3] << 24)) >>> 0,
  );

export class RefTranscript {
  s: Uint8Array = new Uint8Array(32);
  constructor(domain: string, version: number) {
    this.absorb(0x00, domain, le(version));
  }
  absorb(tag: number, label: string, data: number[]): void {
    const l = utf8(label);
    this.s = sha256(Uint8Array.from([...this.s, tag, ...le(l.length), ...l, ...le(data.length), ...data]));
  }
  /** Returns a word stream for a challenge and the ratchet to call afterwards. */
  squeeze(kind: number, label: string, count: number, domain: number): { next: () => number; done: () => void } {
    const l = utf8(label);
    const h = [kind, ...le(l.length), ...l, ...le(count), ...le(domain)];
    let j = 0;
    let buf: number[] = [];
    return {
      next: () => {
        if (buf.length === 0) buf = words(sha256(Uint8Array.from([...this.s, 0xff, ...h, ...le(j++)])));
        return buf.shift()!;
      },
      done: () => {
        this.s = sha256(Uint8Array.from([...this.s, 0xfe, ...h]));
      },
    };
  }
  base(next: () => number): number {
    for (;;) {
      const x = next() % 2 ** 31;
      if (x < P) return x;
    }
  }
  challengeExts(label: string, n: number): number[] {
    const s = this.squeeze(1, label, n, 0);
    const out = Array.from({ length: 4 * n }, () => this.base(s.next));
    s.done();
    return out;
  }
  challengeBase(label: string): number {
    const s = this.squeeze(2, label, 1, 0);
    const x = this.base(s.next);
    s.done();
    return x;
  }
  challengeIndices(label: string, d: number, count: number): number[] {
    const s = this.squeeze(3, label, count, d);
    let m = 1;
    while (m < d) m *= 2;
    const out: number[] = [];
    while (out.length < count) {
      const x = s.next() % m;
      if (x < d && !out.includes(x)) out.push(x);
    }
    s.done();
    return out;
  }
}
