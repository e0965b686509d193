import { describe, it, expect } from 'vitest';
import { P, fromInt } from '../../src/field/babybear.ts';
import { LayoutBuilder, vectorWire, type Layout, type VectorRef } from '../../src/zk/layout.ts';
import type { LinearConstraint } from '../../src/zk/constraints.ts';
import type { ProverContext, VerifierContext } from '../../src/zk/session.ts';
import { directCheck } from '../../src/zk/direct-check.ts';
import { PadProductPlanner } from '../../src/zk/products.ts';
import { planLogup, verifyLogup, SharedMleTerms, type LogupProof, type LogupPlan } from '../../src/lookup/logup.ts';
import { mleConstraint } from '../../src/zk/mle.ts';
import { evaluateConstraint } from '../../src/zk/constraints.ts';
import { fillLogup, proveLogup, computeLogupMultiplicities } from '../../src/lookup/logup-prove.ts';
import type { LookupTable } from '../../src/lookup/table.ts';
import { MalformedError } from '../../src/errors.ts';
import { newTranscript, randomPoint } from '../sumcheck/helpers.ts';

const W = 32;
const labels = (layout: Layout, w: Uint32Array, cs: LinearConstraint[]) => directCheck(layout, w, cs).map((f) => f.label);

interface Setup {
  layout: Layout;
  witness: Uint32Array;
  plan: LogupPlan;
  vecs: VectorRef[][];
}

/** Plans a lookup of `groups` (per group, per column, integer values) into `table`, writes the values. */
function setup(table: LookupTable, groups: number[][][], shifts: number[] = []): Setup {
  const b = new LayoutBuilder(W);
  const products = new PadProductPlanner(b);
  const vecs = groups.map((g, gi) => g.map((col, c) => b.vector(col.length, `g${gi} c${c}`)));
  const plan = planLogup(b, products, { label: 'logup', table, groups: vecs.map((columns, gi) => ({ columns, shift: shifts[gi] })) });
  const layout = b.finish();
  const witness = new Uint32Array(layout.numRows * W);
  groups.forEach((g, gi) => g.forEach((col, c) => col.forEach((x, i) => { witness[vectorWire(layout, vecs[gi][c], i)] = fromInt(x); })));
  return { layout, witness, plan, vecs };
}

function proveAndVerify(s: Setup, tamper?: (p: LogupProof) => LogupProof) {
  const prover: ProverContext = { layout: s.layout, witness: s.witness, transcript: newTranscript('logup'), constraints: [] };
  const proof = proveLogup(prover, s.plan);
  const verifier: VerifierContext = { layout: s.layout, transcript: newTranscript('logup'), constraints: [] };
  verifyLogup(verifier, s.plan, tamper ? tamper(proof) : proof);
  return { prover, verifier, proof };
}

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('logUp-GKR lookups (zero-knowledge, checked directly)', () => {
  it('accepts an honest 8-bit range check; prover and verifier push identical constraints', () => {
    const s = setup({ kind: 'range', bits: 8 }, [[range(100, (i) => (i * 37) % 256)]]);
    fillLogup(s.plan, s.layout, s.witness);
    const { prover, verifier } = proveAndVerify(s);
    expect(verifier.constraints.map((c) => c.label)).toEqual(prover.constraints.map((c) => c.label));
    expect(labels(s.layout, s.witness, verifier.constraints)).toEqual([]);
    const ls = verifier.constraints.map((c) => c.label);
    expect(ls).toContain('logup.root');
    expect(ls).toContain('logup.layer 3 round 2');
    expect(ls).toContain('logup.layer 3 final');
    expect(ls.slice(-2)).toEqual(['logup.leaf p', 'logup.leaf q']);
  });
  it('accepts signed ranges, several groups of different sizes, and groups longer than the table', () => {
    const s = setup({ kind: 'range', bits: 4, offset: -8 }, [[range(5, (i) => i - 8)], [range(40, (i) => (i % 16) - 8)], [range(3, () => 7)]]);
    fillLogup(s.plan, s.layout, s.witness);
    const { verifier } = proveAndVerify(s);
    expect(labels(s.layout, s.witness, verifier.constraints)).toEqual([]);
  });
  it('accepts shifted groups (v + shift in the table), padding slots shifted too', () => {
    // [−8, 8) and [100, 116) against [0, 16) with shifts 8 and −100; padding (0) + 8 is in the table
    const s = setup({ kind: 'range', bits: 4 }, [[range(5, (i) => i - 8)], [range(40, (i) => 100 + (i % 16))]], [8, -100]);
    fillLogup(s.plan, s.layout, s.witness);
    const { verifier, prover } = proveAndVerify(s);
    expect(verifier.constraints.map((c) => c.label)).toEqual(prover.constraints.map((c) => c.label));
    expect(labels(s.layout, s.witness, verifier.constraints)).toEqual([]);
  });
  it('a value outside its shifted range is refused (reported unshifted) and rejected at the root', () => {
    const s = setup({ kind: 'range', bits: 4 }, [[[-8, 8, -3]]], [8]);
    expect(() => fillLogup(s.plan, s.layout, s.witness)).toThrow(/got \(8\) at group 0 index 1/);
    const { mult } = computeLogupMultiplicities(s.plan, s.layout, s.witness);
    fillLogup(s.plan, s.layout, s.witness, mult);
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual(['logup.root']);
  });
  it('a verifier with another shift rejects (leaf q)', () => {
    const s = setup({ kind: 'range', bits: 4 }, [[range(8, (i) => i - 8)]], [8]);
    fillLogup(s.plan, s.layout, s.witness);
    const prover: ProverContext = { layout: s.layout, witness: s.witness, transcript: newTranscript('logup'), constraints: [] };
    const proof = proveLogup(prover, s.plan);
    const other = { ...s.plan, groups: s.plan.groups.map((g) => ({ ...g, shift: 9 })) };
    const verifier: VerifierContext = { layout: s.layout, transcript: newTranscript('logup'), constraints: [] };
    verifyLogup(verifier, other, proof);
    expect(labels(s.layout, s.witness, verifier.constraints)).toEqual(['logup.leaf q']);
  });
  it('refuses a non-integer shift', () => {
    expect(() => setup({ kind: 'range', bits: 4 }, [[[1]]], [0.5])).toThrow(/expected a safe-integer shift in group 0, got 0.5/);
  });
  it('shared MLE terms equal mleConstraint and share column vectors (whole-row ones, and sub-row ones at one offset)', () => {
    const b = new LayoutBuilder(W);
    const big1 = b.vector(128, 'big1'), big2 = b.vector(64, 'big2');
    const s1 = b.vector(8, 's1'), s2 = b.vector(8, 's2'), s3 = b.vector(4, 's3');
    const layout = b.finish();
    const witness = new Uint32Array(layout.numRows * W).map((_, i) => (i * 2654435761) % P);
    const rho = randomPoint(9);
    const terms = new SharedMleTerms(layout);
    const got = [big1, big2, s1, s2, s3].map((v) => terms.mle(v, rho.subarray(0, 4 * v.logLength)));
    [big1, big2, s1, s2, s3].forEach((v, i) => {
      const want = mleConstraint(layout, v, rho.subarray(0, 4 * v.logLength));
      expect(evaluateConstraint(got[i].isZero('x'), witness, W)).toEqual(evaluateConstraint(want.isZero('x'), witness, W));
    });
    expect(got[0].tensor[0].cols).toBe(got[1].tensor[0].cols);
    expect(s1.col === s2.col ? got[2].tensor[0].cols === got[3].tensor[0].cols : true).toBe(true);
    expect(got[2].tensor[0].cols).not.toBe(got[4].tensor[0].cols);
    expect(() => terms.mle(s1, rho.subarray(0, 8))).toThrow(/expected a point of 3 variables, got 2/);
  });
  it('accepts lookups into fixed 2- and 3-column tables (non-power-of-two rows)', () => {
    const rows = 45;
    const t2: LookupTable = { kind: 'fixed', columns: [Uint32Array.from(range(rows, (i) => i)), Uint32Array.from(range(rows, (i) => (i * i) % 101))] };
    const xs = range(30, (i) => (i * 7) % rows);
    const s = setup(t2, [[xs, xs.map((x) => (x * x) % 101)]]);
    fillLogup(s.plan, s.layout, s.witness);
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual([]);
    const t3: LookupTable = { kind: 'fixed', columns: [Uint32Array.from(range(16, (i) => i)), Uint32Array.from(range(16, (i) => 15 - i)), Uint32Array.from(range(16, (i) => fromInt(-i)))] };
    const ys = range(9, (i) => (i * 5) % 16);
    const s3 = setup(t3, [[ys, ys.map((y) => 15 - y), ys.map((y) => -y)]]);
    fillLogup(s3.plan, s3.layout, s3.witness);
    expect(labels(s3.layout, s3.witness, proveAndVerify(s3).verifier.constraints)).toEqual([]);
  });

  it('handles the smallest tree (one value, a one-row table: two leaves, no layer sumcheck)', () => {
    const ok = setup({ kind: 'range', bits: 0, offset: 5 }, [[[5]]]);
    expect(ok.plan.geometry.numVars).toBe(1);
    fillLogup(ok.plan, ok.layout, ok.witness);
    expect(labels(ok.layout, ok.witness, proveAndVerify(ok).verifier.constraints)).toEqual([]);
    const bad = setup({ kind: 'range', bits: 0, offset: 5 }, [[[6]]]);
    fillLogup(bad.plan, bad.layout, bad.witness, new Uint32Array(1));
    expect(labels(bad.layout, bad.witness, proveAndVerify(bad).verifier.constraints)).toEqual(['logup.root']);
  });
  it('a value outside its b-bit range (2^b) is refused by the honest prover and rejected at the root', () => {
    const vals = range(20, (i) => i);
    vals[7] = 256;
    const s = setup({ kind: 'range', bits: 8 }, [[vals]]);
    expect(() => fillLogup(s.plan, s.layout, s.witness)).toThrow(/expected every value in the table, got \(256\) at group 0 index 7/);
    const { mult, missing } = computeLogupMultiplicities(s.plan, s.layout, s.witness);
    expect(missing.length).toBe(1);
    fillLogup(s.plan, s.layout, s.witness, mult); // cheating prover: multiplicities ignore the bad value
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual(['logup.root']);
  });
  it('a negative value against an unsigned range is rejected', () => {
    const s = setup({ kind: 'range', bits: 8 }, [[[3, -1, 5]]]);
    const { mult } = computeLogupMultiplicities(s.plan, s.layout, s.witness);
    fillLogup(s.plan, s.layout, s.witness, mult);
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual(['logup.root']);
  });
  it('a pair not in a 2-column table is rejected even though each coordinate appears in its column', () => {
    const t: LookupTable = { kind: 'fixed', columns: [Uint32Array.of(1, 2, 3, 4), Uint32Array.of(10, 20, 30, 40)] };
    const s = setup(t, [[[1, 2, 3], [10, 30, 30]]]); // (2, 30) is not a row
    const { mult, missing } = computeLogupMultiplicities(s.plan, s.layout, s.witness);
    expect(missing).toEqual([{ group: 0, index: 1, value: [2, 30] }]);
    // the best a cheater can do: count (2, 30) as row (3, 30)
    mult[2] += 1;
    fillLogup(s.plan, s.layout, s.witness, mult);
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual(['logup.root']);
  });
  it('a wrong multiplicity is rejected at the root', () => {
    const s = setup({ kind: 'range', bits: 6 }, [[range(50, (i) => i % 64)]]);
    const { mult } = computeLogupMultiplicities(s.plan, s.layout, s.witness);
    mult[3] += 1;
    fillLogup(s.plan, s.layout, s.witness, mult);
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual(['logup.root']);
  });
  it('a non-zero value in a group’s padding slot cannot zero a denominator', () => {
    const s = setup({ kind: 'range', bits: 4 }, [[range(5, (i) => i)]]);
    fillLogup(s.plan, s.layout, s.witness);
    // padding slot 6 of the 8-slot vector set to a value outside the table: numerator is 0 there, so it is ignored
    s.witness[vectorWire(s.layout, s.vecs[0][0], 6)] = 999;
    expect(labels(s.layout, s.witness, proveAndVerify(s).verifier.constraints)).toEqual([]);
  });

  describe('each GKR check tampered is rejected by its named constraint', () => {
    function honest() {
      const s = setup({ kind: 'range', bits: 5 }, [[range(24, (i) => (i * 3) % 32)]]);
      fillLogup(s.plan, s.layout, s.witness);
      return s;
    }
    const bump = (v: Uint32Array, c: number) => { const o = v.slice(); o[c] = (o[c] + 1) % P; return o; };
    it('root values', () => {
      const s = honest();
      const { verifier } = proveAndVerify(s, (p) => ({ ...p, root: bump(p.root, 5) }));
      expect(labels(s.layout, s.witness, verifier.constraints)[0]).toBe('logup.root');
    });
    it('a middle layer’s round message', () => {
      const s = honest();
      const { verifier } = proveAndVerify(s, (p) => ({
        ...p,
        layers: p.layers.map((l, k) => (k === 2 ? { ...l, sumcheck: { rounds: l.sumcheck.rounds.map((m, j) => (j === 2 ? bump(m, 0) : m)) } } : l)),
      }));
      expect(labels(s.layout, s.witness, verifier.constraints)[0]).toBe('logup.layer 3 round 2');
    });
    it('a layer’s final values', () => {
      const s = honest();
      const { verifier } = proveAndVerify(s, (p) => ({ ...p, layers: p.layers.map((l, k) => (k === 1 ? { ...l, finals: bump(l.finals, 9) } : l)) }));
      expect(labels(s.layout, s.witness, verifier.constraints)[0]).toBe('logup.layer 2 final');
    });
    it('the last layer’s final values reach the leaves', () => {
      const s = honest();
      const n = s.plan.geometry.numVars;
      const { verifier } = proveAndVerify(s, (p) => ({ ...p, layers: p.layers.map((l, k) => (k === n - 2 ? { ...l, finals: bump(l.finals, 1) } : l)) }));
      expect(labels(s.layout, s.witness, verifier.constraints)[0]).toBe(`logup.layer ${n - 1} final`);
    });
    it('committed values changed after proving: only the q leaf fails', () => {
      const s = honest();
      const { verifier } = proveAndVerify(s);
      const w = s.witness.slice();
      w[vectorWire(s.layout, s.vecs[0][0], 4)] = (w[vectorWire(s.layout, s.vecs[0][0], 4)] + 1) % P;
      expect(labels(s.layout, w, verifier.constraints)).toEqual(['logup.leaf q']);
    });
    it('committed multiplicities changed after proving: only the p leaf fails', () => {
      const s = honest();
      const { verifier } = proveAndVerify(s);
      const w = s.witness.slice();
      w[vectorWire(s.layout, s.plan.multiplicities, 3)] += 1;
      expect(labels(s.layout, w, verifier.constraints)).toEqual(['logup.leaf p']);
    });
    it('a pad product changed breaks its slot', () => {
      const s = honest();
      const { verifier } = proveAndVerify(s);
      const ref = s.plan.gkr.layers[1].products[2];
      const w = s.witness.slice();
      w[ref.rowA * W + ref.col + 6] = (w[ref.rowA * W + ref.col + 6] + 1) % P;
      expect(labels(s.layout, w, verifier.constraints)).toContain('logup.layer 2 q0·q1 copy A 1');
    });
    it('malformed proofs are MalformedError', () => {
      const s = honest();
      expect(() => proveAndVerify(s, (p) => ({ ...p, layers: p.layers.slice(1) }))).toThrow(MalformedError);
      expect(() => proveAndVerify(s, (p) => ({ ...p, root: new Uint32Array(16).fill(P) }))).toThrow(MalformedError);
    });
  });
});
