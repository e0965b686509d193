/**
 * Audit: a cheating committer. Every committed row — witness rows AND each of the 20 masking rows
 * (M_P, M_L0, M_L1, M_Q0, M_Q1, 4 base rows each) — must be covered by the proximity test, so a row
 * that is not a codeword of degree < k is rejected as `ligero.proximity`, whatever the row.
 * The cheater commits the honest encoding with one row replaced by a non-codeword (a polynomial of
 * degree exactly k, one above the bound, or uniform garbage), rebuilds the tree, and answers with the
 * honest responses (it cannot do better: the combination is far from every degree-< k polynomial).
 */
import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.ts';
import { mul } from '../../src/field/babybear.ts';
import { ligeroCommit, ligeroOpen, ligeroResponses, ligeroVerify, seededRng, type LigeroParams } from '../../src/ligero/index.ts';
import { hashColumnLeaves } from '../../src/ligero/commit.ts';
import { COSET_SHIFT, MASK } from '../../src/ligero/params.ts';
import { buildMerkleTree } from '../../src/merkle/merkle.ts';
import { ntt, powers } from '../../src/ntt/ntt.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import { randomInstance } from '../ligero/instance.ts';
import { thrown } from '../ligero/harness.ts';

const PARAMS: LigeroParams = { name: 'audit-commit', queries: 10, blowup: 4 };
const inst = randomInstance({ rowWidth: 16, seed: 'audit-commit', triples: 2, sparse: 2, tensor: 3 });

/** The codeword of a polynomial of degree exactly k (coefficients c_0..c_k, c_k ≠ 0) on D. */
function overlongCodeword(k: number, n: number, seed: string): Uint32Array {
  const c = seededRng(seed).field(k + 1);
  c[k] = c[k] === 0 ? 1 : c[k];
  const sh = powers(COSET_SHIFT, k + 1);
  const row = new Uint32Array(n);
  for (let i = 0; i <= k; i++) row[i] = mul(c[i], sh[i]);
  ntt(row);
  return row;
}

function cheat(row: number, kind: 'overlong' | 'garbage'): void {
  const { state } = ligeroCommit(inst.layout, inst.witness, PARAMS, { rng: seededRng('audit-commit') });
  const { shape } = state;
  const n = shape.codeLength;
  const R = shape.totalRows;
  const codewords = Uint32Array.from(state.codewords);
  codewords.set(kind === 'overlong' ? overlongCodeword(shape.degreeBound, n, `row ${row}`) : seededRng(`garbage ${row}`).field(n), row * n);
  const tree = buildMerkleTree(hashColumnLeaves(codewords, R, n, state.salts), shape.logCodeLength);
  const bad = Object.freeze({ ...state, codewords, tree });
  const t = new Sha256Transcript('vouch-audit', 1);
  t.absorbDigest('ligero.root', tree.root);
  const ctx = { layout: inst.layout, transcript: t, constraints: inst.constraints, witness: inst.witness };
  const proof = ligeroOpen(bad, t, ligeroResponses(bad, ctx, { check: false }));
  const tv = new Sha256Transcript('vouch-audit', 1);
  tv.absorbDigest('ligero.root', tree.root);
  const e = thrown(() => ligeroVerify(tree.root, inst.layout, PARAMS, { layout: inst.layout, transcript: tv, constraints: inst.constraints }, proof));
  expect(e).toBeInstanceOf(VerificationError);
  expect((e as VerificationError).check).toBe('ligero.proximity');
}

describe('audit: every committed row is covered by the proximity test', () => {
  const W = inst.layout.numRows;
  const rows: [string, number][] = [
    ['witness row 0', 0],
    [`witness row ${W - 1}`, W - 1],
    ...(['proximity', 'linear0', 'linear1', 'quad0', 'quad1'] as const).flatMap((m) => [0, 3].map((c) => [`mask ${m}+${c}`, W + MASK[m] + c] as [string, number])),
  ];
  for (const [name, row] of rows) {
    it(`${name}: a degree-k polynomial (one above the bound) → ligero.proximity`, () => cheat(row, 'overlong'));
  }
  it('a uniformly random word in a quadratic-mask row → ligero.proximity', () => cheat(W + MASK.quad1 + 1, 'garbage'));
});
