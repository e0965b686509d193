import { describe, it, expect } from 'vitest';
import { P, randomVector } from '../../src/field/babybear.ts';
import { LayoutBuilder } from '../../src/zk/layout.ts';
import { proveZk, verifyZk } from '../../src/zk/prove.ts';
import { LIGERO_TEST } from '../../src/ligero/presets.ts';
import { VerificationError, VouchError } from '../../src/errors.ts';
import { Sha256Transcript } from '../../src/transcript/sha256-transcript.ts';
import { planPoseidon2 } from '../../src/poseidon2/circuit-plan.ts';
import { fillPoseidon2 } from '../../src/poseidon2/circuit-fill.ts';
import { provePoseidon2Constraints, verifyPoseidon2Constraints } from '../../src/poseidon2/circuit-constraints.ts';
import { weightDigest } from '../../src/poseidon2/digest.ts';

const LANES = 8;
const N = 70;

function build() {
  const builder = new LayoutBuilder(8);
  const plan = planPoseidon2(builder, { inputLength: N });
  return { plan, layout: builder.finish() };
}

function proveWith(x: Uint32Array, salt: Uint32Array, publicDigest: Uint32Array, check: boolean) {
  const { plan, layout } = build();
  const witness = new Uint32Array(layout.numRows * layout.rowWidth);
  fillPoseidon2(plan, witness, x, salt);
  const transcript = new Sha256Transcript('vouch/test/poseidon2-e2e', 1);
  return proveZk({ layout, witness, transcript, params: LIGERO_TEST, run: (ctx) => provePoseidon2Constraints(ctx, plan, publicDigest), prove: { check } });
}

function verifyWith(publicDigest: Uint32Array, proof: ReturnType<typeof proveWith>): void {
  const { plan, layout } = build();
  verifyZk({
    layout,
    transcript: new Sha256Transcript('vouch/test/poseidon2-e2e', 1),
    params: LIGERO_TEST,
    root: proof.root,
    ligero: proof.ligero,
    run: (ctx) => verifyPoseidon2Constraints(ctx, plan, publicDigest),
  });
}

describe('in-proof Poseidon2 digest through ZK Ligero', () => {
  const x = randomVector(N);
  const salt = randomVector(8);
  const digest = weightDigest(x, salt, { lanes: LANES });

  it('an honest proof that the committed weights hash to the public digest is accepted', () => {
    const proof = proveWith(x, salt, digest, true);
    expect(() => verifyWith(digest, proof)).not.toThrow();
  });

  it('the honest prover refuses a wrong preimage (self-check)', () => {
    const y = x.slice();
    y[11] = (y[11] + 1) % P;
    expect(() => proveWith(y, salt, digest, true)).toThrow(VouchError);
  });

  it('a proof for a wrong preimage is rejected by the Ligero linear test', () => {
    const y = x.slice();
    y[11] = (y[11] + 1) % P;
    const proof = proveWith(y, salt, digest, false);
    let err: unknown;
    try {
      verifyWith(digest, proof);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as VerificationError).check).toMatch(/^ligero\.linear/);
  });

  it('an honest proof does not verify against another digest', () => {
    const proof = proveWith(x, salt, digest, true);
    const other = digest.slice();
    other[0] = (other[0] + 1) % P;
    expect(() => verifyWith(other, proof)).toThrow(VerificationError);
  });
});
