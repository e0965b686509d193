/**
 * Zero knowledge: (a) a simulator without the witness produces proofs the verifier accepts under
 * programmed challenges; (b) opened columns and responses are distributed alike for two witnesses
 * satisfying the same public constraints.
 */
import { describe, expect, it } from 'vitest';
import { P, add, inv, mul, sub } from '../../src/field/babybear.ts';
import { eOf } from '../../src/field/ext4.ts';
import { LIGERO_TEST, ligeroCommit, ligeroProve, ligeroVerify, seededRng, type LigeroParams } from '../../src/ligero/index.ts';
import { ScriptedTranscript, Sha256Transcript } from '../../src/transcript/transcript.ts';
import type { LinearConstraint } from '../../src/zk/constraints.ts';
import { LayoutBuilder } from '../../src/zk/layout.ts';
import { randomInstance } from './instance.ts';
import { simulate } from './simulator.ts';

describe('ligero zero knowledge: simulator', () => {
  for (const [name, params, seed] of [
    ['test params', LIGERO_TEST, 'sim-a'],
    ['t = 9, blowup 4', { name: 's', queries: 9, blowup: 4 } as LigeroParams, 'sim-b'],
  ] as const) {
    it(`simulated proofs (no witness) are accepted — ${name}`, () => {
      // The instance supplies only public data: layout and constraints (constants included).
      const inst = randomInstance({ rowWidth: 16, seed, triples: 2, sparse: 2, tensor: 3 });
      const sim = simulate(inst.layout, params, inst.constraints, seededRng(`${seed}-sim`));
      const t = new ScriptedTranscript(sim.script);
      t.absorbDigest('ligero.root', sim.root);
      ligeroVerify(sim.root, inst.layout, params, { layout: inst.layout, transcript: t, constraints: inst.constraints }, sim.proof);
      expect(t.remaining).toBe(0);
    });
  }

  it('the simulator’s output is rejected when the scripted challenges differ (it really depends on programming)', () => {
    const inst = randomInstance({ rowWidth: 16, seed: 'sim-c', triples: 1 });
    const sim = simulate(inst.layout, LIGERO_TEST, inst.constraints, seededRng('sim-c2'));
    const t = new Sha256Transcript('vouch-test', 1);
    t.absorbDigest('ligero.root', sim.root);
    expect(() => ligeroVerify(sim.root, inst.layout, LIGERO_TEST, { layout: inst.layout, transcript: t, constraints: inst.constraints }, sim.proof)).toThrow();
  });
});

/** Two-sample χ² homogeneity statistic over 16 high buckets × 2 parities. */
function chi2(a: number[], b: number[]): number {
  const bucket = (x: number) => Math.floor((x * 16) / P) * 2 + (x & 1);
  const ca = new Array(32).fill(0);
  const cb = new Array(32).fill(0);
  for (const x of a) ca[bucket(x)]++;
  for (const x of b) cb[bucket(x)]++;
  const na = a.length, nb = b.length;
  let s = 0;
  for (let i = 0; i < 32; i++) {
    const tot = ca[i] + cb[i];
    if (tot === 0) continue;
    const d = ca[i] / na - cb[i] / nb;
    s += (d * d) / (tot / (na * nb)) ;
  }
  return s;
}

describe('ligero zero knowledge: statistical', () => {
  // Public statement: Σ_i row0[i] = S (tensor term, all-ones columns) and row3 = row1 ⊙ row2 with
  // Σ_i row3[i] = S'. Two different witnesses satisfy it.
  const l = 8;
  const b = new LayoutBuilder(l);
  const v = b.vector(l, 'v');
  const tr = b.rows(3, 'triple');
  b.triple(tr.row, tr.row + 1, tr.row + 2);
  const layout = b.finish();
  const ones = { values: new Uint32Array(4 * l).map((_, i) => (i % 4 === 0 ? 1 : 0)) };
  const S = 12345;
  const S2 = 777;

  function witness(seed: string): Uint32Array {
    const r = seededRng(seed);
    const w = r.field(layout.numRows * l);
    let s = 0;
    for (let i = 0; i < l - 1; i++) s = add(s, w[v.row * l + i]);
    w[v.row * l + l - 1] = sub(S, s);
    // row3 = row1 ⊙ row2 with Σ row3 = S2: fix the last product by choosing row2's last entry.
    let s3 = 0;
    for (let i = 0; i < l; i++) {
      if (i < l - 1) {
        w[(tr.row + 2) * l + i] = mul(w[tr.row * l + i], w[(tr.row + 1) * l + i]);
        s3 = add(s3, w[(tr.row + 2) * l + i]);
      }
    }
    const last = sub(S2, s3);
    const a = w[tr.row * l + l - 1] || 1;
    w[tr.row * l + l - 1] = a;
    w[(tr.row + 1) * l + l - 1] = mul(last, inv(a));
    w[(tr.row + 2) * l + l - 1] = last;
    return w;
  }
  const constraints: LinearConstraint[] = [
    { sparse: new Map(), tensor: [{ row: v.row, rowCoeffs: eOf(1), cols: ones }], constant: eOf(P - S), label: 'sum row0' },
    { sparse: new Map(), tensor: [{ row: tr.row + 2, rowCoeffs: eOf(1), cols: ones }], constant: eOf(P - S2), label: 'sum row3' },
  ];

  function sample(w: Uint32Array, count: number, seed: string): { columns: number[]; responses: number[] } {
    const columns: number[] = [];
    const responses: number[] = [];
    // Seeded prover randomness keeps the test deterministic; each proof still gets fresh values.
    const rng = seededRng(seed);
    for (let s = 0; s < count; s++) {
      const { root, state } = ligeroCommit(layout, w, LIGERO_TEST, { rng });
      const t = new Sha256Transcript('vouch-zk-stat', 1);
      t.absorbDigest('ligero.root', root);
      const proof = ligeroProve(state, { layout, transcript: t, constraints, witness: w });
      const R = state.shape.totalRows;
      for (let j = 0; j < state.shape.queries; j++) for (let r = 0; r < layout.numRows; r++) columns.push(proof.columns[j * R + r]);
      for (const x of [...proof.proximity, ...proof.linear, ...proof.quadratic]) responses.push(x);
    }
    return { columns, responses };
  }

  const w1 = witness('zk-w1');
  const w2 = witness('zk-w2');
  const A = sample(w1, 150, 'zk-A');
  const B = sample(w2, 150, 'zk-B');
  // χ² with 31 degrees of freedom: P[χ² > 75] ≈ 2·10^-5.
  const THRESHOLD = 75;

  it('the two witnesses differ and both satisfy the statement', () => {
    expect(Array.from(w1)).not.toEqual(Array.from(w2));
  });

  it('opened witness-row values: same distribution for both witnesses (and uniform)', () => {
    expect(chi2(A.columns, B.columns)).toBeLessThan(THRESHOLD);
  });

  it('responses (q_P, q_L, Q′ coefficients): same distribution for both witnesses', () => {
    expect(chi2(A.responses, B.responses)).toBeLessThan(THRESHOLD);
  });

  it('control: the statistic does detect a distribution that depends on the witness', () => {
    // The unhidden witness values themselves, repeated to the same sample size, are far apart.
    const rep = (w: Uint32Array) => Array.from({ length: A.columns.length }, (_, i) => w[i % w.length]);
    expect(chi2(rep(w1), rep(w2))).toBeGreaterThan(THRESHOLD);
    // And a mild bias (values restricted to [0, p/2)) is detected at this sample size.
    expect(chi2(A.columns, B.columns.map((x) => x % Math.floor(P / 2)))).toBeGreaterThan(THRESHOLD);
  });
});
