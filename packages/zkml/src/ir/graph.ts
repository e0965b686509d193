/**
 * The float graph IR: what ONNX import produces and what quantization consumes.
 *
 * A graph is a topologically ordered list of nodes over named values with static shapes.
 * Constants (weights, biases, BatchNorm statistics already folded) are float tensors.
 * Op names are the canonical Vouch op set (see ./ops.ts), close to ONNX but with patterns
 * already fused at import (Gemm normalized to `Y = A·B + C`, BatchNorm folded, Erf-GELU → Gelu,
 * decomposed LayerNorm → LayerNormalization).
 *
 * Integer values: every tensor is float32 unless stated. Integer-valued constants (ONNX int64
 * shapes, indices) are stored as float32 data holding exact integers (|v| < 2^24) and listed in
 * {@link FloatGraph.constantDtypes} as `int64`; integer graph inputs (token ids for `Gather`)
 * carry {@link ValueInfo.dtype} `int64`. The ONNX writer emits those as int64 tensors.
 */

/** Element type of a value. Absent means `float32`. */
export type DType = 'float32' | 'int64';

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
  /** Element type; absent means `float32`. `int64` is used for token-id inputs of `Gather`. */
  readonly dtype?: DType;
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
  /**
   * Element types of constants that are not float32 (absent entry or absent map: float32).
   * An `int64` constant holds exact integers in its Float32Array (e.g. the shape input of an
   * ONNX-style `Reshape`, `Gather` indices).
   */
  readonly constantDtypes?: ReadonlyMap<string, DType>;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
