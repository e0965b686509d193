/**
 * The float graph IR: what ONNX import produces and what quantization consumes.
 *
 * A graph is a topologically ordered list of nodes over named values with static shapes.
 * Constants (weights, biases, BatchNorm statistics already folded) are float tensors.
 * Op names are the canonical Vouch op set (see ./ops.ts), close to ONNX but with patterns
 * already fused at import (Gemm → MatMul + bias, BatchNorm folded, Erf-GELU → Gelu,
 * decomposed LayerNorm → LayerNormalization).
 */

/** A dense float tensor, row-major. */
export interface FloatTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** An attribute value. */
export type AttrValue = number | string | readonly number[] | readonly string[] | FloatTensor;

/** A named value with a static shape (no symbolic dimensions: batch is fixed at import). */
export interface ValueInfo {
  readonly name: string;
  readonly shape: readonly number[];
}

/** One operation. */
export interface GraphNode {
  /** Unique node name (from ONNX, or generated `op_<index>`). */
  readonly name: string;
  /** Canonical op type, e.g. `MatMul`, `Conv`, `Relu`. */
  readonly op: string;
  /** Input value names (activations or constants). */
  readonly inputs: readonly string[];
  /** Output value names. */
  readonly outputs: readonly string[];
  /** Attributes, ONNX names and semantics. */
  readonly attrs: Readonly<Record<string, AttrValue>>;
}

/** A float graph with static shapes. */
export interface FloatGraph {
  readonly name: string;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  /** Constants by value name. */
  readonly constants: ReadonlyMap<string, FloatTensor>;
  /** Nodes in topological order. */
  readonly nodes: readonly GraphNode[];
  /** Shape of every value (inputs, constants and node outputs). */
  readonly shapes: ReadonlyMap<string, readonly number[]>;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
