import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { P, randomVector } from '../../src/field/babybear.ts';
import { permutePoseidon2Reference } from '../../src/poseidon2/permutation.ts';
import { poseidon2Hash, poseidon2Compress, poseidon2SpongeIv, POSEIDON2_DOMAIN } from '../../src/poseidon2/sponge.ts';
import { weightDigest, weightDigestLaneOutputs, WEIGHT_DIGEST_LANES, weightDigestSteps } from '../../src/poseidon2/digest.ts';
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

/** Spec-literal digest: element i → lane i mod L, step ⌊i/8L⌋, rate position ⌊i/L⌋ mod 8. */
function refDigest(x: number[], salt: number[], L: number): number[] {
  const S = Math.max(1, Math.ceil(x.length / (8 * L)));
  const laneData: number[][] = Array.from({ length: L }, () => new Array(8 * S).fill(0));
  x.forEach((v, i) => {
    const j = i % L;
    const st = Math.floor(i / (8 * L));
    const k = Math.floor(i / L) % 8;
    laneData[j][8 * st + k] = v;
  });
  let u = laneData.map((d) => {
    let s = new Array(16).fill(0);
    s[8] = POSEIDON2_DOMAIN.weightLane;
    s[9] = x.length;
    for (let st = 0; st < S; st++) {
      for (let k = 0; k < 8; k++) s[k] = (s[k] + d[8 * st + k]) % P;
      s = Array.from(permutePoseidon2Reference(s));
    }
    return s.slice(0, 8);
  });
  const comp = (a: number[], b: number[]): number[] => Array.from(permutePoseidon2Reference([...a, ...b])).slice(0, 8);
  while (u.length > 1) {
    const h = u.length / 2;
    u = Array.from({ length: h }, (_, m) => comp(u[m], u[m + h]));
  }
  return comp(u[0], salt);
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
  it('equals the spec-literal reference (small lane counts, several step counts)', () => {
    for (const [L, n] of [[1, 5], [2, 16], [4, 33], [4, 70], [8, 64]] as const) {
      const x = Array.from(randomVector(n));
      const salt = Array.from(randomVector(8));
      expect(Array.from(weightDigest(x, salt, { lanes: L }))).toEqual(refDigest(x, salt, L));
    }
  });

  it('changes with one weight, the salt, or trailing zeros', () => {
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
  });

  it('default lane count is the protocol constant and lane outputs have its size', () => {
    expect(WEIGHT_DIGEST_LANES).toBe(1024);
    expect(weightDigestLaneOutputs([1, 2, 3], { lanes: 2 }).length).toBe(16);
    expect(weightDigestSteps(8 * 1024 + 1, 1024)).toBe(2);
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
  // Produced by this implementation at the commit introducing the spec (docs/parts/poseidon2.md §3);
  // the permutation underneath is pinned to Plonky3's vector in permutation.test.ts.
  it('weight digest with the protocol lane count', () => {
    const x = Array.from({ length: 100 }, (_, i) => (i * 1000003) % P);
    expect(Array.from(weightDigest(x, [1, 2, 3, 4, 5, 6, 7, 8]))).toEqual([
      1903648416, 812582714, 117948779, 33169793, 376343981, 1235887116, 1166706686, 5674705,
    ]);
  });

  it('sponge and compression', () => {
    expect(Array.from(poseidon2Hash([1, 2, 3]))).toEqual([405161074, 1133801828, 1395044810, 989895216, 192780050, 1453767851, 690890146, 626639713]);
    expect(Array.from(poseidon2Compress(new Array(8).fill(0), new Array(8).fill(0)))).toEqual([
      1168947398, 128782440, 747404447, 883925857, 360581875, 1704698758, 1878363991, 1054281681,
    ]);
  });
});
