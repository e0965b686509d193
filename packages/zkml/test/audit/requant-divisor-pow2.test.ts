/**
 * Audit O2: the private Requant divisor D = 2^(s − 13) must be a power of two.
 *
 * Attack (before the fix): D was only range-checked to [1, 2^14], so a host that hashes D = 2^k − 1
 * into its weight digest (a shift no integer model has) gets proofs of a division that no integer
 * shift performs. Demonstrated with the direct checker: a consistent witness for D' = D − 1 (the
 * region, the broadcast Db, every split intermediate, the output, and the digest of the tampered
 * region) satisfied every constraint.
 * Fix: D is looked up in the fixed public table {2^0, …, 2^14} (RangeBook.member, one logUp); the
 * same witness now fails that lookup.
 */
import { describe, expect, it } from 'vitest';
import { computeLogupMultiplicities, fillLogup, fillPoseidon2, vectorWire, type LogupPlan } from '@vouch/core';
import { floorDivMod } from '../../src/int/arith.ts';
import { runIntGraph } from '../../src/int/executor.ts';
import { privateWeightVector, writeTensor } from '../../src/prove/index.ts';
import { digestWideIndex } from '../../src/prove/region.ts';
import type { TensorRef } from '../../src/prove/types.ts';
import { check, labels, prepare } from '../prove/harness.ts';
import { makeMlp, randomInputs } from '../prove/mlp.ts';

describe('audit O2: Requant divisors are proven powers of two', () => {
  it('a witness with D = 2^k − 1 hashed into the digest fails the divisor lookup', () => {
    const { graph, params } = makeMlp([6, 12, 5, 2]);
    const inputs = randomInputs(6, 2);
    const salt = Uint32Array.from({ length: 8 }, (_, i) => 1000 + i);
    const L = 128;
    const prep = prepare(graph, params, inputs, 'private', salt, L);
    const { layout } = prep.plan;
    const w = prep.witness;
    // the last Requant (identity clamp: y = q is the graph output), channel 0
    const node = 'fc3.requant';
    const M = params.get(`${node}.multiplier`)!.data;
    const S = params.get(`${node}.shift`)!.data;
    const D = S.map((s) => 2 ** (s - 13));
    const bad = D[0] - 1; // 2^k − 1, k ≥ 2: not a power of two, inside [1, 2^14]
    expect(D[0]).toBeGreaterThanOrEqual(4);
    const Dp = [bad, D[1]];
    // committed parameter region: D[0] := D'
    const region = prep.plan.region!;
    const pl = region.layout.placements.get(`${node}.shift`)!;
    w[vectorWire(layout, region.wide!, pl.offset)] = bad;
    // every split intermediate, recomputed for D'
    const acc = inputs.flatMap((x) => Array.from(runIntGraph(graph, params, [x]).values.get('fc3::acc')!));
    const cols: Record<string, number[]> = { h: [], l: [], c: [], r1: [], r2: [], u: [], q: [], Mb: [], Db: [], lM: [], hM: [], qD: [] };
    acc.forEach((a, i) => {
      const ch = i % 2;
      const [m, d] = [M[ch], Dp[ch]];
      const [h, l] = floorDivMod(a, 8192);
      const [c, r1] = floorDivMod(l * m + 4096 * d, 8192);
      const [q, r2] = floorDivMod(h * m + c, d);
      const row = { h, l, c, r1, r2, u: d - 1 - r2, q, Mb: m, Db: d, lM: l * m, hM: h * m, qD: q * d };
      for (const k of Object.keys(cols)) cols[k].push(row[k as keyof typeof row]);
    });
    const t = (prep.plan.ops.find((o) => o.node.name === node) as unknown as { t: Record<string, TensorRef> }).t;
    for (const k of Object.keys(cols)) writeTensor(layout, w, t[k], cols[k]);
    writeTensor(layout, w, prep.plan.tensors.get('output')!, cols.q);
    const outputs = inputs.map((_, b) => Int32Array.from(cols.q.slice(2 * b, 2 * b + 2)));
    // the digest of the tampered region (the host publishes this one)
    const x = privateWeightVector(graph, params, L);
    x[digestWideIndex(region.layout, pl.name)] = bad;
    const digest = fillPoseidon2(prep.binding!.poseidon, w, x, salt);
    // limbs and multiplicities for the new values (a cheating prover counts what it can)
    try {
      prep.plan.ranges.fill(layout, w);
    } catch {
      for (const p of (prep.plan.ranges as unknown as { plans(): LogupPlan[] }).plans()) fillLogup(p, layout, w, computeLogupMultiplicities(p, layout, w).mult);
    }
    const failed = labels(check({ ...prep, digest }, inputs, { outputs, digest }));
    expect(failed.length).toBeGreaterThan(0);
    // before the fix: no failure at all (D' − 1 ∈ [0, 2^14) passed); now only the divisor lookup fails
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((l) => l.startsWith('range[set:pow2-14]'))).toBe(true);
  });

  it('honest private witnesses pass the divisor lookup', () => {
    const { graph, params } = makeMlp([6, 12, 5, 2]);
    const inputs = randomInputs(6, 2);
    const prep = prepare(graph, params, inputs, 'private', Uint32Array.from({ length: 8 }, (_, i) => 1000 + i), 128);
    expect(labels(check(prep, inputs))).toEqual([]);
  });
});
