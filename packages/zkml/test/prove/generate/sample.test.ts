/**
 * The sampling proof alone (prove/ops/sample.ts) against the executor's sampling step
 * (int/ops/sample.ts), on random int16 logits, checked directly on the witness: the executor's token
 * satisfies every constraint, every other token fails exactly the check that pins it
 * (sample.greedy; sample.interval for temperature), and tampered sampling values fail the check
 * of the relation they break. Also the deterministic weight table.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LayoutBuilder, PadProductPlanner, Sha256Transcript, directCheck, fromInt, vectorWire, type Layout, type ProverContext, type VerifierContext } from '@vouch/core';
import { RangeBook } from '../../../src/prove/ranges.ts';
import { padDims, pow2, writeTensor } from '../../../src/prove/tensor.ts';
import type { TensorRef } from '../../../src/prove/types.ts';
import { fillSampling, planSampling, sampleConstraints, type SamplePlan, type SampleStep } from '../../../src/prove/ops/sample.ts';
import { sampleStep, type Decoding } from '../../../src/int/ops/sample.ts';
import { detExp, sampleTable } from '../../../src/int/ops/sample-table.ts';
import { decodingOf, GenerationUnsupportedError } from '../../../src/int/ops/sample-decoding.ts';

interface Instance {
  layout: Layout;
  witness: Uint32Array;
  plan: SamplePlan;
  ranges: RangeBook;
  logits: TensorRef;
  steps: SampleStep[];
}

/** Plans logits [B, T, V] and the sampling of row `pos[b]` of each, fills from the executor. */
function instance(rows: Int32Array[], T: number, pos: number[], us: number[], dec: Decoding, tamper?: (i: Instance) => void): Instance {
  const B = rows.length / T;
  const V = rows[0].length;
  const b = new LayoutBuilder(64);
  const products = new PadProductPlanner(b);
  const dims = [B, T, V];
  const logits: TensorRef = { label: 'logits', dims, ...padDims(dims), ref: b.vector(pow2(B) * pow2(T) * pow2(V), 'logits') };
  const ranges = new RangeBook();
  ranges.request(logits, -32768, 16, 'logits int16');
  const plan = planSampling(b, ranges, dec, B, V);
  ranges.finish(b, products);
  const layout = b.finish();
  const witness = new Uint32Array(layout.numRows * layout.rowWidth);
  const flat = new Int32Array(B * T * V);
  rows.forEach((r, i) => flat.set(r, i * V));
  writeTensor(layout, witness, logits, flat);
  const traces = pos.map((p, k) => sampleStep(rows[k * T + p], dec, us[k]));
  fillSampling(plan, { layout, witness }, traces);
  const steps = traces.map((tr, k) => ({ position: pos[k], token: tr.token, u: us[k] }));
  const inst = { layout, witness, plan, ranges, logits, steps };
  tamper?.(inst);
  ranges.fill(layout, witness);
  return inst;
}

/** Labels of the constraints the verifier's view (`steps`) fails on the instance's witness. */
function failures(inst: Instance, steps: SampleStep[] = inst.steps): string[] {
  const p: ProverContext = { layout: inst.layout, transcript: new Sha256Transcript('sample', 1), constraints: [], witness: inst.witness };
  sampleConstraints(p, inst.plan, inst.logits, inst.steps);
  const lookups = inst.ranges.prove(p).map((l) => [...l]);
  const v: VerifierContext = { layout: inst.layout, transcript: new Sha256Transcript('sample', 1), constraints: [] };
  sampleConstraints(v, inst.plan, inst.logits, steps);
  inst.ranges.verify(v, lookups);
  return [...new Set(directCheck(inst.layout, inst.witness, v.constraints).map((f) => f.label))];
}

const row = (V: number, spread: number) => fc.array(fc.integer({ min: -spread, max: spread }), { minLength: V, maxLength: V }).map((a) => Int32Array.from(a));
const DEC_T = decodingOf({ temperature: 0.9 }, 1 / 400);

describe('sampling proof vs executor', () => {
  it('greedy: the executor token verifies, every other token fails sample.greedy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 13 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 40000 }), (V, p, spread) => {
        const r = Array.from({ length: 4 }, (_, i) => Int32Array.from({ length: V }, (_, j) => Math.max(-32768, Math.min(32767, ((i * 7919 + j * 104729 + spread * 31) % (2 * spread + 1)) - spread))));
        // ties: copy the max to another index sometimes
        r[p][V - 1] = Math.max(...r[p]);
        const inst = instance(r, 4, [p], [0], { kind: 'greedy' });
        expect(failures(inst)).toEqual([]);
        const tok = inst.steps[0].token;
        expect(tok).toBe(r[p].indexOf(Math.max(...r[p])));
        for (let j = 0; j < V; j++) if (j !== tok) expect(failures(inst, [{ ...inst.steps[0], token: j }])).toEqual(['sample.greedy']);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('temperature: the executor token verifies, every other token fails sample.interval', () => {
    fc.assert(
      fc.property(row(9, 3000), row(9, 3000), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (a, b, u0, u1) => {
        const inst = instance([a, b], 1, [0, 0], [u0, u1], DEC_T);
        expect(failures(inst)).toEqual([]);
        for (let k = 0; k < 2; k++) {
          for (let j = 0; j < 9; j++) {
            if (j === inst.steps[k].token) continue;
            const steps = inst.steps.map((s, i) => (i === k ? { ...s, token: j } : s));
            expect(failures(inst, steps)).toEqual(['sample.interval']);
          }
        }
      }),
      { numRuns: 3 },
    );
  }, 120_000);

  it('temperature: another U (host-chosen seed or another nonce) fails sample.threshold', () => {
    const a = Int32Array.of(10, -200, 3000, 2990, 2500, -32768, 32767, 0);
    const inst = instance([a], 1, [0], [123456789], DEC_T);
    expect(failures(inst)).toEqual([]);
    expect(failures(inst, [{ ...inst.steps[0], u: 987654321 }])).toEqual(['sample.threshold']);
  });

  const tampered = (what: string, f: (i: Instance) => void): string[] => {
    const a = Int32Array.of(10, -200, 3000, 2990, 2500, -1000, 50, 0);
    return failures(instance([a], 1, [0], [0x80000000], DEC_T, f));
  };
  const bump = (i: Instance, k: string, idx: number, by: number) => {
    const w = vectorWire(i.layout, i.plan.t[k].ref, idx);
    i.witness[w] = fromInt(((i.witness[w] > 1 << 30 ? i.witness[w] - 2013265921 : i.witness[w]) + by));
  };

  it('tampered sampling values fail the relation they break', () => {
    expect(tampered('r', (i) => bump(i, 'rems', 0, i.witness[vectorWire(i.layout, i.plan.t.rems.ref, 0)] < 15 ? 1 : -1))).toEqual(['sample.threshold']);
    expect(tampered('lo', (i) => bump(i, 'wideLo', 8, 1))).toEqual(['sample.interval']);
    expect(tampered('q', (i) => bump(i, 'q', 1, 1))).toEqual(['sample.weight']);
    expect(tampered('delta', (i) => bump(i, 'delta', 1, 1))).toContain('sample.max');
    const g = failures(instance([Int32Array.of(5, 9, 9, 1)], 1, [0], [0], { kind: 'greedy' }, (i) => bump(i, 'd', 0, 1)));
    expect(g).toEqual(['sample.greedy']);
  });

  it('the weight table is deterministic and well formed', () => {
    const t = sampleTable(1 / 400, 0.9);
    expect(t[0]).toBe(32768);
    for (let q = 1; q < t.length; q++) expect(t[q]).toBeLessThanOrEqual(t[q - 1]);
    for (const y of [0, 0.01, 0.5, 1, 3.3, 10, 40]) expect(Math.abs(detExp(y) - Math.exp(-y)) / Math.exp(-y)).toBeLessThan(1e-12);
    expect(() => decodingOf({ top_k: 5 }, 1)).toThrow(GenerationUnsupportedError);
    expect(() => decodingOf({ temperature: -1 }, 1)).toThrow(GenerationUnsupportedError);
    expect(decodingOf({ temperature: 0 }, 1)).toEqual({ kind: 'greedy' });
    expect(decodingOf(undefined, 1)).toEqual({ kind: 'greedy' });
  });
});
