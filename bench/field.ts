/**
 * Field and NTT benchmarks: base mul+add throughput (JS strict, JS lazy split, WASM), ext
 * multiplication, ext×base axpy, and the 2^20 NTT in JS and WASM. Every WASM figure includes
 * copying the inputs into and out of the module's linear memory.
 */
import { type BenchCase, type BenchRow, median, timeMs } from './harness.ts';
import { add, mul, randomVector } from '../packages/core/src/field/babybear.ts';
import { eMulInto, eRandom } from '../packages/core/src/field/ext4.ts';
import { vecInnerJs, extAxpyBaseJs } from '../packages/core/src/field/vec.ts';
import { nttJs, cosetNtt, setNttBackend } from '../packages/core/src/ntt/ntt.ts';
import { wasmKernels } from '../packages/core/src/wasm/kernels.ts';

const GROUP = 'field';

function strictMulAdd(a: Uint32Array, b: Uint32Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc = add(acc, mul(a[i], b[i]));
  return acc;
}

function extMulLoop(x: Uint32Array, y: Uint32Array, out: Uint32Array): void {
  for (let o = 0; o < x.length; o += 4) eMulInto(out, o, x, o, y, o);
}

function row(name: string, n: number, ms: number[], extra: Record<string, number | string> = {}): BenchRow {
  const m = median(ms);
  return { group: GROUP, name, values: { n, median_ms: m, ops_per_s: (n / m) * 1e3, ...extra } };
}

export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'base mul+add',
    async run({ quick }) {
      const n = quick ? 1 << 16 : 1 << 20;
      const reps = quick ? 3 : 9;
      const a = randomVector(n), b = randomVector(n);
      const rows = [
        row('mul+add (JS strict)', n, await timeMs(() => strictMulAdd(a, b), reps, 3)),
        row('mul+add (JS lazy split, vecInnerJs)', n, await timeMs(() => vecInnerJs(a, b), reps, 3)),
      ];
      const k = wasmKernels();
      if (k) {
        rows.push(row('mul+add (WASM vec_inner, incl. copy-in)', n, await timeMs(() => k.vecInner(a, b), reps, 3)));
        const [pa, pb] = k.scratch(n, n);
        new Uint32Array(k.memory.buffer, pa, n).set(a);
        new Uint32Array(k.memory.buffer, pb, n).set(b);
        rows.push(row('mul+add (WASM vec_inner, resident data)', n, await timeMs(() => k.raw.vec_inner(pa, pb, n), reps, 3)));
      }
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'ext mul and ext×base axpy',
    async run({ quick }) {
      const n = quick ? 1 << 14 : 1 << 18;
      const reps = quick ? 3 : 7;
      const x = randomVector(4 * n), y = randomVector(4 * n), out = new Uint32Array(4 * n);
      const base = randomVector(n), s = eRandom();
      const rows = [
        row('ext mul (JS eMulInto)', n, await timeMs(() => extMulLoop(x, y, out), reps, 3)),
        row('ext×base axpy (JS extAxpyBaseJs)', n, await timeMs(() => extAxpyBaseJs(out, s, base), reps, 3)),
      ];
      const k = wasmKernels();
      if (k) rows.push(row('ext×base axpy (WASM, incl. copies)', n, await timeMs(() => k.extAxpyBase(out, s, base), reps, 3)));
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'NTT',
    async run({ quick }) {
      const logN = quick ? 16 : 20;
      const n = 1 << logN;
      const reps = quick ? 3 : 7;
      const a = randomVector(n);
      const rows = [row(`NTT 2^${logN} (JS)`, n, await timeMs(() => nttJs(a), reps, 3))];
      const k = wasmKernels();
      if (k) {
        rows.push(row(`NTT 2^${logN} (WASM, incl. copies)`, n, await timeMs(() => k.ntt(a), reps, 3)));
        const [fwd] = k.nttTables(logN);
        const [pa] = k.scratch(n);
        new Uint32Array(k.memory.buffer, pa, n).set(a);
        rows.push(row(`NTT 2^${logN} (WASM, resident data)`, n, await timeMs(() => k.raw.ntt(pa, logN, fwd), reps, 3)));
      }
      // Reed–Solomon encoding at rate 1/4 as Ligero uses it: n/4 coefficients → n values on a coset.
      const msg = randomVector(n / 4);
      setNttBackend('js');
      rows.push(row(`cosetNtt n/4 → 2^${logN} (JS)`, n, await timeMs(() => cosetNtt(msg, 31, n), reps, 3)));
      setNttBackend('auto');
      if (k) rows.push(row(`cosetNtt n/4 → 2^${logN} (auto: WASM)`, n, await timeMs(() => cosetNtt(msg, 31, n), reps, 3)));
      return rows;
    },
  },
];
