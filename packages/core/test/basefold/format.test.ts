/**
 * BaseFold proof bytes (docs/parts/basefold.md §3, checks 0–1 of §4): the frozen fixture byte for
 * byte and its verification, the header, and strict reading — wrong version, each header field,
 * truncation, a trailing byte, a non-canonical element in every kind of field.
 */
import { describe, expect, it } from 'vitest';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { P } from '../../src/field/babybear.ts';
import { BASEFOLD_PARAMS_FIELDS, BASEFOLD_PROOF_VERSION, basefoldCommit, type BasefoldParams } from '../../src/basefold/index.ts';
import { FIXTURE_PARAMS, fixtureBytes, fixtureClaims, fixtureEvals, readFixture } from './fixture.ts';
import { expectCheck, expectMalformed, getU32, layoutOf, thrown, verify, withU32 } from './harness.ts';

const { root, proof } = readFixture();
const com = basefoldCommit(fixtureEvals, FIXTURE_PARAMS);
const { layout, perLayer } = layoutOf(FIXTURE_PARAMS, com, fixtureClaims, proof);

function verifyBytes(b: Uint8Array, params: BasefoldParams = FIXTURE_PARAMS): void {
  verify(params, root, fixtureClaims, b);
}

describe('basefold proof format', () => {
  it('the frozen fixture verifies', () => {
    expect(Buffer.from(com.root).toString('hex')).toBe(Buffer.from(root).toString('hex'));
    verifyBytes(proof);
  });

  it('regenerating the fixture gives the same bytes (catches format or transcript drift)', () => {
    const now = fixtureBytes();
    expect(Buffer.from(now.root).toString('hex')).toBe(Buffer.from(root).toString('hex'));
    expect(Buffer.from(now.proof).toString('hex')).toBe(Buffer.from(proof).toString('hex'));
  });

  it('layout: version, header n R a q f, L − 1 roots, 2n round elements, 2^f final coefficients, then the layers', () => {
    expect(proof[0]).toBe(BASEFOLD_PROOF_VERSION);
    expect([1, 5, 9, 13, 17].map((o) => getU32(proof, o))).toEqual([6, 2, 2, 8, 2]);
    // n − f = 4 folded variables, a = 2: two layers, one root sent (root_1).
    expect(layout.rootsAt).toBe(21);
    expect(layout.roundsAt).toBe(21 + 32);
    expect(layout.finalAt).toBe(layout.roundsAt + 6 * 32);
    expect(layout.layers.length).toBe(2);
    expect(layout.layers[0].leavesAt).toBe(layout.finalAt + 4 * 16);
    expect(layout.layers[0].indices.length).toBe(8);
    expect(layout.layers[0].leafBytes).toBe(4 * 4);
    expect(layout.layers[1].leafBytes).toBe(4 * 16);
    expect(layout.layers[1].indices).toEqual([...new Set(perLayer[0].map((m) => m % 16))].sort((x, y) => x - y));
    expect(layout.length).toBe(proof.length);
  });

  it('wrong version (0, 2, 255) → MalformedError basefold.version', () => {
    for (const v of [0, 2, 255]) {
      const b = Uint8Array.from(proof);
      b[0] = v;
      expect(expectMalformed(() => verifyBytes(b), 'basefold.version').offset).toBe(0);
    }
  });

  it('each header field changed → VerificationError basefold.params naming that field', () => {
    BASEFOLD_PARAMS_FIELDS.forEach((name, i) => {
      const at = 1 + 4 * i;
      const e = expectCheck(() => verifyBytes(withU32(proof, at, getU32(proof, at) + 1)), 'basefold.params', name);
      expect(e.shortMessage).toContain(`${name} = ${getU32(proof, at) + 1}, expected ${getU32(proof, at)}`);
    });
  });

  it('a verifier expecting other parameters → basefold.params naming the first differing field', () => {
    expectCheck(() => verifyBytes(proof, { ...FIXTURE_PARAMS, queries: 9 }), 'basefold.params', 'queries');
    expectCheck(() => verifyBytes(proof, { ...FIXTURE_PARAMS, logBlowup: 3, finalVars: 1 }), 'basefold.params', 'logBlowup');
    expectCheck(() => verifyBytes(proof, { ...FIXTURE_PARAMS, finalVars: 1 }), 'basefold.params', 'finalVars');
  });

  it('truncation (every cut up to the layers, every 3rd after) → MalformedError at the cut', () => {
    for (let n = 0; n < proof.length; n += n < layout.layers[0].leavesAt ? 1 : 3) {
      const e = thrown(() => verifyBytes(proof.subarray(0, n)));
      expect(e, `length ${n}: ${String(e)}`).toBeInstanceOf(MalformedError);
      expect((e as MalformedError).shortMessage, `length ${n}`).toContain('truncated');
    }
    expect(expectMalformed(() => verifyBytes(proof.subarray(0, 0)), 'basefold.version').offset).toBe(0);
    expectMalformed(() => verifyBytes(proof.subarray(0, 3)), 'basefold.params');
    expectMalformed(() => verifyBytes(proof.subarray(0, 30)), 'basefold.roots[1]');
    expectMalformed(() => verifyBytes(proof.subarray(0, layout.roundsAt + 40)), 'basefold.rounds[1]');
    expectMalformed(() => verifyBytes(proof.subarray(0, layout.finalAt + 17)), 'basefold.final[1]');
    expectMalformed(() => verifyBytes(proof.subarray(0, layout.layers[0].leavesAt + 5)), `basefold.layers[0].leaf[${layout.layers[0].indices[0]}]`);
    expectMalformed(() => verifyBytes(proof.subarray(0, layout.layers[0].siblingsAt + 1)), 'basefold.layers[0].siblings');
    expectMalformed(() => verifyBytes(proof.subarray(0, layout.layers[1].leavesAt + 1)), `basefold.layers[1].leaf[${layout.layers[1].indices[0]}]`);
    expectMalformed(() => verifyBytes(proof.subarray(0, proof.length - 1)), 'basefold.layers[1].siblings');
  });

  it('a trailing byte → MalformedError basefold.proof', () => {
    for (const extra of [0, 1, 0xff]) {
      const b = new Uint8Array(proof.length + 1);
      b.set(proof);
      b[proof.length] = extra;
      expect(expectMalformed(() => verifyBytes(b), 'basefold.proof').shortMessage).toContain('trailing');
    }
  });

  it('a non-canonical element (p, 2^32 − 1) in a round, a final coefficient, a layer-0 leaf, a layer-1 leaf → MalformedError there', () => {
    const l0 = layout.layers[0];
    const l1 = layout.layers[1];
    const cases: [number, string][] = [
      [layout.roundsAt, 'basefold.rounds[0][0]'],
      [layout.roundsAt + 2 * 32 + 16 + 4, 'basefold.rounds[2][1]'],
      [layout.roundsAt + 5 * 32 + 16 + 12, 'basefold.rounds[5][3]'],
      [layout.finalAt, 'basefold.final[0][0]'],
      [layout.finalAt + 3 * 16 + 8, 'basefold.final[3][2]'],
      [l0.leavesAt, `basefold.layers[0].leaf[${l0.indices[0]}]`],
      [l0.leavesAt + 5 * l0.leafBytes + 3 * 4, `basefold.layers[0].leaf[${l0.indices[5]}]`],
      [l1.leavesAt + 4, `basefold.layers[1].leaf[${l1.indices[0]}][1]`],
      [l1.leavesAt + (l1.indices.length - 1) * l1.leafBytes + 3 * 16 + 12, `basefold.layers[1].leaf[${l1.indices.at(-1)}][3]`],
    ];
    for (const [at, field] of cases) {
      for (const v of [P, 0xffffffff]) {
        expect(expectMalformed(() => verifyBytes(withU32(proof, at, v)), field).offset, field).toBe(at);
      }
    }
  });

  it('a flipped bit anywhere → MalformedError or VerificationError, nothing else', () => {
    for (let i = 0; i < proof.length; i += 3) {
      const b = Uint8Array.from(proof);
      b[i] ^= 1 << (i % 8);
      const e = thrown(() => verifyBytes(b));
      expect(e instanceof MalformedError || e instanceof VerificationError, `byte ${i}: ${String(e)}`).toBe(true);
    }
  });
});
