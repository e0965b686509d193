/**
 * BaseFold soundness (docs/parts/basefold.md §4, checks 2–5): each verifier check broken exactly,
 * with exactly its typed rejection — a false claim, changed rounds and final coefficients
 * (sumcheck), changed leaves and siblings (Merkle, per layer), cheating provers that commit a wrong
 * folded codeword (fold, per layer and query) or send a final polynomial that is not the fold of the
 * last codeword while keeping the sumcheck consistent (final-fold), and transcript desyncs (another
 * commitment, another domain, other claims).
 *
 * Mutations that change the transcript (rounds, final coefficients, roots, claims, domain) use a
 * shape in which every leaf of every layer is opened (q = M_0), so the byte layout cannot depend on
 * the query indices and the verifier reaches its first semantic check; in a general shape such a
 * change may already fail reading (MalformedError), see format.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type Ext, eAdd, eNeg, eOf } from '../../src/field/ext4.ts';
import { basefoldCommit, basefoldLayers, type BasefoldClaim, type BasefoldParams } from '../../src/basefold/index.ts';
import { FIXTURE_PARAMS, fixtureClaims, fixtureEvals, readFixture } from './fixture.ts';
import {
  bumpElement,
  committed,
  expectCheck,
  extPoint,
  layoutOf,
  proveHonest,
  rng,
  specOpen,
  trueClaim,
  verify,
  type ProverHooks,
  type SpecOpening,
} from './harness.ts';

/** n = 5, R = 1, a = 2, f = 1: layers of 16 and 4 leaves, all opened (q = 16), no siblings. */
const FULL: BasefoldParams = { vars: 5, logBlowup: 1, logArity: 2, queries: 16, finalVars: 1 };
/** n = 7, R = 2, a = 2, f = 1: three layers (for layer-2 checks). */
const THREE: BasefoldParams = { vars: 7, logBlowup: 2, logArity: 2, queries: 6, finalVars: 1 };
/** n = 4, R = 2, a = 3, f = 1: a single layer, folded straight into the final polynomial. */
const ONE: BasefoldParams = { vars: 4, logBlowup: 2, logArity: 3, queries: 5, finalVars: 1 };
/** n = 5, R = 1, a = 2, f = 0: the final polynomial is a constant. */
const CONST: BasefoldParams = { vars: 5, logBlowup: 1, logArity: 2, queries: 6, finalVars: 0 };

interface Case {
  params: BasefoldParams;
  evals: Uint32Array;
  claims: BasefoldClaim[];
}

function instance(params: BasefoldParams, seed: string, m = 2): Case {
  const g = rng(seed);
  const evals = g.field(2 ** params.vars);
  const claims = Array.from({ length: m }, () => trueClaim(evals, extPoint(g, params.vars)));
  return { params, evals, claims };
}

/** Opens `c` with the spec prover and `hooks`; returns the opening and a verifier of its bytes. */
function cheat(c: Case, hooks: ProverHooks): SpecOpening & { root: Uint8Array; run: () => void } {
  const com = basefoldCommit(c.evals, c.params);
  const s = specOpen(committed(c.params, com.root), com, c.claims, hooks);
  return { ...s, root: com.root, run: () => verify(c.params, com.root, c.claims, s.proof) };
}

function one(x: number): Ext {
  return eOf(x);
}

describe('basefold verifier rejections', () => {
  const fixture = readFixture();
  const fixCom = basefoldCommit(fixtureEvals, FIXTURE_PARAMS);
  const fixLayout = layoutOf(FIXTURE_PARAMS, fixCom, fixtureClaims, fixture.proof).layout;
  const verifyFixture = (b: Uint8Array) => verify(FIXTURE_PARAMS, fixture.root, fixtureClaims, b);

  const full = instance(FULL, 'full', 3);
  const fullProof = proveHonest(FULL, full.evals, full.claims);
  const fullLayout = layoutOf(FULL, fullProof.com, full.claims, fullProof.proof).layout;
  const verifyFull = (b: Uint8Array, claims: readonly BasefoldClaim[] = full.claims) => verify(FULL, fullProof.com.root, claims, b);

  it('controls: the honest fixture, full-query and other shapes verify; the full-query layout has no siblings', () => {
    verifyFixture(fixture.proof);
    verifyFull(fullProof.proof);
    expect(fullLayout.layers.map((l) => [l.indices.length, l.siblings])).toEqual([
      [16, 0],
      [4, 0],
    ]);
    for (const c of [instance(THREE, 'three'), instance(ONE, 'one'), instance(CONST, 'const')]) cheat(c, {}).run();
  });

  // ── check 2: the end of the sumcheck ──

  it('a false claim value (honest prover) → basefold.sumcheck', () => {
    const claims = fixtureClaims.map((c) => ({ point: c.point, value: eAdd(c.value, one(1)) }));
    const { com, proof } = proveHonest(FIXTURE_PARAMS, fixtureEvals, claims);
    expectCheck(() => verify(FIXTURE_PARAMS, com.root, claims, proof), 'basefold.sumcheck');
  });

  it('one false claim among three → basefold.sumcheck', () => {
    const claims = full.claims.map((c, j) => (j === 1 ? { point: c.point, value: eAdd(c.value, one(5)) } : c));
    const { com, proof } = proveHonest(FULL, full.evals, claims);
    expectCheck(() => verify(FULL, com.root, claims, proof), 'basefold.sumcheck');
  });

  it('any round value changed (h_i(0) or h_i(2), every round) → basefold.sumcheck', () => {
    for (let i = 0; i < FULL.vars; i++) {
      for (const half of [0, 16]) {
        const at = fullLayout.roundsAt + 32 * i + half + 4 * (i % 4);
        expectCheck(() => verifyFull(bumpElement(fullProof.proof, at)), 'basefold.sumcheck');
      }
    }
  });

  it('a final coefficient changed (each of the 2^f) → basefold.sumcheck', () => {
    for (let k = 0; k < 2 ** FULL.finalVars; k++) {
      expectCheck(() => verifyFull(bumpElement(fullProof.proof, fullLayout.finalAt + 16 * k + 4 * k)), 'basefold.sumcheck');
    }
  });

  it('a changed root_1 is bound by the transcript before the remaining rounds → basefold.sumcheck, not Merkle', () => {
    const b = Uint8Array.from(fullProof.proof);
    b[fullLayout.rootsAt + 7] ^= 0x10;
    expectCheck(() => verifyFull(b), 'basefold.sumcheck');
  });

  // ── check 3: Merkle openings, per layer ──

  it('a layer-0 leaf element changed (kept canonical), every opened leaf → basefold.merkle (layer 0)', () => {
    const l0 = fixLayout.layers[0];
    l0.indices.forEach((_, d) => {
      const at = l0.leavesAt + d * l0.leafBytes + 4 * (d % 4);
      expectCheck(() => verifyFixture(bumpElement(fixture.proof, at)), 'basefold.merkle', 'layer 0');
    });
  });

  it('a layer-1 leaf coordinate changed (kept canonical), every opened leaf → basefold.merkle (layer 1)', () => {
    const l1 = fixLayout.layers[1];
    l1.indices.forEach((_, d) => {
      const at = l1.leavesAt + d * l1.leafBytes + 4 * (d % 16);
      expectCheck(() => verifyFixture(bumpElement(fixture.proof, at)), 'basefold.merkle', 'layer 1');
    });
  });

  it('a layer-2 leaf changed (three layers) → basefold.merkle (layer 2)', () => {
    const c = cheat(instance(THREE, 'three-merkle'), {});
    const l2 = c.layout.layers[2];
    expect(basefoldLayers(THREE).length).toBe(3);
    const b = bumpElement(c.proof, l2.leavesAt + l2.leafBytes - 4);
    expectCheck(() => verify(THREE, c.root, instance(THREE, 'three-merkle').claims, b), 'basefold.merkle', 'layer 2');
  });

  it('a sibling hash changed (every sibling of layers 0 and 1) → basefold.merkle of that layer', () => {
    fixLayout.layers.forEach((l, layer) => {
      expect(l.siblings).toBeGreaterThan(0);
      for (let s = 0; s < l.siblings; s++) {
        const b = Uint8Array.from(fixture.proof);
        b[l.siblingsAt + 32 * s + (s % 32)] ^= 1 << (s % 8);
        expectCheck(() => verifyFixture(b), 'basefold.merkle', `layer ${layer}`);
      }
    });
  });

  it('two opened layer-0 leaves swapped → basefold.merkle (layer 0)', () => {
    const l0 = fixLayout.layers[0];
    const b = Uint8Array.from(fixture.proof);
    b.set(fixture.proof.subarray(l0.leavesAt + l0.leafBytes, l0.leavesAt + 2 * l0.leafBytes), l0.leavesAt);
    b.set(fixture.proof.subarray(l0.leavesAt, l0.leavesAt + l0.leafBytes), l0.leavesAt + l0.leafBytes);
    expectCheck(() => verifyFixture(b), 'basefold.merkle', 'layer 0');
  });

  it('the verifier checks the proof against another root_0 than its transcript bound → basefold.merkle (layer 0)', () => {
    const other = basefoldCommit(rng('other-root').field(64), FIXTURE_PARAMS).root;
    expectCheck(() => verify(FIXTURE_PARAMS, other, fixtureClaims, fixture.proof, { absorbRoot: fixture.root }), 'basefold.merkle', 'layer 0');
  });

  // ── check 4: fold consistency between committed layers ──

  it('cheating prover: layer-1 codeword from a wrong fold challenge (final coefficients honest) → basefold.fold (layer 1, query 0)', () => {
    const c = cheat(instance(FIXTURE_PARAMS, 'fold-1'), {
      foldChallenge: (i, r) => (i === 1 ? eAdd(r, one(1)) : r),
      finalCoeffs: (_, fromTable) => fromTable,
    });
    expect(c.finalFromTable).not.toEqual(c.finalFolded);
    expectCheck(c.run, 'basefold.fold', 'layer 1, query 0');
  });

  it('cheating prover: layer-2 codeword from a wrong fold challenge (layers 0, 1 honest) → basefold.fold (layer 2, query 0)', () => {
    const c = cheat(instance(THREE, 'fold-2'), {
      foldChallenge: (i, r) => (i === 3 ? eAdd(r, one(7)) : r),
      finalCoeffs: (_, fromTable) => fromTable,
    });
    expectCheck(c.run, 'basefold.fold', 'layer 2, query 0');
  });

  /**
   * Perturbs codeword `layer` at `index` by δ = 1, 2, … until the first query whose layer-`layer`
   * leaf holds `index` opens it through the fold of exactly that index (so the first failing check
   * is the fold into `layer`, not the next fold that reads the leaf); returns that query.
   */
  function perturbOne(c: Case, layer: number, index: number): { opening: ReturnType<typeof cheat>; query: number; tries: number } {
    const layers = basefoldLayers(c.params);
    const leaves = 2 ** layers[layer].depth;
    for (let delta = 1; delta < 2000; delta++) {
      const opening = cheat(c, {
        codeword: (l, cw) => {
          if (l !== layer) return cw;
          const out = Uint32Array.from(cw);
          out[4 * index] = (out[4 * index] + delta) % 0x78000001;
          return out;
        },
      });
      const j = opening.perLayer[layer].findIndex((m) => m === index % leaves);
      if (j >= 0 && opening.perLayer[layer - 1][j] === index) return { opening, query: j, tries: delta };
    }
    throw new Error('perturbOne: no hit');
  }

  it('cheating prover: one value of the committed layer-1 codeword wrong → basefold.fold (layer 1, query j) for the query that reads it', () => {
    const c = instance(FIXTURE_PARAMS, 'one-value-1');
    for (const index of [5, 40]) {
      const { opening, query } = perturbOne(c, 1, index);
      expectCheck(opening.run, 'basefold.fold', `layer 1, query ${query}`);
    }
  });

  it('cheating prover: one value of the committed layer-2 codeword wrong → basefold.fold (layer 2, query j)', () => {
    const c = instance(THREE, 'one-value-2');
    const { opening, query } = perturbOne(c, 2, 9);
    expectCheck(opening.run, 'basefold.fold', `layer 2, query ${query}`);
  });

  // ── check 5: the last fold against the final polynomial ──

  /**
   * The sumcheck runs on f' = f + Δ with Σ_b Δ(b)·g(b) = 0 (Δ(0) = g(1), Δ(1) = −g(0)), so every
   * round and the end claim are consistent with the final coefficients Möbius(f'(r, ·)); the
   * committed codewords stay those of f, so only the last fold can tell.
   */
  const shiftedTable: ProverHooks = {
    sumcheckTable: (f, g) => {
      const out = Uint32Array.from(f);
      out.set(eAdd(f.subarray(0, 4), g.subarray(4, 8)), 0);
      out.set(eAdd(f.subarray(4, 8), eNeg(g.subarray(0, 4))), 4);
      return out;
    },
    finalCoeffs: (_, fromTable) => fromTable,
  };

  it('cheating prover: final coefficients not the fold of the last codeword, sumcheck consistent → basefold.final-fold (query 0)', () => {
    for (const [params, seed] of [
      [FIXTURE_PARAMS, 'final-2'],
      [ONE, 'final-1'],
      [THREE, 'final-3'],
      [CONST, 'final-const'],
    ] as const) {
      const c = cheat(instance(params, seed), shiftedTable);
      expect(c.finalFromTable, seed).not.toEqual(c.finalFolded);
      expectCheck(c.run, 'basefold.final-fold', 'query 0');
    }
  });

  it('the same final coefficients without the consistent sumcheck → basefold.sumcheck (the earlier check)', () => {
    const c = cheat(instance(FIXTURE_PARAMS, 'final-2'), { finalCoeffs: (folded) => Uint32Array.from(folded, (x, i) => (i === 4 ? (x + 1) % 0x78000001 : x)) });
    expectCheck(c.run, 'basefold.sumcheck');
  });

  // ── transcript binding ──

  it('a proof for another commitment (verifier binds and checks the other root) → basefold.sumcheck', () => {
    const other = basefoldCommit(rng('other-commitment').field(2 ** FULL.vars), FULL).root;
    expectCheck(() => verify(FULL, other, full.claims, fullProof.proof), 'basefold.sumcheck');
  });

  it('a proof replayed under another transcript domain → basefold.sumcheck', () => {
    expectCheck(() => verify(FULL, fullProof.com.root, full.claims, fullProof.proof, { domain: 'vouch-other' }), 'basefold.sumcheck');
  });

  it('other claims: a different point (value kept), claims reordered, one claim dropped → basefold.sumcheck', () => {
    const moved = full.claims.map((c, j) => (j === 0 ? { point: extPoint(rng('moved'), FULL.vars), value: c.value } : c));
    expectCheck(() => verifyFull(fullProof.proof, moved), 'basefold.sumcheck');
    expectCheck(() => verifyFull(fullProof.proof, [...full.claims].reverse()), 'basefold.sumcheck');
    expectCheck(() => verifyFull(fullProof.proof, full.claims.slice(1)), 'basefold.sumcheck');
  });

  it('the honest claim at a different point (a true value there) is still rejected → basefold.sumcheck', () => {
    const pt = extPoint(rng('true-elsewhere'), FULL.vars);
    const claims = [trueClaim(full.evals, pt), ...full.claims.slice(1)];
    expectCheck(() => verifyFull(fullProof.proof, claims), 'basefold.sumcheck');
  });
});
