/**
 * Zoo benchmarks (benchmarks.md B1–B6, A1): plain integer inference time (median, in-process,
 * the denominator of the prove/inference ratio) of every zoo model after int8 quantization, and
 * for the trained classifiers their float vs quantized accuracy on the test set (MNIST: all
 * 10,000 test digits; quick mode: the first 1,000). The A1 models are also timed over their
 * whole dataset in one batch, as the fairness audit runs them. B6 (GPT-2 small, 124M parameters) runs only
 * in full mode and only with at least 12 GiB of free memory.
 */
import { freemem } from 'node:os';
import { quantizeGraph, runInteger, sizeOf } from '@vouch/zkml';
import { example, loadSamples, rebatch, ZOO, zooGraph, type ZooEntry } from '@vouch/models';
import { median, timeMs, type BenchCase, type BenchRow } from './harness.ts';

function rows(s: ReturnType<typeof loadSamples>): Float32Array[] {
  return Array.from({ length: s.count }, (_, i) => Float32Array.from(example(s, i)));
}

function samplesFor(e: ZooEntry, id: string, limit: number): ReturnType<typeof loadSamples> {
  return loadSamples(id, { limit, width: sizeOf(e.input.shape), ...(e.vocab ? { maxInt: e.vocab } : {}) });
}

function modelCase(e: ZooEntry): BenchCase {
  return {
    group: 'models',
    name: e.id,
    async run({ quick }): Promise<BenchRow[]> {
      if (e.large && quick) return [];
      if (e.large && freemem() < 12 * 2 ** 30)
        return [
          {
            group: 'models',
            name: `${e.id} ${e.title}`,
            values: { skipped: `needs 12 GiB free, ${(freemem() / 2 ** 30).toFixed(1)} GiB free` },
          },
        ];
      const graph = zooGraph(e);
      const cal = rows(samplesFor(e, e.calibration, e.large ? 4 : quick ? 50 : 200));
      const labelled = e.kind === 'trained' && e.id !== 'B5';
      const testLimit = quick ? 1000 : undefined;
      const test = labelled ? loadSamples(e.test, testLimit ? { limit: testLimit } : {}) : undefined;
      const t0 = performance.now();
      const { pkg, report } = quantizeGraph(
        graph,
        cal,
        test ? { testSet: { inputs: rows(test), labels: Array.from(test.labels!) } } : {},
      );
      const quantMs = performance.now() - t0;
      const x = Float32Array.from(example(samplesFor(e, e.test, 1), 0));
      const reps = e.large ? 3 : quick ? 5 : 15;
      const times = await timeMs(() => runInteger(pkg, x), reps);
      const values: Record<string, number | string> = {
        params: e.params,
        int_infer_median_ms: median(times),
        quantize_ms: quantMs,
      };
      const acc = report.accuracy;
      if (acc && test) {
        values.test_examples = acc.samples;
        values.float_acc_pct = 100 * acc.floatAccuracy;
        values.quant_acc_pct = 100 * acc.quantAccuracy;
        values.top1_agree_pct = 100 * acc.top1Agreement;
        values.max_logit_err = acc.maxLogitError;
      }
      const out: BenchRow[] = [{ group: 'models', name: `${e.id} ${e.title}`, values }];
      if (e.id.startsWith('A1')) out.push(await wholeDataset(e, reps));
      return out;
    },
  };
}

/** A1: the whole dataset (train + test rows) as one batch, as the fairness audit runs it. */
async function wholeDataset(e: ZooEntry, reps: number): Promise<BenchRow> {
  const parts = [loadSamples(e.calibration), loadSamples(e.test)];
  const n = parts[0].count + parts[1].count;
  const all = new Float32Array(n * parts[0].width);
  all.set(parts[0].data);
  all.set(parts[1].data, parts[0].data.length);
  const { pkg } = quantizeGraph(rebatch(zooGraph(e), n), [all]);
  const times = await timeMs(() => runInteger(pkg, all), reps);
  return {
    group: 'models',
    name: `${e.id} whole dataset, ${n} rows in one batch`,
    values: { params: e.params, int_infer_median_ms: median(times) },
  };
}

/** One case per zoo model. */
export const cases: BenchCase[] = ZOO.map(modelCase);
