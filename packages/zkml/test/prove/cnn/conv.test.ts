import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { CnnBuilder, directRun, failedLabels, randomTensors } from './build.ts';

type ConvOpts = Parameters<CnnBuilder['conv']>[3];

function convCase(o: ConvOpts = {}, shape = [1, 3, 7, 6], F = 5, k: [number, number] = [3, 3]) {
  const { graph, params } = new CnnBuilder(shape, 3).conv('c1', F, k, o).build();
  return { graph, params, inputs: randomTensors(shape, 2) };
}

describe('Conv prover: honest convolutions are accepted (direct check)', () => {
  const cases: [string, ConvOpts, number[], number, [number, number]][] = [
    ['stride 1, no pads', {}, [1, 3, 7, 6], 5, [3, 3]],
    ['LeNet conv1 shape: 5×5 pad 2', { pads: [2, 2, 2, 2] }, [1, 1, 12, 12], 6, [5, 5]],
    ['stride 2, asymmetric pads', { strides: [2, 2], pads: [1, 0, 2, 1] }, [1, 2, 9, 7], 4, [3, 3]],
    ['dilation 2, rectangular kernel', { dilations: [2, 1], pads: [1, 1, 1, 1] }, [1, 2, 8, 5], 3, [3, 2]],
    ['groups 2', { group: 2, pads: [1, 1, 1, 1] }, [1, 4, 6, 6], 6, [3, 3]],
    ['depthwise (groups = C = F), no bias', { group: 3, bias: false }, [1, 3, 5, 5], 3, [3, 3]],
    ['1×1 kernel', {}, [1, 5, 4, 4], 7, [1, 1]],
  ];
  for (const [name, o, shape, F, k] of cases) {
    it(name, () => {
      const c = convCase(o, shape, F, k);
      for (const mode of ['private', 'open'] as const) expect(failedLabels(directRun(c.graph, c.params, c.inputs, { mode }))).toEqual([]);
    });
  }
  it('batch of 3 with row width 16 (tensor forms split across rows and columns)', () => {
    const c = convCase({ pads: [1, 1, 1, 1] });
    const inputs = randomTensors([1, 3, 7, 6], 3);
    expect(failedLabels(directRun(c.graph, c.params, inputs, { rowWidth: 16 }))).toEqual([]);
    expect(failedLabels(directRun(c.graph, c.params, inputs, { rowWidth: 256, mode: 'open' }))).toEqual([]);
  });
});

describe('Conv prover: each check rejects exactly its tampering', () => {
  const c = convCase({ pads: [1, 1, 1, 1] });
  const nVars = 2 + 3 + 3; // C 3 → 4, H 7 → 8, W 6 → 8

  it('wrong output entry (consistent cheating prover) → conv.sumcheck round 0', () => {
    const r = directRun(c.graph, c.params, c.inputs, { mutate: (v) => void (v.get('c1::acc')![5] += 1) });
    expect(failedLabels(r)).toEqual(['c1/conv.sumcheck round 0']);
  });
  it('nonzero output padding → conv.sumcheck round 0', () => {
    const t = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        const out = plan.tensors.get('c1::acc')!;
        // entry (b 0, n 0, f 0, oy 7 (padding), ox 0)
        w[out.ref.row * plan.layout.rowWidth + out.ref.col + 7 * 8] = 1;
      },
    });
    expect(failedLabels(t)[0]).toBe('c1/conv.sumcheck round 0');
  });
  for (const j of [0, 3, nVars - 1]) {
    it(`changed round ${j} message → conv.sumcheck round ${j}`, () => {
      const r = directRun(c.graph, c.params, c.inputs, { tamperProof: (ops) => void (ops[0][j][0] = (ops[0][j][0] + 1) % P) });
      expect(failedLabels(r)[0]).toBe(`c1/conv.sumcheck round ${j}`);
    });
  }
  it('changed x′ → conv.final', () => {
    const r = directRun(c.graph, c.params, c.inputs, { tamperProof: (ops) => void (ops[0][nVars][0] = (ops[0][nVars][0] + 1) % P) });
    expect(failedLabels(r)[0]).toBe('c1/conv.final');
  });
  it('committed input differs from the one the sumcheck used → conv.x-opening only', () => {
    const r = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        const x = plan.tensors.get('input')!;
        const at = x.ref.row * plan.layout.rowWidth + x.ref.col + 9;
        w[at] = (w[at] + 1) % P;
      },
    });
    expect(failedLabels(r)).toEqual(['c1/conv.x-opening']);
  });
  it('committed weight differs from the one the sumcheck used → conv.w-opening only', () => {
    const r = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        const h = plan.params.get('c1.weight')!;
        const at = h.ref!.row * plan.layout.rowWidth + h.ref!.col + 2;
        w[at] = (w[at] + 1) % P;
      },
    });
    expect(failedLabels(r)).toEqual(['c1/conv.w-opening']);
  });
  it('wrong message count → MalformedError', () => {
    expect(() => directRun(c.graph, c.params, c.inputs, { tamperProof: (ops) => void ops[0].pop() })).toThrow(/expected 9 messages/);
  });
});
