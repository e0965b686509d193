import { describe, expect, it } from 'vitest';
import { MalformedError } from '../../src/errors.ts';
import { sha256 } from '../../src/hash/sha256.ts';
import { buildMerkleTree, openMulti, verifyMulti } from '../../src/merkle/merkle.ts';
import { readMultiProof, writeMultiProof } from '../../src/merkle/proof-bytes.ts';
import { ByteReader, ByteWriter } from '../../src/serialize/bytes.ts';

describe('multi-opening bytes', () => {
  const hs = new Uint8Array(32 * 20);
  for (let i = 0; i < 20; i++) hs.set(sha256(Uint8Array.of(i)), 32 * i);
  const t = buildMerkleTree(hs, 5);
  const idx = [19, 2, 7];
  const leaves = idx.map((i) => hs.subarray(32 * i, 32 * i + 32));

  it('round-trips and still verifies', () => {
    const w = new ByteWriter();
    writeMultiProof(w, openMulti(t, idx));
    w.u8(0xaa);
    const r = new ByteReader(w.finish());
    const p = readMultiProof(r, 'opening', 5, idx);
    expect(r.u8('tail')).toBe(0xaa);
    r.finish();
    verifyMulti(t.root, 5, idx, leaves, p);
  });

  it('a truncated opening is a MalformedError naming the field', () => {
    const w = new ByteWriter();
    writeMultiProof(w, openMulti(t, idx));
    const b = w.finish();
    expect(() => readMultiProof(new ByteReader(b.subarray(0, b.length - 1)), 'opening', 5, idx)).toThrow(
      MalformedError,
    );
    expect(() => readMultiProof(new ByteReader(b.subarray(0, b.length - 1)), 'opening', 5, idx)).toThrow(
      /malformed opening/,
    );
  });

  it('writer rejects a ragged proof', () => {
    expect(() => writeMultiProof(new ByteWriter(), { siblings: new Uint8Array(31) })).toThrow(RangeError);
  });
});
