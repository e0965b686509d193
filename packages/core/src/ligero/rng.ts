/**
 * Randomness for the hiding Ligero prover: random row coefficients, masking rows and leaf salts.
 *
 * Production proofs use the platform CSPRNG ({@link cryptoRng}). Fixtures and statistical tests
 * inject a deterministic generator ({@link seededRng}: SHA-256 in counter mode over a seed, with
 * rejection sampling for field elements) so that a serialized proof can be frozen byte for byte.
 * A seeded generator must never be used for real proofs: it makes the "random" pads predictable.
 */
import { P, randomVector } from '../field/babybear.ts';
import { sha256 } from '../hash/sha256.ts';

/** A source of prover randomness. */
export interface LigeroRng {
  /** `n` independent uniform elements of F_p. */
  field(n: number): Uint32Array;
  /** `n` independent uniform bytes. */
  bytes(n: number): Uint8Array;
}

/** The platform CSPRNG (crypto.getRandomValues). */
export const cryptoRng: LigeroRng = Object.freeze({
  field: (n: number) => randomVector(n),
  bytes: (n: number) => {
    const out = new Uint8Array(n);
    for (let o = 0; o < n; o += 65536) globalThis.crypto.getRandomValues(out.subarray(o, Math.min(n, o + 65536)));
    return out;
  },
});

/**
 * A deterministic generator: block i = SHA-256(seed ‖ u32_le(i)); field elements are 31-bit words
 * (little-endian, top bit cleared) rejected when ≥ p. FOR TESTS AND FIXTURES ONLY.
 * @param seed - any bytes, or a string (UTF-8).
 */
export function seededRng(seed: Uint8Array | string): LigeroRng {
  const s = typeof seed === 'string' ? new TextEncoder().encode(seed) : Uint8Array.from(seed);
  const buf = new Uint8Array(s.length + 4);
  buf.set(s);
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const nextByte = (): number => {
    if (pos === block.length) {
      new DataView(buf.buffer).setUint32(s.length, counter++, true);
      block = sha256(buf);
      pos = 0;
    }
    return block[pos++];
  };
  return {
    field(n: number): Uint32Array {
      const out = new Uint32Array(n);
      for (let i = 0; i < n; ) {
        const x = (nextByte() | (nextByte() << 8) | (nextByte() << 16) | (nextByte() << 24)) & 0x7fffffff;
        if (x < P) out[i++] = x;
      }
      return out;
    },
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = nextByte();
      return out;
    },
  };
}
