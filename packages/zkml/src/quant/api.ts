/**
 * The package-level inference API: `quantizeInput` (preprocess, then int8 at the public input
 * scale) and `runInteger` (the exact integer executor on one input, with the first output
 * dequantized as logits).
 */
import { InputShapeError } from '../float/errors.ts';
import { runIntGraph } from '../int/executor.ts';
import { numel } from '../int/graph.ts';
import type { ModelPackage } from '../package/types.ts';
import { preprocess, quantizeFloats } from './preprocess.ts';

/**
 * Quantizes a raw float input for a package: applies its preprocessing constants, then
 * q = clamp(⌊x/s_in + 1/2⌋, −128, 127). Integer inputs (token ids, a declared range) are checked and copied.
 * @throws {InputShapeError} wrong type or length
 * @example const q = quantizeInput(pkg, image);
 */
export function quantizeInput(pkg: ModelPackage, input: Float32Array): Int8Array | Int32Array {
  const info = pkg.graph.inputs[0];
  const n = numel(info.shape);
  if (!(input instanceof Float32Array)) throw new InputShapeError(`input ${info.name}`, 'a Float32Array', Object.prototype.toString.call(input));
  if (input.length !== n) throw new InputShapeError(`input ${info.name} [${info.shape.join(',')}]`, `${n} values`, String(input.length));
  if (info.range) {
    // integer inputs (token ids): exact integers inside the declared range, no scaling
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = input[i];
      if (!Number.isInteger(v) || v < info.range[0] || v > info.range[1]) throw new InputShapeError(`input ${info.name}[${i}]`, `an integer in [${info.range[0]}, ${info.range[1]}]`, String(v));
      ids[i] = v;
    }
    return ids;
  }
  return quantizeFloats(preprocess(pkg.hidden.preprocessing, input, info.shape), pkg.settings.inputScales[0]);
}

/** Result of {@link runInteger}. */
export interface IntegerResult {
  /** The first output dequantized: int · s_out. */
  readonly logits: Float32Array;
  /** The first output's integers, exactly as the proof attests them. */
  readonly raw: Int32Array;
  /** Every graph output. */
  readonly outputs: Int32Array[];
}

/**
 * Runs a package on one input.
 * @param input a raw Float32Array (preprocessed and quantized here) or an already-quantized Int8Array
 * @throws {InputShapeError} wrong type or length
 * @example const { logits } = runInteger(pkg, image);
 */
export function runInteger(pkg: ModelPackage, input: Float32Array | Int8Array | Int32Array): IntegerResult {
  const q = input instanceof Float32Array ? quantizeInput(pkg, input) : input;
  const { outputs } = runIntGraph(pkg.graph, pkg.params, [q]);
  const raw = outputs[0];
  const s = pkg.settings.outputScales[0];
  const logits = Float32Array.from(raw, (v) => v * s);
  return { logits, raw, outputs };
}
