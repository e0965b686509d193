/**
 * The zero-knowledge logUp-GKR lookup argument, prover side: multiplicities, the fill phase and the
 * prover (protocol, plan and verifier in logup.ts).
 */
import { P, fromInt, isCanonical } from '../field/babybear.ts';
import { vectorWire, type Layout, type VectorRef } from '../zk/layout.ts';
import type { ProverContext } from '../zk/session.ts';
import { fillZkGkr, proveZkGkrWith } from './gkr-zk-prove.ts';
import { TsFractionTreeProver, WasmFractionTreeProver, gkrKernels, type FractionTreeProver } from './gkr-wasm.ts';
import { buildLeaves, writeLeaves } from './leaves.ts';
import { combineColumns, paddedColumn, tableShape } from './table.ts';
import { logupChallenges, pushLogupLeafConstraints, type LogupPlan, type LogupProof } from './logup.ts';

/** A looked-up value that is not in the table. */
export interface MissingLookup {
  readonly group: number;
  readonly index: number;
  readonly value: readonly number[];
}

/** Reads group g's column c (the whole padded vector) from the witness. */
function readVector(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, witness: Uint32Array, v: VectorRef): Uint32Array {
  // a vector's wires are consecutive (zk/layout.ts vectorWire: row·ℓ + col + i)
  const at = vectorWire(layout, v, 0);
  return witness.slice(at, at + v.paddedLength);
}

/** In place: v[i] ← v[i] + shift mod p (the group's public shift, LookupGroup.shift). */
function shiftColumn(v: Uint32Array, shift: number | undefined): void {
  if (!shift) return;
  const s = fromInt(shift);
  for (let i = 0; i < v.length; i++) {
    const x = v[i] + s;
    v[i] = x >= P ? x - P : x;
  }
}

/** v − shift mod p (reports the committed value, not the shifted one). */
function unshift(v: number, shift: number | undefined): number {
  const s = fromInt(shift ?? 0);
  return v >= s ? v - s : v + P - s;
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
    shiftColumn(cols[0], g.shift);
    if (plan.table.kind === 'range') {
      // one column: no per-value allocation
      const offF = fromInt(plan.table.offset ?? 0);
      const v = cols[0];
      for (let i = 0; i < g.columns[0].length; i++) {
        const d = v[i] >= offF ? v[i] - offF : v[i] + P - offF;
        if (d < rows) mult[d] += 1;
        else missing.push({ group: gi, index: i, value: [unshift(v[i], g.shift)] });
      }
      return;
    }
    for (let i = 0; i < g.columns[0].length; i++) {
      const vals = cols.map((c) => c[i]);
      const k = find(vals);
      if (k < 0) missing.push({ group: gi, index: i, value: [unshift(vals[0], g.shift), ...vals.slice(1)] });
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
  for (let i = 0; i < m.length; i++) if (!isCanonical(m[i])) throw new RangeError(`fillLogup(${plan.label}): expected canonical multiplicities, got ${m[i]}`);
  witness.set(m, vectorWire(layout, plan.multiplicities, 0));
  fillZkGkr(plan.gkr, layout, witness);
}

/** Prover (after the commitment). */
export function proveLogup(ctx: ProverContext, plan: LogupPlan): LogupProof {
  const { beta, X } = logupChallenges(ctx, plan);
  const groupValues = plan.groups.map((g) => {
    const cols = g.columns.map((c) => readVector(ctx.layout, ctx.witness, c));
    shiftColumn(cols[0], g.shift);
    return combineColumns(cols, beta);
  });
  const tableValues = combineColumns(Array.from({ length: plan.columns }, (_, c) => paddedColumn(plan.table, c)), beta);
  const mult = readVector(ctx.layout, ctx.witness, plan.multiplicities);
  // WASM: the leaves are written straight into the kernel instance's memory (no JS copy)
  const x = gkrKernels();
  let tree: FractionTreeProver;
  if (x) tree = new WasmFractionTreeProver(x, plan.geometry.numVars, (p, q) => writeLeaves(plan.geometry, groupValues, tableValues, mult, X, p, q));
  else {
    const { p, q } = buildLeaves(plan.geometry, groupValues, tableValues, mult, X);
    tree = new TsFractionTreeProver(p, q);
  }
  const { proof, leaf } = proveZkGkrWith(ctx, plan.gkr, tree);
  pushLogupLeafConstraints(ctx, plan, leaf, beta, X);
  return proof;
}

