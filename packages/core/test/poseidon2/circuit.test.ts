import { describe, it, expect } from 'vitest';
import { P, mul, randomVector } from '../../src/field/babybear.ts';
import { eIsZero } from '../../src/field/ext4.ts';
import { LayoutBuilder, type Layout } from '../../src/zk/layout.ts';
import { evaluateConstraint, type LinearConstraint } from '../../src/zk/constraints.ts';
import { Sha256Transcript } from '../../src/transcript/sha256-transcript.ts';
import { weightDigest } from '../../src/poseidon2/digest.ts';
import { planPoseidon2, poseidon2PermWire, type Poseidon2Plan } from '../../src/poseidon2/circuit-plan.ts';
import { fillPoseidon2 } from '../../src/poseidon2/circuit-fill.ts';
import { emitPoseidon2Constraints, provePoseidon2Constraints, verifyPoseidon2Constraints } from '../../src/poseidon2/circuit-constraints.ts';
import { P2_KINDS, P2_KIND_IN, P2_KIND_OUT, poseidon2Shape, tracePoseidon2 } from '../../src/poseidon2/circuit-shape.ts';

interface Setup {
  plan: Poseidon2Plan;
  layout: Layout;
  witness: Uint32Array;
  x: Uint32Array;
  salt: Uint32Array;
  digest: Uint32Array;
}

function setup(rowWidth: number, n: number, x = randomVector(n), salt = randomVector(8)): Setup {
  const builder = new LayoutBuilder(rowWidth);
  builder.rows(1, 'someone else'); // the plan must not assume it starts at row 0
  const plan = planPoseidon2(builder, { inputLength: n });
  const layout = builder.finish();
  const witness = new Uint32Array(layout.numRows * rowWidth);
  const digest = fillPoseidon2(plan, witness, x, salt);
  return { plan, layout, witness, x, salt, digest };
}

function constraintsFor(s: Setup, digest: ArrayLike<number> = s.digest): LinearConstraint[] {
  const out: LinearConstraint[] = [];
  emitPoseidon2Constraints(new Sha256Transcript('vouch/test/poseidon2', 1), s.plan, digest, s.layout.rowWidth, out);
  return out;
}

function failing(s: Setup, cs: LinearConstraint[]): string[] {
  return cs.filter((c) => !eIsZero(evaluateConstraint(c, s.witness, s.layout.rowWidth))).map((c) => c.label);
}

function failingTriples(s: Setup): number {
  const l = s.layout.rowWidth;
  let bad = 0;
  for (const t of s.layout.triples) {
    for (let i = 0; i < l; i++) if (mul(s.witness[t.a * l + i], s.witness[t.b * l + i]) !== s.witness[t.c * l + i]) bad++;
  }
  return bad;
}

/** Recomputes the permutation at (block, col) from the IN wires currently in the witness. */
function retrace(s: Setup, block: number, col: number): void {
  const st = Uint32Array.from({ length: 16 }, (_, k) => s.witness[poseidon2PermWire(s.plan, P2_KIND_IN + k, block, col)]);
  const tr = new Uint32Array(P2_KINDS);
  tracePoseidon2(st, tr);
  for (let q = 0; q < P2_KINDS; q++) s.witness[poseidon2PermWire(s.plan, q, block, col)] = tr[q];
}

describe('in-proof Poseidon2 weight digest (v2: one sponge, column-chained)', () => {
  it('honest witness: digest matches the native one, every constraint and every triple holds', () => {
    for (const [l, n] of [[4, 70], [4, 5], [2, 130], [4, 96], [8, 56], [8, 57], [2, 1]] as const) {
      const s = setup(l, n);
      expect(Array.from(s.digest)).toEqual(Array.from(weightDigest(s.x, s.salt, { lanes: l })));
      const cs = constraintsFor(s);
      expect(failing(s, cs)).toEqual([]);
      expect(failingTriples(s)).toBe(0);
      expect(s.plan.blocks).toBe(Math.max(1, Math.ceil((n + 8) / (8 * l))));
      expect(s.plan.permutations).toBe(l * s.plan.blocks);
      expect(s.plan.inputRows).toBe(8 * s.plan.blocks);
    }
  });

  it('permutation, IN and absorb terms share one ColumnVector; chaining adds the shifted and the wrap vectors', () => {
    const s = setup(4, 70); // B = 3
    const cs = constraintsFor(s);
    const perm = new Set(cs.filter((c) => c.label.startsWith('poseidon2.sbox') || c.label.startsWith('poseidon2.output')).flatMap((c) => c.tensor.map((t) => t.cols)));
    expect(perm.size).toBe(1);
    const all = new Set(cs.filter((c) => c.label !== 'poseidon2.absorb-padding').flatMap((c) => c.tensor.map((t) => t.cols)));
    expect(all.size).toBe(3);
    const one = setup(4, 5); // B = 1: no wrap term
    expect(new Set(constraintsFor(one).filter((c) => c.label !== 'poseidon2.absorb-padding').flatMap((c) => c.tensor.map((t) => t.cols))).size).toBe(2);
  });

  it('constraint counts: 157 permutation + 16 chaining + 8 digest (+ 1 padding); 8 sparse terms', () => {
    const s = setup(4, 70);
    const cs = constraintsFor(s);
    expect(cs.length).toBe(poseidon2Shape().constraints.length + 16 + 8 + 1); // 78 < 96 absorb elements
    expect(cs.reduce((n, c) => n + c.sparse.size, 0)).toBe(8);
    const full = setup(4, 88); // n + 8 = 96 = 8·B·ℓ: no padding constraint
    expect(constraintsFor(full).length).toBe(poseidon2Shape().constraints.length + 16 + 8);
  });

  it('a wrong preimage (one weight changed) violates exactly the digest constraints', () => {
    const honest = setup(4, 70);
    const y = honest.x.slice();
    y[37] = (y[37] + 1) % P;
    const cheat = setup(4, 70, y, honest.salt);
    const bad = failing(cheat, constraintsFor(cheat, honest.digest));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((l) => l.startsWith('poseidon2.digest'))).toBe(true);
    expect(failingTriples(cheat)).toBe(0);
  });

  it('a wrong salt violates the digest constraints; the salt wires are V[n..n+8)', () => {
    const honest = setup(4, 20);
    const cheat = setup(4, 20, honest.x, randomVector(8));
    const bad = failing(cheat, constraintsFor(cheat, honest.digest));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((l) => l.startsWith('poseidon2.digest'))).toBe(true);
    expect(honest.plan.salt.map((w) => honest.witness[w])).toEqual(Array.from(honest.salt));
    expect(honest.plan.salt[0]).toBe(honest.plan.inputRow * 4 + 20);
  });

  it('a tampered intermediate violates its round constraint (and its S-box triple)', () => {
    const s = setup(4, 70);
    const sb = poseidon2Shape().sboxes[30]; // full round 1, lane 14
    const w = poseidon2PermWire(s.plan, sb.x7, 2, 2);
    s.witness[w] = (s.witness[w] + 5) % P;
    expect(failing(s, constraintsFor(s))).toContain('poseidon2.sbox-input full round 2 lane 0');
    expect(failingTriples(s)).toBe(1);
  });

  it('a consistent but wrongly-started S-box chain violates only its S-box-input constraint', () => {
    const s = setup(4, 70);
    const sb = poseidon2Shape().sboxes[64 + 6]; // partial round 6 (after 4 × 16 full-round S-boxes)
    const x = (s.witness[poseidon2PermWire(s.plan, sb.x, 1, 3)] + 1) % P;
    const x2 = mul(x, x), x4 = mul(x2, x2), x6 = mul(x4, x2), x7 = mul(x6, x);
    [[sb.x, x], [sb.x2, x2], [sb.x4, x4], [sb.x6, x6], [sb.x7, x7]].forEach(([q, v]) => (s.witness[poseidon2PermWire(s.plan, q, 1, 3)] = v));
    const bad = failing(s, constraintsFor(s));
    expect(bad).toContain('poseidon2.sbox-input partial round 6');
    expect(failingTriples(s)).toBe(0);
  });

  it('breaking the sponge chain (inside a block, across blocks, at the IV) violates the chain constraint', () => {
    for (const [block, col, k] of [[1, 2, 3], [2, 0, 11], [0, 0, 9], [0, 0, 2]] as const) {
      const s = setup(4, 70); // B = 3
      const w = poseidon2PermWire(s.plan, P2_KIND_IN + k, block, col);
      s.witness[w] = (s.witness[w] + 1) % P;
      retrace(s, block, col);
      const bad = failing(s, constraintsFor(s));
      expect(bad).toContain(`poseidon2.chain ${k}`);
      expect(bad.some((l) => l.startsWith('poseidon2.sbox-input'))).toBe(false);
    }
    // an output that does not reach its successor: change the last column's OUT of block 0 only
    const s = setup(4, 70);
    const w = poseidon2PermWire(s.plan, P2_KIND_OUT + 12, 0, 3);
    s.witness[w] = (s.witness[w] + 1) % P;
    expect(failing(s, constraintsFor(s))).toEqual(['poseidon2.output 12', 'poseidon2.chain 12']);
  });

  it('an absorbed element that differs from V violates the chain constraint', () => {
    const s = setup(4, 70);
    s.witness[(s.plan.inputRow + 9) * 4 + 1] ^= 1; // x[37]: block 1, column 1, rate position 1
    expect(failing(s, constraintsFor(s))).toEqual(['poseidon2.chain 1']);
  });

  it('non-zero absorb padding violates the padding constraint', () => {
    const s = setup(4, 70); // V = 70 + 8 = 78 used of 96
    s.witness[(s.plan.inputRow + 23) * 4 + 3] = 1; // element 95
    expect(failing(s, constraintsFor(s))).toContain('poseidon2.absorb-padding');
    const s2 = setup(4, 70); // element 78 = row 19, column 2: the first padding element
    s2.witness[(s2.plan.inputRow + 19) * 4 + 2] = 1;
    expect(failing(s2, constraintsFor(s2))).toContain('poseidon2.absorb-padding');
    const s3 = setup(4, 70); // element 77 is the last salt element: not padding
    s3.witness[(s3.plan.inputRow + 19) * 4 + 1] ^= 1;
    expect(failing(s3, constraintsFor(s3))).not.toContain('poseidon2.absorb-padding');
  });

  it('prover and verifier contexts emit the same constraints', () => {
    const s = setup(4, 70);
    const pc = { layout: s.layout, transcript: new Sha256Transcript('vouch/test/poseidon2', 1), constraints: [] as LinearConstraint[], witness: s.witness };
    const vc = { layout: s.layout, transcript: new Sha256Transcript('vouch/test/poseidon2', 1), constraints: [] as LinearConstraint[] };
    provePoseidon2Constraints(pc, s.plan);
    verifyPoseidon2Constraints(vc, s.plan, s.digest);
    expect(pc.constraints.length).toBe(vc.constraints.length);
    pc.constraints.forEach((c, i) => {
      expect(c.label).toBe(vc.constraints[i].label);
      expect(evaluateConstraint(c, s.witness, 4)).toEqual(evaluateConstraint(vc.constraints[i], s.witness, 4));
    });
  });

  it('validates plans and public inputs', () => {
    expect(() => planPoseidon2(new LayoutBuilder(4), { inputLength: 0 })).toThrow(/inputLength/);
    expect(() => planPoseidon2(new LayoutBuilder(4), { inputLength: P - 8 })).toThrow(/inputLength/);
    const s = setup(4, 5);
    expect(() => constraintsFor(s, [1, 2, 3])).toThrow(/digest of 8 elements, got 3/);
    expect(() => constraintsFor(s, new Array(8).fill(P))).toThrow(/canonical/);
    expect(() => emitPoseidon2Constraints(new Sha256Transcript('x', 1), s.plan, s.digest, 8, [])).toThrow(/row width 4, got 8/);
    expect(() => fillPoseidon2(s.plan, s.witness, [1, 2], s.salt)).toThrow(/expected 5 input elements, got 2/);
    expect(() => fillPoseidon2(s.plan, s.witness, [1, 2, 3, 4, 5], [1])).toThrow(/salt of 8 elements/);
  });
});
