/**
 * The leaf layer of the logUp-GKR lookup argument (Haböck ePrint 2022/1530; Papini–Haböck
 * ePrint 2023/1284 §3–4) and its MLE in terms of committed vectors.
 *
 * Leaves are arranged in 2^g blocks of M = 2^m entries (block index in the top g bits): one block per
 * lookup group (the values looked up, β-combined across columns), one block for the table, and unused
 * blocks. With X a challenge drawn after the commitment:
 * - group block (N values, layout vectors of padded length 2^a): for i < 2^a, p_i = [i < N] and
 *   q_i = X − v_i (padding slots included: their numerator is 0, their denominator is still X minus a
 *   committed value, so the prover cannot make it vanish); for i ≥ 2^a, p_i = 0, q_i = 1.
 * - table block (T rows padded to 2^b by repeating row 0): for i < 2^b, p_i = −m_i, q_i = X − t_i;
 *   beyond, p_i = 0, q_i = 1. Multiplicity placed on a repeated row counts row 0: harmless.
 * - unused blocks: p = 0, q = 1.
 * Then Σ p_i/q_i = Σ_{lookups} 1/(X − v) − Σ_k m_k/(X − t_k), which vanishes as a rational function
 * iff every looked-up value is a table row (with fewer than p lookups, Haböck Lemma 5).
 *
 * Leaf MLEs at ρ = (s, h), s the m low variables, h the g block variables, with pre(N) = Σ_{i<N} eq(s)[i]
 * and Z_a = Π_{k≥a}(1 − s_k) (= pre(2^a)):
 *   P(ρ) = Σ_groups eq(h)[g]·pre(N_g) − eq(h)[table]·Z_b·m~(s_<b)
 *   Q(ρ) = Σ_groups eq(h)[g]·(Z_a·(X − v~(s_<a)) + 1 − Z_a) + eq(h)[table]·(Z_b·(X − t~(s_<b)) + 1 − Z_b)
 *          + Σ_unused eq(h)[u]
 * where v~ = Σ_c β^c·col_c~ (affine: tensor terms on committed vectors), m~ likewise, t~ public.
 */
import { P } from '../field/babybear.ts';
import { type Ext, eOne, eSub, eZero, eAt, eMul, eNeg } from '../field/ext4.ts';
import { eqPrefixSum, eqTable } from '../poly/eq.ts';
import { Affine } from '../zk/constraints.ts';
import { zeroExtendFactor } from './table.ts';

/** The public arrangement of the leaves. */
export interface LeafGeometry {
  /** N_g: number of looked-up values per group. */
  readonly groupLengths: readonly number[];
  /** a_g: log of each group's padded (layout) length. */
  readonly groupLogs: readonly number[];
  /** T: table rows. */
  readonly tableRows: number;
  /** b: log of the padded table length (= the multiplicity vector's logLength). */
  readonly tableLog: number;
  /** m = log M. */
  readonly blockVars: number;
  /** g: block-selector variables. */
  readonly selectVars: number;
  /** n = m + g. */
  readonly numVars: number;
}

/** ⌈log2 n⌉. */
function clog(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/**
 * Builds the geometry.
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
  const blockVars = Math.max(tableLog, ...groups.map((g) => g.logLength));
  const selectVars = clog(groups.length + 1);
  return {
    groupLengths: groups.map((g) => g.length),
    groupLogs: groups.map((g) => g.logLength),
    tableRows,
    tableLog,
    blockVars,
    selectVars,
    numVars: blockVars + selectVars,
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
  const M = 2 ** geom.blockVars;
  const total = M * 2 ** geom.selectVars;
  const p = new Uint32Array(4 * total);
  const q = new Uint32Array(4 * total);
  for (let i = 0; i < total; i++) q[4 * i] = 1;
  const setQ = (idx: number, v: Uint32Array) => q.set(eSub(X, v), 4 * idx);
  geom.groupLengths.forEach((n, g) => {
    const base = g * M;
    const len = 2 ** geom.groupLogs[g];
    for (let i = 0; i < len; i++) {
      if (i < n) p[4 * (base + i)] = 1;
      setQ(base + i, eAt(groupValues[g], i));
    }
  });
  const tb = geom.groupLengths.length * M;
  for (let i = 0; i < 2 ** geom.tableLog; i++) {
    p[4 * (tb + i)] = mult[i] === 0 ? 0 : P - mult[i];
    setQ(tb + i, eAt(tableValues, i));
  }
  return { p, q };
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

/** The leaf MLEs P(ρ), Q(ρ) as affine forms (constants in the plain protocol). */
export function leafClaims(geom: LeafGeometry, point: Uint32Array, X: Ext, oracles: LeafOracles): { p: Affine; q: Affine } {
  if (point.length !== 4 * geom.numVars) throw new RangeError(`logup leaves: expected a point of ${geom.numVars} variables, got ${point.length / 4}`);
  const m = geom.blockVars;
  const s = point.subarray(0, 4 * m);
  const eqh = eqTable(point.subarray(4 * m));
  const G = geom.groupLengths.length;
  let p = Affine.constant(eZero());
  let q = Affine.constant(eZero());
  // the part of a block of 2^a real entries: Z_a·(X − f) + 1 − Z_a
  const blockQ = (a: number, f: Affine): Affine => {
    const z = zeroExtendFactor(s, a);
    return f.scale(eNeg(z)).addConstant(eMul(z, X)).addConstant(eSub(eOne(), z));
  };
  for (let g = 0; g < G; g++) {
    const w = eAt(eqh, g);
    const a = geom.groupLogs[g];
    p = p.addConstant(eMul(w, eqPrefixSum(s, geom.groupLengths[g])));
    q = q.add(blockQ(a, oracles.groupMle(g, s.subarray(0, 4 * a))).scale(w));
  }
  const b = geom.tableLog;
  const wt = eAt(eqh, G);
  const sb = s.subarray(0, 4 * b);
  p = p.add(oracles.multiplicityMle(sb).scale(eNeg(eMul(wt, zeroExtendFactor(s, b)))));
  q = q.add(blockQ(b, Affine.constant(oracles.tableMle(sb))).scale(wt));
  for (let u = G + 1; u < eqh.length / 4; u++) q = q.addConstant(eAt(eqh, u));
  return { p, q };
}
