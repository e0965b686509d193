/**
 * Zero-knowledge inference proof of B5 (benchmarks.md): the nanoGPT-style 4-layer character
 * transformer trained on Moby Dick (committed fixture), quantized on 16 training windows, one
 * validation window of 64 tokens proven with the conjectured Ligero preset in private mode (weights
 * committed afresh and hashed in-proof; exp, rsqrt and GELU tables public) and in open mode.
 * Each mode runs in its own child process (bench/_inference-transformer-worker.ts), so its peak RSS
 * is its own. Figures: prove and verify time (medians), proof size (serialized), peak RSS, plain
 * integer inference time of the same graph, and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCase, BenchRow } from './harness.ts';

const GROUP = 'inference-transformer';
const WORKER = fileURLToPath(new URL('./_inference-transformer-worker.ts', import.meta.url));

/** Runs one mode in a child process; returns its figures, or the failure as a note. */
function runMode(mode: 'private' | 'open', reps: number): Record<string, number | string> {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8000', '--import', 'tsx', WORKER, mode, String(reps)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    const why = r.signal ? `killed by ${r.signal} (out of memory?)` : `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-1)[0] ?? ''}`;
    return { note: `B5 ${mode} proof failed: ${why}` };
  }
  return JSON.parse(line) as Record<string, number>;
}

/** B5 (benchmarks.md): targets ≤ 10 s prove, peak memory ≤ 2 GB. */
export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'B5',
    async run({ quick }): Promise<BenchRow[]> {
      const reps = quick ? 1 : 3;
      return (['private', 'open'] as const).map((mode) => ({
        group: GROUP,
        name: `B5 ${mode}`,
        values: { ...runMode(mode, reps), target_prove: '≤ 10 s', target_peak: '≤ 2 GB' },
      }));
    },
  },
];
