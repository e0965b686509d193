/** The signature every float op implements: read the inputs, write one output of the given shape. */
import type { FloatTensor, GraphNode } from '../../ir/graph.ts';

/** What a float op sees: its node, its input tensors (in node order) and its output shape. */
export interface FloatOpArgs {
  readonly node: GraphNode;
  readonly inputs: readonly FloatTensor[];
  readonly outShape: readonly number[];
}

/** A float op: returns the output data (row-major, length = size of outShape). */
export type FloatOp = (args: FloatOpArgs) => Float32Array;
