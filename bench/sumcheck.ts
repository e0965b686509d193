/**
 * Sumcheck and logUp-GKR benchmarks: the plain matrix-vector sumcheck prover (partial evaluation of
 * W by the row point + degree-2 sumcheck over the columns) and verifier, the zero-knowledge versions
 * (padded messages and constraint building; the Ligero commitment is benchmarked in bench/ligero.ts),
 * and a zero-knowledge logUp-GKR range check of 2^16 values against [0, 2^16).
 */
import { type BenchCase, type BenchRow, median, timeMs } from './harness.ts';
import { add, mul, randomVector, randomElement } from '../packages/core/src/field/babybear.ts';
import { eRandom } from '../packages/core/src/field/ext4.ts';
import { Sha256Transcript } from '../packages/core/src/transcript/transcript.ts';
import { proveMatVec } from '../packages/core/src/sumcheck/matvec.ts';
import { verifyMatVec } from '../packages/core/src/sumcheck/matvec-verify.ts';
import { mleEvalBase } from '../packages/core/src/poly/mle.ts';
import { LayoutBuilder, vectorWire } from '../packages/core/src/zk/layout.ts';
import { PadProductPlanner } from '../packages/core/src/zk/products.ts';
import type { ProverContext, VerifierContext } from '../packages/core/src/zk/session.ts';
import { planZkMatVec, verifyZkMatVec } from '../packages/core/src/sumcheck/zk-matvec.ts';
import { fillZkMatVec, proveZkMatVec } from '../packages/core/src/sumcheck/zk-matvec-prove.ts';
import { planLogup, verifyLogup } from '../packages/core/src/lookup/logup.ts';
import { fillLogup, proveLogup } from '../packages/core/src/lookup/logup-prove.ts';

const GROUP = 'sumcheck';
const tr = () => new Sha256Transcript('vouch/bench/sumcheck', 1);

function point(v: number): Uint32Array {
  const p = new Uint32Array(4 * v);
  for (let k = 0; k < v; k++) p.set(eRandom(), 4 * k);
  return p;
}

function matvec(rows: number, cols: number) {
  const W = randomVector(rows * cols), x = randomVector(cols);
  const y = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) y[i] = add(y[i], mul(W[i * cols + j], x[j]));
  return { W, x, y };
}

function plainCase(rows: number, cols: number, target: string): BenchCase {
  return {
    group: GROUP,
    name: `plain matvec ${rows}×${cols}`,
    async run({ quick }) {
      const { W, x, y } = matvec(rows, cols);
      const rb = Math.ceil(Math.log2(rows));
      const r = point(rb);
      const yp = new Uint32Array(2 ** rb);
      yp.set(y);
      const claim = mleEvalBase(yp, r);
      const reps = quick ? 5 : 31;
      const prove = await timeMs(() => proveMatVec(tr(), W, { rows, cols }, x, r, 'mv'), reps, 5);
      const { proof } = proveMatVec(tr(), W, { rows, cols }, x, r, 'mv');
      const verify = await timeMs(() => verifyMatVec(tr(), { rows, cols }, claim, proof, 'mv'), reps, 5);
      const out: BenchRow[] = [
        { group: GROUP, name: `plain matvec ${rows}×${cols} prove`, values: { median_ms: median(prove), target } },
        { group: GROUP, name: `plain matvec ${rows}×${cols} verify (sumcheck only)`, values: { median_ms: median(verify) } },
      ];
      return out;
    },
  };
}

function zkMatvecCase(rows: number, cols: number): BenchCase {
  return {
    group: GROUP,
    name: `zk matvec ${rows}×${cols}`,
    async run({ quick }) {
      const { W, x, y } = matvec(rows, cols);
      const b = new LayoutBuilder(1024);
      const products = new PadProductPlanner(b);
      const plan = planZkMatVec(b, products, { rows, cols }, 'mv');
      const layout = b.finish();
      const witness = new Uint32Array(layout.numRows * layout.rowWidth);
      fillZkMatVec(plan, layout, witness, W, x);
      const reps = quick ? 3 : 15;
      const prove = await timeMs(() => {
        const ctx: ProverContext = { layout, witness, transcript: tr(), constraints: [] };
        return proveZkMatVec(ctx, plan, W, x, y);
      }, reps, 3);
      const proof = proveZkMatVec({ layout, witness, transcript: tr(), constraints: [] }, plan, W, x, y);
      const verify = await timeMs(() => {
        const ctx: VerifierContext = { layout, transcript: tr(), constraints: [] };
        verifyZkMatVec(ctx, plan, y, proof);
      }, reps, 3);
      return [
        { group: GROUP, name: `zk matvec ${rows}×${cols} prove (sumcheck + constraints, no commitment)`, values: { median_ms: median(prove) } },
        { group: GROUP, name: `zk matvec ${rows}×${cols} verify (constraint building)`, values: { median_ms: median(verify) } },
      ];
    },
  };
}

const logupCase: BenchCase = {
  group: GROUP,
  name: 'zk logUp-GKR range check',
  async run({ quick }): Promise<BenchRow[]> {
    const logN = quick ? 12 : 16;
    const n = 2 ** logN;
    const b = new LayoutBuilder(1024);
    const products = new PadProductPlanner(b);
    const vals = b.vector(n, 'values');
    const plan = planLogup(b, products, { label: 'logup', table: { kind: 'range', bits: logN }, groups: [{ columns: [vals] }] });
    const layout = b.finish();
    const witness = new Uint32Array(layout.numRows * layout.rowWidth);
    for (let i = 0; i < n; i++) witness[vectorWire(layout, vals, i)] = randomElement() % n;
    const reps = quick ? 2 : 5;
    const fill = await timeMs(() => fillLogup(plan, layout, witness), reps, 1);
    const prove = await timeMs(() => proveLogup({ layout, witness, transcript: tr(), constraints: [] }, plan), reps, 1);
    const proof = proveLogup({ layout, witness, transcript: tr(), constraints: [] }, plan);
    const ctx: VerifierContext = { layout, transcript: tr(), constraints: [] };
    const verify = await timeMs(() => verifyLogup({ layout, transcript: tr(), constraints: [] }, plan, proof), reps, 1);
    verifyLogup(ctx, plan, proof);
    return [
      { group: GROUP, name: `zk logUp range check 2^${logN} values in [0, 2^${logN}): fill (multiplicities, pads)`, values: { median_ms: median(fill) } },
      { group: GROUP, name: `zk logUp range check 2^${logN}: prove (GKR + constraints, no commitment)`, values: { median_ms: median(prove), gkr_layers: plan.geometry.numVars } },
      { group: GROUP, name: `zk logUp range check 2^${logN}: verify (constraint building)`, values: { median_ms: median(verify), constraints: ctx.constraints.length } },
    ];
  },
};

export const cases: BenchCase[] = [plainCase(128, 784, '≤ 2 ms'), plainCase(1024, 1024, ''), zkMatvecCase(128, 784), zkMatvecCase(1024, 1024), logupCase];
