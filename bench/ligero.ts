/**
 * Ligero benchmarks: commit, prove, verify time and proof size for 2^16, 2^20 (and 2^22 outside
 * quick mode) committed elements, in the conjectured and proven parameter sets. The statement is a
 * full witness with 4 MLE-style tensor constraints over the whole matrix (distinct column vectors),
 * 4 sparse constraints and 4 row triples.
 */
import { type BenchCase, type BenchRow, median, timeMs } from './harness.ts';
import { P, mul } from '../packages/core/src/field/babybear.ts';
import { evaluateConstraint, type LinearConstraint } from '../packages/core/src/zk/constraints.ts';
import { LayoutBuilder, type Layout } from '../packages/core/src/zk/layout.ts';
import { Sha256Transcript } from '../packages/core/src/transcript/transcript.ts';
import {
  LIGERO_CONJECTURED,
  LIGERO_PROVEN,
  absorbLigeroCommitment,
  chooseRowWidth,
  ligeroCommit,
  ligeroProve,
  ligeroSecurity,
  ligeroShape,
  ligeroVerify,
  seededRng,
  serializeLigeroProof,
  type LigeroParams,
} from '../packages/core/src/ligero/index.ts';
import { TENSOR_PCS_CONJECTURED, tensorPcs } from '../packages/core/src/pcs/index.ts';

interface Statement {
  layout: Layout;
  witness: Uint32Array;
  constraints: LinearConstraint[];
}

function statement(total: number, params: LigeroParams): Statement {
  const l = chooseRowWidth(total, params);
  const rng = seededRng('bench');
  const b = new LayoutBuilder(l);
  const rows = Math.max(8, Math.ceil(total / l));
  const main = b.rows(rows - 3 * 4, 'main');
  const trip: number[] = [];
  for (let i = 0; i < 4; i++) {
    const blk = b.rows(3, `triple ${i}`);
    b.triple(blk.row, blk.row + 1, blk.row + 2);
    trip.push(blk.row);
  }
  const layout = b.finish();
  const witness = rng.field(layout.numRows * l);
  for (const r of trip) for (let i = 0; i < l; i++) witness[(r + 2) * l + i] = mul(witness[r * l + i], witness[(r + 1) * l + i]);
  const constraints: LinearConstraint[] = [];
  for (let c = 0; c < 4; c++) {
    const con: LinearConstraint = {
      sparse: new Map([[c * 7, rng.field(4)]]),
      tensor: [{ row: main.row, rowCoeffs: rng.field(4 * main.count), cols: { values: rng.field(4 * l) } }],
      constant: new Uint32Array(4),
      label: `mle ${c}`,
    };
    const v = evaluateConstraint(con, witness, l);
    constraints.push({ ...con, constant: v.map((x) => (x === 0 ? 0 : P - x)) });
  }
  return { layout, witness, constraints };
}

function run(st: Statement, params: LigeroParams) {
  const { root, state } = ligeroCommit(st.layout, st.witness, params);
  const t = new Sha256Transcript('vouch-bench', 1);
  absorbLigeroCommitment(t, state.shape, root);
  const proof = ligeroProve(state, { layout: st.layout, transcript: t, constraints: st.constraints, witness: st.witness });
  return { root, proof };
}

function verify(st: Statement, params: LigeroParams, root: Uint8Array, proof: ReturnType<typeof run>['proof']) {
  const t = new Sha256Transcript('vouch-bench', 1);
  absorbLigeroCommitment(t, ligeroShape(params, st.layout), root);
  ligeroVerify(root, st.layout, params, { layout: st.layout, transcript: t, constraints: st.constraints }, proof);
}

/** CPU milliseconds (user + system) of `reps` runs of fn. */
function cpuMs(fn: () => unknown, reps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const u0 = process.cpuUsage();
    fn();
    const u = process.cpuUsage(u0);
    out.push((u.user + u.system) / 1000);
  }
  return out;
}

function benchCase(logN: number, params: LigeroParams, quickOk: boolean): BenchCase {
  return {
    group: 'ligero',
    name: `2^${logN} ${params.name}`,
    async run({ quick }): Promise<BenchRow[]> {
      if (quick && !quickOk) return [];
      const st = statement(2 ** logN, params);
      const shape = ligeroShape(params, st.layout);
      const sec = ligeroSecurity(shape);
      const reps = quick ? 1 : 3;
      let last = run(st, params);
      const commitMs = median(await timeMs(() => ligeroCommit(st.layout, st.witness, params), reps, 0));
      const proveMs = median(await timeMs(() => (last = run(st, params)), reps, 0));
      const verifyMs = median(await timeMs(() => verify(st, params, last.root, last.proof), quick ? 3 : 10));
      // CPU time of this process (user + system): robust to other load on a shared machine.
      const proveCpu = median(cpuMs(() => (last = run(st, params)), reps));
      const verifyCpu = median(cpuMs(() => verify(st, params, last.root, last.proof), quick ? 3 : 10));
      return [
        {
          group: 'ligero',
          name: `commit+prove+verify 2^${logN} (${params.name})`,
          values: {
            commit_ms: Math.round(commitMs),
            commit_prove_ms: Math.round(proveMs),
            verify_ms: Number(verifyMs.toFixed(1)),
            commit_prove_cpu_ms: Math.round(proveCpu),
            verify_cpu_ms: Number(verifyCpu.toFixed(1)),
            proof_bytes: serializeLigeroProof(last.proof, shape).length,
            row_width: shape.rowWidth,
            rows: shape.totalRows,
            code_length: shape.codeLength,
            queries: shape.queries,
            conjectured_bits: Number(sec.conjecturedBits.toFixed(1)),
            proven_bits: Number(sec.provenBits.toFixed(1)),
          },
        },
      ];
    },
  };
}

function pcsCase(logN: number): BenchCase {
  return {
    group: 'ligero',
    name: `tensor PCS 2^${logN}`,
    async run({ quick }): Promise<BenchRow[]> {
      const pcs = tensorPcs(TENSOR_PCS_CONJECTURED);
      const rng = seededRng('pcs-bench');
      const values = rng.field(2 ** logN);
      const point = rng.field(4 * logN);
      const reps = quick ? 1 : 3;
      let c = pcs.commit(values);
      const commitMs = median(await timeMs(() => (c = pcs.commit(values)), reps, 0));
      let opened = pcs.open(c.data, point, new Sha256Transcript('vouch-bench-pcs', 1));
      const openMs = median(await timeMs(() => (opened = pcs.open(c.data, point, new Sha256Transcript('vouch-bench-pcs', 1))), reps, 0));
      const verifyMs = median(
        await timeMs(() => pcs.verify(c.commitment, point, opened.value, opened.proof, new Sha256Transcript('vouch-bench-pcs', 1)), quick ? 3 : 10),
      );
      return [
        {
          group: 'ligero',
          name: `tensor PCS commit/open/verify 2^${logN} (${TENSOR_PCS_CONJECTURED.name})`,
          values: {
            commit_ms: Math.round(commitMs),
            open_ms: Math.round(openMs),
            verify_ms: Number(verifyMs.toFixed(1)),
            proof_bytes: pcs.serializeProof(opened.proof).length,
          },
        },
      ];
    },
  };
}

/** Ligero cases (2^22 only outside quick mode) and the public-data PCS. */
export const cases: BenchCase[] = [
  benchCase(16, LIGERO_CONJECTURED, true),
  benchCase(20, LIGERO_CONJECTURED, true),
  benchCase(22, LIGERO_CONJECTURED, false),
  benchCase(16, LIGERO_PROVEN, true),
  benchCase(20, LIGERO_PROVEN, true),
  benchCase(22, LIGERO_PROVEN, false),
  pcsCase(16),
  pcsCase(20),
];
