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
 *     `L.leaf p`: P_claim = Σ_g w_g·pre(N_g) − w_T·m~(ρ_<b)
 *     `L.leaf q`: Q_claim = Σ_g w_g·(X − shift_g − Σ_c β^c col_c~(ρ_<a_g)) + w_T·(X − t~(ρ_<b)) + (1 − Σ_g w_g − w_T)
 *   with w the eq-weight of each block's aligned offset (leaves.ts: blocks packed by their own sizes)
 *   (col_c~ and m~ are MLE tensor constraints on the committed vectors, the table MLE is public).
 * The table itself is public verification data: callers bind it to the statement (e.g. in the model id).
 */
import { fromInt } from '../field/babybear.ts';
import { type Ext, eFromBase, eOne } from '../field/ext4.ts';
import { Affine, type ColumnVector } from '../zk/constraints.ts';
import { eqTable } from '../poly/eq.ts';
import type { Layout, LayoutBuilder, VectorRef } from '../zk/layout.ts';
import type { PadProductPlanner } from '../zk/products.ts';
import type { VerifierContext } from '../zk/session.ts';
import type { GkrProof } from './gkr.ts';
import { planZkGkr, verifyZkGkr, type ZkGkrLeafClaim, type ZkGkrPlan } from './gkr-zk.ts';
import { leafClaims, leafGeometry, type LeafGeometry } from './leaves.ts';
import { betaPowers, combinedTableMle, tableShape, type LookupTable } from './table.ts';

/** One set of lookups: one committed vector per table column, all of the same length. */
export interface LookupGroup {
  readonly columns: readonly VectorRef[];
  /**
   * A public integer added to every value of column 0 before the lookup (default 0): the group
   * proves v + shift ∈ table, e.g. v ∈ [lo, lo + 2^b) against the range [0, 2^b) with shift −lo, so
   * ranges of one width share one table. Padding slots are shifted too.
   */
  readonly shift?: number;
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
    if (g.shift !== undefined && !Number.isSafeInteger(g.shift)) throw new RangeError(`planLogup(${spec.label}): expected a safe-integer shift in group ${i}, got ${g.shift}`);
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

/** Both sides: the challenges β (1 when the table has one column) and X. */
export function logupChallenges(ctx: VerifierContext, plan: LogupPlan): { beta: Ext; X: Ext } {
  const beta = plan.columns > 1 ? ctx.transcript.challengeExt(`${plan.label}/beta`) : eOne();
  const X = ctx.transcript.challengeExt(`${plan.label}/X`);
  return { beta, X };
}

/**
 * MLE tensor terms (zk/mle.ts) at prefixes of one point ρ that share their column vectors where they
 * coincide: every whole-row vector's cols are eq(ρ_0..ρ_{c−1}) (ℓ = 2^c), and sub-row vectors at the
 * same column offset with the same length have equal cols. The Ligero prover and verifier then
 * interpolate (NTT / inner products over ℓ) each distinct column vector once instead of once per
 * lookup group. The terms equal mleConstraint's.
 */
export class SharedMleTerms {
  private whole: ColumnVector | undefined;
  private readonly sub = new Map<string, ColumnVector>();

  constructor(private readonly layout: Pick<Layout, 'rowWidth' | 'logRowWidth' | 'numRows'>) {}

  /** vector~(point) as an affine form; `point` has vector.logLength variables and is a prefix of ρ. */
  mle(vector: VectorRef, point: Uint32Array): Affine {
    const { rowWidth, logRowWidth: c, numRows } = this.layout;
    if (point.length !== 4 * vector.logLength) throw new RangeError(`mleConstraint(${vector.label}): expected a point of ${vector.logLength} variables, got ${point.length / 4}`);
    if (vector.row + vector.rowCount > numRows) throw new RangeError(`mleConstraint(${vector.label}): expected rows inside the layout (${numRows}), got ${vector.row}+${vector.rowCount}`);
    if (vector.paddedLength >= rowWidth) {
      this.whole ??= { values: eqTable(point.subarray(0, 4 * c)) };
      return Affine.tensorTerm({ row: vector.row, rowCoeffs: eqTable(point.subarray(4 * c)), cols: this.whole });
    }
    const key = `${vector.col}/${vector.logLength}`;
    let cols = this.sub.get(key);
    if (!cols) {
      const values = new Uint32Array(4 * rowWidth);
      values.set(eqTable(point), 4 * vector.col);
      this.sub.set(key, (cols = { values }));
    }
    return Affine.tensorTerm({ row: vector.row, rowCoeffs: Uint32Array.of(1, 0, 0, 0), cols });
  }
}

/** Both sides: the two leaf constraints `L.leaf p`, `L.leaf q`. */
export function pushLogupLeafConstraints(ctx: VerifierContext, plan: LogupPlan, leaf: ZkGkrLeafClaim, beta: Ext, X: Ext): void {
  const pw = betaPowers(beta, plan.columns);
  const terms = new SharedMleTerms(ctx.layout);
  const want = leafClaims(plan.geometry, leaf.point, X, {
    // Σ_c β^c·col_c~ + shift (the shift is constant on the block, whose eq weights sum to 1)
    groupMle: (g, pt) => plan.groups[g].columns.reduce((acc, col, c) => acc.add(terms.mle(col, pt).scale(pw[c])), Affine.constant(eFromBase(fromInt(plan.groups[g].shift ?? 0)))),
    multiplicityMle: (pt) => terms.mle(plan.multiplicities, pt),
    tableMle: (pt) => combinedTableMle(plan.table, beta, pt),
  });
  ctx.constraints.push(leaf.p.equals(want.p, `${plan.label}.leaf p`));
  ctx.constraints.push(leaf.q.equals(want.q, `${plan.label}.leaf q`));
}

/** Verifier: pushes every constraint of the lookup argument. @throws MalformedError on a badly shaped proof. */
export function verifyLogup(ctx: VerifierContext, plan: LogupPlan, proof: LogupProof): void {
  const { beta, X } = logupChallenges(ctx, plan);
  const leaf = verifyZkGkr(ctx, plan.gkr, proof);
  pushLogupLeafConstraints(ctx, plan, leaf, beta, X);
}
