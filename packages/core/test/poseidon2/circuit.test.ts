import { describe, it, expect } from 'vitest';
import { P, mul, randomVector } from '../../src/field/babybear.ts';
import { eIsZero } from '../../src/field/ext4.ts';
import { LayoutBuilder, type Layout } from '../../src/zk/layout.ts';
import { evaluateConstraint, type LinearConstraint } from '../../src/zk/constraints.ts';
import { Sha256Transcript } from '../../src/transcript/sha256-transcript.ts';
import { weightDigest } from '../../src/poseidon2/digest.ts';
import { planPoseidon2, poseidon2PermWire, poseidon2TreeSlot, type Poseidon2Plan } from '../../src/poseidon2/circuit-plan.ts';
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

function setup(rowWidth: number, lanes: number, n: number, x = randomVector(n), salt = randomVector(8)): Setup {
  const builder = new LayoutBuilder(rowWidth);
  builder.rows(1, 'someone else'); // the plan must not assume it starts at row 0
  const plan = planPoseidon2(builder, { inputLength: n, lanes });
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

describe('in-proof Poseidon2 weight digest', () => {
  it('honest witness: digest matches the native one, every constraint and every triple holds', () => {
    for (const [l, lanes, n] of [[4, 8, 70], [4, 4, 5], [2, 8, 130], [4, 4, 96]] as const) {
      const s = setup(l, lanes, n);
      expect(Array.from(s.digest)).toEqual(Array.from(weightDigest(s.x, s.salt, { lanes })));
      const cs = constraintsFor(s);
      expect(failing(s, cs)).toEqual([]);
      expect(failingTriples(s)).toBe(0);
      expect(s.plan.permutations).toBe(lanes * s.plan.steps + lanes);
    }
  });

  it('permutation and chaining terms share one ColumnVector; tree copies add 4G pushed-forward ones', () => {
    const s = setup(4, 8, 70); // G = 2
    const cs = constraintsFor(s);
    const main = new Set(cs.filter((c) => !c.label.startsWith('poseidon2.tree-copy') && c.label !== 'poseidon2.input-padding').flatMap((c) => c.tensor.map((t) => t.cols)));
    expect(main.size).toBe(1);
    const all = new Set(cs.filter((c) => c.label !== 'poseidon2.input-padding').flatMap((c) => c.tensor.map((t) => t.cols)));
    expect(all.size).toBe(1 + 4 * s.plan.groups);
  });

  it('constraint counts: 157 permutation + 16 chaining + 16 tree copies + 8 digest', () => {
    const s = setup(4, 8, 70);
    const cs = constraintsFor(s);
    expect(cs.length).toBe(poseidon2Shape().constraints.length + 16 + 16 + 8 + 1); // + padding (70 < 128)
    expect(cs.reduce((n, c) => n + c.sparse.size, 0)).toBe(8 + 8); // salt + digest: no per-node sparse copies
  });

  it('a wrong preimage (one weight changed) violates exactly the digest constraints', () => {
    const honest = setup(4, 8, 70);
    const y = honest.x.slice();
    y[37] = (y[37] + 1) % P;
    const cheat = setup(4, 8, 70, y, honest.salt);
    const bad = failing(cheat, constraintsFor(cheat, honest.digest));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((l) => l.startsWith('poseidon2.digest'))).toBe(true);
    expect(failingTriples(cheat)).toBe(0);
  });

  it('a wrong salt violates the digest constraints', () => {
    const honest = setup(4, 4, 20);
    const cheat = setup(4, 4, 20, honest.x, randomVector(8));
    const bad = failing(cheat, constraintsFor(cheat, honest.digest));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((l) => l.startsWith('poseidon2.digest'))).toBe(true);
  });

  it('a tampered intermediate violates its round constraint (and its S-box triple)', () => {
    const s = setup(4, 8, 70);
    const sb = poseidon2Shape().sboxes[30]; // full round 1, lane 14
    const w = poseidon2PermWire(s.plan, sb.x7, 3, 2);
    s.witness[w] = (s.witness[w] + 5) % P;
    expect(failing(s, constraintsFor(s))).toContain('poseidon2.sbox-input full round 2 lane 0');
    expect(failingTriples(s)).toBe(1);
  });

  it('a consistent but wrongly-started S-box chain violates only its S-box-input constraint', () => {
    const s = setup(4, 8, 70);
    const sb = poseidon2Shape().sboxes[64 + 6]; // partial round 6 (after 4 × 16 full-round S-boxes)
    const x = (s.witness[poseidon2PermWire(s.plan, sb.x, 1, 3)] + 1) % P;
    const x2 = mul(x, x), x4 = mul(x2, x2), x6 = mul(x4, x2), x7 = mul(x6, x);
    [[sb.x, x], [sb.x2, x2], [sb.x4, x4], [sb.x6, x6], [sb.x7, x7]].forEach(([q, v]) => (s.witness[poseidon2PermWire(s.plan, q, 1, 3)] = v));
    const bad = failing(s, constraintsFor(s));
    expect(bad).toContain('poseidon2.sbox-input partial round 6');
    expect(failingTriples(s)).toBe(0);
  });

  it('breaking a lane chain step violates the lane-chain constraint', () => {
    const s = setup(4, 8, 70); // G = 2, S = 2: block 2 is step 1 of lanes 0..3
    const w = poseidon2PermWire(s.plan, P2_KIND_IN + 3, 2, 1);
    s.witness[w] = (s.witness[w] + 1) % P;
    retrace(s, 2, 1);
    const bad = failing(s, constraintsFor(s));
    expect(bad).toContain('poseidon2.lane-chain 3');
    expect(bad.some((l) => l.startsWith('poseidon2.sbox-input'))).toBe(false);
  });

  it('a wrong copy into the tree or the final compression violates that copy constraint', () => {
    const s = setup(4, 8, 70);
    const t = 5;
    const { block, col } = poseidon2TreeSlot(s.plan, t);
    const w = poseidon2PermWire(s.plan, P2_KIND_IN + 9, block, col);
    s.witness[w] = (s.witness[w] + 1) % P;
    retrace(s, block, col);
    const bad = failing(s, constraintsFor(s));
    expect(bad).toContain('poseidon2.tree-copy 9');
    expect(bad.some((l) => l.startsWith('poseidon2.sbox-input'))).toBe(false);
    const s2 = setup(4, 8, 70);
    s2.witness[s2.plan.salt[2]] = (s2.witness[s2.plan.salt[2]] + 1) % P;
    expect(failing(s2, constraintsFor(s2))).toEqual(['poseidon2.tree-copy 10']);
    // a lane output that does not reach its tree input: change a last-step OUT and nothing else
    const s3 = setup(4, 8, 70);
    const lw = poseidon2PermWire(s3.plan, P2_KIND_OUT + 3, 3, 2); // block 3 = last step of lanes 4..7: lane 6 = right child of node 2
    s3.witness[lw] = (s3.witness[lw] + 1) % P;
    expect(failing(s3, constraintsFor(s3))).toEqual(['poseidon2.output 3', 'poseidon2.tree-copy 11']);
  });

  it('non-zero input padding violates the padding constraint', () => {
    const s = setup(4, 4, 96); // 8·L·S = 96 hashed, vector padded to 128
    const w = (s.plan.input.row + 30) * 4 + 1; // element 121: past the hashed region
    s.witness[w] = 1;
    expect(failing(s, constraintsFor(s))).toEqual(['poseidon2.input-padding']);
    // element n of a partial row, inside the hashed region (the lane trace is left as computed)
    const s2 = setup(4, 4, 70); // element 70 = row 17, column 2
    s2.witness[(s2.plan.input.row + 17) * 4 + 2] = 1;
    expect(failing(s2, constraintsFor(s2))).toEqual(expect.arrayContaining(['poseidon2.input-padding']));
    // element n − 1 is a real input: changing it does not touch the padding constraint
    const s3 = setup(4, 4, 70);
    s3.witness[(s3.plan.input.row + 17) * 4 + 1] ^= 1;
    expect(failing(s3, constraintsFor(s3))).not.toContain('poseidon2.input-padding');
  });

  it('prover and verifier contexts emit the same constraints', () => {
    const s = setup(4, 8, 70);
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

  it('hashes a caller-allocated whole-row vector in place', () => {
    const builder = new LayoutBuilder(4);
    const weights = builder.vector(50, 'weights');
    const plan = planPoseidon2(builder, { inputLength: 50, lanes: 8, input: weights });
    expect(plan.input).toBe(weights);
    const layout = builder.finish();
    const witness = new Uint32Array(layout.numRows * 4);
    const x = randomVector(50);
    const salt = randomVector(8);
    const digest = fillPoseidon2(plan, witness, x, salt);
    expect(Array.from(digest)).toEqual(Array.from(weightDigest(x, salt, { lanes: 8 })));
    const s: Setup = { plan, layout, witness, x, salt, digest };
    expect(failing(s, constraintsFor(s))).toEqual([]);
    const b2 = new LayoutBuilder(8);
    expect(() => planPoseidon2(b2, { inputLength: 3, lanes: 8, input: b2.vector(3, 'tiny') })).toThrow(/whole-row input vector/);
    expect(() => planPoseidon2(b2, { inputLength: 9, lanes: 8, input: b2.vector(16, 'w') })).toThrow(/length 9, got 16/);
  });

  it('validates plans and public inputs', () => {
    expect(() => planPoseidon2(new LayoutBuilder(16), { inputLength: 10, lanes: 8 })).toThrow(/row width ≤ the 8 digest lanes, got 16/);
    expect(() => planPoseidon2(new LayoutBuilder(4), { inputLength: 0 })).toThrow(/inputLength/);
    const s = setup(4, 4, 5);
    expect(() => constraintsFor(s, [1, 2, 3])).toThrow(/digest of 8 elements, got 3/);
    expect(() => constraintsFor(s, new Array(8).fill(P))).toThrow(/canonical/);
    expect(() => emitPoseidon2Constraints(new Sha256Transcript('x', 1), s.plan, s.digest, 8, [])).toThrow(/row width 4, got 8/);
    expect(() => fillPoseidon2(s.plan, s.witness, [1, 2], s.salt)).toThrow(/expected 5 input elements, got 2/);
  });
});
