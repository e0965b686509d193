import { describe, it, expect } from 'vitest';
import { P, mul, randomVector } from '../../src/field/babybear.ts';
import { permutePoseidon2 } from '../../src/poseidon2/permutation.ts';
import { poseidon2Shape, tracePoseidon2, P2_KINDS, P2_KIND_OUT } from '../../src/poseidon2/circuit-shape.ts';

function evalKindConstraint(c: ReturnType<typeof poseidon2Shape>['constraints'][number], t: Uint32Array): number {
  let acc = c.constant;
  for (const r of c.runs) r.coeffs.forEach((k, q) => (acc = (acc + mul(k, t[r.start + q])) % P));
  return acc;
}

describe('Poseidon2 circuit shape', () => {
  const shape = poseidon2Shape();

  it('has 141 S-boxes, 157 linear constraints, 737 distinct kinds covered', () => {
    expect(shape.sboxes.length).toBe(8 * 16 + 13);
    expect(shape.constraints.length).toBe(141 + 16);
    const seen = new Set<number>();
    for (let q = 0; q < 16; q++) seen.add(q);
    for (const s of shape.sboxes) for (const k of [s.x, s.x2, s.x4, s.x6, s.x7]) seen.add(k);
    for (let q = 0; q < 16; q++) seen.add(P2_KIND_OUT + q);
    expect(seen.size).toBe(P2_KINDS);
    expect(Math.max(...seen)).toBe(P2_KINDS - 1);
  });

  it('trace output equals the permutation and satisfies every constraint and S-box relation', () => {
    for (let rep = 0; rep < 5; rep++) {
      const s = randomVector(16);
      const want = s.slice();
      permutePoseidon2(want);
      const t = new Uint32Array(P2_KINDS);
      tracePoseidon2(s, t);
      expect(s).toEqual(want);
      expect(t.subarray(P2_KIND_OUT)).toEqual(want);
      for (const c of shape.constraints) expect(evalKindConstraint(c, t), c.label).toBe(0);
      for (const b of shape.sboxes) {
        expect(mul(t[b.x], t[b.x])).toBe(t[b.x2]);
        expect(mul(t[b.x2], t[b.x2])).toBe(t[b.x4]);
        expect(mul(t[b.x4], t[b.x2])).toBe(t[b.x6]);
        expect(mul(t[b.x6], t[b.x])).toBe(t[b.x7]);
      }
    }
  });

  it('a tampered x⁷ breaks the next round’s S-box-input constraint', () => {
    const t = new Uint32Array(P2_KINDS);
    tracePoseidon2(randomVector(16), t);
    const victim = shape.sboxes[20]; // full round 1, lane 4
    t[victim.x7] = (t[victim.x7] + 1) % P;
    const broken = shape.constraints.filter((c) => evalKindConstraint(c, t) !== 0).map((c) => c.label);
    expect(broken).toContain('poseidon2.sbox-input full round 2 lane 0');
  });
});
