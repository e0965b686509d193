import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { CnnBuilder, directRun, failedLabels, randomTensors } from './build.ts';

type PoolOpts = Parameters<CnnBuilder['pool']>[3];

function poolCase(op: 'MaxPool' | 'SumPool', k: [number, number], o: PoolOpts = {}, shape = [1, 3, 8, 6], lo = -128, hi = 127) {
  const { graph, params } = new CnnBuilder(shape, 5).pool('p1', op, k, o).build();
  return { graph, params, inputs: randomTensors(shape, 2, 11, lo, hi) };
}

const shapes: [string, [number, number], PoolOpts, number[]][] = [
  ['2×2 stride 2', [2, 2], {}, [1, 3, 8, 6]],
  ['3×3 stride 2 pad 1 (odd sizes, padding taps)', [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }, [1, 2, 7, 9]],
  ['2×3 stride 1, dilation 2 in height', [2, 3], { strides: [1, 1], dilations: [2, 1] }, [1, 2, 6, 5]],
  ['global 4×4 window', [4, 4], {}, [1, 5, 4, 4]],
];

for (const op of ['MaxPool', 'SumPool'] as const) {
  describe(`${op} prover: honest pooling is accepted (direct check)`, () => {
    for (const [name, k, o, shape] of shapes) {
      it(name, () => {
        const c = poolCase(op, k, o, shape);
        for (const mode of ['private', 'open'] as const) expect(failedLabels(directRun(c.graph, c.params, c.inputs, { mode }))).toEqual([]);
      });
    }
    it('batch of 3 at row width 16', () => {
      const c = poolCase(op, [2, 2]);
      expect(failedLabels(directRun(c.graph, c.params, randomTensors([1, 3, 8, 6], 3), { rowWidth: 16 }))).toEqual([]);
    });
  });
}

describe('SumPool prover: its check rejects a wrong sum', () => {
  it('one output entry off by one → sumpool.sum', () => {
    const c = poolCase('SumPool', [2, 2]);
    const r = directRun(c.graph, c.params, c.inputs, { mutate: (v) => void (v.get('p1::out')![3] -= 1) });
    expect(failedLabels(r)).toEqual(['p1/sumpool.sum']);
  });
  it('nonzero output padding → sumpool.sum', () => {
    const c = poolCase('SumPool', [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }, [1, 2, 7, 9]);
    const r = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        const out = plan.tensors.get('p1::out')!;
        w[out.ref.row * plan.layout.rowWidth + out.ref.col + 7] = 5; // ox 7 ≥ OW = 5
      },
    });
    expect(failedLabels(r)).toEqual(['p1/sumpool.sum']);
  });
  it('a message where none is expected → MalformedError', () => {
    const c = poolCase('SumPool', [2, 2]);
    expect(() => directRun(c.graph, c.params, c.inputs, { tamperProof: (ops) => void ops[0].push(new Uint32Array(4)) })).toThrow(/expected 0 messages/);
  });
});

describe('MaxPool prover: each check rejects exactly its tampering', () => {
  const c = poolCase('MaxPool', [2, 2], {}, [1, 3, 8, 6], 0, 127);
  it('output above the window maximum (differences consistent) → maxpool.argmax', () => {
    const r = directRun(c.graph, c.params, c.inputs, { mutate: (v) => void (v.get('p1::out')![4] += 1) });
    expect(failedLabels(r)).toEqual(['p1/maxpool.argmax']);
  });
  it('output below the window maximum (one difference negative) → outside the range table: the lookup has no multiplicities', () => {
    // D = y − x_k = −1 is not in [0, 2^8): the logUp (core lookup/, tested there against forged
    // multiplicities) cannot even be filled, and every other check of the node holds
    expect(() => directRun(c.graph, c.params, c.inputs, { mutate: (v) => void (v.get('p1::out')![4] -= 1) })).toThrow(/fillLogup\(range\[8@0\]\): expected every value in the table/);
  });
  it('a difference that does not match y − x → maxpool.diff only', () => {
    const r = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        // raise y at entry 0 after the differences were written: D_k no longer equals y − x_k
        const y = plan.tensors.get('p1::out')!;
        const at = y.ref.row * plan.layout.rowWidth + y.ref.col;
        w[at] = (w[at] + 1) % P;
      },
    });
    expect(failedLabels(r)).toEqual(['p1/maxpool.diff']);
  });
  it('a running product that is not D_{k−1}·D_k → zk.triple', () => {
    const r = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        const q = plan.layout.regions.find((g) => g.label === 'p1 maxpool product 1')!;
        const at = q.row * plan.layout.rowWidth + 3;
        w[at] = (w[at] + 1) % P;
      },
    });
    expect(failedLabels(r)).toEqual(['zk.triple']);
  });
  it('nonzero final product → maxpool.argmax', () => {
    const r = directRun(c.graph, c.params, c.inputs, {
      afterProve: (plan, w) => {
        const q = plan.layout.regions.find((g) => g.label === 'p1 maxpool product 3')!;
        const at = q.row * plan.layout.rowWidth + 3;
        w[at] = (w[at] + 1) % P;
      },
    });
    expect(failedLabels(r)).toEqual(['p1/maxpool.argmax', 'zk.triple']);
  });
  it('a padding tap treated as a candidate (D = 0 where the tap reads padding) → maxpool.diff', () => {
    const p = poolCase('MaxPool', [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }, [1, 2, 7, 9], -128, -1);
    const r = directRun(p.graph, p.params, p.inputs, {
      afterProve: (plan, w) => {
        // tap (0, 0) of output (0, 0) reads padding: its D is 1 by definition
        const d = plan.layout.regions.find((g) => g.label === 'p1 maxpool diffs')!;
        w[d.row * plan.layout.rowWidth] = 0;
      },
    });
    expect(failedLabels(r)[0]).toBe('p1/maxpool.diff');
  });
  it('int32 inputs are refused at planning', () => {
    const { graph, params } = new CnnBuilder([1, 2, 4, 4], 1, 'int32').pool('p1', 'MaxPool', [2, 2]).build();
    expect(() => directRun(graph, params, randomTensors([1, 2, 4, 4], 1))).toThrow(/at most 2\^16 values/);
  });
});
