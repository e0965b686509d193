/**
 * Conversion between IR tensors and ONNX `TensorProto` (onnx.proto, IR version 8).
 *
 * Writing uses `raw_data` (little-endian, as onnx.proto specifies). Reading accepts raw_data and
 * the typed repeated fields (float_data, int32_data, int64_data, double_data) for the element
 * types Vouch imports: FLOAT, DOUBLE, INT64, INT32, INT8, UINT8, BOOL. Values are returned as a
 * Float64Array so that constant folding of int64 shape arithmetic stays exact.
 */
import { DataType, onnx, toNum, type Int64Like } from './proto.ts';
import { MalformedOnnxError } from './errors.ts';

/** A constant read from ONNX: element type, shape and values (exact for |v| < 2^53). */
export interface ConstValue {
  readonly dtype: 'float32' | 'int64';
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** True on little-endian hosts, where raw_data (little-endian by spec) can be viewed directly. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function productOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Encodes a float32 tensor as a TensorProto.
 * @param name - the tensor (initializer) name
 * @param shape - its dimensions
 * @param data - row-major values, `data.length` must equal the product of `shape`
 * @returns the protobuf message object
 */
export function floatTensorProto(
  name: string,
  shape: readonly number[],
  data: Float32Array,
): InstanceType<typeof onnx.TensorProto> {
  const copy = new Float32Array(data);
  return onnx.TensorProto.create({
    name,
    dims: [...shape],
    dataType: DataType.FLOAT,
    rawData: new Uint8Array(copy.buffer),
  });
}

/**
 * Encodes integer values as an int64 TensorProto.
 * @throws RangeError if a value is not an integer
 */
export function int64TensorProto(
  name: string,
  shape: readonly number[],
  data: ArrayLike<number>,
): InstanceType<typeof onnx.TensorProto> {
  const big = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v)) throw new RangeError(`int64 tensor ${name}[${i}]: expected an integer, got ${v}`);
    big[i] = BigInt(v);
  }
  return onnx.TensorProto.create({
    name,
    dims: [...shape],
    dataType: DataType.INT64,
    rawData: new Uint8Array(big.buffer),
  });
}

/**
 * Decodes a TensorProto.
 * @param t - the message
 * @param where - location for error messages, e.g. `graph.initializer[3]`
 * @throws MalformedOnnxError for an unsupported element type, external data, or a size mismatch
 */
export function decodeTensor(t: InstanceType<typeof onnx.TensorProto>, where: string): ConstValue {
  const shape = (t.dims ?? []).map((d) => toNum(d as Int64Like));
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new MalformedOnnxError(`${where}.dims`, `expected non-negative dimensions, got [${shape.join(', ')}]`);
  }
  const n = productOf(shape);
  if (t.dataLocation === 1)
    throw new MalformedOnnxError(where, 'external tensor data is not supported; embed the weights in the model');
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  const dt = t.dataType ?? 0;
  const out = new Float64Array(n);
  let dtype: 'float32' | 'int64' = 'float32';
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : undefined;
  const need = (bytes: number): void => {
    if (view && view.byteLength !== bytes * n) {
      throw new MalformedOnnxError(
        `${where}.raw_data`,
        `expected ${bytes * n} bytes for shape [${shape.join(', ')}], got ${view.byteLength}`,
      );
    }
  };
  const fromList = (list: ArrayLike<Int64Like> | null | undefined, field: string): void => {
    const len = list?.length ?? 0;
    if (len !== n)
      throw new MalformedOnnxError(
        `${where}.${field}`,
        `expected ${n} values for shape [${shape.join(', ')}], got ${len}`,
      );
    for (let i = 0; i < n; i++) out[i] = toNum(list![i]);
  };
  switch (dt) {
    case DataType.FLOAT:
      if (view) {
        need(4);
        if (LITTLE_ENDIAN)
          out.set(new Float32Array(new Uint8Array(raw!).buffer)); // copy: raw may be a pooled Buffer view
        else for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
      } else fromList(t.floatData, 'float_data');
      break;
    case DataType.DOUBLE:
      if (view) {
        need(8);
        for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, true);
      } else fromList(t.doubleData, 'double_data');
      break;
    case DataType.INT64:
      dtype = 'int64';
      if (view) {
        need(8);
        for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(8 * i, true));
      } else fromList(t.int64Data as Int64Like[], 'int64_data');
      break;
    case DataType.INT32:
    case DataType.INT8:
    case DataType.UINT8:
    case DataType.BOOL: {
      dtype = 'int64';
      if (view) {
        const size = dt === DataType.INT32 ? 4 : 1;
        need(size);
        for (let i = 0; i < n; i++) {
          out[i] =
            dt === DataType.INT32
              ? view.getInt32(4 * i, true)
              : dt === DataType.INT8
                ? view.getInt8(i)
                : view.getUint8(i);
        }
      } else fromList(t.int32Data, 'int32_data');
      break;
    }
    default:
      throw new MalformedOnnxError(
        `${where}.data_type`,
        `expected one of FLOAT, DOUBLE, INT64, INT32, INT8, UINT8, BOOL, got data type ${dt}`,
      );
  }
  return { dtype, shape, data: out };
}
