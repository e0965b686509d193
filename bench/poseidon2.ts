/**
 * Poseidon2 benchmarks: native permutations per second, the native weight digest, and the in-proof
 * weight digest — permutations proven per second counting witness generation plus constraint
 * emission (plan and layout separately), and with a full ZK Ligero proof when the size allows.
 */
import { type BenchCase, type BenchRow, median, timeMs } from './harness.ts';
import { randomVector } from '../packages/core/src/field/babybear.ts';
import { permutePoseidon2 } from '../packages/core/src/poseidon2/permutation.ts';
import { weightDigest } from '../packages/core/src/poseidon2/digest.ts';
import { planPoseidon2 } from '../packages/core/src/poseidon2/circuit-plan.ts';
import { fillPoseidon2 } from '../packages/core/src/poseidon2/circuit-fill.ts';
import { emitPoseidon2Constraints } from '../packages/core/src/poseidon2/circuit-constraints.ts';
import { LayoutBuilder } from '../packages/core/src/zk/layout.ts';
import type { LinearConstraint } from '../packages/core/src/zk/constraints.ts';
import { Sha256Transcript } from '../packages/core/src/transcript/sha256-transcript.ts';
import { proveZk, verifyZk } from '../packages/core/src/zk/prove.ts';
import { LIGERO_CONJECTURED } from '../packages/core/src/ligero/presets.ts';
import { provePoseidon2Constraints, verifyPoseidon2Constraints } from '../packages/core/src/poseidon2/circuit-constraints.ts';

const GROUP = 'poseidon2';

/** Median process CPU milliseconds (user + system) of `reps` runs after one warm-up: robust on a shared machine. */
function cpuMs(fn: () => void, reps: number): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    xs.push((c.user + c.system) / 1000);
  }
  return median(xs);
}

export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'native',
    async run({ quick }) {
      const perms = quick ? 5_000 : 50_000;
      const s = randomVector(16);
      const ms = median(await timeMs(() => { for (let i = 0; i < perms; i++) permutePoseidon2(s); }, quick ? 3 : 7));
      const n = quick ? 1 << 14 : 1 << 18;
      const x = randomVector(n);
      const salt = randomVector(8);
      const dms = median(await timeMs(() => weightDigest(x, salt), quick ? 1 : 3));
      const dPerms = 1024 * Math.max(1, Math.ceil(n / 8192)) + 1024;
      const cms = cpuMs(() => { for (let i = 0; i < perms; i++) permutePoseidon2(s); }, quick ? 3 : 7);
      const rows: BenchRow[] = [
        { group: GROUP, name: 'permutation (JS)', values: { n: perms, median_ms: ms, perms_per_s: (perms / ms) * 1e3, cpu_ms: cms, perms_per_cpu_s: (perms / cms) * 1e3 } },
        { group: GROUP, name: `weight digest of 2^${Math.log2(n)} elements (L = 1024)`, values: { n: dPerms, median_ms: dms, perms_per_s: (dPerms / dms) * 1e3 } },
      ];
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'in-proof',
    async run({ quick }) {
      const rows: BenchRow[] = [];
      const l = 1024;
      const n = quick ? 8 * 1024 * 3 : 8 * 1024 * 15; // S steps per lane, perms = 1024·(S + 1)
      const x = randomVector(n);
      const salt = randomVector(8);
      let plan!: ReturnType<typeof planPoseidon2>;
      let builder!: LayoutBuilder;
      const planMs = median(await timeMs(() => { builder = new LayoutBuilder(l); plan = planPoseidon2(builder, { inputLength: n }); }, quick ? 1 : 3));
      const layout = builder.finish();
      const witness = new Uint32Array(layout.numRows * l);
      let digest!: Uint32Array;
      const fillMs = median(await timeMs(() => { digest = fillPoseidon2(plan, witness, x, salt); }, quick ? 1 : 3));
      const emitMs = median(await timeMs(() => {
        const out: LinearConstraint[] = [];
        emitPoseidon2Constraints(new Sha256Transcript('bench', 1), plan, digest, l, out);
      }, quick ? 1 : 3));
      const fillCpu = cpuMs(() => fillPoseidon2(plan, witness, x, salt), quick ? 1 : 3);
      const emitCpu = cpuMs(() => emitPoseidon2Constraints(new Sha256Transcript('bench', 1), plan, digest, l, []), quick ? 1 : 3);
      const perms = plan.permutations;
      rows.push({
        group: GROUP,
        name: `witness + constraints, ${perms} perms (ℓ = ${l})`,
        values: {
          n: perms,
          plan_ms: planMs,
          fill_ms: fillMs,
          constraints_ms: emitMs,
          perms_per_s: (perms / (fillMs + emitMs)) * 1e3,
          perms_per_s_incl_plan: (perms / (planMs + fillMs + emitMs)) * 1e3,
          fill_cpu_ms: fillCpu,
          constraints_cpu_ms: emitCpu,
          perms_per_cpu_s: (perms / (fillCpu + emitCpu)) * 1e3,
          witness_values: witness.length,
          target: '≥ 20,000 perms/s',
        },
      });
      if (!quick) {
        // full ZK Ligero proof of a smaller instance (2 steps: 3,072 perms)
        const n2 = 8 * 1024 * 2;
        const x2 = randomVector(n2);
        const b2 = new LayoutBuilder(l);
        const p2 = planPoseidon2(b2, { inputLength: n2 });
        const lay2 = b2.finish();
        const w2 = new Uint32Array(lay2.numRows * l);
        const d2 = fillPoseidon2(p2, w2, x2, salt);
        const t0 = performance.now();
        const proof = proveZk({ layout: lay2, witness: w2, transcript: new Sha256Transcript('bench', 1), params: LIGERO_CONJECTURED, run: (ctx) => provePoseidon2Constraints(ctx, p2, d2), prove: { check: false } });
        const proveMs = performance.now() - t0;
        const t1 = performance.now();
        verifyZk({ layout: lay2, transcript: new Sha256Transcript('bench', 1), params: LIGERO_CONJECTURED, root: proof.root, ligero: proof.ligero, run: (ctx) => verifyPoseidon2Constraints(ctx, p2, d2) });
        const verifyMs = performance.now() - t1;
        rows.push({ group: GROUP, name: `ZK Ligero (conjectured-100), ${p2.permutations} perms`, values: { n: p2.permutations, prove_ms: proveMs, verify_ms: verifyMs, perms_per_s: (p2.permutations / proveMs) * 1e3 } });
      }
      return rows;
    },
  },
];
