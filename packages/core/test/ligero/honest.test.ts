import { describe, expect, it } from 'vitest';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import { LIGERO_TEST, absorbLigeroCommitment, ligeroCommit, ligeroProve, ligeroVerify, seededRng, type LigeroParams } from '../../src/ligero/index.ts';
import type { LinearConstraint } from '../../src/zk/constraints.ts';
import { randomInstance } from './instance.ts';

function run(inst: ReturnType<typeof randomInstance>, params: LigeroParams, verifierConstraints: LinearConstraint[] = inst.constraints) {
  const { root, state } = ligeroCommit(inst.layout, inst.witness, params, { rng: seededRng('c') });
  const pt = new Sha256Transcript('vouch-test', 1);
  absorbLigeroCommitment(pt, state.shape, root);
  const proof = ligeroProve(state, { layout: inst.layout, transcript: pt, constraints: inst.constraints, witness: inst.witness });
  const vt = new Sha256Transcript('vouch-test', 1);
  absorbLigeroCommitment(vt, state.shape, root);
  expect(() => ligeroVerify(root, inst.layout, params, { layout: inst.layout, transcript: vt, constraints: verifierConstraints }, proof)).not.toThrow();
  return proof;
}

describe('ligero honest proofs', () => {
  it('accepts random satisfied sparse + tensor constraints and triples', () => {
    for (const [l, seed] of [[8, 'a'], [16, 'b'], [32, 'c']] as const) {
      const inst = randomInstance({ rowWidth: l, seed, triples: 2, sparse: 3, tensor: 3 });
      run(inst, LIGERO_TEST);
    }
  });

  it('accepts random shapes: random ℓ, t ≤ ℓ + 1, blowup, constraint and triple counts', () => {
    const r = seededRng('shapes');
    for (let i = 0; i < 8; i++) {
      const [a, b, c, d, e, f] = Array.from(r.field(6));
      const l = 2 ** (2 + (a % 4));
      const params = { name: `rand ${i}`, queries: 1 + (b % (l + 1)), blowup: 2 ** (1 + (c % 3)) };
      const inst = randomInstance({ rowWidth: l, seed: `shape ${i}`, triples: d % 3, sparse: e % 4, tensor: f % 4, vectorRows: 1 + (a % 3) });
      run(inst, params);
    }
  });

  it('accepts with more queries and a larger blowup', () => {
    const inst = randomInstance({ rowWidth: 16, seed: 'd', triples: 1, vectorRows: 4 });
    run(inst, { name: 'q9', queries: 9, blowup: 4 });
  });

  it('accepts with no constraints and no triples', () => {
    const inst = randomInstance({ rowWidth: 8, seed: 'e', triples: 0, sparse: 0, tensor: 0 });
    run(inst, LIGERO_TEST);
  });

  it('accepts t = ℓ + 1 (the largest query count a row width allows)', () => {
    const inst = randomInstance({ rowWidth: 4, seed: 'f', triples: 1, sparse: 1, tensor: 1, vectorRows: 1 });
    run(inst, { name: 't5', queries: 5, blowup: 2 });
  });
});
