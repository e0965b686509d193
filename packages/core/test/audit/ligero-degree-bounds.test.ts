/**
 * Audit: the degree bounds of the three Ligero responses are enforced. A response with one more
 * coefficient (q_P of degree k instead of < k, q_L of degree ℓ + k, Q′ of degree k + t − 1) would let
 * a cheater fit arbitrary values; the parser rejects it (MalformedError naming the field) both as
 * bytes and as a proof object handed directly to the verifier. Also: a longer sumcheck round
 * polynomial inside a zero-knowledge sumcheck is `sumcheck.degree`.
 */
import { describe, expect, it } from 'vitest';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { LIGERO_PROOF_VERSION, ligeroShape, parseLigeroProof, writeLigeroParams, type LigeroProof } from '../../src/ligero/index.ts';
import { ByteWriter } from '../../src/serialize/bytes.ts';
import { assertProofShape } from '../../src/sumcheck/verifier.ts';
import { FIXTURE_PARAMS, fixtureInstance, readFixture } from '../ligero/fixture.ts';
import { thrown, verify } from '../ligero/harness.ts';

const shape = ligeroShape(FIXTURE_PARAMS, fixtureInstance.layout);
const { root, proof: bytes } = readFixture();
const proof = parseLigeroProof(bytes, shape);

function longer(v: Uint32Array): Uint32Array {
  const out = new Uint32Array(v.length + 4);
  out.set(v);
  out.set([1, 2, 3, 4], v.length);
  return out;
}

function encode(p: LigeroProof): Uint8Array {
  const w = new ByteWriter(1024).u8(LIGERO_PROOF_VERSION);
  writeLigeroParams(w, shape);
  return w
    .extVec(p.proximity)
    .extVec(p.linear)
    .extVec(p.quadratic)
    .baseVec(p.columns)
    .bytes(p.salts)
    .bytes(p.siblings)
    .finish();
}

describe('audit: degree bounds of the Ligero responses', () => {
  it('control: the re-encoded honest proof parses and verifies', () => {
    verify(fixtureInstance, FIXTURE_PARAMS, { root, proof: parseLigeroProof(encode(proof), shape) });
  });
  for (const f of ['proximity', 'linear', 'quadratic'] as const) {
    it(`${f}: one extra coefficient → MalformedError(ligero.${f}) from the parser and from the verifier`, () => {
      const bad = { ...proof, [f]: longer(proof[f]) };
      const e = thrown(() => parseLigeroProof(encode(bad), shape));
      expect(e).toBeInstanceOf(MalformedError);
      expect((e as MalformedError).field).toBe(`ligero.${f}`);
      const e2 = thrown(() => verify(fixtureInstance, FIXTURE_PARAMS, { root, proof: bad }));
      expect(e2).toBeInstanceOf(MalformedError);
      expect((e2 as MalformedError).field).toBe(`ligero.${f}`);
    });
  }
  it('a sumcheck round with d + 2 evaluations → sumcheck.degree', () => {
    const spec = { label: 'audit', numVars: 2, degree: 2 };
    const ok = new Uint32Array(12);
    const e = thrown(() => assertProofShape(spec, { rounds: [ok, new Uint32Array(16)] }));
    expect(e).toBeInstanceOf(VerificationError);
    expect((e as VerificationError).check).toBe('sumcheck.degree');
  });
});
