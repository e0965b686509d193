/**
 * Op-level test harness for the transformer op provers: plans a small IntGraph exactly as the graph
 * prover does, fills the witness from the integer executor, runs every op's prover (and the range
 * lookups) on a transcript WITHOUT the Ligero commitment, and checks every constraint and row triple
 * directly on the witness (core zk/direct-check.ts, a "trivial PCS"). Tampering hooks let a test
 * change committed values before the messages are computed, as a cheating prover would.
 */
import { Sha256Transcript, directCheck, vectorWire, fromInt, type LinearConstraint, type ProverContext, type VerifierContext, type DirectCheckFailure } from '@vouch/core';
import { runIntGraph } from '../../../src/int/executor.ts';
import type { IntGraph, IntParams, IntTensor } from '../../../src/int/graph.ts';
import { planGraph, type GraphPlan } from '../../../src/prove/plan.ts';
import { writeTensor } from '../../../src/prove/tensor.ts';
import { batchedValues, seedWitness } from '../../../src/prove/witness.ts';
import type { FillContext, InferenceMode, OpProof, TensorRef } from '../../../src/prove/types.ts';

/** A filled, planned op-level instance. */
export interface Harness {
  readonly g: GraphPlan;
  readonly witness: Uint32Array;
  readonly values: Map<string, Int32Array>;
}

function publicOnly(graph: IntGraph, params: IntParams, mode: InferenceMode): IntParams {
  if (mode === 'open') return params;
  const out = new Map<string, IntTensor>();
  for (const s of graph.params.values()) if (s.visibility === 'public') out.set(s.name, params.get(s.name)!);
  return out;
}

/**
 * Plans and fills (prover side, before the commitment). Each sample is one input array, or an array of
 * inputs for graphs with several. `tamper` changes the witness after the ops filled it.
 */
export function harness(graph: IntGraph, params: IntParams, inputs: readonly (Int32Array | Int32Array[])[], opts: { mode?: InferenceMode; rowWidth?: number; tamper?: (h: Harness) => void } = {}): Harness {
  const mode = opts.mode ?? 'open';
  const rowWidth = opts.rowWidth ?? 64;
  const batch = inputs.length;
  const runs = inputs.map((x) => runIntGraph(graph, params, Array.isArray(x) ? x : [x]));
  const values = batchedValues(runs);
  const g = planGraph({ graph, mode, batch, rowWidth, publicParams: publicOnly(graph, params, mode) });
  const layout = g.layout;
  const witness = seedWitness(graph, params, g, values);
  const f: FillContext = {
    layout,
    witness,
    batch,
    value: (name) => values.get(name)!,
    paramData: (name) => Int32Array.from(params.get(name)!.data),
    write: (t, data) => writeTensor(layout, witness, t, data),
  };
  const h = { g, witness, values };
  for (const op of g.ops) op.fill(f);
  opts.tamper?.(h);
  g.ranges.fill(layout, witness);
  return h;
}

/** Runs every op's prover and the range lookups; returns the messages and the constraints. */
export function proveOps(h: Harness, seed = 'test'): { ops: OpProof[]; lookups: Uint32Array[][]; constraints: LinearConstraint[] } {
  const ctx: ProverContext = { layout: h.g.layout, transcript: new Sha256Transcript(seed, 1), constraints: [], witness: h.witness };
  const ops = h.g.ops.map((op) => op.prove(ctx));
  const lookups = h.g.ranges.prove(ctx).map((l) => [...l]);
  return { ops, lookups, constraints: ctx.constraints };
}

/** Runs every op's verifier on messages; returns the constraints it pushes. */
export function verifyOps(h: Harness, ops: readonly OpProof[], lookups: readonly Uint32Array[][], seed = 'test'): LinearConstraint[] {
  const ctx: VerifierContext = { layout: h.g.layout, transcript: new Sha256Transcript(seed, 1), constraints: [] };
  h.g.ops.forEach((op, i) => op.verify(ctx, ops[i]));
  h.g.ranges.verify(ctx, lookups);
  return ctx.constraints;
}

/** Proves, verifies (messages → verifier constraints) and checks the verifier's constraints on the witness. */
export function check(h: Harness): DirectCheckFailure[] {
  const p = proveOps(h);
  const c = verifyOps(h, p.ops, p.lookups);
  return directCheck(h.g.layout, h.witness, c);
}

/** Labels of the failures. */
export function failed(h: Harness): string[] {
  return check(h).map((f) => f.label);
}

/** Sets element i (padded index) of a committed tensor to a signed value. */
export function setEntry(h: Harness, t: TensorRef, i: number, v: number): void {
  h.witness[vectorWire(h.g.layout, t.ref, i)] = fromInt(v);
}

/** Reads element i (padded index) of a committed tensor (field value). */
export function getEntry(h: Harness, t: TensorRef, i: number): number {
  return h.witness[vectorWire(h.g.layout, t.ref, i)];
}

/** An op-internal tensor of node `node` (instances expose `internal`). */
export function internal(h: Harness, node: string, name: string): TensorRef {
  const op = h.g.ops.find((o) => o.node.name === node) as unknown as { internal?: Record<string, TensorRef> } | undefined;
  const t = op?.internal?.[name];
  if (!t) throw new RangeError(`test: no internal tensor ${name} in node ${node}`);
  return t;
}
