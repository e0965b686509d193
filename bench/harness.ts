/**
 * Shared benchmark harness: every area registers cases; `npm run bench` runs them, prints tables,
 * writes bench/results.json and BENCHMARKS.md. Benchmarks never run in tests.
 */

/** One measured row: a name plus named figures (numbers are printed with units from the key suffix). */
export interface BenchRow {
  /** Table the row belongs to, e.g. `field`, `commitment`, `models`. */
  readonly group: string;
  /** What was measured, e.g. `mul (JS)` or `commit+open 2^20 (conjectured)`. */
  readonly name: string;
  /** Figures, e.g. { median_ms: 12.3, ops_per_s: 1e8, proof_bytes: 65000, target: '≤ 0.6 s' }. */
  readonly values: Readonly<Record<string, number | string>>;
}

/** A benchmark case: runs and returns rows. `quick` asks for fewer repetitions (CI smoke runs). */
export interface BenchCase {
  readonly group: string;
  readonly name: string;
  run(opts: { quick: boolean }): Promise<BenchRow[]>;
}

/** Median of samples. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `fn` `reps` times (after one warm-up) and returns the samples in milliseconds. */
export async function timeMs(fn: () => unknown | Promise<unknown>, reps: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}
