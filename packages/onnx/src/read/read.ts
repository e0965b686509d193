/**
 * ONNX ModelProto → FloatGraph import (onnx.proto IR ≤ 8, default-domain opsets 7–21).
 *
 * Pipeline: decode and validate bytes (./decode.ts) → topological order with dangling-name and
 * cycle checks (./order.ts) → static input shapes (symbolic batch dims fixed) → per-op import
 * with constant folding of static shape subgraphs and shape inference (./ops-*.ts) → fusions
 * (Erf-GELU, decomposed LayerNorm, BatchNorm folding, MatMul+Add → Gemm) → dead-code
 * elimination → a canonical graph checked by `validateGraph` (@vouch/zkml ir/ops.ts).
 */
import {
  ShapeError,
  UnsupportedOpError,
  formatShape,
  validateGraph,
  type DType,
  type FloatGraph,
  type FloatTensor,
  type GraphNode,
  type ValueInfo,
} from '@vouch/zkml';
import { DataType } from '../proto.ts';
import { decodeModel, type OnnxValueInfo } from './decode.ts';
import { topoSort } from './order.ts';
import { ImportCtx, PATTERN_OPS, type IrNode } from './context.ts';
import { SHAPE_HANDLERS } from './ops-shape.ts';
import { ELEMENTWISE_HANDLERS } from './ops-elementwise.ts';
import { LINEAR_HANDLERS } from './ops-linear.ts';
import { CONV_HANDLERS } from './ops-conv.ts';
import { NORM_HANDLERS } from './ops-norm.ts';
import { FOLD_HANDLERS } from './ops-fold.ts';
import { fuseGelu } from './fuse-gelu.ts';
import { fuseLayerNorm } from './fuse-layernorm.ts';
import { fuseBatchNorm } from './fuse-batchnorm.ts';
import { fuseMatMulAdd } from './fuse-matmul-add.ts';

/** Options of {@link readOnnx}. */
export interface ReadOnnxOptions {
  /** Full static shapes of graph inputs by name (override the model's dims; must agree with static ones). */
  inputShapes?: Record<string, number[]>;
  /** Value of a symbolic (or unknown) leading dimension of the inputs (default 1). */
  batch?: number;
}

const HANDLERS = {
  ...FOLD_HANDLERS,
  ...SHAPE_HANDLERS,
  ...ELEMENTWISE_HANDLERS,
  ...LINEAR_HANDLERS,
  ...CONV_HANDLERS,
  ...NORM_HANDLERS,
};

/**
 * ONNX op types `readOnnx` imports (some only as parts of fused patterns or as foldable
 * constant subgraphs; see docs/parts/onnx.md).
 */
export const SUPPORTED_ONNX_OPS: readonly string[] = Object.keys(HANDLERS).sort();

function inputShape(v: OnnxValueInfo, opts: ReadOnnxOptions): number[] {
  const where = `input ${v.name}`;
  const given = opts.inputShapes?.[v.name];
  const batch = opts.batch ?? 1;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch: expected a positive integer, got ${batch}`);
  if (given) {
    if (!Array.isArray(given) || given.some((d) => !Number.isInteger(d) || d < 0))
      throw new ShapeError(where, `expected non-negative integer dims, got ${JSON.stringify(given)}`);
    if (v.dims) {
      if (v.dims.length !== given.length)
        throw new ShapeError(
          where,
          `expected rank ${v.dims.length} (model dims [${v.dims.join(', ')}]), got ${formatShape(given)}`,
          [given],
        );
      v.dims.forEach((d, i) => {
        if (typeof d === 'number' && d > 0 && d !== given[i])
          throw new ShapeError(where, `expected dim ${i} = ${d} as the model declares, got ${formatShape(given)}`, [
            given,
          ]);
      });
    }
    return [...given];
  }
  if (!v.dims) throw new ShapeError(where, 'expected a declared shape or opts.inputShapes, got neither');
  return v.dims.map((d, i) => {
    if (typeof d === 'number' && d > 0) return d;
    if (i === 0) return batch;
    throw new ShapeError(
      where,
      `expected static dims after the batch dim, got symbolic dim ${i} (${String(d)}); pass opts.inputShapes`,
    );
  });
}

function inputDtype(v: OnnxValueInfo, supported: readonly string[]): DType {
  if (v.elemType === DataType.FLOAT) return 'float32';
  if (v.elemType === DataType.INT64 || v.elemType === DataType.INT32) return 'int64';
  throw new UnsupportedOpError(
    'input',
    v.name,
    supported,
    `expected element type FLOAT (1), INT64 (7) or INT32 (6), got ${v.elemType}`,
  );
}

/**
 * Parses an ONNX model into the canonical float graph IR (see @vouch/zkml ir/ops.ts).
 *
 * @param bytes - serialized ModelProto
 * @param opts - static input shapes (`inputShapes`) and the value of symbolic batch dims (`batch`, default 1)
 * @returns a FloatGraph with static shapes, canonical ops in topological order, and only the constants the nodes read
 * @throws MalformedOnnxError for undecodable bytes, a missing graph/opset, a dangling value name, a cycle, a bad tensor
 * @throws UnsupportedOpError for an op (or an attribute value) outside the supported set, naming op and node
 * @throws ShapeError for input shapes that do not fit the model or an op, naming the node and shapes
 * @example
 * ```ts
 * const graph = readOnnx(bytes, { batch: 4 });
 * ```
 */
export function readOnnx(bytes: Uint8Array, opts: ReadOnnxOptions = {}): FloatGraph {
  const model = decodeModel(bytes);
  const order = topoSort(model);
  const ctx = new ImportCtx(model.opset, SUPPORTED_ONNX_OPS);
  for (const n of model.nodes) {
    ctx.reserve(n.name);
    for (const o of n.outputs) ctx.reserve(o);
  }
  for (const name of model.initializers.keys()) ctx.reserve(name);
  for (const name of Object.keys(opts.inputShapes ?? {})) {
    if (!model.inputs.some((v) => v.name === name))
      throw new ShapeError(
        `input ${name}`,
        `expected the name of a graph input (${model.inputs.map((v) => v.name).join(', ')}), got ${name}`,
      );
  }

  for (const [name, c] of model.initializers) ctx.setConst(name, c);
  const inputs: ValueInfo[] = model.inputs.map((v) => {
    ctx.reserve(v.name);
    const shape = inputShape(v, opts);
    const dtype = inputDtype(v, SUPPORTED_ONNX_OPS);
    ctx.values.set(v.name, { kind: 'dyn', shape, dtype });
    return dtype === 'int64' ? { name: v.name, shape, dtype } : { name: v.name, shape };
  });

  const outputNames = model.outputs.map((o) => o.name);
  const read = new Set<string>([...outputNames, ...model.nodes.flatMap((n) => n.inputs)]);
  for (const node of order) {
    const handler = HANDLERS[node.op as keyof typeof HANDLERS];
    if (node.domain !== '' || !handler) {
      throw new UnsupportedOpError(node.domain ? `${node.domain}.${node.op}` : node.op, node.name, SUPPORTED_ONNX_OPS);
    }
    ctx.onlyFirstOutput(node, read);
    handler(ctx, node);
  }

  fuseGelu(
    ctx,
    outputNames.map((o) => ctx.resolve(o)),
  );
  fuseLayerNorm(
    ctx,
    outputNames.map((o) => ctx.resolve(o)),
  );
  fuseBatchNorm(
    ctx,
    outputNames.map((o) => ctx.resolve(o)),
  );
  fuseMatMulAdd(
    ctx,
    outputNames.map((o) => ctx.resolve(o)),
  );

  for (const n of ctx.nodes) {
    // A square outside the fused patterns is a plain product.
    const e = n.op === 'Pow' ? ctx.constOf(n.inputs[1]!) : undefined;
    if (e && e.data.length === 1 && e.data[0] === 2) {
      n.op = 'Mul';
      n.inputs = [n.inputs[0]!, n.inputs[0]!];
    }
    if (PATTERN_OPS.has(n.op)) {
      const op = ctx.origin.get(n.name) ?? n.op;
      const reason =
        n.op === 'Div'
          ? 'expected a constant divisor (or the decomposed LayerNorm pattern), got a computed one'
          : `${n.op} is supported only inside a fused pattern (Erf-GELU, decomposed LayerNorm, BatchNorm folding), got a lone ${n.op}`;
      throw new UnsupportedOpError(op, n.name, SUPPORTED_ONNX_OPS, reason);
    }
  }

  bindOutputs(ctx, outputNames, new Set(inputs.map((v) => v.name)));
  const nodes = liveNodes(ctx.nodes, outputNames);

  const constants = new Map<string, FloatTensor>();
  const constantDtypes = new Map<string, DType>();
  const shapes = new Map<string, readonly number[]>();
  for (const v of inputs) shapes.set(v.name, v.shape);
  for (const n of nodes) {
    for (const i of n.inputs) {
      const c = ctx.constOf(i);
      if (!c || constants.has(i)) continue;
      constants.set(i, { shape: c.shape, data: new Float32Array(c.data) });
      shapes.set(i, c.shape);
      if (c.dtype === 'int64') constantDtypes.set(i, 'int64');
    }
    for (const o of n.outputs) shapes.set(o, ctx.shape(o));
  }
  const graph: FloatGraph = {
    name: model.graphName || 'graph',
    inputs,
    outputs: outputNames.map((name) => ({ name, shape: ctx.shape(name) })),
    constants,
    constantDtypes,
    nodes: nodes.map((n): GraphNode => ({
      name: n.name,
      op: n.op,
      inputs: n.inputs,
      outputs: n.outputs,
      attrs: n.attrs,
    })),
    shapes,
  };
  validateGraph(graph);
  return graph;
}

/** Makes every graph output name the output of a node (renaming through Identity-like aliases). */
function bindOutputs(ctx: ImportCtx, outputNames: readonly string[], inputNames: ReadonlySet<string>): void {
  const outSet = new Set(outputNames);
  const producers = new Map<string, IrNode>();
  for (const n of ctx.nodes) for (const o of n.outputs) producers.set(o, n);
  for (const o of outputNames) {
    if (ctx.constOf(o))
      throw new UnsupportedOpError(
        'Constant',
        o,
        SUPPORTED_ONNX_OPS,
        `expected graph output ${o} to be computed from the inputs, got a constant`,
      );
    if (producers.has(o)) continue;
    const src = ctx.resolve(o);
    const p = producers.get(src);
    if (p && !inputNames.has(src) && !outSet.has(src)) {
      for (const n of ctx.nodes) n.inputs = n.inputs.map((i) => (i === src ? o : i));
      p.outputs = p.outputs.map((x) => (x === src ? o : x));
      producers.set(o, p);
    } else {
      const shape = [...ctx.shape(src)];
      ctx.nodes.push({
        name: ctx.fresh(`${o}_identity`),
        op: 'Reshape',
        inputs: [src],
        outputs: [o],
        attrs: { shape },
      });
    }
    ctx.values.set(o, ctx.val(src));
  }
}

/** Nodes that contribute to the outputs, in order. */
function liveNodes(nodes: readonly IrNode[], outputs: readonly string[]): IrNode[] {
  const need = new Set(outputs);
  const live: IrNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (!n.outputs.some((o) => need.has(o))) continue;
    live.push(n);
    for (const x of n.inputs) need.add(x);
  }
  return live.reverse();
}
