/**
 * Inference proofs of the large timing models (benchmarks.md B4, B6), random weights
 * (models/src/graphs/synthetic.ts):
 * - B4, dense MLP 1024-1024-1024-1024-1024-10 (4,208,650 parameters), quantized on 16 random inputs:
 *   open mode proven and verified with the conjectured preset (the process's first proof reported
 *   apart from the median; one-time commit: building the open model card); private mode planned only — its layout (from the prover's
 *   planner) and Ligero shape give the memory estimate in the row, and its one-time commit (the
 *   salted Poseidon2 digest) is measured.
 * - B6, GPT-2 small shape for one token (124M parameters): generated, quantized, run by the integer
 *   executor, proven once and verified once in open mode (two one-token samples in one proof while
 *   the planner refuses one; the row's note says which).
 * Each case runs in its own child process (bench/_inference-large-worker.ts) so its peak RSS is its
 * own. Columns as the other inference tables: commit, prove and verify (medians), proof size, peak
 * RSS, plain integer inference, prove/inference.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCase, BenchRow } from './harness.ts';

const GROUP = 'inference-large';
const WORKER = fileURLToPath(new URL('./_inference-large-worker.ts', import.meta.url));

/** Runs one case in a child process; returns its figures, or the failure as a note. */
function runCase(which: string, reps: number): Record<string, number | string> {
  const r = spawnSync(process.execPath, ['--max-old-space-size=6000', '--import', 'tsx', WORKER, which, String(reps)], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 1_800_000 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    const why = r.signal ? `killed by ${r.signal} (out of memory or timeout?)` : `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-1)[0] ?? ''}`;
    return { note: `${which} failed: ${why}` };
  }
  return JSON.parse(line) as Record<string, number | string>;
}

/** B4 (targets: ≤ 8 s private, ≤ 1.5 s open, peak ≤ 2 GB) and B6. */
export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'B4',
    async run({ quick }): Promise<BenchRow[]> {
      return [
        { group: GROUP, name: 'B4 open (4.2M public weights)', values: { ...runCase('b4-open', quick ? 1 : 3), target_prove: '≤ 1.5 s', target_peak: '≤ 2 GB' } },
        { group: GROUP, name: 'B4 private (planned only)', values: { ...runCase('b4-private', 1), target_prove: '≤ 8 s', target_peak: '≤ 2 GB' } },
      ];
    },
  },
  {
    group: GROUP,
    name: 'B6',
    async run(): Promise<BenchRow[]> {
      return [{ group: GROUP, name: 'B6 open (GPT-2 small shape, one token)', values: runCase('b6-open', 1) }];
    },
  },
];
