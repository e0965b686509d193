/**
 * The zero-knowledge logUp-GKR lookup argument (Haböck ePrint 2022/1530; Papini–Haböck ePrint
 * 2023/1284): every value of committed lookup vectors lies in a table (a closed-form range or a fixed
 * public table of up to 3 columns combined by a random β), with private committed multiplicities.
 *
 * Phases (zk/session.ts):
 * - plan: allocate the multiplicity vector (table rows) and the GKR pads/products, from public shapes;
 * - fill: after the caller wrote its lookup vectors, compute and write multiplicities, fresh pads, products;
 * - prove/verify: draw β (multi-column tables) and X after the commitment, run the ZK fraction-sum GKR
 *   over the leaves (leaves.ts), and tie its leaf claim to the committed vectors:
 *     `L.leaf p`: P_claim = Σ_g eq(h)[g]·pre(N_g) − eq(h)[T]·Z_b·m~(s_<b)
 *     `L.leaf q`: Q_claim = Σ_g eq(h)[g]·(Z_a·(X − Σ_c β^c col_c~(s_<a)) + 1 − Z_a) + eq(h)[T]·(…table…) + unused
 *   (col_c~ and m~ are MLE tensor constraints on the committed vectors, the table MLE is public).
 * The table itself is public verification data: callers bind it to the statement (e.g. in the model id).
 */
import { P, isCanonical } from '../field/babybear.ts';
import { type Ext, eOne } from '../field/ext4.ts';
import { Affine } from '../zk/constraints.ts';
import { vectorWire, type Layout, type LayoutBuilder, type VectorRef } from '../zk/layout.ts';
import { mleConstraint } from '../zk/mle.ts';
import type { PadProductPlanner } from '../zk/products.ts';
import type { ProverContext, VerifierContext } from '../zk/session.ts';
import type { GkrProof } from './gkr.ts';
import { fillZkGkr, planZkGkr, proveZkGkr, verifyZkGkr, type ZkGkrLeafClaim, type ZkGkrPlan } from './gkr-zk.ts';
import { buildLeaves, leafClaims, leafGeometry, type LeafGeometry } from './leaves.ts';
import { betaPowers, combineColumns, combinedTableMle, paddedColumn, tableShape, type LookupTable } from './table.ts';

/** One set of lookups: one committed vector per table column, all of the same length. */
export interface LookupGroup {
  readonly columns: readonly VectorRef[];
}

/** A lookup argument: several groups of committed vectors against one table. */
export interface LogupSpec {
  /** Label for transcript and constraint labels, e.g. `logup` or `logup[requant_1 r1]`. */
  readonly label: string;
  readonly table: LookupTable;
  readonly groups: readonly LookupGroup[];
}

/** Everything a lookup argument allocates. */
export interface LogupPlan {
  readonly label: string;
  readonly table: LookupTable;
  readonly groups: readonly LookupGroup[];
  readonly columns: number;
  readonly geometry: LeafGeometry;
  /** The private multiplicities m_k, one per table row (padded rows hold 0 for an honest prover). */
  readonly multiplicities: VectorRef;
  readonly gkr: ZkGkrPlan;
}

/** A lookup proof: the padded GKR messages. */
export type LogupProof = GkrProof;

/** Plan phase (both sides). @throws RangeError on inconsistent shapes or ≥ p lookups. */
export function planLogup(builder: LayoutBuilder, products: PadProductPlanner, spec: LogupSpec): LogupPlan {
  const { rows, columns } = tableShape(spec.table);
  spec.groups.forEach((g, i) => {
    if (g.columns.length !== columns) throw new RangeError(`planLogup(${spec.label}): expected ${columns} column vectors in group ${i}, got ${g.columns.length}`);
    for (const c of g.columns) {
      if (c.length !== g.columns[0].length || c.logLength !== g.columns[0].logLength) {
        throw new RangeError(`planLogup(${spec.label}): expected the columns of group ${i} to share one length, got ${c.length} and ${g.columns[0].length}`);
      }
    }
  });
  const geometry = leafGeometry(spec.groups.map((g) => ({ length: g.columns[0].length, logLength: g.columns[0].logLength })), rows);
  const multiplicities = builder.vector(rows, `${spec.label} multiplicities`);
  const gkr = planZkGkr(builder, products, geometry.numVars, spec.label);
  return { label: spec.label, table: spec.table, groups: spec.groups, columns, geometry, multiplicities, gkr };
}

/** A looked-up value that is not in the table. */
export interface MissingLookup {
  readonly group: number;
  readonly index: number;
  readonly value: readonly number[];
}

/** Reads group g's column c (the whole padded vector) from the witness. */
function readVector(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, witness: Uint32Array, v: VectorRef): Uint32Array {
  const out = new Uint32Array(v.paddedLength);
  for (let i = 0; i < v.paddedLength; i++) out[i] = witness[vectorWire(layout, v, i)];
  return out;
}

/**
 * Prover: counts, for every table row, how many of the first N_g values of every group equal it
 * (the first matching row when the table repeats a row). Values not in the table are reported.
 */
export function computeLogupMultiplicities(plan: LogupPlan, layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, witness: Uint32Array): { mult: Uint32Array; missing: MissingLookup[] } {
  const { rows, columns } = tableShape(plan.table);
  const mult = new Uint32Array(plan.multiplicities.paddedLength);
  const missing: MissingLookup[] = [];
  let find: (vals: number[]) => number;
  if (plan.table.kind === 'range') {
    const off = plan.table.offset ?? 0;
    const offF = ((off % P) + P) % P;
    find = (vals) => {
      const d = (vals[0] - offF + P) % P;
      return d < rows ? d : -1;
    };
  } else {
    const index = new Map<string, number>();
    const cols = plan.table.columns;
    for (let i = rows - 1; i >= 0; i--) index.set(Array.from({ length: columns }, (_, c) => cols[c][i]).join(','), i);
    find = (vals) => index.get(vals.join(',')) ?? -1;
  }
  plan.groups.forEach((g, gi) => {
    const cols = g.columns.map((c) => readVector(layout, witness, c));
    for (let i = 0; i < g.columns[0].length; i++) {
      const vals = cols.map((c) => c[i]);
      const k = find(vals);
      if (k < 0) missing.push({ group: gi, index: i, value: vals });
      else mult[k] += 1;
    }
  });
  return { mult, missing };
}

/**
 * Fill phase (prover, before the commitment, after the lookup vectors are written): multiplicities,
 * fresh GKR pads and pad products.
 * @param mult override the multiplicities (tests of cheating provers); computed when omitted.
 * @throws RangeError when a value is not in the table (an honest prover cannot prove it).
 */
export function fillLogup(plan: LogupPlan, layout: Layout, witness: Uint32Array, mult?: Uint32Array): void {
  let m = mult;
  if (!m) {
    const r = computeLogupMultiplicities(plan, layout, witness);
    if (r.missing.length > 0) {
      const f = r.missing[0];
      throw new RangeError(`fillLogup(${plan.label}): expected every value in the table, got (${f.value.join(', ')}) at group ${f.group} index ${f.index} (${r.missing.length} missing)`);
    }
    m = r.mult;
  }
  if (m.length !== plan.multiplicities.paddedLength) throw new RangeError(`fillLogup(${plan.label}): expected ${plan.multiplicities.paddedLength} multiplicities, got ${m.length}`);
  for (let i = 0; i < m.length; i++) {
    if (!isCanonical(m[i])) throw new RangeError(`fillLogup(${plan.label}): expected canonical multiplicities, got ${m[i]}`);
    witness[vectorWire(layout, plan.multiplicities, i)] = m[i];
  }
  fillZkGkr(plan.gkr, layout, witness);
}

/** Both sides: the challenges β (1 when the table has one column) and X. */
function challenges(ctx: VerifierContext, plan: LogupPlan): { beta: Ext; X: Ext } {
  const beta = plan.columns > 1 ? ctx.transcript.challengeExt(`${plan.label}/beta`) : eOne();
  const X = ctx.transcript.challengeExt(`${plan.label}/X`);
  return { beta, X };
}

/** Both sides: the two leaf constraints. */
function pushLeafConstraints(ctx: VerifierContext, plan: LogupPlan, leaf: ZkGkrLeafClaim, beta: Ext, X: Ext): void {
  const pw = betaPowers(beta, plan.columns);
  const layout = ctx.layout;
  const want = leafClaims(plan.geometry, leaf.point, X, {
    groupMle: (g, pt) => plan.groups[g].columns.reduce((acc, col, c) => acc.add(mleConstraint(layout, col, pt).scale(pw[c])), Affine.constant(new Uint32Array(4))),
    multiplicityMle: (pt) => mleConstraint(layout, plan.multiplicities, pt),
    tableMle: (pt) => combinedTableMle(plan.table, beta, pt),
  });
  ctx.constraints.push(leaf.p.equals(want.p, `${plan.label}.leaf p`));
  ctx.constraints.push(leaf.q.equals(want.q, `${plan.label}.leaf q`));
}

/** Prover (after the commitment). */
export function proveLogup(ctx: ProverContext, plan: LogupPlan): LogupProof {
  const { beta, X } = challenges(ctx, plan);
  const groupValues = plan.groups.map((g) => combineColumns(g.columns.map((c) => readVector(ctx.layout, ctx.witness, c)), beta));
  const tableValues = combineColumns(Array.from({ length: plan.columns }, (_, c) => paddedColumn(plan.table, c)), beta);
  const mult = readVector(ctx.layout, ctx.witness, plan.multiplicities);
  const { p, q } = buildLeaves(plan.geometry, groupValues, tableValues, mult, X);
  const { proof, leaf } = proveZkGkr(ctx, plan.gkr, p, q);
  pushLeafConstraints(ctx, plan, leaf, beta, X);
  return proof;
}

/** Verifier: pushes every constraint of the lookup argument. @throws MalformedError on a badly shaped proof. */
export function verifyLogup(ctx: VerifierContext, plan: LogupPlan, proof: LogupProof): void {
  const { beta, X } = challenges(ctx, plan);
  const leaf = verifyZkGkr(ctx, plan.gkr, proof);
  pushLeafConstraints(ctx, plan, leaf, beta, X);
}
