/**
 * Float reference runs through onnxruntime-node (CPU execution provider).
 *
 * onnxruntime-node is imported lazily (dynamic import) so that importing @vouch/onnx does not
 * load the native binary. Input element types are taken from the model: float32 inputs are
 * fed as given, int64 inputs (token ids) are converted from the Float32Array (exact integers).
 * Outputs are returned as Float32Array (int64 outputs converted with Number()).
 */
import { onnx, DataType } from './proto.ts';
import { MalformedOnnxError } from './errors.ts';

/** One input tensor for {@link runFloatReference}. */
export interface ReferenceInput {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

type OrtModule = typeof import('onnxruntime-node');
let ortPromise: Promise<OrtModule> | undefined;

function loadOrt(): Promise<OrtModule> {
  ortPromise ??= import('onnxruntime-node');
  return ortPromise;
}

function inputTypes(bytes: Uint8Array): Map<string, number> {
  let model;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new MalformedOnnxError('model', `protobuf decoding failed: ${(e as Error).message}`, undefined, e);
  }
  const types = new Map<string, number>();
  for (const v of model.graph?.input ?? []) types.set(v.name ?? '', v.type?.tensorType?.elemType ?? DataType.FLOAT);
  return types;
}

/**
 * Runs an ONNX model with onnxruntime-node on CPU.
 *
 * @param onnxBytes - a serialized ModelProto
 * @param inputs - every graph input by name, row-major float data with its shape
 * @returns every graph output by name, as float32
 * @throws MalformedOnnxError if the bytes do not decode
 * @throws RangeError if an input's data length does not match its shape or an input is missing
 * @example
 * ```ts
 * const { y } = await runFloatReference(bytes, { x: { data: new Float32Array(4), shape: [1, 4] } });
 * ```
 */
export async function runFloatReference(
  onnxBytes: Uint8Array,
  inputs: Record<string, ReferenceInput>,
): Promise<Record<string, Float32Array>> {
  const types = inputTypes(onnxBytes);
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(onnxBytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'disabled',
    logSeverityLevel: 3,
  });
  try {
    const feeds: Record<string, InstanceType<OrtModule['Tensor']>> = {};
    for (const name of session.inputNames) {
      const x = inputs[name];
      if (!x)
        throw new RangeError(
          `input ${name}: expected a tensor, got none (given: ${Object.keys(inputs).join(', ') || 'nothing'})`,
        );
      let n = 1;
      for (const d of x.shape) n *= d;
      if (x.data.length !== n)
        throw new RangeError(
          `input ${name}: expected ${n} values for shape [${x.shape.join(', ')}], got ${x.data.length}`,
        );
      const dims = [...x.shape];
      if (types.get(name) === DataType.INT64) {
        feeds[name] = new ort.Tensor(
          'int64',
          BigInt64Array.from(x.data, (v) => BigInt(Math.round(v))),
          dims,
        );
      } else {
        feeds[name] = new ort.Tensor('float32', x.data, dims);
      }
    }
    const results = await session.run(feeds);
    const out: Record<string, Float32Array> = {};
    for (const name of session.outputNames) {
      const t = results[name]!;
      const d = t.data;
      out[name] = d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number | bigint>, (v) => Number(v));
    }
    return out;
  } finally {
    await session.release();
  }
}
