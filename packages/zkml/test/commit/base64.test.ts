import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, tensorBase64 } from '../../src/commit/public-graph.ts';

/** The plain reference: binary string through the platform's btoa. */
function refBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('bytesToBase64', () => {
  it('matches btoa and Buffer for every length mod 3, including 0, and round-trips', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 64, 255, 256, 257, 1000, 65_537]) {
      const b = bytes(n, n + 1);
      const s = bytesToBase64(b);
      expect(s).toBe(refBase64(b));
      expect(s).toBe(Buffer.from(b).toString('base64'));
      expect(base64ToBytes(s, 'x')).toEqual(b);
    }
  });
  it('encodes every byte value (0x00..0xff) like the reference', () => {
    const b = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 7) & 255);
    expect(bytesToBase64(b)).toBe(refBase64(b));
  });
});

describe('tensorBase64', () => {
  it('is base64 of the little-endian int32 bytes, for int8 and int32 data', () => {
    const i8 = Int8Array.of(-128, -1, 0, 1, 127);
    const i32 = Int32Array.of(-(2 ** 31), -1, 0, 1, 2 ** 31 - 1, 123_456_789);
    for (const data of [i8, i32]) {
      const le = new Uint8Array(4 * data.length);
      const dv = new DataView(le.buffer);
      for (let i = 0; i < data.length; i++) dv.setInt32(4 * i, data[i], true);
      expect(tensorBase64({ shape: [data.length], dtype: data instanceof Int8Array ? 'int8' : 'int32', data })).toBe(refBase64(le));
    }
  });
});
