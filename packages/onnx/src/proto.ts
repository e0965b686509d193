/**
 * Access to the ONNX protobuf schema (onnx.proto, IR version 8, as compiled by onnx-proto 8).
 *
 * The protobuf dependency lives only in this package (docs/architecture: packages/onnx).
 * onnx-proto ships CommonJS, so it is imported as a default export and unwrapped here.
 * protobufjs decodes int64 fields as `Long` objects when the `long` package is present;
 * {@link toNum} turns them into numbers (exact below 2^53; larger values only occur as
 * "infinite" Slice bounds, which callers clamp).
 */
import onnxProto from 'onnx-proto';

/** The generated `onnx` namespace (ModelProto, GraphProto, NodeProto, TensorProto, …). */
export const onnx = onnxProto.onnx;

/** ONNX TensorProto.DataType codes used by Vouch. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  DOUBLE: 11,
} as const;

/** ONNX AttributeProto.AttributeType codes. */
export const AttrType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

/** A protobufjs int64: a number or a Long-like object. */
export type Int64Like = number | { toNumber(): number } | null | undefined;

/** Converts a protobufjs int64 value (number or Long) to a JS number; null/undefined → 0. */
export function toNum(v: Int64Like): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  return v.toNumber();
}
