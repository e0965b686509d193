/**
 * BaseFold completeness (docs/parts/basefold.md): honest openings verify over many shapes
 * (n = 1 … 12, a = 1 … 4, f, R, q and the claim count m sampled), for random extension points and
 * hypercube points, and the library prover's bytes equal those of the prover written from the spec.
 */
import { describe, expect, it } from 'vitest';
import { eFromBase, eEq } from '../../src/field/ext4.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import {
  BASEFOLD_CONJECTURED_100,
  BASEFOLD_PROVEN_100,
  basefoldLayers,
  basefoldParams,
  basefoldSecurity,
  type BasefoldClaim,
  type BasefoldParams,
} from '../../src/basefold/index.ts';
import { committed, cubePoint, extPoint, proveHonest, randInt, rng, specOpen, trueClaim, verify } from './harness.ts';

interface Shape {
  params: BasefoldParams;
  claims: number;
}

/** One sampled shape per (n, a): R, f, q, m drawn from a seeded generator. */
function shapes(): Shape[] {
  const g = rng('shapes');
  const out: Shape[] = [];
  for (let n = 1; n <= 12; n++) {
    for (let a = 1; a <= 4; a++) {
      const logBlowup = randInt(g, 1, 4);
      const finalVars = randInt(g, 0, n - 1);
      const leaves0 = 2 ** (n + logBlowup - Math.min(a, n - finalVars));
      const queries = randInt(g, 1, Math.min(30, leaves0));
      out.push({ params: { vars: n, logBlowup, logArity: a, queries, finalVars }, claims: randInt(g, 1, 4) });
    }
  }
  return out;
}

describe('basefold completeness', () => {
  it.each(shapes().map((s) => [`n=${s.params.vars} R=${s.params.logBlowup} a=${s.params.logArity} f=${s.params.finalVars} q=${s.params.queries} m=${s.claims}`, s] as const))(
    '%s: random ext points and a hypercube point verify; spec prover gives the same bytes',
    (_, { params, claims: m }) => {
      const n = params.vars;
      const g = rng(`evals ${n} ${params.logArity}`);
      const evals = g.field(2 ** n);
      const claims: BasefoldClaim[] = [];
      for (let j = 0; j < m - 1; j++) claims.push(trueClaim(evals, extPoint(g, n)));
      const vertex = randInt(g, 0, 2 ** n - 1);
      claims.push({ point: cubePoint(vertex, n), value: eFromBase(evals[vertex]) });
      const { com, proof } = proveHonest(params, evals, claims);
      verify(params, com.root, claims, proof);
      const spec = specOpen(committed(params, com.root), com, claims);
      expect(Buffer.from(spec.proof).toString('hex')).toBe(Buffer.from(proof).toString('hex'));
      expect(spec.finalFromTable).toEqual(spec.finalFolded);
      const layers = basefoldLayers(params);
      expect(layers.reduce((s, l) => s + l.vars, 0)).toBe(n - params.finalVars);
      expect(spec.layout.roundsAt).toBe(21 + 32 * (layers.length - 1));
    },
  );

  it('every hypercube vertex: the claim f(b) = f[b] verifies (n = 3, all 8 vertices in one opening)', () => {
    const params: BasefoldParams = { vars: 3, logBlowup: 2, logArity: 2, queries: 4, finalVars: 1 };
    const evals = rng('cube').field(8);
    const claims = Array.from({ length: 8 }, (_, i) => ({ point: cubePoint(i, 3), value: eFromBase(evals[i]) }));
    for (const c of claims) expect(eEq(mleEvalBase(evals, c.point), c.value)).toBe(true);
    const { com, proof } = proveHonest(params, evals, claims);
    verify(params, com.root, claims, proof);
  });

  it('the presets: n = 10 with both presets verifies; security figures are q·R and ≈ q·R/2', () => {
    const evals = rng('presets').field(2 ** 10);
    const point = extPoint(rng('presets-point'), 10);
    for (const preset of [BASEFOLD_CONJECTURED_100, BASEFOLD_PROVEN_100]) {
      const params = basefoldParams(10, preset);
      const claims = [trueClaim(evals, point)];
      const { com, proof } = proveHonest(params, evals, claims);
      verify(params, com.root, claims, proof);
    }
    expect(basefoldSecurity(BASEFOLD_CONJECTURED_100).conjecturedBits).toBe(100);
    expect(basefoldSecurity(BASEFOLD_PROVEN_100).provenBits).toBeCloseTo(100, 3);
    expect(basefoldParams(3).finalVars).toBe(2);
    expect(basefoldParams(2).finalVars).toBe(1);
    // n = 1 leaves 2^(1 + 4 − 1) = 16 layer-0 leaves, fewer than the preset's 25 queries: refused, not weakened.
    expect(() => basefoldParams(1)).toThrow(RangeError);
  });

  it('caller misuse → RangeError (params, evals, claims)', () => {
    const params: BasefoldParams = { vars: 4, logBlowup: 1, logArity: 2, queries: 2, finalVars: 1 };
    const evals = rng('misuse').field(16);
    expect(() => proveHonest({ ...params, vars: 0 }, evals, [])).toThrow(RangeError);
    expect(() => proveHonest({ ...params, logBlowup: 0 }, evals, [])).toThrow(RangeError);
    expect(() => proveHonest({ ...params, logArity: 5 }, evals, [])).toThrow(RangeError);
    expect(() => proveHonest({ ...params, finalVars: 4 }, evals, [])).toThrow(RangeError);
    expect(() => proveHonest({ ...params, queries: 2 ** (4 + 1 - 2) + 1 }, evals, [])).toThrow(RangeError);
    expect(() => proveHonest(params, evals.subarray(1), [])).toThrow(RangeError);
    const bad = Uint32Array.from(evals);
    bad[3] = 0x78000001;
    expect(() => proveHonest(params, bad, [])).toThrow(RangeError);
    expect(() => proveHonest(params, evals, [])).toThrow(RangeError);
    expect(() => proveHonest(params, evals, [{ point: extPoint(rng('x'), 3), value: eFromBase(1) }])).toThrow(RangeError);
    const point = extPoint(rng('y'), 4);
    expect(() => proveHonest(params, evals, [{ point, value: Uint32Array.of(0x78000001, 0, 0, 0) }])).toThrow(RangeError);
    const { com, proof } = proveHonest(params, evals, [trueClaim(evals, point)]);
    expect(() => verify(params, com.root, [{ point, value: Uint32Array.of(0x78000001, 0, 0, 0) }], proof)).toThrow(RangeError);
    expect(() => verify(params, com.root, [], proof)).toThrow(RangeError);
  });
});
