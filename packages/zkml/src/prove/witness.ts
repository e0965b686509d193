/**
 * The start of an inference witness, shared by the graph prover (graph.ts) and the op test harness:
 * the executor's per-sample values concatenated over the batch, and a witness holding the private
 * parameter region (private mode) and every planned tensor — what each op's `fill` then completes.
 * Layout and semantics: docs/parts/inference.md §3 (allocation) and §7 (region).
 */
import type { IntGraph, IntParams } from '../int/graph.ts';
import type { GraphPlan } from './plan.ts';
import { regionBlocks } from './region.ts';
import { writeTensor } from './tensor.ts';

/** Every value of `runs` (one executor run per sample), sample b's entries at offset b·size. */
export function batchedValues(runs: readonly { readonly values: ReadonlyMap<string, Int32Array> }[]): Map<string, Int32Array> {
  const values = new Map<string, Int32Array>();
  for (const name of runs[0].values.keys()) {
    const per = runs[0].values.get(name)!.length;
    const all = new Int32Array(per * runs.length);
    runs.forEach((r, b) => all.set(r.values.get(name)!, b * per));
    values.set(name, all);
  }
  return values;
}

/** A zero witness for `g` with the private region and every planned tensor written. */
export function seedWitness(graph: IntGraph, params: IntParams, g: GraphPlan, values: ReadonlyMap<string, Int32Array>): Uint32Array {
  const layout = g.layout;
  const witness = new Uint32Array(layout.numRows * layout.rowWidth);
  if (g.region) {
    const { int8, wide } = regionBlocks(graph, params, g.region.layout);
    witness.set(int8, g.region.int8.row * layout.rowWidth);
    if (g.region.wide) witness.set(wide, g.region.wide.row * layout.rowWidth);
  }
  for (const [name, t] of g.tensors) writeTensor(layout, witness, t, values.get(name)!);
  return witness;
}
