/**
 * Private-mode weight binding with the direct checker: the honest witness satisfies the Poseidon2
 * circuit and the packing constraint; another public digest fails `poseidon2.digest k`; a committed
 * weight changed after hashing fails `weights.pack`; a weight byte outside int8 (compensated in the
 * packed value) fails only the int8 range lookup; a non-zero padding entry of the int8 or the wide
 * block (not hashed) fails `weights.int8-padding` / `weights.wide-padding`; a changed wide value
 * fails `weights.pack`.
 */
import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { check, labels, prepare } from './harness.ts';
import { makeMlp, randomInputs, SALT } from './mlp.ts';

const { graph, params } = makeMlp([6, 12, 5, 2], 4);
const inputs = randomInputs(6, 2, 3);

describe('weight digest binding (private mode, direct checks)', () => {
  it('an honest witness satisfies every constraint', () => {
    expect(labels(check(prepare(graph, params, inputs, 'private', SALT, 128), inputs))).toEqual([]);
  });
  it('another public digest fails poseidon2.digest', () => {
    const prep = prepare(graph, params, inputs, 'private', SALT, 128);
    const d = prep.digest!.slice();
    d[0] = (d[0] + 1) % P;
    const f = labels(check(prep, inputs, { digest: d }));
    // the digest is absorbed before later challenges, so later sub-protocols fail too
    expect(f.some((l) => l.startsWith('poseidon2.digest'))).toBe(true);
  });
  it('a committed weight that differs from the hashed one fails weights.pack', () => {
    const f = labels(
      check(prepare(graph, params, inputs, 'private', SALT, 128), inputs, {
        tamperWitness: (p) => {
          const w = p.plan.region!.int8.row * p.plan.layout.rowWidth;
          p.witness[w] = (p.witness[w] + 1) % P;
        },
      }),
    );
    expect(f).toContain('weights.pack');
  });
  it('a non-zero padding entry of the int8 block fails weights.int8-padding', () => {
    const prep = prepare(graph, params, inputs, 'private', SALT, 128);
    const pl = [...prep.plan.region!.layout.placements.values()].find((p) => p.block === 'int8' && p.dims[1] < 8)!;
    expect(pl).toBeDefined();
    const f = labels(
      check(prep, inputs, {
        tamperWitness: (p) => {
          const w = p.plan.region!.int8.row * p.plan.layout.rowWidth + pl.offset + pl.dims[1]; // (0, d₁): column padding
          p.witness[w] = 1;
        },
      }),
    );
    expect(f).toContain('weights.int8-padding');
    expect(f).not.toContain('weights.pack');
  });
  it('a non-zero padding entry of the wide block fails weights.wide-padding; a changed wide value fails weights.pack', () => {
    const prep = prepare(graph, params, inputs, 'private', SALT, 128);
    const pl = [...prep.plan.region!.layout.placements.values()].find((p) => p.block === 'wide' && p.dims[0] < p.size)!;
    expect(pl).toBeDefined();
    const at = (p: typeof prep, i: number) => p.plan.region!.wide!.row * p.plan.layout.rowWidth + pl.offset + i;
    const pad = labels(check(prep, inputs, { tamperWitness: (p) => void (p.witness[at(p, pl.dims[0])] = 1) }));
    expect(pad).toContain('weights.wide-padding');
    expect(pad).not.toContain('weights.pack');
    const val = labels(check(prepare(graph, params, inputs, 'private', SALT, 128), inputs, { tamperWitness: (p) => void (p.witness[at(p, 0)] = (p.witness[at(p, 0)] + 1) % P) }));
    expect(val).toContain('weights.pack');
    expect(val).not.toContain('weights.wide-padding');
  });
});
