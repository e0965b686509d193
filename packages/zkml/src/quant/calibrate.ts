/**
 * Activation calibration: runs the float executor over a calibration set and records, for every
 * value, the range that sets its int8 scale s = r / 127:
 * - `max`: r = max |x| over all samples (no clipping; the default — small models rarely have
 *   outliers that cost more resolution than clipping would cost accuracy);
 * - `percentile`: r = the p-th percentile of |x| over all samples (e.g. 99.99), clipping rare
 *   outliers. Values are subsampled to at most 2^20 per tensor before sorting.
 */
import { runFloat } from '../float/executor.ts';
import type { FloatGraph } from '../ir/graph.ts';

/** Calibration method. */
export type CalibrationMethod = { kind: 'max' } | { kind: 'percentile'; percentile: number };

/**
 * Calibrated ranges r (> 0) of every value of a float graph.
 * @param graph the float graph
 * @param samples calibration inputs: each is one Float32Array per graph input (single-input graphs may pass bare arrays)
 */
export function calibrate(graph: FloatGraph, samples: readonly (readonly Float32Array[])[], method: CalibrationMethod): Map<string, number> {
  if (samples.length === 0) throw new RangeError('calibration: expected at least one sample, got 0');
  const maxes = new Map<string, number>();
  const pools = new Map<string, number[]>();
  const cap = 1 << 20;
  for (const s of samples) {
    const { values } = runFloat(graph, s);
    for (const [name, t] of values) {
      if (graph.constants.has(name)) continue;
      let mx = maxes.get(name) ?? 0;
      for (let i = 0; i < t.data.length; i++) {
        const a = Math.abs(t.data[i]);
        if (a > mx) mx = a;
      }
      maxes.set(name, mx);
      if (method.kind === 'percentile') {
        const pool = pools.get(name) ?? [];
        const stride = Math.max(1, Math.ceil((t.data.length * samples.length) / cap));
        for (let i = 0; i < t.data.length; i += stride) pool.push(Math.abs(t.data[i]));
        pools.set(name, pool);
      }
    }
  }
  const out = new Map<string, number>();
  for (const [name, mx] of maxes) {
    let r = mx;
    if (method.kind === 'percentile') {
      const pool = Float64Array.from(pools.get(name) ?? []).sort();
      const idx = Math.min(pool.length - 1, Math.floor((method.percentile / 100) * pool.length));
      r = pool.length ? pool[idx] : mx;
    }
    out.set(name, r > 0 && Number.isFinite(r) ? r : mx > 0 ? mx : 1);
  }
  return out;
}
