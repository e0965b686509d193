/**
 * The leaf layer of the logUp-GKR lookup argument (Haböck ePrint 2022/1530; Papini–Haböck
 * ePrint 2023/1284 §3–4) and its MLE in terms of committed vectors.
 *
 * Leaves are 2^n entries holding one block per lookup group (the values looked up, β-combined across
 * columns) of its own padded size 2^a_g, one block for the table of size 2^b, and unused leaves. The
 * blocks are packed in decreasing size (ties: groups in order, then the table) at consecutive offsets,
 * so every block of size 2^a starts at a multiple of 2^a; n = ⌈log2 Σ block sizes⌉ (at least 1). The
 * arrangement depends on public shapes only (prover and verifier derive it alike). With X a challenge
 * drawn after the commitment:
 * - group block (N values, layout vectors of padded length 2^a) at offset o: for i < 2^a,
 *   p_{o+i} = [i < N] and q_{o+i} = X − v_i (padding slots included: their numerator is 0, their
 *   denominator is still X minus a committed value, so the prover cannot make it vanish);
 * - table block (T rows padded to 2^b by repeating row 0) at offset o_T: p = −m_i, q = X − t_i;
 *   multiplicity placed on a repeated row counts row 0: harmless;
 * - unused leaves (after the last block): p = 0, q = 1.
 * Then Σ p_i/q_i = Σ_{lookups} 1/(X − v) − Σ_k m_k/(X − t_k), which vanishes as a rational function
 * iff every looked-up value is a table row (with fewer than p lookups, Haböck Lemma 5).
 *
 * Leaf MLEs at ρ (n variables, little-endian: bit k of a leaf index ↔ ρ_k). For a block of size 2^a at
 * offset o, eq(ρ, o + i) = eq(ρ_<a, i)·w_o,a with w_o,a = eq(ρ_≥a, o/2^a); with pre(N) = Σ_{i<N} eq(ρ_<a)[i]
 * and Σ_i eq(ρ_<a, i) = 1:
 *   P(ρ) = Σ_groups w_g·pre(N_g) − w_T·m~(ρ_<b)
 *   Q(ρ) = Σ_groups w_g·(X − v~_g(ρ_<a_g)) + w_T·(X − t~(ρ_<b)) + (1 − Σ_groups w_g − w_T)
 * (the last term: the unused leaves, Σ over every leaf of eq = 1), where v~ = Σ_c β^c·col_c~ (affine:
 * tensor terms on committed vectors), m~ likewise, t~ public. The GKR runs over Σ block sizes rounded
 * up to a power of two, not (groups + 1)·max block size.
 */
import { P } from '../field/babybear.ts';
import { type Ext, eOne, eSub, eZero, eMul, eNeg } from '../field/ext4.ts';
import { eqPrefixSum } from '../poly/eq.ts';
import { Affine } from '../zk/constraints.ts';

/** The public arrangement of the leaves. */
export interface LeafGeometry {
  /** N_g: number of looked-up values per group. */
  readonly groupLengths: readonly number[];
  /** a_g: log of each group's padded (layout) length. */
  readonly groupLogs: readonly number[];
  /** o_g: each group block's first leaf (a multiple of 2^a_g). */
  readonly groupOffsets: readonly number[];
  /** T: table rows. */
  readonly tableRows: number;
  /** b: log of the padded table length (= the multiplicity vector's logLength). */
  readonly tableLog: number;
  /** o_T: the table block's first leaf (a multiple of 2^b). */
  readonly tableOffset: number;
  /** Σ block sizes: leaves at and beyond it are unused. */
  readonly usedLeaves: number;
  /** n: 2^n leaves. */
  readonly numVars: number;
}

/** ⌈log2 n⌉. */
function clog(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/**
 * Builds the geometry (public shapes only).
 * @throws RangeError when a group is empty or shorter than its padded length allows, or when the
 *   total number of lookups reaches p (the logUp identity needs multiplicities below p).
 */
export function leafGeometry(groups: readonly { length: number; logLength: number }[], tableRows: number): LeafGeometry {
  if (groups.length === 0) throw new RangeError('logup: expected at least one lookup group, got 0');
  let total = 0;
  for (const g of groups) {
    if (!Number.isInteger(g.length) || g.length < 1 || g.length > 2 ** g.logLength) throw new RangeError(`logup: expected a group length in [1, 2^${g.logLength}], got ${g.length}`);
    total += g.length;
  }
  if (total >= P) throw new RangeError(`logup: expected fewer than p = ${P} lookups per table, got ${total}`);
  const tableLog = clog(tableRows);
  // blocks: groups 0..G−1, then the table (index G); decreasing size, stable ⇒ aligned offsets
  const logs = [...groups.map((g) => g.logLength), tableLog];
  const order = logs.map((_, i) => i).sort((x, y) => logs[y] - logs[x] || x - y);
  const offsets = new Array<number>(logs.length);
  let off = 0;
  for (const i of order) {
    offsets[i] = off;
    off += 2 ** logs[i];
  }
  return {
    groupLengths: groups.map((g) => g.length),
    groupLogs: groups.map((g) => g.logLength),
    groupOffsets: offsets.slice(0, groups.length),
    tableRows,
    tableLog,
    tableOffset: offsets[groups.length],
    usedLeaves: off,
    numVars: Math.max(1, clog(off)),
  };
}

/**
 * Prover: the leaf numerators and denominators (flat ext, 2^n each).
 * @param groupValues per group, the β-combined values of its whole padded vector (flat ext, 2^a_g entries).
 * @param tableValues the β-combined table padded to 2^b rows (flat ext).
 * @param mult the multiplicities, 2^b base values.
 * @param X the logUp challenge.
 */
export function buildLeaves(geom: LeafGeometry, groupValues: readonly Uint32Array[], tableValues: Uint32Array, mult: Uint32Array, X: Ext): { p: Uint32Array; q: Uint32Array } {
  const total = 2 ** geom.numVars;
  const p = new Uint32Array(4 * total);
  const q = new Uint32Array(4 * total);
  writeLeaves(geom, groupValues, tableValues, mult, X, p, q);
  return { p, q };
}

/**
 * {@link buildLeaves} into given arrays of 4·2^n words (e.g. views of WASM memory): every word is
 * written, whatever the arrays held before.
 */
export function writeLeaves(geom: LeafGeometry, groupValues: readonly Uint32Array[], tableValues: Uint32Array, mult: Uint32Array, X: Ext, p: Uint32Array, q: Uint32Array): void {
  const total = 2 ** geom.numVars;
  if (p.length !== 4 * total || q.length !== 4 * total) throw new RangeError(`writeLeaves: expected arrays of ${4 * total} words, got ${p.length} and ${q.length}`);
  p.fill(0);
  q.fill(0, 4 * geom.usedLeaves);
  for (let i = geom.usedLeaves; i < total; i++) q[4 * i] = 1;
  geom.groupLengths.forEach((n, g) => {
    const base = geom.groupOffsets[g];
    for (let i = 0; i < n; i++) p[4 * (base + i)] = 1;
    setDenominators(q, base, groupValues[g], 2 ** geom.groupLogs[g], X);
  });
  const tb = geom.tableOffset;
  for (let i = 0; i < 2 ** geom.tableLog; i++) p[4 * (tb + i)] = mult[i] === 0 ? 0 : P - mult[i];
  setDenominators(q, tb, tableValues, 2 ** geom.tableLog, X);
}

/** q_{at+i} = X − v_i for the first len entries of the flat ext vector v (no allocation per leaf). */
function setDenominators(q: Uint32Array, at: number, v: Uint32Array, len: number, X: Ext): void {
  const x0 = X[0], x1 = X[1], x2 = X[2], x3 = X[3];
  for (let i = 0, o = 4 * at, s = 0; i < len; i++, o += 4, s += 4) {
    const d0 = x0 - v[s], d1 = x1 - v[s + 1], d2 = x2 - v[s + 2], d3 = x3 - v[s + 3];
    q[o] = d0 < 0 ? d0 + P : d0;
    q[o + 1] = d1 < 0 ? d1 + P : d1;
    q[o + 2] = d2 < 0 ? d2 + P : d2;
    q[o + 3] = d3 < 0 ? d3 + P : d3;
  }
}

/** How the verifier obtains the MLEs of committed or public vectors at the low part of s. */
export interface LeafOracles {
  /** Σ_c β^c·col_c~(point) for group g; point has a_g variables. */
  groupMle(g: number, point: Uint32Array): Affine;
  /** m~(point), point of b variables. */
  multiplicityMle(point: Uint32Array): Affine;
  /** t~(point) of the β-combined padded table, point of b variables. */
  tableMle(point: Uint32Array): Ext;
}

/** eq(ρ_≥a, o/2^a): the weight of the block of size 2^a at offset o (ρ of n variables). */
function blockWeight(point: Uint32Array, a: number, offset: number): Ext {
  let w = eOne();
  const n = point.length / 4;
  for (let k = a; k < n; k++) {
    const r = point.subarray(4 * k, 4 * k + 4);
    w = eMul(w, Math.floor(offset / 2 ** k) % 2 === 1 ? r : eSub(eOne(), r));
  }
  return w;
}

/** The leaf MLEs P(ρ), Q(ρ) as affine forms (constants in the plain protocol). */
export function leafClaims(geom: LeafGeometry, point: Uint32Array, X: Ext, oracles: LeafOracles): { p: Affine; q: Affine } {
  if (point.length !== 4 * geom.numVars) throw new RangeError(`logup leaves: expected a point of ${geom.numVars} variables, got ${point.length / 4}`);
  const G = geom.groupLengths.length;
  let p = Affine.constant(eZero());
  let q = Affine.constant(eZero());
  let unused = eOne();
  // a block of 2^a entries at offset o with values f: w·(X − f(ρ_<a))
  const blockQ = (w: Ext, f: Affine): Affine => f.scale(eNeg(w)).addConstant(eMul(w, X));
  for (let g = 0; g < G; g++) {
    const a = geom.groupLogs[g];
    const w = blockWeight(point, a, geom.groupOffsets[g]);
    const low = point.subarray(0, 4 * a);
    unused = eSub(unused, w);
    p = p.addConstant(eMul(w, eqPrefixSum(low, geom.groupLengths[g])));
    q = q.add(blockQ(w, oracles.groupMle(g, low)));
  }
  const b = geom.tableLog;
  const wt = blockWeight(point, b, geom.tableOffset);
  const sb = point.subarray(0, 4 * b);
  unused = eSub(unused, wt);
  p = p.add(oracles.multiplicityMle(sb).scale(eNeg(wt)));
  q = q.add(blockQ(wt, Affine.constant(oracles.tableMle(sb))));
  return { p, q: q.addConstant(unused) };
}
