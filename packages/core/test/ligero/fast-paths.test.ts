/**
 * The optimized prover paths (resident WASM row encoding, resident quadratic numerator, blocked
 * column gather) against their plain references on random inputs, under both NTT/vector backends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setNttBackend } from '../../src/ntt/ntt.ts';
import { setVecBackend } from '../../src/field/vec.ts';
import { seededRng } from '../../src/ligero/index.ts';
import { encodeRows, encodeRowsReference } from '../../src/ligero/commit.ts';
import { quadraticNumerator, quadraticNumeratorReference } from '../../src/ligero/quadratic.ts';

const rng = seededRng('fast-paths');

afterEach(() => {
  setNttBackend('auto');
  setVecBackend('auto');
});

describe('ligero fast paths', () => {
  it('encodeRows equals encodeRowsReference (both backends)', () => {
    for (const [R, k, n] of [[3, 5, 64], [7, 100, 256], [5, 1030, 4096], [2, 64, 64]]) {
      const coeffs = rng.field(R * k);
      const ref = encodeRowsReference(coeffs, R, k, n);
      expect(encodeRows(coeffs, R, k, n)).toEqual(ref);
      setNttBackend('js');
      expect(encodeRows(coeffs, R, k, n)).toEqual(ref);
      setNttBackend('auto');
    }
  });

  it('quadraticNumerator equals quadraticNumeratorReference (both backends)', () => {
    for (const [R, n, T] of [[6, 1024, 3], [9, 4096, 7], [4, 2048, 0], [5, 1026, 2]]) {
      const cw = rng.field(R * n);
      // Some columns with zeros and p − 1 to exercise the edges.
      cw[0] = 0;
      cw[1] = 2013265920;
      const triples = Array.from({ length: T }, (_, i) => ({ a: i % R, b: (3 * i + 1) % R, c: (5 * i + 2) % R }));
      const v = rng.field(4 * T);
      const ref = quadraticNumeratorReference(cw, n, triples, v);
      expect(quadraticNumerator(cw, n, triples, v)).toEqual(ref);
      setVecBackend('js');
      expect(quadraticNumerator(cw, n, triples, v)).toEqual(ref);
      setVecBackend('auto');
    }
  });
});
