/**
 * A hand-built package frozen as bytes (its SHA-256), so any change of the v1 byte format is a test
 * failure; plus a truncation sweep: every prefix is refused with a typed error, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@vouch/core';
import type { IntGraph, IntParamSpec, IntTensor } from '../../src/int/graph.ts';
import { runIntGraph } from '../../src/int/executor.ts';
import { decodePackage, encodePackage } from '../../src/package/format.ts';
import { ModelPackageError } from '../../src/package/errors.ts';
import type { ModelPackage } from '../../src/package/types.ts';

function tinyPackage(): ModelPackage {
  const tensors: Record<string, [IntTensor, 'private' | 'public']> = {
    'fc.weight': [{ shape: [2, 2], dtype: 'int8', data: Int8Array.of(1, -2, 3, 4) }, 'private'],
    'fc.bias': [{ shape: [2], dtype: 'int32', data: Int32Array.of(5, -6) }, 'private'],
    'rq.multiplier': [{ shape: [2], dtype: 'int32', data: Int32Array.of(16384, 8192) }, 'private'],
    'rq.shift': [{ shape: [2], dtype: 'int32', data: Int32Array.of(14, 14) }, 'private'],
    'neg.table': [{ shape: [256], dtype: 'int32', data: Int32Array.from({ length: 256 }, (_, i) => Math.min(127, 128 - i)) }, 'public'],
  };
  const params = new Map(Object.entries(tensors).map(([n, [t]]) => [n, t]));
  const specs = new Map<string, IntParamSpec>(Object.entries(tensors).map(([name, [t, visibility]]) => [name, { name, shape: t.shape, dtype: t.dtype, visibility }]));
  const values = new Map([
    ['x', { name: 'x', shape: [1, 2], dtype: 'int8' as const }],
    ['acc', { name: 'acc', shape: [1, 2], dtype: 'int32' as const }],
    ['h', { name: 'h', shape: [1, 2], dtype: 'int8' as const }],
    ['y', { name: 'y', shape: [1, 2], dtype: 'int8' as const }],
  ]);
  const graph: IntGraph = {
    name: 'tiny',
    inputs: [values.get('x')!],
    outputs: [values.get('y')!],
    values,
    nodes: [
      { name: 'fc', op: 'Linear', inputs: ['x'], output: 'acc', attrs: {}, params: { weight: 'fc.weight', bias: 'fc.bias' } },
      { name: 'rq', op: 'Requant', inputs: ['acc'], output: 'h', attrs: { axis: 1, lo: 0, hi: 127 }, params: { multiplier: 'rq.multiplier', shift: 'rq.shift' } },
      { name: 'neg', op: 'Lookup', inputs: ['h'], output: 'y', attrs: { lo: -128 }, params: { table: 'neg.table' } },
    ],
    params: specs,
  };
  return {
    version: 1,
    graph,
    settings: { weights: 'int8-symmetric-per-channel', activations: 'int8-symmetric-per-tensor', rounding: 'half-up', calibration: { method: 'max', samples: 1 }, inputScales: [0.5], outputScales: [0.25], droppedSoftmax: false },
    params,
    privateScales: new Map([['h', 0.125]]),
    hidden: { systemPrompt: 'be brief', decoding: { temperature: 0 } },
  };
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('frozen v1 package', () => {
  it('computes by hand: x = (10, 3) → acc = (9, 36) → h = (9, 18) (relu, ×1 and ×1/2) → y = −h', () => {
    const pkg = tinyPackage();
    const run = runIntGraph(pkg.graph, pkg.params, [Int8Array.of(10, 3)]);
    expect(Array.from(run.values.get('acc')!)).toEqual([10 - 6 + 5, 30 + 12 - 6]);
    expect(Array.from(run.values.get('h')!)).toEqual([9, 18]);
    expect(Array.from(run.outputs[0])).toEqual([-9, -18]);
  });

  it('encodes to the frozen bytes (format drift is a test failure) and decodes back', () => {
    const bytes = encodePackage(tinyPackage());
    expect(hex(bytes.subarray(0, 12))).toBe('564f554348504b4701000000');
    expect(bytes.length).toBe(FROZEN_LENGTH);
    expect(hex(sha256(bytes))).toBe(FROZEN_SHA256);
    const back = decodePackage(bytes);
    expect(Array.from(runIntGraph(back.graph, back.params, [Int8Array.of(10, 3)]).outputs[0])).toEqual([-9, -18]);
  });

  it('refuses every truncation with a typed error', () => {
    const bytes = encodePackage(tinyPackage());
    for (let n = 0; n < bytes.length; n++) expect(() => decodePackage(bytes.subarray(0, n))).toThrow(ModelPackageError);
  });
});

const FROZEN_LENGTH = 2685;
const FROZEN_SHA256 = '007e5aa1e65552dbd7bf2f4371caa73fb0f32cc00d55e20a33f0ab823988985e';
