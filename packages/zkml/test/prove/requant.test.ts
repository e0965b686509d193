/**
 * Requant prover, direct checker: each element-wise check (split, low/high limbs, remainder bound,
 * broadcast of M and D, clamp) fails when the value it guards is tampered; ranges catch the rest.
 */
import { describe, expect, it } from 'vitest';
import { P, vectorWire } from '@vouch/core';
import { check, labels, prepare, wireOf } from './harness.ts';
import { makeMlp, randomInputs } from './mlp.ts';

const add = (w: Uint32Array, i: number, d: number) => (w[i] = (w[i] + d + P) % P);

describe('Requant', () => {
  const { graph, params } = makeMlp([6, 12, 5, 2]);
  const inputs = randomInputs(6, 2);
  const tamperInternal = (key: string, d = 1) => (p: ReturnType<typeof prepare>) => {
    // op-internal tensors are labelled `<node> <key>`
    const node = p.plan.ops.find((o) => o.node.name === 'fc1.requant')!;
    const t = (node as unknown as { t: Record<string, { ref: Parameters<typeof vectorWire>[1] }> }).t[key];
    add(p.witness, vectorWire(p.plan.layout, t.ref, 5), d);
  };
  for (const [key, check_] of [
    ['h', 'requant.split'],
    ['lM', 'requant.low'],
    ['hM', 'requant.high'],
    ['u', 'requant.r2-bound'],
    ['Mb', 'requant.mult'],
    ['Db', 'requant.div'],
    ['ab', 'requant.clamp-ab'],
    ['ay', 'requant.clamp-lo'],
    ['by', 'requant.clamp-hi'],
  ] as const) {
    it(`a tampered ${key} fails ${check_}`, () => {
      const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: tamperInternal(key) }));
      expect(f).toContain(`fc1.requant/${check_}`);
    });
  }
  it('a wrong clamp output fails requant.clamp', () => {
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: (p) => add(p.witness, wireOf(p, 'h1', 2), 1) }));
    expect(f).toContain('fc1.requant/requant.clamp');
  });
  it('a remainder outside its range fails the range decomposition', () => {
    // r1 + 2^13 and c − 1 keep requant.low true but r1 leaves [0, 2^13): only the range check sees it
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: (p) => { tamperInternal('r1', 8192)(p); tamperInternal('c', -1)(p); } }));
    expect(f).toContain('fc1.requant r1/range.decompose');
    expect(f).not.toContain('fc1.requant/requant.low');
  });
});

