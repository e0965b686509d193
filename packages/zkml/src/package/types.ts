/**
 * The in-memory model package: the integer graph, its public quantization settings, its
 * parameters (each marked private or public in the graph's parameter specs), the private
 * calibration scales of intermediate values, and the open hidden inputs (preprocessing constants,
 * system prompt, tokenizer vocabulary, decoding settings). The byte format is in ./format.ts.
 */
import type { IntGraph, IntParams } from '../int/graph.ts';

/** The package format version this code writes and reads. */
export const PACKAGE_VERSION = 1;

/** Public quantization settings (everything a verifier may see). */
export interface QuantSettings {
  /** Weights: int8, symmetric, per output channel, range [−127, 127]. */
  readonly weights: 'int8-symmetric-per-channel';
  /** Activations: int8, symmetric (zero point 0), per tensor, range [−128, 127]. */
  readonly activations: 'int8-symmetric-per-tensor';
  /** Rounding of requantization and of float → int conversion. */
  readonly rounding: 'half-up';
  /** Calibration method and sample count. */
  readonly calibration: { readonly method: 'max' | 'percentile'; readonly percentile?: number; readonly samples: number };
  /** Scale of each graph input (real ≈ scale · int). */
  readonly inputScales: readonly number[];
  /** Scale of each graph output. */
  readonly outputScales: readonly number[];
  /** True when a final Softmax was removed: the outputs are logits (argmax is unchanged). */
  readonly droppedSoftmax: boolean;
}

/** Preprocessing constants applied to raw float inputs before quantization: x' = (x·scale − mean) / std. */
export interface Preprocessing {
  /** Multiplier applied first (e.g. 1/255). */
  readonly scale?: number;
  /** One value, or one per channel (axis 1 of the input). */
  readonly mean?: readonly number[];
  /** One value, or one per channel. */
  readonly std?: readonly number[];
}

/** Open hidden inputs bound into the model: what shapes the answer besides the weights. */
export interface HiddenInputs {
  readonly preprocessing?: Preprocessing;
  readonly systemPrompt?: string;
  readonly vocabulary?: readonly string[];
  readonly decoding?: Readonly<Record<string, number | string | boolean>>;
}

/** A quantized model package. */
export interface ModelPackage {
  readonly version: number;
  readonly graph: IntGraph;
  readonly settings: QuantSettings;
  /** Every parameter tensor (visibility in graph.params). */
  readonly params: IntParams;
  /** Calibrated scales of intermediate values (private: they derive from the weights). */
  readonly privateScales: ReadonlyMap<string, number>;
  readonly hidden: HiddenInputs;
}
