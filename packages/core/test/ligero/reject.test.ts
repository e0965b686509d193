/** Every Ligero verifier check, broken exactly, with exactly its typed rejection. */
import { describe, expect, it } from 'vitest';
import { MalformedError, VerificationError, VouchError } from '../../src/errors.ts';
import { add } from '../../src/field/babybear.ts';
import { eAdd, eOf } from '../../src/field/ext4.ts';
import type { LigeroParams } from '../../src/ligero/index.ts';
import type { LinearConstraint } from '../../src/zk/constraints.ts';
import { randomInstance, type Instance } from './instance.ts';
import { prove, thrown, verify } from './harness.ts';

const PARAMS: LigeroParams = { name: 'reject-tests', queries: 10, blowup: 4 };
const inst = randomInstance({ rowWidth: 16, seed: 'reject', triples: 2, sparse: 2, tensor: 3 });

function expectCheck(fn: () => unknown, check: string): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(VerificationError);
  expect((e as VerificationError).check).toBe(check);
}

function bump(v: Uint32Array, i: number): Uint32Array {
  const out = Uint32Array.from(v);
  out[i] = add(out[i], 1);
  return out;
}

describe('ligero verifier rejections', () => {
  const honest = prove(inst, PARAMS);

  it('accepts the honest proof (control)', () => {
    verify(inst, PARAMS, honest);
  });

  it('wrong opened column value → merkle.path', () => {
    const columns = bump(honest.proof.columns, 3);
    expectCheck(() => verify(inst, PARAMS, { ...honest, proof: { ...honest.proof, columns } }), 'merkle.path');
  });

  it('wrong salt → merkle.path', () => {
    const salts = Uint8Array.from(honest.proof.salts);
    salts[0] ^= 1;
    expectCheck(() => verify(inst, PARAMS, { ...honest, proof: { ...honest.proof, salts } }), 'merkle.path');
  });

  it('bad Merkle path (one sibling bit flipped) → merkle.path', () => {
    const siblings = Uint8Array.from(honest.proof.siblings);
    siblings[siblings.length - 1] ^= 0x80;
    expectCheck(() => verify(inst, PARAMS, { ...honest, proof: { ...honest.proof, siblings } }), 'merkle.path');
  });

  it('wrong number of Merkle siblings → merkle.path', () => {
    const siblings = honest.proof.siblings.slice(32);
    expectCheck(() => verify(inst, PARAMS, { ...honest, proof: { ...honest.proof, siblings } }), 'merkle.path');
  });

  it('tampered proximity response (columns opened consistently) → ligero.proximity', () => {
    const p = prove(inst, PARAMS, { tamper: (r) => ({ ...r, proximity: bump(r.proximity, 5) }) });
    expectCheck(() => verify(inst, PARAMS, p), 'ligero.proximity');
  });

  it('tampered linear response off the H-sum coefficients → ligero.linear-column', () => {
    const p = prove(inst, PARAMS, { tamper: (r) => ({ ...r, linear: bump(r.linear, 4 * 3 + 1) }) });
    expectCheck(() => verify(inst, PARAMS, p), 'ligero.linear-column');
  });

  it('tampered linear response on an H-sum coefficient → ligero.linear-sum', () => {
    const p = prove(inst, PARAMS, { tamper: (r) => ({ ...r, linear: bump(r.linear, 4 * 16) }) });
    expectCheck(() => verify(inst, PARAMS, p), 'ligero.linear-sum');
  });

  it('tampered quadratic response → ligero.quadratic-column', () => {
    const p = prove(inst, PARAMS, { tamper: (r) => ({ ...r, quadratic: bump(r.quadratic, 2) }) });
    expectCheck(() => verify(inst, PARAMS, p), 'ligero.quadratic-column');
  });

  it('unsatisfied linear constraint → honest prover refuses; forced proof → ligero.linear-sum', () => {
    const bad: LinearConstraint[] = inst.constraints.map((c, i) => (i === 1 ? { ...c, constant: eAdd(c.constant, eOf(1)) } : c));
    const e = thrown(() => prove(inst, PARAMS, { constraints: bad }));
    expect(e).toBeInstanceOf(VouchError);
    expect((e as VouchError).code).toBe('PROVER_UNSATISFIED');
    const p = prove(inst, PARAMS, { constraints: bad, check: false });
    expectCheck(() => verify(inst, PARAMS, p, { constraints: bad }), 'ligero.linear-sum');
  });

  it('unsatisfied tensor constraint (one witness value changed under a tensor term) → ligero.linear-sum', () => {
    const w = Uint32Array.from(inst.witness);
    w[1] = add(w[1], 1); // row 0 is the vector block used by every tensor constraint
    const broken: Instance = { ...inst, witness: w };
    const p = prove(broken, PARAMS, { check: false });
    expectCheck(() => verify(broken, PARAMS, p), 'ligero.linear-sum');
  });

  it('unsatisfied triple → honest prover refuses; forced proof → ligero.quadratic-column', () => {
    const tr = inst.layout.triples[1];
    const w = Uint32Array.from(inst.witness);
    w[tr.c * 16 + 7] = add(w[tr.c * 16 + 7], 1);
    // keep the linear constraints true for the changed witness: only triple rows not under constraints
    const broken: Instance = { ...inst, witness: w };
    const e = thrown(() => prove(broken, PARAMS));
    expect((e as VouchError).code).toBe('PROVER_UNSATISFIED');
    const p = prove(broken, PARAMS, { check: false });
    expectCheck(() => verify(broken, PARAMS, p), 'ligero.quadratic-column');
  });

  it('verifier with different constraints than the prover → ligero.linear-sum', () => {
    const other = inst.constraints.map((c, i) => (i === 0 ? { ...c, constant: eAdd(c.constant, eOf(0, 1)) } : c));
    expectCheck(() => verify(inst, PARAMS, honest, { constraints: other }), 'ligero.linear-sum');
  });

  it('transcript out of step (verifier absorbed one extra message) → merkle.path (other query columns)', () => {
    expectCheck(() => verify(inst, PARAMS, honest, { before: (t) => t.absorbU32('extra', 7) }), 'merkle.path');
  });

  it('a non-canonical value in a proof object → MalformedError', () => {
    const linear = Uint32Array.from(honest.proof.linear);
    linear[0] = 0xffffffff;
    expect(thrown(() => verify(inst, PARAMS, { ...honest, proof: { ...honest.proof, linear } }))).toBeInstanceOf(MalformedError);
  });

  it('proof for other parameters → MalformedError (shapes differ)', () => {
    expect(thrown(() => verify(inst, { ...PARAMS, queries: 11 }, honest))).toBeInstanceOf(MalformedError);
  });
});
