/**
 * The integer graph IR: what quantization produces, what the exact integer executor runs, what the
 * range analysis checks and what proofs attest (bit for bit).
 *
 * Every value is a tensor of integers with a static shape and a storage class (`int8`: [−128, 127],
 * `int16`: [−2^15, 2^15), `int32`: accumulators, |v| ≤ (p−1)/2 by the range analysis). Every node has
 * - public attributes: shapes, strides, pads, clamp bounds, table geometry (integers only);
 * - parameter references by role (`weight`, `bias`, `multiplier`, `shift`, `table`, …) naming
 *   integer tensors stored with the package. A parameter is `private` (weights and everything
 *   derived from them: per-channel multipliers and shifts reveal max|w|) or `public` (e.g. a lookup
 *   table of a fixed function, which the verifier must be able to evaluate).
 * Scales are not part of the integer semantics: the input and output scales are public settings
 * (needed to quantize inputs and read logits), intermediate scales are private calibration data.
 */

/** Storage classes of integer values and parameters. */
export type IntDType = 'int8' | 'int16' | 'int32';

/** Inclusive integer range of each storage class. */
export const DTYPE_RANGE: Readonly<Record<IntDType, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-1006632960, 1006632960],
};

/** The integer ops of the integer IR; each has one file under ./ops/. */
export type IntOpName =
  | 'Linear'
  | 'MatMul'
  | 'Conv'
  | 'Requant'
  | 'Relu'
  | 'MaxPool'
  | 'SumPool'
  | 'Reshape'
  | 'ScaledAdd'
  | 'Lookup'
  | 'Transpose'
  | 'Gather'
  | 'Concat'
  | 'Softmax'
  | 'LayerNorm';

/** A named integer value with a static shape and storage class. */
export interface IntValueInfo {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: IntDType;
  /** Declared inclusive range of a graph input when narrower than its dtype (e.g. token ids [0, V)). */
  readonly range?: readonly [number, number];
}

/** One integer node (single output). */
export interface IntNode {
  readonly name: string;
  readonly op: IntOpName;
  /** Activation inputs (value names). */
  readonly inputs: readonly string[];
  /** The output value name. */
  readonly output: string;
  /** Public integer attributes (strides, pads, clamp bounds, …). */
  readonly attrs: Readonly<Record<string, number | readonly number[]>>;
  /** Parameter tensors by role, e.g. { weight: 'fc1.weight' }. */
  readonly params: Readonly<Record<string, string>>;
}

/** Declaration of a parameter tensor (its data lives in an {@link IntParams} map). */
export interface IntParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: IntDType;
  readonly visibility: 'private' | 'public';
}

/** An integer parameter tensor. int8 data is an Int8Array, int16/int32 an Int32Array. */
export interface IntTensor {
  readonly shape: readonly number[];
  readonly dtype: IntDType;
  readonly data: Int8Array | Int32Array;
}

/** Parameter data by name. */
export type IntParams = ReadonlyMap<string, IntTensor>;

/** The integer graph: topologically ordered nodes over integer values. */
export interface IntGraph {
  readonly name: string;
  readonly inputs: readonly IntValueInfo[];
  readonly outputs: readonly IntValueInfo[];
  /** Every value (inputs and node outputs) by name. */
  readonly values: ReadonlyMap<string, IntValueInfo>;
  readonly nodes: readonly IntNode[];
  /** Every parameter referenced by a node. */
  readonly params: ReadonlyMap<string, IntParamSpec>;
}

/** Number of elements of a shape. */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Reads a numeric attribute of an integer node (throws a RangeError naming the node if absent). */
export function intAttr(node: IntNode, key: string): number {
  const v = node.attrs[key];
  if (typeof v !== 'number') throw new RangeError(`node ${node.name}: attribute ${key}: expected a number, got ${String(v)}`);
  return v;
}

/** Reads a list attribute of an integer node. */
export function intAttrs(node: IntNode, key: string): readonly number[] {
  const v = node.attrs[key];
  if (!Array.isArray(v)) throw new RangeError(`node ${node.name}: attribute ${key}: expected a list, got ${String(v)}`);
  return v as readonly number[];
}
