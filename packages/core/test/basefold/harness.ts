/**
 * Test helpers for BaseFold (docs/parts/basefold.md): seeded inputs, honest prove / verify with
 * SHA-256 transcripts, typed-rejection assertions, and a second prover written from the spec (§2–§3)
 * with hooks for cheating provers. With no hooks it must produce the same bytes as `basefoldOpen`;
 * it also returns the byte layout of the proof so tests can corrupt one field at a known offset.
 */
import { expect } from 'vitest';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { P, add, sub } from '../../src/field/babybear.ts';
import { type Ext, eAdd, eMul, eOne, eSub } from '../../src/field/ext4.ts';
import { buildMerkleTree, hashLeaves, multiProofSiblingCount, openMulti } from '../../src/merkle/merkle.ts';
import { cosetNttExt } from '../../src/ntt/ntt.ts';
import { eqTable } from '../../src/poly/eq.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import type { Transcript } from '../../src/transcript/types.ts';
import { seededRng, type LigeroRng } from '../../src/ligero/rng.ts';
import {
  BASEFOLD_PROOF_VERSION,
  BASEFOLD_SHIFT,
  absorbBasefoldCommitment,
  basefoldCommit,
  basefoldLayers,
  basefoldOpen,
  basefoldParamsBytes,
  basefoldVerify,
  foldCoefficients,
  type BasefoldClaim,
  type BasefoldCommitment,
  type BasefoldParams,
} from '../../src/basefold/index.ts';

/** Transcript domain used by every test unless it says otherwise. */
export const DOMAIN = 'vouch-test';

/** A deterministic generator (SHA-256 counter mode) for reproducible inputs. */
export function rng(seed: string): LigeroRng {
  return seededRng(`basefold-test/${seed}`);
}

/** A uniform integer in [lo, hi] from the generator. */
export function randInt(g: LigeroRng, lo: number, hi: number): number {
  const b = g.bytes(4);
  const x = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  return lo + (x % (hi - lo + 1));
}

/** n random ext coordinates, flat. */
export function extPoint(g: LigeroRng, n: number): Uint32Array {
  return g.field(4 * n);
}

/** The ext point with coordinates the bits of i (a hypercube vertex). */
export function cubePoint(i: number, n: number): Uint32Array {
  const z = new Uint32Array(4 * n);
  for (let k = 0; k < n; k++) z[4 * k] = (i >> k) & 1;
  return z;
}

/** A true claim f(point) = MLE(evals)(point). */
export function trueClaim(evals: Uint32Array, point: Uint32Array): BasefoldClaim {
  return { point, value: mleEvalBase(evals, point) };
}

/** A transcript that has absorbed the commitment (what prover and verifier start from). */
export function committed(params: BasefoldParams, root: Uint8Array, domain = DOMAIN): Sha256Transcript {
  const t = new Sha256Transcript(domain, 1);
  absorbBasefoldCommitment(t, params, root);
  return t;
}

/** Commit and open with the library prover. */
export function proveHonest(params: BasefoldParams, evals: Uint32Array, claims: readonly BasefoldClaim[]): { com: BasefoldCommitment; proof: Uint8Array } {
  const com = basefoldCommit(evals, params);
  return { com, proof: basefoldOpen(committed(params, com.root), com, claims) };
}

/** Verify with a fresh transcript (`absorbRoot` is what the verifier's transcript binds, default `root`). */
export function verify(
  params: BasefoldParams,
  root: Uint8Array,
  claims: readonly BasefoldClaim[],
  proof: Uint8Array,
  opts: { domain?: string; absorbRoot?: Uint8Array } = {},
): void {
  basefoldVerify(committed(params, opts.absorbRoot ?? root, opts.domain), params, root, claims, proof);
}

/** Runs `fn` and returns the thrown error (fails if nothing is thrown). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, got none');
}

/** Expects exactly VerificationError(check) at `location` (undefined: no location). */
export function expectCheck(fn: () => unknown, check: string, location?: string): VerificationError {
  const e = thrown(fn);
  expect(e, String(e)).toBeInstanceOf(VerificationError);
  const v = e as VerificationError;
  expect(v.check).toBe(check);
  expect(v.location).toBe(location);
  return v;
}

/** Expects exactly MalformedError naming `field` (a string: equal; a RegExp: matching). */
export function expectMalformed(fn: () => unknown, field: string | RegExp): MalformedError {
  const e = thrown(fn);
  expect(e, String(e)).toBeInstanceOf(MalformedError);
  const m = e as MalformedError;
  if (typeof field === 'string') expect(m.field).toBe(field);
  else expect(m.field).toMatch(field);
  return m;
}

/** Little-endian u32 at `at`. */
export function getU32(b: Uint8Array, at: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);
}

/** A copy of `b` with the u32 at `at` set to `v`. */
export function withU32(b: Uint8Array, at: number, v: number): Uint8Array {
  const out = Uint8Array.from(b);
  new DataView(out.buffer).setUint32(at, v >>> 0, true);
  return out;
}

/** A copy of `b` with the field element at `at` replaced by another canonical one (x + 1 mod p). */
export function bumpElement(b: Uint8Array, at: number): Uint8Array {
  return withU32(b, at, add(getU32(b, at), 1));
}

/** Inverse Möbius (zeta) transform of a flat ext vector: monomial coefficients → hypercube values. */
export function extZeta(c: Uint32Array): Uint32Array {
  const v = Uint32Array.from(c);
  const n = v.length / 4;
  for (let step = 1; step < n; step <<= 1) {
    for (let i = 0; i < n; i++) if (i & step) for (let k = 0; k < 4; k++) v[4 * i + k] = add(v[4 * i + k], v[4 * (i ^ step) + k]);
  }
  return v;
}

/** Möbius transform of a flat ext vector: hypercube values → monomial coefficients. */
export function extMobius(f: Uint32Array): Uint32Array {
  const v = Uint32Array.from(f);
  const n = v.length / 4;
  for (let step = 1; step < n; step <<= 1) {
    for (let i = 0; i < n; i++) if (i & step) for (let k = 0; k < 4; k++) v[4 * i + k] = sub(v[4 * i + k], v[4 * (i ^ step) + k]);
  }
  return v;
}

/** Where each part of a proof sits (docs/parts/basefold.md §3). */
export interface ProofLayout {
  readonly rootsAt: number;
  readonly roundsAt: number;
  readonly finalAt: number;
  readonly layers: readonly {
    /** Distinct leaf indices, ascending (the order of the leaves in the proof). */
    readonly indices: readonly number[];
    readonly leavesAt: number;
    readonly leafBytes: number;
    readonly siblingsAt: number;
    readonly siblings: number;
  }[];
  readonly length: number;
}

/** Hooks of the spec prover; each may return a replacement. */
export interface ProverHooks {
  /** The sumcheck's f table (flat ext, 2^n) given g = Σ ρ^j eq(z_j, ·). */
  sumcheckTable?: (f: Uint32Array, g: Uint32Array) => Uint32Array;
  /** The challenge used to fold the coefficient vector in round i (the sumcheck keeps r_i). */
  foldChallenge?: (i: number, r: Ext) => Ext;
  /** Codeword of layer l ≥ 1 (flat ext, natural order) before it is arranged into leaves and hashed. */
  codeword?: (l: number, codeword: Uint32Array) => Uint32Array;
  /** Final coefficients: `folded` (the folded coefficient vector) or `fromTable` (Möbius of the sumcheck table). */
  finalCoeffs?: (folded: Uint32Array, fromTable: Uint32Array) => Uint32Array;
}

/** Output of {@link specOpen}. */
export interface SpecOpening {
  readonly proof: Uint8Array;
  readonly layout: ProofLayout;
  /** Layer-0 query indices in sampling order. */
  readonly queries: readonly number[];
  /** perLayer[l][j]: leaf index of query j in layer l. */
  readonly perLayer: readonly (readonly number[])[];
  /** Final coefficients from the folded coefficients and from the sumcheck table (equal when honest). */
  readonly finalFolded: Uint32Array;
  readonly finalFromTable: Uint32Array;
  /** Codewords of layers ≥ 1 as committed (index l − 1). */
  readonly codewords: readonly Uint32Array[];
}

function pairRound(f: Uint32Array, g: Uint32Array): Uint32Array {
  let h0: Ext = new Uint32Array(4);
  let h2: Ext = new Uint32Array(4);
  for (let t = 0; t < f.length / 8; t++) {
    const f0 = f.subarray(8 * t, 8 * t + 4);
    const f1 = f.subarray(8 * t + 4, 8 * t + 8);
    const g0 = g.subarray(8 * t, 8 * t + 4);
    const g1 = g.subarray(8 * t + 4, 8 * t + 8);
    h0 = eAdd(h0, eMul(f0, g0));
    h2 = eAdd(h2, eMul(eSub(eAdd(f1, f1), f0), eSub(eAdd(g1, g1), g0)));
  }
  const out = new Uint32Array(8);
  out.set(h0);
  out.set(h2, 4);
  return out;
}

function fixLow(t: Uint32Array, r: Ext): Uint32Array {
  const out = new Uint32Array(t.length / 2);
  for (let i = 0; i < t.length / 8; i++) {
    const lo = t.subarray(8 * i, 8 * i + 4);
    out.set(eAdd(lo, eMul(r, eSub(t.subarray(8 * i + 4, 8 * i + 8), lo))), 4 * i);
  }
  return out;
}

function leafBytesOf(codeword: Uint32Array, width: 1 | 4, logSize: number, a: number): Uint8Array {
  const m = 2 ** (logSize - a);
  const out = new Uint8Array(codeword.length * 4);
  const view = new DataView(out.buffer);
  let o = 0;
  for (let leaf = 0; leaf < m; leaf++) {
    for (let k = 0; k < 2 ** a; k++) {
      for (let c = 0; c < width; c++, o += 4) view.setUint32(o, codeword[(leaf + k * m) * width + c], true);
    }
  }
  return out;
}

function u32le(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(4 * words.length);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(4 * i, w, true));
  return out;
}

/**
 * A BaseFold prover written from docs/parts/basefold.md §2–§3 (not from open.ts), continuing `tr`
 * after the commitment, with cheating hooks.
 */
export function specOpen(tr: Transcript, com: BasefoldCommitment, claims: readonly BasefoldClaim[], hooks: ProverHooks = {}): SpecOpening {
  const p = com.params;
  const n = p.vars;
  const layers = basefoldLayers(p);
  tr.absorbU32('basefold.claims', claims.length);
  for (const c of claims) {
    tr.absorbExt('basefold.point', c.point);
    tr.absorbExt('basefold.value', c.value);
  }
  const rho = tr.challengeExt('basefold.rho');
  let g: Uint32Array = new Uint32Array(4 * 2 ** n);
  let pw = eOne();
  for (const c of claims) {
    const e = eqTable(c.point);
    for (let i = 0; i < 2 ** n; i++) g.set(eAdd(g.subarray(4 * i, 4 * i + 4), eMul(pw, e.subarray(4 * i, 4 * i + 4))), 4 * i);
    pw = eMul(pw, rho);
  }
  let f: Uint32Array = new Uint32Array(4 * 2 ** n);
  com.evals.forEach((x, i) => (f[4 * i] = x));
  if (hooks.sumcheckTable) f = hooks.sumcheckTable(f, g);
  let coeffs = foldLow0(com.coeffs);
  const rounds = new Uint32Array(8 * n);
  const roots: Uint8Array[] = [];
  const trees = [{ leaves: com.leaves, leafBytes: com.leafBytes, tree: com.tree }];
  const codewords: Uint32Array[] = [];
  let finalFolded: Uint32Array = new Uint32Array(0);
  let finalFromTable: Uint32Array = new Uint32Array(0);
  let finalSent: Uint32Array = new Uint32Array(0);
  for (let i = 0; i < n; i++) {
    const msg = pairRound(f, g);
    rounds.set(msg, 8 * i);
    tr.absorbExt('basefold.round', msg);
    const r = tr.challengeExt('basefold.r');
    f = fixLow(f, r);
    g = fixLow(g, r);
    if (i < n - p.finalVars) coeffs = foldCoefficients(coeffs, hooks.foldChallenge ? hooks.foldChallenge(i, r) : r, true);
    const l = layers.findIndex((x) => x.firstVar + x.vars === i + 1);
    if (l >= 0 && l < layers.length - 1) {
      const next = layers[l + 1];
      let cw = cosetNttExt(coeffs, pow2Shift(next.firstVar), 2 ** next.logSize);
      if (hooks.codeword) cw = hooks.codeword(l + 1, cw);
      codewords.push(cw);
      const leaves = leafBytesOf(cw, 4, next.logSize, next.vars);
      const leafBytes = 16 * 2 ** next.vars;
      const tree = buildMerkleTree(hashLeaves(leaves, leafBytes), next.depth);
      trees.push({ leaves, leafBytes, tree });
      roots.push(tree.root);
      tr.absorbDigest('basefold.root', tree.root);
    }
    if (i + 1 === n - p.finalVars) {
      finalFolded = coeffs;
      finalFromTable = extMobius(f);
      finalSent = hooks.finalCoeffs ? hooks.finalCoeffs(finalFolded, finalFromTable) : finalFolded;
      tr.absorbExt('basefold.final', finalSent);
    }
  }
  const queries = tr.challengeIndices('basefold.queries', 2 ** layers[0].depth, p.queries);
  const perLayer: number[][] = [];
  let cur = [...queries];
  for (let l = 0; l < layers.length; l++) {
    perLayer.push(cur);
    if (l + 1 < layers.length) cur = cur.map((m) => m % 2 ** layers[l + 1].depth);
  }
  const parts: Uint8Array[] = [Uint8Array.of(BASEFOLD_PROOF_VERSION), basefoldParamsBytes(p), ...roots, u32le(rounds), u32le(finalSent)];
  let at = parts.reduce((s, x) => s + x.length, 0);
  const rootsAt = 21;
  const roundsAt = rootsAt + 32 * roots.length;
  const finalAt = roundsAt + rounds.length * 4;
  const layout: ProofLayout['layers'][number][] = [];
  perLayer.forEach((idx, l) => {
    const t = trees[l];
    const sorted = [...new Set(idx)].sort((x, y) => x - y);
    const leavesAt = at;
    for (const m of sorted) parts.push(t.leaves.subarray(m * t.leafBytes, (m + 1) * t.leafBytes));
    at += sorted.length * t.leafBytes;
    const sib = openMulti(t.tree, sorted).siblings;
    if (sib.length !== 32 * multiProofSiblingCount(layers[l].depth, sorted)) throw new Error('specOpen: sibling count differs from multiProofSiblingCount');
    parts.push(sib);
    layout.push({ indices: sorted, leavesAt, leafBytes: t.leafBytes, siblingsAt: at, siblings: sib.length / 32 });
    at += sib.length;
  });
  const proof = new Uint8Array(at);
  let o = 0;
  for (const x of parts) {
    proof.set(x, o);
    o += x.length;
  }
  return { proof, layout: { rootsAt, roundsAt, finalAt, layers: layout, length: at }, queries, perLayer, finalFolded, finalFromTable, codewords };
}

/** Base coefficients as flat ext (so every fold uses the ext path of foldCoefficients). */
function foldLow0(c: Uint32Array): Uint32Array {
  const out = new Uint32Array(4 * c.length);
  c.forEach((x, i) => (out[4 * i] = x));
  return out;
}

/** s_0^(2^k) by repeated squaring (independent of encode.ts's layerShift). */
export function pow2Shift(k: number): number {
  let s = BigInt(BASEFOLD_SHIFT);
  for (let i = 0; i < k; i++) s = (s * s) % BigInt(P);
  return Number(s);
}

/** The honest layout of a library proof (via the spec prover, which must reproduce its bytes). */
export function layoutOf(params: BasefoldParams, com: BasefoldCommitment, claims: readonly BasefoldClaim[], proof: Uint8Array): SpecOpening {
  const s = specOpen(committed(params, com.root), com, claims);
  expect(Buffer.from(s.proof).equals(Buffer.from(proof))).toBe(true);
  return s;
}
