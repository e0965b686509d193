/**
 * Float vs integer evaluation on a labelled test set: top-1 accuracy of both, top-1 agreement,
 * and the maximum and mean absolute difference between float logits and dequantized integer
 * logits (int · s_out). Both sides see the same preprocessed input; the float side reads the
 * pre-Softmax logits when the final Softmax was dropped.
 */
import { runFloat } from '../float/executor.ts';
import type { FloatGraph } from '../ir/graph.ts';
import type { ModelPackage } from '../package/types.ts';
import { runInteger } from './api.ts';
import { preprocess } from './preprocess.ts';

/** Float vs quantized comparison. */
export interface AccuracyReport {
  readonly samples: number;
  readonly floatAccuracy: number;
  readonly quantAccuracy: number;
  /** Fraction of samples where both argmaxes agree. */
  readonly top1Agreement: number;
  /** max |float logit − dequantized integer logit| over all samples and classes. */
  readonly maxLogitError: number;
  readonly meanLogitError: number;
}

/** Index of the largest value (first on ties). */
export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/**
 * Compares the float graph and the package on a labelled set.
 * @param logitName the float value holding the logits (the final Softmax's input, or the output)
 */
export function evaluate(graph: FloatGraph, pkg: ModelPackage, set: { readonly inputs: readonly Float32Array[]; readonly labels: readonly number[] }, logitName: string): AccuracyReport {
  if (set.inputs.length !== set.labels.length) throw new RangeError(`test set: expected as many labels as inputs (${set.inputs.length}), got ${set.labels.length}`);
  let fc = 0;
  let qc = 0;
  let agree = 0;
  let maxErr = 0;
  let sumErr = 0;
  let count = 0;
  const shape = graph.inputs[0].shape;
  for (let i = 0; i < set.inputs.length; i++) {
    const x = preprocess(pkg.hidden.preprocessing, set.inputs[i], shape);
    const f = runFloat(graph, [x]).values.get(logitName)!.data;
    const { logits } = runInteger(pkg, set.inputs[i]);
    const fa = argmax(f);
    const qa = argmax(logits);
    if (fa === set.labels[i]) fc++;
    if (qa === set.labels[i]) qc++;
    if (fa === qa) agree++;
    for (let k = 0; k < f.length; k++) {
      const e = Math.abs(f[k] - logits[k]);
      maxErr = Math.max(maxErr, e);
      sumErr += e;
      count++;
    }
  }
  const n = set.inputs.length;
  return { samples: n, floatAccuracy: fc / n, quantAccuracy: qc / n, top1Agreement: agree / n, maxLogitError: maxErr, meanLogitError: count ? sumErr / count : 0 };
}
