/**
 * Changes the static batch size of a float graph whose ops treat axis 0 as the batch (MLPs and
 * CNNs: the A1 fairness audit runs a whole dataset in one batch; tests run a test set through
 * onnxruntime in one session). Every non-constant value must have batch 1 on axis 0.
 */
import type { FloatGraph, GraphNode } from '@vouch/zkml';
import { ZooError } from '../data/errors.ts';

/** Ops that act on each batch row independently (Reshape only when its target keeps axis 0). */
const PER_ROW = new Set([
  'Gemm',
  'MatMul',
  'Add',
  'Sub',
  'Mul',
  'Relu',
  'Sigmoid',
  'Tanh',
  'Conv',
  'MaxPool',
  'AveragePool',
  'Flatten',
  'Reshape',
  'Softmax',
]);

/**
 * Returns a copy of `g` with batch size `n`.
 * @param g - a graph with batch 1.
 * @param n - the new batch size.
 * @returns the re-batched graph (constants shared, not copied).
 * @throws {ZooError} when an op is not per-row, a value does not have batch 1, or a Softmax/Reshape acts across axis 0.
 */
export function rebatch(g: FloatGraph, n: number): FloatGraph {
  if (!Number.isInteger(n) || n < 1) throw new ZooError(`rebatch: expected a positive batch size, got ${n}`);
  const nodes: GraphNode[] = g.nodes.map((node) => {
    if (!PER_ROW.has(node.op))
      throw new ZooError(`rebatch ${g.name}: op ${node.op} (node ${node.name}) is not known to act per batch row`);
    if (node.op === 'Softmax' && node.attrs.axis === 0)
      throw new ZooError(`rebatch ${g.name}: Softmax over axis 0 in ${node.name}`);
    if (node.op === 'Reshape') {
      const shape = node.attrs.shape as readonly number[] | undefined;
      if (!shape || (shape[0] !== 1 && shape[0] !== -1))
        throw new ZooError(`rebatch ${g.name}: Reshape ${node.name} does not keep axis 0`);
      return { ...node, attrs: { ...node.attrs, shape: [shape[0] === 1 ? n : -1, ...shape.slice(1)] } };
    }
    return node;
  });
  const shapes = new Map<string, readonly number[]>();
  for (const [name, s] of g.shapes) {
    if (g.constants.has(name)) {
      shapes.set(name, s);
      continue;
    }
    if (s[0] !== 1)
      throw new ZooError(`rebatch ${g.name}: value ${name} has shape [${s.join(', ')}], expected batch 1 on axis 0`);
    shapes.set(name, [n, ...s.slice(1)]);
  }
  const re = (v: FloatGraph['inputs'][number]): FloatGraph['inputs'][number] => ({
    ...v,
    shape: [n, ...v.shape.slice(1)],
  });
  return { ...g, inputs: g.inputs.map(re), outputs: g.outputs.map(re), nodes, shapes };
}
