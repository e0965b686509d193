import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { CnnBuilder, directRun, failedLabels, randomTensors } from './build.ts';

describe('Flatten re-layout (Reshape that moves padded positions)', () => {
  const { graph, params } = new CnnBuilder([1, 3, 5, 6], 2).pool('p', 'SumPool', [1, 1]).flatten('flat').build();
  const inputs = randomTensors([1, 3, 5, 6], 3);
  it('honest flatten accepted at several row widths and modes', () => {
    for (const rowWidth of [16, 64, 256]) expect(failedLabels(directRun(graph, params, inputs, { rowWidth, mode: rowWidth === 64 ? 'open' : 'private' }))).toEqual([]);
  });
  it('a moved element → reshape.relayout', () => {
    const r = directRun(graph, params, inputs, {
      mutate: (v) => {
        const f = v.get('flat::flat')!;
        [f[3], f[4]] = [f[4], f[3] + 1];
      },
    });
    expect(failedLabels(r)).toEqual(['flat/reshape.relayout']);
  });
  it('nonzero output padding → reshape.relayout', () => {
    const r = directRun(graph, params, inputs, {
      afterProve: (plan, w) => {
        const out = plan.tensors.get('flat::flat')!;
        const at = out.ref.row * plan.layout.rowWidth + out.ref.col + 100; // 90 real per sample, padded 128
        w[at] = (w[at] + 1) % P;
      },
    });
    expect(failedLabels(r)).toEqual(['flat/reshape.relayout']);
  });
});
