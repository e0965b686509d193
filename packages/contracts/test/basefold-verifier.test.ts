/**
 * BasefoldVerifier.sol (through BasefoldHarness.sol) against packages/core/src/basefold
 * (docs/parts/basefold.md §2–§4), differentially on anvil: honest openings of many shapes verify on
 * both sides; a corpus of tampered proofs gets the same verdict from the TS verifier and the
 * contract (error name and, where it has them, layer / query / field); each check of spec §4 is hit
 * with exactly its error. A small spec prover with hooks (below) plays the cheating provers that
 * reach the fold checks; without hooks it writes the same bytes as `basefoldOpen`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, type Address } from 'viem';
import {
  BASEFOLD_CONJECTURED_100,
  BASEFOLD_PARAMS_FIELDS,
  MalformedError,
  P,
  VerificationError,
  add,
  basefoldCommit,
  basefoldLayers,
  basefoldOpen,
  basefoldParams,
  basefoldParamsBytes,
  basefoldVerify,
  buildMerkleTree,
  codewordLeaves,
  cosetNttExt,
  eAdd,
  eMul,
  eOne,
  eSub,
  eqTable,
  foldCoefficients,
  hashLeaves,
  layerShift,
  mleEvalBase,
  openMulti,
  seededRng,
  sub,
  type BasefoldClaim,
  type BasefoldCommitment,
  type BasefoldParams,
  type Ext,
  type Transcript,
} from '@vouch/core';
import {
  BasefoldHarness,
  ContractRevertError,
  basefoldStatementTranscript,
  deployBasefoldHarness,
  encodeBasefoldClaims,
  encodeBasefoldParams,
  estimateBasefoldGas,
  verifyBasefoldCall,
  withRevertDecoding,
} from '../src/index.ts';
import { startChain, HARDFORK, type Chain } from './chain-helpers.ts';

// ---------------------------------------------------------------- instances

interface Instance {
  readonly params: BasefoldParams;
  readonly evals: Uint32Array;
  readonly com: BasefoldCommitment;
  readonly claims: BasefoldClaim[];
}

const shape = (vars: number, logBlowup: number, logArity: number, queries: number, finalVars: number): BasefoldParams => ({ vars, logBlowup, logArity, queries, finalVars });

/** Random base evaluations and m true claims at random ext points (deterministic in `seed`). */
function instance(params: BasefoldParams, m: number, seed: string): Instance {
  const g = seededRng(`basefold-onchain/${seed}`);
  const evals = g.field(2 ** params.vars);
  const claims = Array.from({ length: m }, () => {
    const point = g.field(4 * params.vars);
    return { point, value: mleEvalBase(evals, point) };
  });
  return { params, evals, com: basefoldCommit(evals, params), claims };
}

const honestProof = (x: Instance): Uint8Array => basefoldOpen(basefoldStatementTranscript(x.params, x.com.root), x.com, x.claims);

// ---------------------------------------------------------------- a spec prover with hooks

interface Hooks {
  /** Replaces the committed codeword of layer l ≥ 1 (flat ext, natural order). */
  codeword?: (l: number, cw: Uint32Array) => Uint32Array;
  /** Replaces the sumcheck's f table when n − f variables are folded; the final coefficients become its Möbius transform. */
  finalTable?: (f: Uint32Array, g: Uint32Array) => Uint32Array;
}

interface Layout {
  readonly roundsAt: number;
  readonly finalAt: number;
  readonly layers: { indices: number[]; leavesAt: number; leafBytes: number; siblingsAt: number; siblings: number }[];
}

const extAt = (v: Uint32Array, i: number): Ext => v.subarray(4 * i, 4 * i + 4);

/** Möbius transform of a flat ext table (hypercube values → monomial coefficients). */
function extMobius(f: Uint32Array): Uint32Array {
  const v = Uint32Array.from(f);
  const n = v.length / 4;
  for (let s = 1; s < n; s <<= 1) for (let i = 0; i < n; i++) if (i & s) for (let c = 0; c < 4; c++) v[4 * i + c] = sub(v[4 * i + c], v[4 * (i ^ s) + c]);
  return v;
}

/** Folds a flat ext table by its lowest variable: T[2t] + r·(T[2t+1] − T[2t]). */
function foldLow(t: Uint32Array, r: Ext): Uint32Array {
  const out = new Uint32Array(t.length / 2);
  for (let i = 0; i < out.length / 4; i++) out.set(eAdd(extAt(t, 2 * i), eMul(r, eSub(extAt(t, 2 * i + 1), extAt(t, 2 * i)))), 4 * i);
  return out;
}

/** Spec §2–§3 opening (what basefoldOpen does), with hooks for cheating provers; returns the bytes and where each part lies. */
function specOpen(tr: Transcript, com: BasefoldCommitment, claims: readonly BasefoldClaim[], hooks: Hooks = {}): { proof: Uint8Array; layout: Layout } {
  const p = com.params;
  const n = p.vars;
  const layers = basefoldLayers(p);
  tr.absorbU32('basefold.claims', claims.length);
  for (const c of claims) {
    tr.absorbExt('basefold.point', c.point);
    tr.absorbExt('basefold.value', c.value);
  }
  const rho = tr.challengeExt('basefold.rho');
  let g: Uint32Array = new Uint32Array(4 << n);
  let pw = eOne();
  for (const c of claims) {
    const t = eqTable(c.point);
    for (let i = 0; i < 2 ** n; i++) g.set(eAdd(extAt(g, i), eMul(pw, extAt(t, i))), 4 * i);
    pw = eMul(pw, rho);
  }
  let f: Uint32Array = new Uint32Array(4 << n);
  com.evals.forEach((x, i) => (f[4 * i] = x));
  let coeffs: Uint32Array = com.coeffs;
  const rounds: Uint32Array[] = [];
  const trees = [{ leaves: com.leaves, leafBytes: com.leafBytes, tree: com.tree }];
  let finals: Uint32Array = new Uint32Array(0);
  for (let i = 0; i < n; i++) {
    let h0: Ext = new Uint32Array(4);
    let h2: Ext = new Uint32Array(4);
    for (let t = 0; t < f.length / 8; t++) {
      const [f0, f1, g0, g1] = [extAt(f, 2 * t), extAt(f, 2 * t + 1), extAt(g, 2 * t), extAt(g, 2 * t + 1)];
      h0 = eAdd(h0, eMul(f0, g0));
      h2 = eAdd(h2, eMul(eSub(eAdd(f1, f1), f0), eSub(eAdd(g1, g1), g0)));
    }
    const msg = Uint32Array.from([...h0, ...h2]);
    rounds.push(msg);
    tr.absorbExt('basefold.round', msg);
    const r = tr.challengeExt('basefold.r');
    f = foldLow(f, r);
    g = foldLow(g, r);
    if (i < n - p.finalVars) coeffs = foldCoefficients(coeffs, r, i > 0);
    const l = layers.findIndex((x) => x.firstVar + x.vars === i + 1);
    if (l >= 0 && l < layers.length - 1) {
      const next = layers[l + 1];
      let cw = cosetNttExt(coeffs, layerShift(next.firstVar), 2 ** next.logSize);
      cw = hooks.codeword?.(l + 1, cw) ?? cw;
      const { bytes, leafBytes } = codewordLeaves(cw, true, next.logSize, next.vars);
      const tree = buildMerkleTree(hashLeaves(bytes, leafBytes), next.depth);
      trees.push({ leaves: bytes, leafBytes, tree });
      tr.absorbDigest('basefold.root', tree.root);
    }
    if (i + 1 === n - p.finalVars) {
      if (hooks.finalTable) f = hooks.finalTable(f, g);
      finals = hooks.finalTable ? extMobius(f) : coeffs;
      tr.absorbExt('basefold.final', finals);
    }
  }
  const queries = tr.challengeIndices('basefold.queries', 2 ** layers[0].depth, p.queries);
  const parts: Uint8Array[] = [Uint8Array.of(1), basefoldParamsBytes(p), ...trees.slice(1).map((t) => t.tree.root)];
  const words = (w: Uint32Array): Uint8Array => new Uint8Array(Uint32Array.from(w).buffer); // little-endian hosts
  let at = 21 + 32 * (trees.length - 1);
  const roundsAt = at;
  for (const r of rounds) parts.push(words(r));
  at += 32 * n;
  const finalAt = at;
  parts.push(words(finals));
  at += finals.length * 4;
  const out: Layout['layers'] = [];
  let cur = [...queries];
  trees.forEach((t, l) => {
    const indices = [...new Set(cur)].sort((x, y) => x - y);
    const leavesAt = at;
    for (const m of indices) parts.push(t.leaves.subarray(m * t.leafBytes, (m + 1) * t.leafBytes));
    at += indices.length * t.leafBytes;
    const sib = openMulti(t.tree, indices).siblings;
    parts.push(sib);
    out.push({ indices, leavesAt, leafBytes: t.leafBytes, siblingsAt: at, siblings: sib.length / 32 });
    at += sib.length;
    if (l + 1 < trees.length) cur = cur.map((m) => m & (2 ** layers[l + 1].depth - 1));
  });
  const proof = new Uint8Array(at);
  let o = 0;
  for (const x of parts) {
    proof.set(x, o);
    o += x.length;
  }
  return { proof, layout: { roundsAt, finalAt, layers: out } };
}

const specProof = (x: Instance, hooks: Hooks = {}) => specOpen(basefoldStatementTranscript(x.params, x.com.root), x.com, x.claims, hooks);

// ---------------------------------------------------------------- verdicts

/** Roots of a (possibly tampered) proof: root_0 given, root_1 … from the proof bytes. */
function rootsOf(params: BasefoldParams, root: Uint8Array, proof: Uint8Array): string[] {
  const L = basefoldLayers(params).length;
  const out = [Buffer.from(root).toString('hex')];
  for (let l = 1; l < L; l++) out.push(Buffer.from(proof.subarray(21 + 32 * (l - 1), 21 + 32 * l)).toString('hex'));
  return out;
}

/** The TS verifier's verdict, named as the contract names it (with layer / query / field where both give them). */
function tsVerdict(params: BasefoldParams, root: Uint8Array, claims: readonly BasefoldClaim[], proof: Uint8Array): string {
  try {
    basefoldVerify(basefoldStatementTranscript(params, root), params, root, claims, proof);
    return 'ok';
  } catch (e) {
    if (e instanceof MalformedError) {
      if (e.field === 'basefold.version') return 'BadProofVersion';
      if (/truncated/.test(e.message)) return 'Truncated';
      if (/trailing/.test(e.message)) return 'TrailingBytes';
      if (/canonical/.test(e.message)) return 'NonCanonical';
      return `Malformed(${e.message})`;
    }
    if (e instanceof VerificationError) {
      const loc = e.location ?? '';
      switch (e.check) {
        case 'basefold.params':
          return `ParamsMismatch(${BASEFOLD_PARAMS_FIELDS.indexOf(loc as (typeof BASEFOLD_PARAMS_FIELDS)[number])})`;
        case 'basefold.sumcheck':
          return 'SumcheckMismatch';
        case 'basefold.merkle':
          return `MerkleRootMismatch(${loc})`;
        case 'basefold.fold':
          return `FoldMismatch(${loc})`;
        case 'basefold.final-fold':
          return `FinalFoldMismatch(${loc})`;
      }
    }
    throw e;
  }
}

// ---------------------------------------------------------------- tampering

/** Little-endian u32 at `at`. */
const getU32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);

/** A copy of b with the u32 at `at` set to v. */
function withU32(b: Uint8Array, at: number, v: number): Uint8Array {
  const out = Uint8Array.from(b);
  new DataView(out.buffer).setUint32(at, v >>> 0, true);
  return out;
}

/** A copy of b with the element at `at` replaced by another canonical one. */
const bump = (b: Uint8Array, at: number): Uint8Array => withU32(b, at, add(getU32(b, at), 1));

/** A copy of b with one bit of byte `at` flipped. */
function flip(b: Uint8Array, at: number): Uint8Array {
  const out = Uint8Array.from(b);
  out[at] ^= 1;
  return out;
}

interface Item {
  readonly name: string;
  readonly proof: Uint8Array;
  readonly claims?: readonly BasefoldClaim[];
  readonly root?: Uint8Array;
}

/** The tampered proofs of one instance: one change per section of spec §3, plus wrong claims and roots. */
function corpus(x: Instance, proof: Uint8Array, layout: Layout): Item[] {
  const p = x.params;
  const L = layout.layers.length;
  const items: Item[] = [
    { name: 'version byte 2', proof: withU32(proof, 0, (getU32(proof, 0) & ~0xff) | 2) },
    ...BASEFOLD_PARAMS_FIELDS.map((f, i) => ({ name: `header ${f} + 1`, proof: withU32(proof, 1 + 4 * i, getU32(proof, 1 + 4 * i) + 1) })),
    ...Array.from({ length: L - 1 }, (_, l) => ({ name: `root_${l + 1} flipped`, proof: flip(proof, 21 + 32 * l + 5) })),
    { name: 'round 0 h(0)', proof: bump(proof, layout.roundsAt) },
    { name: `round ${p.vars - 1} h(2)`, proof: bump(proof, layout.roundsAt + 32 * (p.vars - 1) + 16 + 12) },
    { name: 'final coefficient 0', proof: bump(proof, layout.finalAt) },
    { name: 'last final coefficient', proof: bump(proof, layout.finalAt + 16 * 2 ** p.finalVars - 4) },
    ...layout.layers.flatMap((ly, l) => [
      { name: `layer ${l} first leaf`, proof: bump(proof, ly.leavesAt) },
      { name: `layer ${l} last leaf, last element`, proof: bump(proof, ly.leavesAt + ly.indices.length * ly.leafBytes - 4) },
      ...(ly.siblings > 0 ? [{ name: `layer ${l} sibling`, proof: flip(proof, ly.siblingsAt + 32 * (ly.siblings - 1) + 31) }] : []),
    ]),
    { name: 'truncated by 1', proof: proof.subarray(0, proof.length - 1) },
    { name: 'truncated to half', proof: proof.subarray(0, proof.length >> 1) },
    { name: 'truncated inside the rounds', proof: proof.subarray(0, layout.roundsAt + 7) },
    { name: 'trailing byte', proof: Uint8Array.from([...proof, 0]) },
    { name: 'non-canonical round value (= p)', proof: withU32(proof, layout.roundsAt + 4, P) },
    { name: 'non-canonical final coefficient (2^32 − 1)', proof: withU32(proof, layout.finalAt, 0xffffffff) },
    { name: 'non-canonical layer-0 leaf value', proof: withU32(proof, layout.layers[0].leavesAt, P) },
    { name: `non-canonical layer-${L - 1} leaf value`, proof: withU32(proof, layout.layers[L - 1].leavesAt + 8, P + 5) },
    { name: 'wrong claim value', proof, claims: x.claims.map((c, j) => (j === 0 ? { point: c.point, value: Uint32Array.from(c.value, (v, i) => (i === 0 ? add(v, 1) : v)) } : c)) },
    { name: 'wrong root_0', proof, root: flip(x.com.root, 0) },
  ];
  // A proof built for other claims (another point, its true value), checked against the original claims.
  const otherPoint = Uint32Array.from(x.claims[0].point, (c, i) => (i === 0 ? add(c, 1) : c));
  const other = { params: p, evals: x.evals, com: x.com, claims: [{ point: otherPoint, value: mleEvalBase(x.evals, otherPoint) }, ...x.claims.slice(1)] };
  items.push({ name: 'proof for other claims', proof: honestProof(other) });
  return items;
}

// ---------------------------------------------------------------- the tests

/** Honest shapes: n = 3 … 12, R, a = 1 … 4, q, f = 0 … 4, m = 1 … 3 (a_0 < a when n − f < a). */
const SHAPES: [BasefoldParams, number][] = [
  [shape(3, 1, 1, 2, 0), 1],
  [shape(4, 2, 2, 5, 1), 2],
  [shape(4, 2, 4, 5, 1), 1],
  [shape(5, 1, 3, 4, 0), 3],
  [shape(6, 2, 4, 6, 2), 1],
  [shape(7, 3, 2, 8, 3), 2],
  [shape(8, 2, 3, 10, 1), 3],
  [shape(9, 1, 4, 7, 2), 1],
  [shape(10, 3, 1, 12, 3), 2],
  [shape(11, 2, 2, 9, 0), 1],
  [basefoldParams(12, BASEFOLD_CONJECTURED_100), 2],
];

/** Every leaf of every layer opened (q = M_0): the proof length is fixed, so transcript changes reach the sumcheck. */
const FULL = shape(4, 1, 2, 8, 1);
/** Three layers (n − f = 6, a = 2). */
const THREE = shape(8, 2, 2, 6, 2);

describe(`BasefoldHarness.sol vs packages/core/src/basefold (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;

  beforeAll(async () => {
    ch = await startChain();
    at = (await deployBasefoldHarness(ch.c)).address;
  });
  afterAll(async () => ch?.anvil.stop());

  async function chainVerdict(params: BasefoldParams, root: Uint8Array, claims: readonly BasefoldClaim[], proof: Uint8Array): Promise<string> {
    try {
      expect(await verifyBasefoldCall(ch.c, at, params, root, claims, proof)).toBe(true);
      return 'ok';
    } catch (e) {
      if (!(e instanceof ContractRevertError)) throw e;
      const a = e.args.map((v) => (typeof v === 'bigint' ? Number(v) : v));
      switch (e.errorName) {
        case 'ParamsMismatch':
          return `ParamsMismatch(${a[0]})`;
        case 'MerkleRootMismatch':
          return `MerkleRootMismatch(layer ${rootsOf(params, root, proof).indexOf(String(a[0]).slice(2))})`;
        case 'FoldMismatch':
          return `FoldMismatch(layer ${a[0]}, query ${a[1]})`;
        case 'FinalFoldMismatch':
          return `FinalFoldMismatch(query ${a[0]})`;
        default:
          return e.errorName;
      }
    }
  }

  /** Both verdicts for one item; they must be equal. */
  async function both(x: Instance, item: Partial<Item> & { proof: Uint8Array }): Promise<string> {
    const root = item.root ?? x.com.root;
    const claims = item.claims ?? x.claims;
    const ts = tsVerdict(x.params, root, claims, item.proof);
    const sol = await chainVerdict(x.params, root, claims, item.proof);
    expect(sol, `${item.name ?? ''}: TS says ${ts}`).toBe(ts);
    return ts;
  }

  it('honest openings of every shape verify in TS and on chain; the test prover writes the same bytes', async () => {
    for (const [params, m] of SHAPES) {
      const x = instance(params, m, `honest-${params.vars}-${params.logArity}`);
      const proof = honestProof(x);
      expect(Buffer.from(specProof(x).proof).equals(Buffer.from(proof)), JSON.stringify(params)).toBe(true);
      expect(await both(x, { proof }), JSON.stringify(params)).toBe('ok');
    }
  });

  it('a corpus of tampered proofs gets the same verdict from TS and the contract (several shapes)', async () => {
    const seen = new Set<string>();
    for (const [params, m] of [[FULL, 2], [THREE, 1], [shape(7, 3, 3, 9, 2), 2], [SHAPES[3][0], 3], [shape(6, 1, 1, 5, 0), 1]] as [BasefoldParams, number][]) {
      const x = instance(params, m, `corpus-${params.vars}-${params.logArity}`);
      const { proof, layout } = specProof(x);
      for (const item of corpus(x, proof, layout)) {
        const v = await both(x, item);
        expect(v, item.name).not.toBe('ok');
        seen.add(v.replace(/\(.*/, ''));
      }
    }
    for (const name of ['BadProofVersion', 'ParamsMismatch', 'Truncated', 'NonCanonical', 'TrailingBytes', 'SumcheckMismatch', 'MerkleRootMismatch']) expect([...seen]).toContain(name);
  });

  describe('each check of spec §4 hit with exactly its error', () => {
    const full = instance(FULL, 2, 'full');
    const fullOpen = specProof(full);
    const three = instance(THREE, 1, 'three');
    const threeOpen = specProof(three);

    const expectBoth = async (x: Instance, item: Partial<Item> & { proof: Uint8Array }, want: string): Promise<void> => {
      expect(await both(x, item)).toBe(want);
    };

    it('controls: the full-opening proof (no siblings) and the three-layer proof verify', async () => {
      expect(fullOpen.layout.layers.map((l) => l.siblings)).toEqual([0, 0]);
      expect(threeOpen.layout.layers.length).toBe(3);
      await expectBoth(full, fullOpen, 'ok');
      await expectBoth(three, threeOpen, 'ok');
    });

    it('0: version byte → BadProofVersion; each header field → ParamsMismatch(field)', async () => {
      await expectBoth(full, { proof: withU32(fullOpen.proof, 0, (getU32(fullOpen.proof, 0) & ~0xff) | 7) }, 'BadProofVersion');
      for (let i = 0; i < 5; i++) await expectBoth(full, { proof: withU32(fullOpen.proof, 1 + 4 * i, getU32(fullOpen.proof, 1 + 4 * i) + 1) }, `ParamsMismatch(${i})`);
      const e = await verifyBasefoldCall(ch.c, at, FULL, full.com.root, full.claims, withU32(fullOpen.proof, 13, 9)).catch((x: ContractRevertError) => x);
      expect((e as ContractRevertError).args).toEqual([3n, 8n, 9n]);
    });

    it('1: truncation → Truncated, a trailing byte → TrailingBytes, an element ≥ p → NonCanonical', async () => {
      const { proof, layout } = threeOpen;
      await expectBoth(three, { proof: proof.subarray(0, proof.length - 32) }, 'Truncated');
      await expectBoth(three, { proof: proof.subarray(0, layout.layers[1].leavesAt + 3) }, 'Truncated');
      await expectBoth(three, { proof: Uint8Array.from([...proof, 1]) }, 'TrailingBytes');
      await expectBoth(three, { proof: withU32(proof, layout.roundsAt + 20, P) }, 'NonCanonical');
      await expectBoth(three, { proof: withU32(proof, layout.layers[2].leavesAt + 4, 0xfffffff0) }, 'NonCanonical');
    });

    it('2: a round value, a final coefficient, root_1, a claim value or root_0 changed → SumcheckMismatch', async () => {
      const { proof, layout } = fullOpen;
      await expectBoth(full, { proof: bump(proof, layout.roundsAt + 32 * 2) }, 'SumcheckMismatch');
      await expectBoth(full, { proof: bump(proof, layout.finalAt + 16) }, 'SumcheckMismatch');
      await expectBoth(full, { proof: flip(proof, 21) }, 'SumcheckMismatch');
      const claims = full.claims.map((c, j) => (j === 1 ? { point: c.point, value: Uint32Array.from(c.value, (v, i) => (i === 3 ? add(v, 1) : v)) } : c));
      await expectBoth(full, { proof, claims }, 'SumcheckMismatch');
      await expectBoth(full, { proof, root: flip(full.com.root, 31) }, 'SumcheckMismatch');
    });

    it('3: a leaf of layer 0, 1 or 2 or a sibling changed → MerkleRootMismatch of that layer', async () => {
      const { proof, layout } = threeOpen;
      for (let l = 0; l < 3; l++) {
        const ly = layout.layers[l];
        await expectBoth(three, { proof: bump(proof, ly.leavesAt + ly.leafBytes) }, `MerkleRootMismatch(layer ${l})`);
        await expectBoth(three, { proof: flip(proof, ly.siblingsAt + 7) }, `MerkleRootMismatch(layer ${l})`);
      }
    });

    it('4: cheating prover, committed codeword of layer 1 or 2 off by one everywhere → FoldMismatch(layer, query 0)', async () => {
      for (const l of [1, 2]) {
        const off = (cw: Uint32Array) => Uint32Array.from(cw, (v, i) => (i % 4 === 0 ? add(v, 1) : v));
        const { proof } = specProof(three, { codeword: (k, cw) => (k === l ? off(cw) : cw) });
        await expectBoth(three, { proof }, `FoldMismatch(layer ${l}, query 0)`);
      }
    });

    it('5: cheating prover, final coefficients not the fold of the last codeword but the sumcheck consistent → FinalFoldMismatch(query 0)', async () => {
      // f'(b0) += g(b1), f'(b1) −= g(b0): Σ f'·g is unchanged, so every round and the sumcheck end still hold.
      const finalTable = (f: Uint32Array, g: Uint32Array): Uint32Array => {
        const out = Uint32Array.from(f);
        out.set(eAdd(extAt(f, 0), extAt(g, 1)), 0);
        out.set(eSub(extAt(f, 1), extAt(g, 0)), 4);
        return out;
      };
      await expectBoth(three, { proof: specProof(three, { finalTable }).proof }, 'FinalFoldMismatch(query 0)');
      await expectBoth(full, { proof: specProof(full, { finalTable }).proof }, 'FinalFoldMismatch(query 0)');
    });
  });

  it('bad expected parameters → BadBasefoldParams(field) (TS: RangeError); bad harness inputs → reader errors, BadClaimCount', async () => {
    const x = instance(FULL, 1, 'inputs');
    const proof = honestProof(x);
    const raw = (params: Uint8Array, claims: Uint8Array, root = x.com.root) =>
      withRevertDecoding('BasefoldHarness.verify', () =>
        ch.c.publicClient.readContract({ address: at, abi: BasefoldHarness.abi, functionName: 'verify', args: [bytesToHex(params), bytesToHex(root), bytesToHex(claims), bytesToHex(proof)] }),
      ).then(
        () => 'ok',
        (e: ContractRevertError) => `${e.errorName}(${e.args.join(', ')})`,
      );
    const claims = encodeBasefoldClaims(x.claims, FULL.vars);
    expect(await raw(encodeBasefoldParams(FULL), claims)).toBe('ok');
    const bad: [Partial<BasefoldParams>, string][] = [
      [{ vars: 0 }, 'BadBasefoldParams(0, 0)'],
      [{ vars: 25 }, 'BadBasefoldParams(0, 25)'],
      [{ logBlowup: 0 }, 'BadBasefoldParams(1, 0)'],
      [{ logBlowup: 9 }, 'BadBasefoldParams(1, 9)'],
      [{ vars: 20, logBlowup: 8 }, 'BadBasefoldParams(1, 8)'],
      [{ logArity: 0 }, 'BadBasefoldParams(2, 0)'],
      [{ logArity: 5 }, 'BadBasefoldParams(2, 5)'],
      [{ finalVars: 4 }, 'BadBasefoldParams(4, 4)'],
      [{ queries: 0 }, 'BadBasefoldParams(3, 0)'],
      [{ queries: 9 }, 'BadBasefoldParams(3, 9)'],
    ];
    for (const [change, want] of bad) {
      const p = { ...FULL, ...change };
      expect(() => basefoldVerify(basefoldStatementTranscript(FULL, x.com.root), p, x.com.root, x.claims, proof), want).toThrow(RangeError);
      expect(await raw(encodeBasefoldParams(p), claims), JSON.stringify(change)).toBe(want);
    }
    // expectedParams must be exactly 20 bytes; claims exactly m × (n + 1) canonical ext elements, 1 ≤ m ≤ 2^16.
    expect(await raw(encodeBasefoldParams(FULL).subarray(0, 19), claims)).toMatch(/^Truncated/);
    expect(await raw(Uint8Array.from([...encodeBasefoldParams(FULL), 0]), claims)).toMatch(/^TrailingBytes/);
    expect(await raw(encodeBasefoldParams(FULL), claims.subarray(0, claims.length - 1))).toMatch(/^Truncated/);
    expect(await raw(encodeBasefoldParams(FULL), Uint8Array.from([...claims, 0]))).toMatch(/^TrailingBytes/);
    expect(await raw(encodeBasefoldParams(FULL), withU32(claims, 4 + 16 * 2, P))).toBe(`NonCanonical(${4 + 16 * 2})`);
    expect(await raw(encodeBasefoldParams(FULL), withU32(claims, 0, 0))).toBe('BadClaimCount(0)');
    expect(await raw(encodeBasefoldParams(FULL), withU32(claims, 0, 2 ** 16 + 1))).toBe(`BadClaimCount(${2 ** 16 + 1})`);
    expect(() => basefoldVerify(basefoldStatementTranscript(FULL, x.com.root), FULL, x.com.root, [], proof)).toThrow(RangeError);
  });

  it(`gas (${HARDFORK}): eth_estimateGas of verify at n = 12 and 16 (conjectured-100)`, async () => {
    for (const n of [12, 16]) {
      const x = instance(basefoldParams(n, BASEFOLD_CONJECTURED_100), 1, `gas-${n}`);
      const proof = honestProof(x);
      const gas = await estimateBasefoldGas(ch.c, at, x.params, x.com.root, x.claims, proof);
      console.log(`[${HARDFORK}] BaseFold verify n=${n} R=4 a=3 q=25 f=4, ${proof.length} proof bytes: ${gas} gas (tx total)`);
      expect(gas).toBeLessThan(16_777_216n);
    }
  });
});
