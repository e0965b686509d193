/**
 * Typing of IR attributes when written as ONNX AttributeProto (onnx.proto `AttributeProto`).
 *
 * The IR stores attributes as plain numbers and arrays, which loses the ONNX INT/FLOAT
 * distinction; this table restores it. Names listed here are FLOAT/FLOATS regardless of value
 * (e.g. `LeakyRelu.alpha = 1` stays a float), every other integer number is INT.
 */

/** Attribute names that ONNX types as FLOAT (for every op that uses them). */
export const FLOAT_ATTRS: ReadonlySet<string> = new Set([
  'alpha',
  'beta',
  'epsilon',
  'momentum',
  'gamma',
  'ratio',
  'bias',
  'lambd',
  'value_float',
]);

/** Attribute names that ONNX types as FLOATS. */
export const FLOATS_ATTRS: ReadonlySet<string> = new Set(['scales', 'value_floats']);

/**
 * Attributes of the canonical IR that newer opsets pass as int64 inputs instead:
 * op → [attribute, input index, first opset where it is an input].
 * The writer turns them into int64 initializers; the reader accepts either form.
 */
export const ATTR_INPUTS: Readonly<Record<string, readonly (readonly [string, number, number])[]>> = {
  Reshape: [['shape', 1, 5]],
  Slice: [
    ['starts', 1, 10],
    ['ends', 2, 10],
    ['axes', 3, 10],
    ['steps', 4, 10],
  ],
  Squeeze: [['axes', 1, 13]],
  Unsqueeze: [['axes', 1, 13]],
  ReduceMean: [['axes', 1, 18]],
  ReduceSum: [['axes', 1, 13]],
};
