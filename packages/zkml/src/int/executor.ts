/**
 * The exact integer executor: the reference semantics that proofs attest, bit for bit.
 * Runs an {@link IntGraph} with its parameters on integer inputs and returns every value.
 * Values are held in Int32Array: every value fits, since int8/int16 activations are clamped and
 * int32 accumulators are bounded by (p−1)/2 < 2^31 (checked by the ops and by the range analysis).
 */
import { InputShapeError } from '../float/errors.ts';
import { IntExecError } from './errors.ts';
import { DTYPE_RANGE, numel, type IntGraph, type IntOpName, type IntParams } from './graph.ts';
import { concat } from './ops/concat.ts';
import { conv } from './ops/conv.ts';
import { gather } from './ops/gather.ts';
import { layernorm } from './ops/layernorm.ts';
import { linear } from './ops/linear.ts';
import { lookup } from './ops/lookup.ts';
import { matmul } from './ops/matmul.ts';
import { maxpool } from './ops/maxpool.ts';
import { relu } from './ops/relu.ts';
import { requant } from './ops/requant.ts';
import { reshape } from './ops/reshape.ts';
import { scaledAdd } from './ops/scaled-add.ts';
import { softmax } from './ops/softmax.ts';
import { sumpool } from './ops/sumpool.ts';
import { transpose } from './ops/transpose.ts';
import type { IntOp } from './ops/types.ts';

/** The op table of the integer executor. */
export const INT_OPS: Readonly<Record<IntOpName, IntOp>> = {
  Linear: linear,
  MatMul: matmul,
  Conv: conv,
  Requant: requant,
  Relu: relu,
  MaxPool: maxpool,
  SumPool: sumpool,
  Reshape: reshape,
  ScaledAdd: scaledAdd,
  Lookup: lookup,
  Transpose: transpose,
  Gather: gather,
  Concat: concat,
  Softmax: softmax,
  LayerNorm: layernorm,
};

/** Result of {@link runIntGraph}. */
export interface IntRun {
  /** Graph outputs in order. */
  readonly outputs: Int32Array[];
  /** Every value by name (inputs and node outputs). */
  readonly values: Map<string, Int32Array>;
}

/**
 * Runs an integer graph exactly.
 * @param graph the integer graph
 * @param params its parameter tensors
 * @param inputs one integer array per graph input, of the exact size, each value inside its dtype
 * @returns outputs and every intermediate value
 * @throws {InputShapeError} wrong count, length or an input value outside its dtype range
 * @throws {IntExecError} an op met a value its node does not allow
 * @example
 * const { outputs } = runIntGraph(pkg.graph, pkg.params, [quantizedInput]);
 */
export function runIntGraph(graph: IntGraph, params: IntParams, inputs: readonly (Int32Array | Int8Array)[]): IntRun {
  if (inputs.length !== graph.inputs.length) throw new InputShapeError('graph inputs', `${graph.inputs.length} tensors`, `${inputs.length}`);
  const values = new Map<string, Int32Array>();
  graph.inputs.forEach((vi, i) => {
    const x = inputs[i];
    const n = numel(vi.shape);
    if (!(x instanceof Int32Array || x instanceof Int8Array)) throw new InputShapeError(`input ${vi.name}`, 'an Int8Array or Int32Array', Object.prototype.toString.call(x));
    if (x.length !== n) throw new InputShapeError(`input ${vi.name} [${vi.shape.join(',')}]`, `${n} values`, `${x.length}`);
    const [lo, hi] = vi.range ?? DTYPE_RANGE[vi.dtype];
    const v = Int32Array.from(x);
    for (let k = 0; k < n; k++) {
      if (v[k] < lo || v[k] > hi) throw new InputShapeError(`input ${vi.name}[${k}]`, `${vi.dtype} in [${lo}, ${hi}]`, String(v[k]));
    }
    values.set(vi.name, v);
  });
  for (const node of graph.nodes) {
    const op = INT_OPS[node.op];
    if (!op) throw new IntExecError(node.name, `unknown op ${node.op}`);
    const ins = node.inputs.map((name) => {
      const v = values.get(name);
      if (!v) throw new IntExecError(node.name, `input ${name} is not defined before use`);
      return v;
    });
    const inShapes = node.inputs.map((name) => graph.values.get(name)!.shape);
    const out = graph.values.get(node.output);
    if (!out) throw new IntExecError(node.name, `output ${node.output} has no declared shape`);
    const data = op({ node, inputs: ins, inShapes, outShape: out.shape, params });
    if (data.length !== numel(out.shape)) throw new IntExecError(node.name, `output: expected ${numel(out.shape)} values, got ${data.length}`);
    values.set(node.output, data);
  }
  return { outputs: graph.outputs.map((o) => values.get(o.name)!), values };
}
