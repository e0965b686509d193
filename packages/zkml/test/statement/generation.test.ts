/**
 * The generation trailer of statements ("VGEN" ‖ u32 1 ‖ u32 promptLength): round trip, statements
 * without it unchanged, malformed trailers rejected naming the field.
 */
import { describe, expect, it } from 'vitest';
import { MalformedError } from '@vouch/core';
import { PROTOCOL_VERSION } from '../../src/commit/model-id.ts';
import { decodeStatement, encodeStatement, statementHash, type Statement } from '../../src/statement/statement.ts';

const base: Statement = {
  version: PROTOCOL_VERSION,
  modelId: new Uint8Array(32).fill(7),
  requester: Uint8Array.of(1, 2, 3),
  nonce: new Uint8Array(32).fill(9),
  inputs: [Int32Array.of(3, 1, 0, 0), Int32Array.of(3, 1, 4, 0)],
  outputs: [Int32Array.of(4), Int32Array.of(1)],
};

function field(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof MalformedError) return e.field;
    throw e;
  }
  throw new Error('expected a MalformedError');
}

describe('generation statements', () => {
  it('round trip with the trailer; without it the bytes are unchanged', () => {
    const gen = { ...base, generation: { promptLength: 2 } };
    const bytes = encodeStatement(gen);
    expect(decodeStatement(bytes)).toEqual(gen);
    const plain = encodeStatement(base);
    expect(bytes.length).toBe(plain.length + 12);
    expect(bytes.subarray(0, plain.length)).toEqual(plain);
    expect(decodeStatement(plain).generation).toBeUndefined();
    expect(statementHash(gen)).not.toEqual(statementHash(base));
  });

  it('rejects a bad trailer magic, version or prompt length', () => {
    const bytes = encodeStatement({ ...base, generation: { promptLength: 2 } });
    const n = bytes.length;
    const bad = (at: number, v: number) => {
      const b = bytes.slice();
      new DataView(b.buffer).setUint32(at, v, true);
      return b;
    };
    expect(field(() => decodeStatement(bad(n - 12, 0x4e454758)))).toBe('statement.generation.magic');
    expect(field(() => decodeStatement(bad(n - 8, 2)))).toBe('statement.generation.version');
    expect(field(() => decodeStatement(bad(n - 4, 0)))).toBe('statement.generation.promptLength');
    expect(field(() => decodeStatement(bad(n - 4, 5)))).toBe('statement.generation.promptLength');
    expect(() => decodeStatement(Uint8Array.from([...bytes, 0]))).toThrow(MalformedError);
    expect(() => encodeStatement({ ...base, generation: { promptLength: 0 } })).toThrow(RangeError);
  });
});
