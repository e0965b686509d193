import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { P, randomVector } from '../../src/field/babybear.ts';
import { permutePoseidon2Reference } from '../../src/poseidon2/permutation.ts';
import { poseidon2Hash, poseidon2Compress, poseidon2SpongeIv, POSEIDON2_DOMAIN } from '../../src/poseidon2/sponge.ts';
import { weightDigest, weightDigestAbsorbVector, WEIGHT_DIGEST_LANES, weightDigestBlocks } from '../../src/poseidon2/digest.ts';
import { packInt8, unpackInt8, int8PackedBytes, int8PackedLength } from '../../src/poseidon2/pack.ts';

/** Spec-literal sponge on the reference permutation. */
function refSponge(m: number[], domain: number): number[] {
  let s = new Array(16).fill(0);
  s[8] = domain;
  s[9] = m.length;
  const blocks = Math.max(1, Math.ceil(m.length / 8));
  for (let b = 0; b < blocks; b++) {
    for (let k = 0; k < 8; k++) s[k] = (s[k] + (m[8 * b + k] ?? 0)) % P;
    s = Array.from(permutePoseidon2Reference(s));
  }
  return s.slice(0, 8);
}

/**
 * Spec-literal digest v2: V = x ‖ salt ‖ 0 (8·B·D elements, B = max(1, ⌈(n+8)/8D⌉)), read as the
 * plain sponge message m[8π + k] = V[(8⌊π/D⌋ + k)·D + π mod D], hashed from (0^8 | 3, n, D, 0^5).
 */
function refDigest(x: number[], salt: number[], D: number): number[] {
  const B = Math.max(1, Math.ceil((x.length + 8) / (8 * D)));
  const V = [...x, ...salt, ...new Array(8 * B * D - x.length - 8).fill(0)];
  const m: number[] = [];
  for (let pi = 0; pi < B * D; pi++) for (let k = 0; k < 8; k++) m.push(V[(8 * Math.floor(pi / D) + k) * D + (pi % D)]);
  let s = new Array(16).fill(0);
  s[8] = POSEIDON2_DOMAIN.weightSponge;
  s[9] = x.length;
  s[10] = D;
  for (let pi = 0; pi < B * D; pi++) {
    for (let k = 0; k < 8; k++) s[k] = (s[k] + m[8 * pi + k]) % P;
    s = Array.from(permutePoseidon2Reference(s));
  }
  return s.slice(0, 8);
}

describe('Poseidon2 sponge and compression', () => {
  it('sponge equals the spec-literal reference for lengths 0..17', () => {
    for (let n = 0; n <= 17; n++) {
      const m = Array.from(randomVector(n));
      expect(Array.from(poseidon2Hash(m))).toEqual(refSponge(m, POSEIDON2_DOMAIN.sponge));
    }
  });

  it('length and domain separate messages that differ only by zero padding or tag', () => {
    const a = poseidon2Hash([1, 2, 3]);
    const b = poseidon2Hash([1, 2, 3, 0]);
    const c = poseidon2Hash([1, 2, 3], POSEIDON2_DOMAIN.weightLane);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    expect(poseidon2Hash([])).not.toEqual(poseidon2Hash([0]));
  });

  it('compress is the truncated permutation', () => {
    const l = randomVector(8);
    const r = randomVector(8);
    expect(Array.from(poseidon2Compress(l, r))).toEqual(Array.from(permutePoseidon2Reference([...l, ...r])).slice(0, 8));
    expect(() => poseidon2Compress(l, randomVector(7))).toThrow(/expected two halves of 8 elements, got 8 and 7/);
  });

  it('validates inputs', () => {
    expect(() => poseidon2Hash([P])).toThrow(/canonical/);
    expect(() => poseidon2SpongeIv(1, P)).toThrow(/length below p/);
  });
});

describe('weight digest', () => {
  it('equals the spec-literal reference (small widths, several block counts)', () => {
    for (const [L, n] of [[1, 5], [2, 16], [4, 33], [4, 70], [8, 64], [8, 57], [8, 56], [16, 1]] as const) {
      const x = Array.from(randomVector(n));
      const salt = Array.from(randomVector(8));
      expect(Array.from(weightDigest(x, salt, { lanes: L }))).toEqual(refDigest(x, salt, L));
    }
  });

  it('changes with one weight, the salt, trailing zeros, or the width', () => {
    const x = randomVector(40);
    const salt = randomVector(8);
    const d = weightDigest(x, salt, { lanes: 4 });
    const y = x.slice();
    y[17] = (y[17] + 1) % P;
    expect(weightDigest(y, salt, { lanes: 4 })).not.toEqual(d);
    const s2 = salt.slice();
    s2[0] ^= 1;
    expect(weightDigest(x, s2, { lanes: 4 })).not.toEqual(d);
    const z = new Uint32Array(41);
    z.set(x);
    expect(weightDigest(z, salt, { lanes: 4 })).not.toEqual(d);
    expect(weightDigest(x, salt, { lanes: 8 })).not.toEqual(d);
  });

  it('default width, block count and absorb vector', () => {
    expect(WEIGHT_DIGEST_LANES).toBe(1024);
    expect(weightDigestBlocks(8 * 1024 - 8, 1024)).toBe(1);
    expect(weightDigestBlocks(8 * 1024 - 7, 1024)).toBe(2);
    const v = weightDigestAbsorbVector([5, 6, 7], [1, 2, 3, 4, 5, 6, 7, 8], { lanes: 2 });
    expect(Array.from(v)).toEqual([5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0]);
  });

  it('rejects bad parameters', () => {
    expect(() => weightDigest([], randomVector(8), { lanes: 2 })).toThrow(/0 < n/);
    expect(() => weightDigest([1], randomVector(7), { lanes: 2 })).toThrow(/salt of 8 elements, got 7/);
    expect(() => weightDigest([1], randomVector(8), { lanes: 3 })).toThrow(/power of two/);
  });
});

describe('int8 packing', () => {
  it('round-trips and matches the formula', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 40 }), (ws) => {
        const p = packInt8(ws);
        expect(p.length).toBe(int8PackedLength(ws.length));
        expect(Array.from(unpackInt8(p, ws.length))).toEqual(ws);
        p.forEach((v, e) => {
          const [a, b, c] = [ws[3 * e] ?? 0, ws[3 * e + 1] ?? 0, ws[3 * e + 2] ?? 0];
          expect(v).toBe(a + 128 + 256 * (b + 128) + 65536 * (c + 128));
          expect(int8PackedBytes(v)).toEqual([a + 128, b + 128, c + 128]);
        });
      }),
    );
  });

  it('rejects values outside int8 and malformed packed data', () => {
    expect(() => packInt8([128])).toThrow(/expected an int8 in \[−128, 127\], got 128 at index 0/);
    expect(() => packInt8([1.5])).toThrow(RangeError);
    expect(() => int8PackedBytes(2 ** 24)).toThrow(/\[0, 2\^24\)/);
    expect(() => unpackInt8([1], 4)).toThrow(/count ≤ 3/);
  });
});

describe('frozen vectors (regression: the digest is part of the model-id spec)', () => {
  // Produced by this implementation at the commit introducing digest v2 (docs/parts/poseidon2.md §3;
  // regenerated on purpose when v1's lanes + fold tree were replaced);
  // the permutation underneath is pinned to Plonky3's vector in permutation.test.ts.
  it('weight digest v2 at widths 1024 and 4', () => {
    const x = Array.from({ length: 100 }, (_, i) => (i * 1000003) % P);
    expect(Array.from(weightDigest(x, [1, 2, 3, 4, 5, 6, 7, 8]))).toEqual([
      1850621249, 738982406, 1772276476, 621266217, 924874521, 1144094494, 1187503823, 1447807250,
    ]);
    expect(Array.from(weightDigest(x, [1, 2, 3, 4, 5, 6, 7, 8], { lanes: 4 }))).toEqual([
      680127837, 305989518, 711615487, 1141724781, 90917255, 705436370, 869669375, 1404551802,
    ]);
  });

  it('sponge and compression', () => {
    expect(Array.from(poseidon2Hash([1, 2, 3]))).toEqual([405161074, 1133801828, 1395044810, 989895216, 192780050, 1453767851, 690890146, 626639713]);
    expect(Array.from(poseidon2Compress(new Array(8).fill(0), new Array(8).fill(0)))).toEqual([
      1168947398, 128782440, 747404447, 883925857, 360581875, 1704698758, 1878363991, 1054281681,
    ]);
  });
});
