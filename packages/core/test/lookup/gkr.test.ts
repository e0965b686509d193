import { describe, it, expect } from 'vitest';
import { P } from '../../src/field/babybear.ts';
import { eAdd, eEq, eInv, eMul, eRandom, eZero, eAt, eNeg } from '../../src/field/ext4.ts';
import { VerificationError, MalformedError } from '../../src/errors.ts';
import { mleEvalExt } from '../../src/poly/mle.ts';
import { buildFractionTree } from '../../src/lookup/fraction-tree.ts';
import { verifyFractionSum, type GkrProof } from '../../src/lookup/gkr.ts';
import { proveFractionSum } from '../../src/lookup/gkr-prove.ts';
import { newTranscript, thrown } from '../sumcheck/helpers.ts';

/** Random leaves whose fractions sum to zero: the last numerator is chosen to cancel the rest. */
function zeroSumLeaves(n: number) {
  const N = 1 << n;
  const p = new Uint32Array(4 * N), q = new Uint32Array(4 * N);
  let sum = eZero();
  for (let i = 0; i < N; i++) {
    q.set(eRandom(), 4 * i);
    if (i < N - 1) {
      p.set(eRandom(), 4 * i);
      sum = eAdd(sum, eMul(eAt(p, i), eInv(eAt(q, i))));
    }
  }
  p.set(eMul(eNeg(sum), eAt(q, N - 1)), 4 * (N - 1));
  return { p, q };
}

describe('fraction tree', () => {
  it('root p/q equals Σ p_i/q_i', () => {
    const p = new Uint32Array(4 * 8).map((_, i) => (i % 4 === 0 ? i + 1 : 0));
    const q = new Uint32Array(4 * 8);
    for (let i = 0; i < 8; i++) q.set(eRandom(), 4 * i);
    const layers = buildFractionTree(p, q);
    expect(layers.length).toBe(4);
    let sum = eZero();
    for (let i = 0; i < 8; i++) sum = eAdd(sum, eMul(eAt(p, i), eInv(eAt(q, i))));
    expect(eEq(eMul(layers[0].p, eInv(layers[0].q)), sum)).toBe(true);
  });
});

describe('plain fraction-sum GKR', () => {
  function honest(n: number) {
    const { p, q } = zeroSumLeaves(n);
    const out = proveFractionSum(newTranscript('gkr'), p, q);
    return { p, q, ...out };
  }
  it('accepts zero sums and the leaf claim is the leaf MLEs at the point', () => {
    for (const n of [1, 2, 5]) {
      const h = honest(n);
      const leaf = verifyFractionSum(newTranscript('gkr'), n, h.proof);
      expect(leaf.point).toEqual(h.leaf.point);
      expect(eEq(leaf.p, mleEvalExt(h.p, leaf.point))).toBe(true);
      expect(eEq(leaf.q, mleEvalExt(h.q, leaf.point))).toBe(true);
    }
  });
  it('rejects a non-zero sum at the root', () => {
    const { p, q } = zeroSumLeaves(3);
    p[0] = (p[0] + 1) % P;
    const out = proveFractionSum(newTranscript('gkr'), p, q);
    const e = thrown(() => verifyFractionSum(newTranscript('gkr'), 3, out.proof)) as VerificationError;
    expect(e.check).toBe('logup.root');
  });
  it('rejects a zero root denominator', () => {
    const h = honest(2);
    const root = h.proof.root.slice();
    root.fill(0, 0, 4); // p0 = 0
    root.fill(0, 12, 16); // q1 = 0: numerator p0·q1 + p1·q0 = p1·q0, so also zero p1
    root.fill(0, 4, 8);
    const e = thrown(() => verifyFractionSum(newTranscript('gkr'), 2, { ...h.proof, root })) as VerificationError;
    expect(e.check).toBe('logup.root-denominator');
  });
  it('a tampered layer round breaks that layer’s sumcheck', () => {
    const h = honest(4);
    const layers = h.proof.layers.map((l) => ({ ...l, sumcheck: { rounds: l.sumcheck.rounds.map((m) => m.slice()) } }));
    layers[2].sumcheck.rounds[1][0] = (layers[2].sumcheck.rounds[1][0] + 1) % P;
    const e = thrown(() => verifyFractionSum(newTranscript('gkr'), 4, { ...h.proof, layers })) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('logup.layer 3 round 1');
  });
  it('a tampered final value breaks that layer’s final check', () => {
    const h = honest(4);
    const layers = h.proof.layers.map((l) => ({ ...l, finals: l.finals.slice() }));
    layers[1].finals[8] = (layers[1].finals[8] + 1) % P;
    const e = thrown(() => verifyFractionSum(newTranscript('gkr'), 4, { ...h.proof, layers })) as VerificationError;
    expect(e.check).toBe('logup.layer-final');
    expect(e.location).toBe('layer 2');
  });
  it('a consistent root for a different layer 1 is caught by the next layer', () => {
    const h = honest(3);
    const root = h.proof.root.slice();
    // scale p0 and p1 by 2: the root numerator stays 0 but layer 1 no longer matches the leaves
    for (let c = 0; c < 8; c++) root[c] = (root[c] * 2) % P;
    const e = thrown(() => verifyFractionSum(newTranscript('gkr'), 3, { ...h.proof, root })) as VerificationError;
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('logup.layer 1 round 0');
  });
  it('malformed proofs are MalformedError', () => {
    const h = honest(3);
    const bad: GkrProof[] = [
      { ...h.proof, root: h.proof.root.subarray(0, 12) },
      { ...h.proof, layers: h.proof.layers.slice(1) },
      { ...h.proof, layers: [h.proof.layers[0], { ...h.proof.layers[1], finals: new Uint32Array(16).fill(P) }] },
    ];
    for (const b of bad) expect(() => verifyFractionSum(newTranscript('gkr'), 3, b)).toThrow(MalformedError);
  });
});
