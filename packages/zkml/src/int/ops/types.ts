/** The signature every integer op implements. */
import type { IntNode, IntParams, IntTensor } from '../graph.ts';

/** What an integer op sees: its node, input data and shapes, the parameter store and its output shape. */
export interface IntOpArgs {
  readonly node: IntNode;
  readonly inputs: readonly Int32Array[];
  readonly inShapes: readonly (readonly number[])[];
  readonly outShape: readonly number[];
  readonly params: IntParams;
}

/** An integer op: returns the output, row-major, one integer per element. */
export type IntOp = (args: IntOpArgs) => Int32Array;

/** Fetches a node's parameter by role, checking its element count. */
export function param(args: IntOpArgs, role: string, expectedSize?: number): IntTensor {
  const name = args.node.params[role];
  const t = name === undefined ? undefined : args.params.get(name);
  if (!t) throw new RangeError(`node ${args.node.name}: parameter ${role}: expected a tensor, got none`);
  if (expectedSize !== undefined && t.data.length !== expectedSize) {
    throw new RangeError(`node ${args.node.name}: parameter ${role}: expected ${expectedSize} values, got ${t.data.length}`);
  }
  return t;
}

/** Fetches an optional parameter by role. */
export function optParam(args: IntOpArgs, role: string): IntTensor | undefined {
  return args.node.params[role] === undefined ? undefined : param(args, role);
}
