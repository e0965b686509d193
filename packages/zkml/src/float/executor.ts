/**
 * The float executor: runs a {@link FloatGraph} in TypeScript (Float32Array storage, float64
 * accumulation) and returns every intermediate activation. It is the reference for calibration
 * (activation ranges) and for float-vs-integer comparisons; it is not meant to be fast.
 * Op semantics follow the ONNX operator specifications (opset 13–17) for the supported subset.
 */
import type { FloatGraph, FloatTensor } from '../ir/graph.ts';
import { sizeOf } from '../ir/graph.ts';
import { InputShapeError, unsupported } from './errors.ts';
import { conv } from './ops/conv.ts';
import { BINARY_OPS, binary, UNARY_OPS, unary } from './ops/elementwise.ts';
import { gemm, matmul } from './ops/linear.ts';
import { layerNorm, softmax } from './ops/norm.ts';
import { globalAveragePool, pool } from './ops/pool.ts';
import { concat, gather, reshape, slice, transpose } from './ops/shape.ts';
import type { FloatOp } from './ops/types.ts';

/** The op table of the float executor. */
export const FLOAT_OPS: ReadonlyMap<string, FloatOp> = new Map<string, FloatOp>([
  ['Gemm', gemm],
  ['MatMul', matmul],
  ['Conv', conv],
  ['MaxPool', pool],
  ['AveragePool', pool],
  ['GlobalAveragePool', globalAveragePool],
  ['Flatten', reshape],
  ['Reshape', reshape],
  ['Squeeze', reshape],
  ['Unsqueeze', reshape],
  ['Transpose', transpose],
  ['Concat', concat],
  ['Slice', slice],
  ['Gather', gather],
  ['Softmax', softmax],
  ['LayerNormalization', layerNorm],
  ...UNARY_OPS.map((op): [string, FloatOp] => [op, unary]),
  ...BINARY_OPS.map((op): [string, FloatOp] => [op, binary]),
]);

/** Result of {@link runFloat}. */
export interface FloatRun {
  /** Graph outputs, in graph order. */
  readonly outputs: Float32Array[];
  /** Every value (inputs, constants, node outputs) by name. */
  readonly values: Map<string, FloatTensor>;
}

/**
 * Runs a float graph on one set of inputs.
 * @param graph the graph (nodes in topological order, static shapes)
 * @param inputs one Float32Array per graph input, in order, of the input's exact size
 * @returns the outputs and every intermediate value
 * @throws {InputShapeError} wrong input count or length
 * @throws {UnsupportedOpError} an op outside {@link FLOAT_OPS}
 * @example
 * const { outputs } = runFloat(graph, [new Float32Array(784)]);
 */
export function runFloat(graph: FloatGraph, inputs: readonly Float32Array[]): FloatRun {
  if (inputs.length !== graph.inputs.length) throw new InputShapeError('graph inputs', `${graph.inputs.length} tensors`, `${inputs.length}`);
  const values = new Map<string, FloatTensor>();
  for (const [k, v] of graph.constants) values.set(k, v);
  graph.inputs.forEach((vi, i) => {
    const n = sizeOf(vi.shape);
    if (!(inputs[i] instanceof Float32Array)) throw new InputShapeError(`input ${vi.name}`, 'a Float32Array', typeof inputs[i]);
    if (inputs[i].length !== n) throw new InputShapeError(`input ${vi.name} [${vi.shape.join(',')}]`, `${n} values`, `${inputs[i].length}`);
    values.set(vi.name, { shape: vi.shape, data: inputs[i] });
  });
  for (const node of graph.nodes) {
    const op = FLOAT_OPS.get(node.op);
    if (!op) throw unsupported(node, 'op not supported by the float executor');
    const ins = node.inputs.map((name) => {
      if (name === '') return undefined as unknown as FloatTensor;
      const t = values.get(name);
      if (!t) throw unsupported(node, `input ${name} is not defined before use`);
      return t;
    });
    const outName = node.outputs[0];
    const outShape = graph.shapes.get(outName);
    if (!outShape) throw unsupported(node, `no static shape for output ${outName}`);
    const data = op({ node, inputs: ins, outShape });
    if (data.length !== sizeOf(outShape)) throw unsupported(node, `output ${outName}: expected ${sizeOf(outShape)} values, got ${data.length}`);
    values.set(outName, { shape: outShape, data });
  }
  const outputs = graph.outputs.map((o) => {
    const t = values.get(o.name);
    if (!t) throw unsupported({ name: o.name, op: 'output' }, 'the graph output is never computed');
    return t.data;
  });
  return { outputs, values };
}
