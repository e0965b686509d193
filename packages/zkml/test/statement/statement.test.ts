import { describe, expect, it } from 'vitest';
import { MalformedError } from '@vouch/core';
import { decodeStatement, encodeStatement, statementHash, statementTranscript, type Statement } from '../../src/statement/statement.ts';
import { decodeProofFile, encodeProofFile } from '../../src/statement/proof-file.ts';

const st: Statement = {
  version: 1,
  modelId: new Uint8Array(32).fill(3),
  requester: Uint8Array.from({ length: 20 }, (_, i) => i + 1),
  nonce: new Uint8Array(32).fill(9),
  inputs: [Int32Array.of(1, -2, 3), Int32Array.of(0, 0, 127)],
  outputs: [Int32Array.of(-5, 6), Int32Array.of(7, -128)],
};

function expectMalformed(f: () => unknown): MalformedError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedError);
    return e as MalformedError;
  }
  throw new Error('expected a MalformedError');
}

describe('statement', () => {
  it('round trips', () => {
    const back = decodeStatement(encodeStatement(st));
    expect(back).toEqual(st);
  });

  it('every field changes the hash and the transcript', () => {
    const base = statementHash(st);
    const c0 = statementTranscript(st).challengeExt('x');
    const variants: Statement[] = [
      { ...st, modelId: new Uint8Array(32).fill(4) },
      { ...st, requester: Uint8Array.from({ length: 20 }, (_, i) => i + 2) },
      { ...st, nonce: new Uint8Array(32).fill(8) },
      { ...st, inputs: [Int32Array.of(1, -2, 4), st.inputs[1]] },
      { ...st, outputs: [st.outputs[0], Int32Array.of(7, -127)] },
    ];
    for (const v of variants) {
      expect(statementHash(v)).not.toEqual(base);
      expect(statementTranscript(v).challengeExt('x')).not.toEqual(c0);
    }
  });

  it('refuses wrong sizes when encoding', () => {
    expect(() => encodeStatement({ ...st, modelId: new Uint8Array(31) })).toThrow(RangeError);
    expect(() => encodeStatement({ ...st, requester: new Uint8Array(0) })).toThrow(RangeError);
    expect(() => encodeStatement({ ...st, outputs: [st.outputs[0]] })).toThrow(RangeError);
  });

  it('every truncation and trailing bytes give a MalformedError', () => {
    const b = encodeStatement(st);
    for (let n = 0; n < b.length; n++) expectMalformed(() => decodeStatement(b.subarray(0, n)));
    expectMalformed(() => decodeStatement(Uint8Array.from([...b, 0])));
    const bad = b.slice();
    bad[0] ^= 1;
    expect(expectMalformed(() => decodeStatement(bad)).field).toBe('statement.magic');
  });
});

describe('proof file', () => {
  it('round trips and rejects truncations and a wrong magic', () => {
    const proof = Uint8Array.from({ length: 50 }, (_, i) => i);
    const f = encodeProofFile(st, proof);
    const back = decodeProofFile(f);
    expect(back.statement).toEqual(st);
    expect(back.proof).toEqual(proof);
    for (let n = 0; n < f.length; n += 7) expectMalformed(() => decodeProofFile(f.subarray(0, n)));
    const bad = f.slice();
    bad[1] ^= 1;
    expect(expectMalformed(() => decodeProofFile(bad)).field).toBe('proof file magic');
  });
});
