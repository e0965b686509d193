/**
 * Zero-knowledge proof of a Lookup node, y = T[x − lo] element-wise for a PUBLIC table T over the
 * integer domain [lo, lo + |T|), |T| ≤ 2^16 (int/ops/lookup.ts: GELU, Sigmoid, Tanh, … tabulated at
 * quantization time).
 *
 * One logUp-GKR lookup (Haböck, ePrint 2022/1530; Papini–Haböck, ePrint 2023/1284; core
 * lookup/logup.ts) of the pairs (x[i], y[i]) of the two committed tensors, over EVERY padded index i,
 * against the fixed two-column table {(lo + j, T[j]) : j < |T|}, the two columns combined by a random
 * β drawn after the commitment. Constraints: the lookup's `<node>/lookup.leaf p` and `… leaf q` and its
 * GKR rounds (labels `<node>/lookup …`). Messages: the padded GKR messages (uniform: zero knowledge).
 * Multiplicities are private and committed; the table is public verification data (a public
 * parameter of the graph, hence part of the model id). At most B·Π padded dims < 2^28 < p lookups.
 *
 * Padding: x's padding entries are 0 for an honest prover (the framework zeroes activation padding),
 * so the honest pair at a padding index is (0, T[−lo]); the prover writes y's padding that way. This
 * needs 0 ∈ [lo, lo + |T|) whenever the tensor has padding, and T[−lo] = 0 when y is a graph output
 * (whose padding is bound to 0); otherwise the node is refused at planning.
 * Soundness: a pair outside the table passes with probability ≤ (lookups + |T|)·(GKR error)/|K|
 * (core docs); real outputs depend only on real inputs (element-wise).
 */
import { fillLogup, planLogup, fromInt, toSigned, type LogupPlan, vectorWire } from '@vouch/core';
import { intAttr, type IntNode } from '../../int/graph.ts';
import { realFlags } from '../ranges.ts';
import { prod } from '../tensor.ts';
import type { FillContext, OpProver, PlanContext, TensorRef } from '../types.ts';
import { LogupBackedOp } from './logup-backed.ts';

/**
 * The fixed two-column table {(lo + j, T[j])} as field columns.
 * @throws RangeError on an empty table or one of more than 2^16 rows.
 */
export function pairTable(lo: number, table: ArrayLike<number>): Uint32Array[] {
  const n = table.length;
  if (n < 1 || n > 2 ** 16) throw new RangeError(`lookup table: expected 1..65536 rows, got ${n}`);
  const keys = new Uint32Array(n);
  const vals = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    keys[j] = fromInt(lo + j);
    vals[j] = fromInt(table[j]);
  }
  return [keys, vals];
}

class LookupInstance extends LogupBackedOp {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  protected readonly plan: LogupPlan;
  private readonly padValue: number;

  constructor(ctx: PlanContext, node: IntNode) {
    super();
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.y = ctx.output(node);
    const lo = intAttr(node, 'lo');
    const h = ctx.param(node, 'table');
    const data = h.paddedData?.();
    if (!data || h.ref) throw new RangeError(`node ${node.name}: expected a public lookup table, got a private one`);
    const n = prod(h.dims);
    const T = Array.from(data.subarray(0, n), toSigned);
    const hasPadding = prod(this.x.dims) !== this.x.ref.paddedLength;
    this.padValue = 0;
    if (hasPadding) {
      if (lo > 0 || lo + n <= 0) throw new RangeError(`node ${node.name}: expected 0 in the table domain [${lo}, ${lo + n}) for a padded tensor, got none`);
      this.padValue = T[-lo];
      const isOutput = ctx.graph.outputs.some((o) => o.name === node.output);
      if (isOutput && this.padValue !== 0) throw new RangeError(`node ${node.name}: expected T[0] = 0 for a padded graph output, got ${this.padValue}`);
    }
    this.plan = planLogup(ctx.builder, ctx.products, { label: `${node.name}/lookup`, table: { kind: 'fixed', columns: pairTable(lo, T) }, groups: [{ columns: [this.x.ref, this.y.ref] }] });
  }

  fill(f: FillContext): void {
    if (this.padValue !== 0) {
      const real = realFlags(this.y);
      const base = vectorWire(f.layout, this.y.ref, 0);
      const v = fromInt(this.padValue);
      for (let i = 0; i < real.length; i++) if (!real[i]) f.witness[base + i] = v;
    }
    fillLogup(this.plan, f.layout, f.witness);
  }

}

/** The Lookup op prover (fixed public tables). */
export const lookupProver: OpProver = {
  op: 'Lookup',
  plan: (ctx, node) => new LookupInstance(ctx, node),
};
