/**
 * The graph planner: builds, from public data only (graph, mode, batch size, row width), the one
 * witness layout of an inference proof — identically on the prover and the verifier side — by
 * allocating the private-parameter region (private mode), the graph inputs, then asking each node's
 * {@link OpProver} to plan itself, and finally batching every range request into logUp lookups.
 */
import { LayoutBuilder, PadProductPlanner, type Layout, type VectorRef } from '@vouch/core';
import type { IntGraph, IntNode, IntParams } from '../int/graph.ts';
import { AlignedPacker, packingKey, type AlignedSignature, type AlignedSlot } from './aligned-packing.ts';
import { checkNoWrap } from './no-wrap.ts';
import { committedParam, publicParam } from './params.ts';
import { RangeBook, carve } from './ranges.ts';
import { regionLayout, type RegionLayout } from './region.ts';
import { OP_PROVERS } from './registry.ts';
import { padDims, pow2, prod } from './tensor.ts';
import { committedValues } from './region.ts';
import type { InferenceMode, OpInstance, ParamHandle, PlanContext, TensorRef } from './types.ts';

/** The planned proof (public). */
export interface GraphPlan {
  readonly graph: IntGraph;
  readonly mode: InferenceMode;
  readonly batch: number;
  readonly layout: Layout;
  readonly builder: LayoutBuilder;
  readonly products: PadProductPlanner;
  readonly tensors: ReadonlyMap<string, TensorRef>;
  readonly ops: readonly OpInstance[];
  readonly ranges: RangeBook;
  /** Private mode: the parameter region. */
  readonly region?: { readonly layout: RegionLayout; readonly int8: VectorRef; readonly wide?: VectorRef };
  readonly params: ReadonlyMap<string, ParamHandle>;
  /** Hook for extra sub-protocols planned before finishing (the weight digest). */
  readonly extra: Record<string, unknown>;
}

/** Options of {@link planGraph}. */
export interface PlanGraphOptions {
  readonly graph: IntGraph;
  readonly mode: InferenceMode;
  readonly batch: number;
  readonly rowWidth: number;
  /** Data of public parameters (and, in open mode, of every parameter). */
  readonly publicParams: IntParams;
  /** Called after the ops and before the range lookups are planned (private mode: weight digest). */
  readonly beforeRanges?: (b: LayoutBuilder, p: PadProductPlanner, plan: { region?: GraphPlan['region']; ranges: RangeBook; extra: Record<string, unknown> }) => void;
}

function batchDims(batch: number, shape: readonly number[]): number[] {
  return [batch, ...(shape.length ? shape : [1])];
}

/**
 * Plans an inference proof. Sub-row aligned tensors of nodes with identical aligned allocations
 * share rows (aligned-packing.ts): a first pass records each node's signature; when some nodes can
 * share rows, the nodes are planned again with the packing (prover and verifier alike).
 * @throws RangeError on an op without a prover, a missing public parameter, or bad shapes;
 *   RangeAnalysisError when the graph's no-wrap argument does not hold (no-wrap.ts, audit O6).
 */
export function planGraph(opts: PlanGraphOptions): GraphPlan {
  const { graph, batch } = opts;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`planGraph: expected a batch size ≥ 1, got ${batch}`);
  checkNoWrap(graph, opts.publicParams);
  const first = planNodes(opts, undefined);
  const packer = new AlignedPacker(opts.rowWidth);
  const slots = first.signatures.map((sig) => packer.slotFor(sig));
  const st = slots.some((sl) => sl !== undefined && sl.slot > 0) ? planNodes(opts, slots) : first;
  const { builder, products, ranges, region, extra } = st;
  opts.beforeRanges?.(builder, products, { region, ranges, extra });
  ranges.finish(builder, products);
  const layout = builder.finish();
  return { graph, mode: opts.mode, batch, layout, builder, products, tensors: st.tensors, ops: st.ops, ranges, region, params: st.params, extra };
}

/** The planner's state after the nodes (before the range lookups). */
interface NodesPlan {
  readonly builder: LayoutBuilder;
  readonly products: PadProductPlanner;
  readonly tensors: Map<string, TensorRef>;
  readonly ops: OpInstance[];
  readonly ranges: RangeBook;
  readonly region: GraphPlan['region'];
  readonly params: Map<string, ParamHandle>;
  readonly extra: Record<string, unknown>;
  /** Per node, its aligned allocations (recorded in every pass). */
  readonly signatures: AlignedSignature[];
}

/**
 * Allocates the private-parameter region, the graph inputs and every node's tensors.
 * @param slots per node, its packing slot (second pass) or undefined (first pass: no packing).
 */
function planNodes(opts: PlanGraphOptions, slots: readonly (AlignedSlot | undefined)[] | undefined): NodesPlan {
  const { graph, mode, batch, rowWidth } = opts;
  const builder = new LayoutBuilder(rowWidth);
  const products = new PadProductPlanner(builder);
  const tensors = new Map<string, TensorRef>();
  const ranges = new RangeBook();
  const params = new Map<string, ParamHandle>();
  const extra: Record<string, unknown> = {};

  // 1. private-parameter region (private mode)
  let region: GraphPlan['region'];
  if (mode === 'private') {
    const rl = regionLayout(graph, rowWidth);
    const int8 = { ...builder.vector(pow2(rl.int8Rows) * rowWidth, 'private int8 parameters'), length: rl.int8Rows * rowWidth };
    const wide = rl.wideRows > 0 ? builder.rows(rl.wideRows, 'private wide parameters') : undefined;
    const wideRef: VectorRef | undefined = wide && { label: wide.label, length: rl.wideRows * rowWidth, paddedLength: pow2(rl.wideRows) * rowWidth, logLength: Math.log2(pow2(rl.wideRows) * rowWidth), row: wide.row, col: 0, rowCount: pow2(rl.wideRows) };
    region = { layout: rl, int8, wide: wideRef };
    for (const pl of rl.placements.values()) {
      const base = pl.block === 'int8' ? int8 : { ...wideRef!, length: wideRef!.paddedLength };
      const ref = carve(base, pl.offset, pl.size, pl.size, rowWidth, pl.name);
      params.set(pl.name, committedParam(graph.params.get(pl.name)!, ref));
    }
  }
  for (const spec of graph.params.values()) {
    if (params.has(spec.name)) continue;
    const data = opts.publicParams.get(spec.name);
    if (!data) throw new RangeError(`planGraph: expected public data for parameter ${spec.name} (${spec.visibility}, mode ${mode}), got none`);
    const vals = committedValues(graph, spec.name, data.data);
    params.set(spec.name, publicParam(spec, { ...data, data: Int32Array.from(vals) }));
  }

  const tensorOf = (label: string, dims: readonly number[], ref: VectorRef): TensorRef => ({ label, dims, ...padDims(dims), ref });
  const vector = (dims: readonly number[], label: string): TensorRef => {
    const { padded } = padDims(dims);
    return tensorOf(label, dims, builder.vector(prod(padded), label));
  };
  // the node being planned: its recorded aligned tensors and signature, and its packing slot
  let cur: { aligned: TensorRef[]; sig: AlignedSignature; slot: AlignedSlot | undefined } = { aligned: [], sig: { sizes: [], triples: [] }, slot: undefined };
  const signatures: AlignedSignature[] = [];
  const alignedVector = (dims: readonly number[], label: string): TensorRef => {
    const { padded } = padDims(dims);
    const size = prod(padded);
    const k = cur.aligned.length;
    const sl = cur.slot;
    let ref: VectorRef;
    if (sl && sl.slot > 0) {
      // a later band member: the first member's k-th row, this member's columns
      if (size !== sl.size || k >= sl.rows.length) throw new RangeError(`alignedVector(${label}): expected the band's allocation ${k} of size ${sl.size}, got size ${size}`);
      ref = { label, length: size, paddedLength: size, logLength: Math.log2(size), row: sl.rows[k], col: sl.slot * size, rowCount: 1 };
    } else {
      const blk = builder.rows(Math.max(1, Math.ceil(size / rowWidth)), label);
      ref = { label, length: size, paddedLength: size, logLength: Math.log2(size), row: blk.row, col: 0, rowCount: blk.count };
      if (sl) sl.rows.push(blk.row);
    }
    const t = tensorOf(label, dims, ref);
    cur.aligned.push(t);
    cur.sig.sizes.push(size);
    return t;
  };

  // 2. graph inputs
  for (const vi of graph.inputs) tensors.set(vi.name, vector(batchDims(batch, vi.shape), `input ${vi.name}`));

  // 3. nodes
  const ctx: PlanContext = {
    graph,
    mode,
    batch,
    builder,
    products,
    tensor(value) {
      const t = tensors.get(value);
      if (!t) throw new RangeError(`planGraph: expected value ${value} to be defined before use`);
      return t;
    },
    output(node) {
      const vi = graph.values.get(node.output);
      if (!vi) throw new RangeError(`node ${node.name}: expected a declared output ${node.output}`);
      const t = vector(batchDims(batch, vi.shape), `${node.name} output`);
      tensors.set(node.output, t);
      return t;
    },
    alias(node, tensor) {
      const vi = graph.values.get(node.output)!;
      const t = { ...tensor, dims: batchDims(batch, vi.shape), ...padDims(batchDims(batch, vi.shape)), label: `${node.name} output` };
      tensors.set(node.output, t);
      return t;
    },
    vector,
    alignedVector,
    triple(a, b, c) {
      const col = a.ref.col;
      if (a.ref.paddedLength !== b.ref.paddedLength || a.ref.paddedLength !== c.ref.paddedLength || b.ref.col !== col || c.ref.col !== col || (col !== 0 && a.ref.paddedLength >= rowWidth)) {
        throw new RangeError(`triple: expected three aligned tensors of one padded size, got ${a.label}, ${b.label}, ${c.label}`);
      }
      const idx = (t: TensorRef) => cur.aligned.findIndex((x) => x.ref === t.ref);
      const ks = [idx(a), idx(b), idx(c)];
      cur.sig.triples.push(ks.every((k) => k >= 0) ? (ks as [number, number, number]) : undefined);
      // a later band member's triple is the first member's (same rows, every column)
      if (cur.slot && cur.slot.slot > 0) return;
      for (let r = 0; r < a.ref.rowCount; r++) builder.triple(a.ref.row + r, b.ref.row + r, c.ref.row + r);
    },
    range(tensor, lo, bits, label) {
      ranges.request(tensor, lo, bits, label);
    },
    member(tensor, key, values, label) {
      ranges.member(tensor, key, values, label);
    },
    param(node: IntNode, role: string) {
      const name = node.params[role];
      const h = name === undefined ? undefined : params.get(name);
      if (!h) throw new RangeError(`node ${node.name}: parameter ${role}: expected a tensor, got none`);
      return h;
    },
  };
  const ops: OpInstance[] = [];
  graph.nodes.forEach((node, i) => {
    const prover = OP_PROVERS[node.op];
    if (!prover) throw new RangeError(`node ${node.name}: expected an op with a prover, got ${node.op}`);
    cur = { aligned: [], sig: { sizes: [], triples: [] }, slot: slots?.[i] };
    ops.push(prover.plan(ctx, node));
    const sl = cur.slot;
    if (sl && (cur.aligned.length !== sl.rows.length || packingKey(cur.sig, rowWidth) !== sl.key)) {
      throw new RangeError(`node ${node.name}: expected the aligned allocations of the first planning pass, got others`);
    }
    signatures.push(cur.sig);
  });
  return { builder, products, tensors, ops, ranges, region, params, extra, signatures };
}
