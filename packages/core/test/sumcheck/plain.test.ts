import { describe, it, expect } from 'vitest';
import { P, randomVector } from '../../src/field/babybear.ts';
import { type Ext, eAdd, eMul, eZero, eEq, eOf, eRandom, eMulBase, eAt } from '../../src/field/ext4.ts';
import { VerificationError, MalformedError } from '../../src/errors.ts';
import { eqTable, eqEval } from '../../src/poly/eq.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { baseTable, extTable, SumcheckState, evaluateProductTerms, type MleTable, type ProductTerm } from '../../src/sumcheck/instance.ts';
import { proveSumcheck } from '../../src/sumcheck/prover.ts';
import { verifySumcheck, checkSumcheckFinal } from '../../src/sumcheck/verifier.ts';
import { lagrangeWeights, interpolateAt } from '../../src/sumcheck/lagrange.ts';
import type { SumcheckProof } from '../../src/sumcheck/types.ts';
import { newTranscript, randomPoint, thrown } from './helpers.ts';

function naiveSum(tables: Uint32Array[], terms: ProductTerm[]): Ext {
  let s = eZero();
  for (let i = 0; i < tables[0].length; i++) {
    s = eAdd(s, evaluateProductTerms(terms, tables.map((t) => Uint32Array.of(t[i], 0, 0, 0))));
  }
  return s;
}

/** Honest proof of Σ f·g·h over v variables with base tables; returns what the verifier needs. */
function honest(v: number, nf = 3) {
  const tabs = Array.from({ length: nf }, () => randomVector(1 << v));
  const terms: ProductTerm[] = [{ factors: tabs.map((_, k) => k) }];
  const out = proveSumcheck(newTranscript(), tabs.map(baseTable), terms, 'sc');
  return { tabs, terms, ...out };
}

/** Verifier + final check by evaluating the tables' MLEs at the returned point. */
function verifyFull(tabs: Uint32Array[], terms: ProductTerm[], claim: Ext, proof: SumcheckProof, transcript = newTranscript()) {
  const fin = verifySumcheck(transcript, { label: 'sc', numVars: Math.log2(tabs[0].length), degree: terms[0].factors.length, claim }, proof);
  checkSumcheckFinal(fin, evaluateProductTerms(terms, tabs.map((t) => mleEvalBase(t, fin.point))), 'sc');
  return fin;
}

describe('lagrange', () => {
  it('interpolates a cubic from its values at 0..3', () => {
    const c = [eRandom(), eRandom(), eRandom(), eRandom()];
    const f = (x: Ext) => eAdd(eAdd(c[0], eMul(c[1], x)), eAdd(eMul(c[2], eMul(x, x)), eMul(c[3], eMul(x, eMul(x, x)))));
    const ev = new Uint32Array(16);
    for (let t = 0; t < 4; t++) ev.set(f(eOf(t)), 4 * t);
    const r = eRandom();
    expect(eEq(interpolateAt(ev, r), f(r))).toBe(true);
    expect(lagrangeWeights(3, eOf(2))).toEqual(Uint32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
  });
});

describe('SumcheckState', () => {
  it('claims the true sum for one and several terms (base and ext tables)', () => {
    const a = randomVector(16), b = randomVector(16), c = randomVector(16);
    const terms: ProductTerm[] = [{ factors: [0, 1] }, { factors: [1, 2, 0], coeff: eOf(5) }, { factors: [2] }];
    const st = new SumcheckState([baseTable(a), baseTable(b), baseTable(c)], terms);
    expect(eEq(st.totalSum(), naiveSum([a, b, c], terms))).toBe(true);
    const ae = new Uint32Array(64);
    for (let i = 0; i < 16; i++) ae[4 * i] = a[i];
    const st2 = new SumcheckState([extTable(ae), baseTable(b), baseTable(c)], terms);
    expect(eEq(st2.totalSum(), naiveSum([a, b, c], terms))).toBe(true);
    expect(st.degree).toBe(3);
  });
  it('rejects mismatched tables and bad term indices', () => {
    expect(() => new SumcheckState([baseTable(randomVector(8)), baseTable(randomVector(4))], [{ factors: [0, 1] }])).toThrow(/expected table 1 to have 8 entries, got 4/);
    expect(() => new SumcheckState([baseTable(randomVector(8))], [{ factors: [1] }])).toThrow(/table index in \[0, 1\)/);
  });
});

describe('plain sumcheck', () => {
  it('accepts honest proofs for 1, 2, 3 factors and the final claim is the product of MLEs', () => {
    for (const nf of [1, 2, 3]) {
      for (const v of [1, 4, 7]) {
        const h = honest(v, nf);
        expect(eEq(h.claim, naiveSum(h.tabs, h.terms))).toBe(true);
        const fin = verifyFull(h.tabs, h.terms, h.claim, h.proof);
        expect(fin.point).toEqual(h.point);
        h.tabs.forEach((t, k) => expect(eEq(h.finalValues[k], mleEvalBase(t, h.point))).toBe(true));
      }
    }
  });
  it('handles zero variables (the claim is the final value)', () => {
    const h = honest(0, 2);
    expect(h.proof.rounds.length).toBe(0);
    verifyFull(h.tabs, h.terms, h.claim, h.proof);
  });
  it('proves the eq-weighted form Σ eq(r,x)·f(x)·g(x) = (f·g)~ at r … for multilinear f·g only via the final claim', () => {
    const v = 5;
    const r = randomPoint(v);
    const f = randomVector(1 << v), g = randomVector(1 << v);
    const tables: MleTable[] = [extTable(eqTable(r)), baseTable(f), baseTable(g)];
    const terms: ProductTerm[] = [{ factors: [0, 1, 2] }];
    const t = newTranscript();
    const out = proveSumcheck(t, tables, terms, 'eqw');
    // claim = Σ_x eq(r,x) f(x) g(x)
    let want = eZero();
    const eq = eqTable(r);
    for (let i = 0; i < 1 << v; i++) want = eAdd(want, eMulBase(eAt(eq, i), Number((BigInt(f[i]) * BigInt(g[i])) % BigInt(P))));
    expect(eEq(out.claim, want)).toBe(true);
    const fin = verifySumcheck(newTranscript(), { label: 'eqw', numVars: v, degree: 3, claim: want }, out.proof);
    // the verifier evaluates eq itself in O(v) and takes f, g at the point from elsewhere
    checkSumcheckFinal(fin, eMul(eqEval(r, fin.point), eMul(mleEvalBase(f, fin.point), mleEvalBase(g, fin.point))));
  });

  it('wrong_claimed_sum_rejected', () => {
    const h = honest(4);
    const bad = eAdd(h.claim, eOf(1));
    const e = thrown(() => verifyFull(h.tabs, h.terms, bad, h.proof));
    expect(e).toBeInstanceOf(VerificationError);
    expect((e as VerificationError).check).toBe('sumcheck.round-sum');
    expect((e as VerificationError).location).toBe('sc round 0');
    expect(e.message).toMatch(/round 0: expected s\(0\) \+ s\(1\) = /);
  });
  it('corrupted_middle_round_detected (inconsistent sum)', () => {
    const h = honest(6);
    const rounds = h.proof.rounds.map((m) => m.slice());
    rounds[3][0] = (rounds[3][0] + 1) % P;
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, { rounds })) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('sc round 3');
  });
  it('corrupted_middle_round_detected (sum-preserving change caught one round later)', () => {
    const h = honest(6);
    const rounds = h.proof.rounds.map((m) => m.slice());
    rounds[3][0] = (rounds[3][0] + 1) % P; // s(0) + 1
    rounds[3][4] = (rounds[3][4] + P - 1) % P; // s(1) − 1
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, { rounds })) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('sc round 4');
  });
  it('corrupted last round is caught by the final check', () => {
    const h = honest(5);
    const rounds = h.proof.rounds.map((m) => m.slice());
    rounds[4][0] = (rounds[4][0] + 7) % P;
    rounds[4][4] = (rounds[4][4] + P - 7) % P;
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, { rounds })) as VerificationError;
    expect(e.check).toBe('sumcheck.final');
  });
  it('swapped_round_order_rejected', () => {
    const h = honest(5);
    const rounds = [...h.proof.rounds];
    [rounds[1], rounds[2]] = [rounds[2], rounds[1]];
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, { rounds })) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('sc round 1');
  });
  it('replayed_round_polynomial_rejected', () => {
    const h = honest(5);
    const rounds = [...h.proof.rounds];
    rounds[2] = rounds[1];
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, { rounds })) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('sc round 2');
    // a whole proof replayed for other tables with the same sum is not accepted either
    const other = honest(5);
    const e2 = thrown(() => verifyFull(other.tabs, other.terms, other.claim, h.proof)) as VerificationError;
    expect(e2.check).toBe('sumcheck.round-sum');
  });
  it('verifier_transcript_desync_rejected', () => {
    const h = honest(5);
    const t = newTranscript();
    t.absorbU32('something the prover did not absorb', 1);
    // the verifier's r_0 differs from the prover's, so round 1's message no longer sums to s_0(r_0)
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, h.proof, t)) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('sc round 1');
    const e2 = thrown(() => verifyFull(h.tabs, h.terms, h.claim, h.proof, newTranscript('other-domain'))) as VerificationError;
    expect(e2.location).toBe('sc round 1');
  });
  it('a round with an extra evaluation is a degree violation', () => {
    const h = honest(3, 2);
    const rounds = [...h.proof.rounds];
    const longer = new Uint32Array(rounds[1].length + 4);
    longer.set(rounds[1]);
    rounds[1] = longer;
    const e = thrown(() => verifyFull(h.tabs, h.terms, h.claim, { rounds })) as VerificationError;
    expect(e.check).toBe('sumcheck.degree');
    expect(e.message).toMatch(/round 1: expected degree ≤ 2 \(3 evaluations\), got 4 evaluations/);
  });
  it('malformed messages are MalformedError', () => {
    const h = honest(3, 2);
    const cases: SumcheckProof[] = [
      { rounds: h.proof.rounds.slice(0, 2) },
      { rounds: [h.proof.rounds[0], h.proof.rounds[1], Uint32Array.of(1, 2, 3)] },
      { rounds: [h.proof.rounds[0], h.proof.rounds[1], new Uint32Array(12).fill(P)] },
      { rounds: [h.proof.rounds[0], h.proof.rounds[1], [1, 2] as unknown as Uint32Array] },
    ];
    for (const proof of cases) expect(() => verifyFull(h.tabs, h.terms, h.claim, proof)).toThrow(MalformedError);
  });
});

describe('sumcheck completeness (property)', () => {
  it('random term structures: the claim is the true sum and the honest proof verifies', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: P - 1 }),
        (v, factorLists, c) => {
          const tabs = [randomVector(1 << v), randomVector(1 << v), randomVector(1 << v)];
          const terms: ProductTerm[] = factorLists.map((factors, j) => ({ factors, coeff: j === 0 ? eOf(c) : undefined }));
          const degree = Math.max(...factorLists.map((f) => f.length));
          const out = proveSumcheck(newTranscript(), tabs.map(baseTable), terms, 'prop');
          expect(eEq(out.claim, naiveSum(tabs, terms))).toBe(true);
          const fin = verifySumcheck(newTranscript(), { label: 'prop', numVars: v, degree, claim: out.claim }, out.proof);
          checkSumcheckFinal(fin, evaluateProductTerms(terms, tabs.map((t) => mleEvalBase(t, fin.point))));
        },
      ),
      { numRuns: 40 },
    );
  });
});
