/**
 * Audit: the private-mode weight digest must be injective on the weights it accepts (the model id
 * "contains a salted Poseidon2 hash of the packed integer weights and private parameters").
 *
 * Attack (before the fix): wide private parameters (int32 biases) entered the digest input as
 * v mod p with no range check, so b and b − p (both valid int32 when b > p − 2^31) gave the SAME
 * digest. A model owner could publish / have audited the weights with bias b = 2^31 − 1 and prove
 * inferences of the different model with bias b − p = 134,217,726 under the same model id: the proof
 * only sees field values, so the integer model behind the id was not fixed.
 * Fix: prove/region.ts rejects wide values outside [−(p−1)/2, (p−1)/2], on which v ↦ v mod p is
 * injective (the canonical signed representative).
 */
import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { weightDigestFor } from '../../src/prove/weights.ts';
import type { IntParams } from '../../src/int/graph.ts';
import { makeMlp, SALT } from '../prove/mlp.ts';

function withBias(params: IntParams, name: string, v: number): IntParams {
  const out = new Map(params);
  const t = params.get(name)!;
  const data = Int32Array.from(t.data);
  data[0] = v;
  out.set(name, { ...t, data });
  return out;
}

describe('audit: weight digest binding of int32 parameters', () => {
  const { graph, params } = makeMlp([6, 12, 2], 4);
  const big = 2 ** 31 - 1;
  const alias = big - P; // 134,217,726: a different, valid int32 with the same residue mod p

  it('two different int32 biases with the same residue mod p do not share a digest', () => {
    expect(alias).toBeGreaterThan(0);
    expect(alias).not.toBe(big);
    const a = withBias(params, 'fc1.bias', alias);
    const b = withBias(params, 'fc1.bias', big);
    const da = weightDigestFor(graph, a, SALT, 128);
    // either the out-of-range bias is refused, or the digests differ: never the same model id
    let db: Uint32Array | undefined;
    try {
      db = weightDigestFor(graph, b, SALT, 128);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
    }
    if (db) expect(Array.from(db)).not.toEqual(Array.from(da));
  });

  it('values in the injective range are accepted (±(p−1)/2)', () => {
    const h = (P - 1) / 2;
    expect(() => weightDigestFor(graph, withBias(params, 'fc1.bias', h), SALT, 128)).not.toThrow();
    expect(() => weightDigestFor(graph, withBias(params, 'fc1.bias', -h), SALT, 128)).not.toThrow();
    expect(() => weightDigestFor(graph, withBias(params, 'fc1.bias', h + 1), SALT, 128)).toThrow(RangeError);
  });
});
