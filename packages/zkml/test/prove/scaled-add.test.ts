/**
 * ScaledAdd prover with the direct checker (residual and constant-operand forms, both modes):
 * honest witnesses satisfy every constraint; each check fails when its guarded value is tampered.
 */
import { describe, expect, it } from 'vitest';
import { P, vectorWire } from '@vouch/core';
import { check, labels, prepare, wireOf } from './harness.ts';
import { makeResidualMlp, randomInputs, SALT } from './mlp.ts';

const inputs = randomInputs(6, 2, 5);
const add = (w: Uint32Array, i: number, d: number) => (w[i] = (w[i] + d + P) % P);

describe('ScaledAdd', () => {
  it('honest residual (open) and constant-operand (private) witnesses satisfy every constraint', () => {
    const a = makeResidualMlp(2);
    expect(labels(check(prepare(a.graph, a.params, inputs, 'open'), inputs))).toEqual([]);
    const b = makeResidualMlp(3, true);
    expect(labels(check(prepare(b.graph, b.params, inputs, 'private', SALT, 128), inputs))).toEqual([]);
  });
  const { graph, params } = makeResidualMlp(2);
  const internal = (key: string) => (p: ReturnType<typeof prepare>) => {
    const op = p.plan.ops.find((o) => o.node.name === 'add')! as unknown as { t: Record<string, { ref: Parameters<typeof vectorWire>[1] }> };
    add(p.witness, vectorWire(p.plan.layout, op.t[key].ref, 1), 1);
  };
  for (const [key, chk] of [
    ['ac', 'scaledadd.copy-a'],
    ['bc', 'scaledadd.copy-b'],
    ['kaB', 'scaledadd.ka'],
    ['kbB', 'scaledadd.kb'],
    ['pa', 'scaledadd.sum'],
  ] as const) {
    it(`a tampered ${key} fails ${chk}`, () => {
      expect(labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: internal(key) }))).toContain(`add/${chk}`);
    });
  }
  it('a wrong sum fails scaledadd.sum', () => {
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: (p) => add(p.witness, wireOf(p, 's', 0), 1) }));
    expect(f).toContain('add/scaledadd.sum');
  });
});
