/**
 * Audit O6: the planner enforces the no-wrap argument (prove/no-wrap.ts).
 *
 * Attack (before the fix): a Requant whose clamp is wider than its declared output dtype (the full
 * int16 clamp on a value declared int8) was planned and proven with the wider range, while the
 * next Linear's no-wrap bound assumed the declared int8. x = 127, fc1 = 127 (K = 16), M = 1000,
 * s = 13 gives q ≈ 31,500 "int8" values; fc2 over K = 512 with weights 127 then has an integer
 * accumulator ≈ 2.05·10^9 > (p−1)/2 (the executor refuses) whose field value passes the Requant
 * split, so a hand-built witness proves an output for an input that has none. Likewise a Relu or a
 * Lookup table leaving its output dtype, and a Linear whose K·max|x|·max|w| can reach
 * (p−1)/2 − 2^28 from its declared input dtype.
 * Fix: planGraph (prover and verifier plan alike) refuses such graphs with a RangeAnalysisError
 * naming the node and the bound.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript } from '@vouch/core';
import { planGraph, verifyInference } from '../../src/prove/index.ts';
import { RangeAnalysisError } from '../../src/range/errors.ts';
import type { IntDType, IntGraph, IntNode, IntParamSpec, IntParams, IntTensor, IntValueInfo } from '../../src/int/graph.ts';
import type { InferenceProof } from '../../src/prove/types.ts';

interface Spec {
  readonly values: IntValueInfo[];
  readonly nodes: IntNode[];
  readonly params: { name: string; shape: number[]; dtype: IntDType; data: Int8Array | Int32Array; visibility?: 'public' | 'private' }[];
}

function build(s: Spec): { graph: IntGraph; params: IntParams; pub: IntParams } {
  const values = new Map(s.values.map((v) => [v.name, v]));
  const specs = new Map<string, IntParamSpec>();
  const params = new Map<string, IntTensor>();
  const pub = new Map<string, IntTensor>();
  for (const p of s.params) {
    specs.set(p.name, { name: p.name, shape: p.shape, dtype: p.dtype, visibility: p.visibility ?? 'private' });
    params.set(p.name, { shape: p.shape, dtype: p.dtype, data: p.data });
    if (p.visibility === 'public') pub.set(p.name, { shape: p.shape, dtype: p.dtype, data: p.data });
  }
  const graph: IntGraph = { name: 'o6', inputs: [s.values[0]], outputs: [s.values[s.values.length - 1]], values, nodes: s.nodes, params: specs };
  return { graph, params, pub };
}

const linear = (name: string, x: string, y: string): IntNode => ({ name, op: 'Linear', inputs: [x], output: y, attrs: {}, params: { weight: `${name}.weight` } });
const requant = (name: string, x: string, y: string, lo: number, hi: number): IntNode => ({ name, op: 'Requant', inputs: [x], output: y, attrs: { axis: 1, lo, hi }, params: { multiplier: `${name}.m`, shift: `${name}.s` } });
const rqParams = (name: string, n: number, m: number, s: number): Spec['params'] => [
  { name: `${name}.m`, shape: [n], dtype: 'int32', data: new Int32Array(n).fill(m) },
  { name: `${name}.s`, shape: [n], dtype: 'int32', data: new Int32Array(n).fill(s) },
];

/** The audit's example: fc1 (K = 16, w = 127) → Requant (M = 1000, s = 13, clamp int16, declared int8) → fc2 (K = 512, w = 127) → Requant. */
function auditExample(clampLo: number, clampHi: number) {
  return build({
    values: [
      { name: 'input', shape: [1, 16], dtype: 'int8' },
      { name: 'acc1', shape: [1, 512], dtype: 'int32' },
      { name: 'h1', shape: [1, 512], dtype: 'int8' },
      { name: 'acc2', shape: [1, 2], dtype: 'int32' },
      { name: 'output', shape: [1, 2], dtype: 'int16' },
    ],
    nodes: [linear('fc1', 'input', 'acc1'), requant('rq1', 'acc1', 'h1', clampLo, clampHi), linear('fc2', 'h1', 'acc2'), requant('rq2', 'acc2', 'output', -32768, 32767)],
    params: [
      { name: 'fc1.weight', shape: [512, 16], dtype: 'int8', data: new Int8Array(512 * 16).fill(127) },
      ...rqParams('rq1', 512, 1000, 13),
      { name: 'fc2.weight', shape: [2, 512], dtype: 'int8', data: new Int8Array(2 * 512).fill(127) },
      ...rqParams('rq2', 2, 1000, 20),
    ],
  });
}

function refusal(f: () => unknown): RangeAnalysisError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RangeAnalysisError);
    return e as RangeAnalysisError;
  }
  throw new Error('expected a RangeAnalysisError, got none');
}

const plan = (g: ReturnType<typeof build>, mode: 'open' | 'private') => planGraph({ graph: g.graph, mode, batch: 1, rowWidth: 128, publicParams: mode === 'open' ? g.params : g.pub });

describe('audit O6: the planner refuses graphs whose no-wrap argument fails', () => {
  it('a Requant clamp wider than its declared output dtype is refused on both sides (the audit example)', () => {
    const g = auditExample(-32768, 32767);
    for (const mode of ['open', 'private'] as const) {
      const e = refusal(() => plan(g, mode));
      expect(e.node).toBe('rq1');
      expect(e.message).toMatch(/\[-32768, 32767\]/);
      expect(e.bound).toMatch(/\[-128, 127\]/);
    }
    // the verifier refuses the statement before reading any proof
    const proof = { rowWidth: 128, batch: 1, root: new Uint8Array(32), ops: [], lookups: [], ligero: new Uint8Array() } as InferenceProof;
    const verify = (mode: 'open' | 'private') =>
      verifyInference({ graph: g.graph, publicParams: mode === 'open' ? g.params : g.pub, inputs: [new Int32Array(16).fill(127)], outputs: [new Int32Array(2)], mode, weightDigest: new Uint32Array(8), lanes: 128, transcript: new Sha256Transcript('vouch/audit-o6', 1), ligero: LIGERO_TEST, proof });
    expect(refusal(() => verify('private')).node).toBe('rq1');
    expect(refusal(() => verify('open')).node).toBe('rq1');
    // with the clamp inside int8 the same graph plans
    expect(() => plan(auditExample(-128, 127), 'private')).not.toThrow();
    expect(() => plan(auditExample(0, 127), 'open')).not.toThrow();
  });

  it('a Linear whose K·max|x|·max|w| can reach (p−1)/2 − 2^28 is refused (declared int16 input)', () => {
    const make = (K: number) =>
      build({
        values: [
          { name: 'input', shape: [1, K], dtype: 'int16' },
          { name: 'acc', shape: [1, 2], dtype: 'int32' },
          { name: 'output', shape: [1, 2], dtype: 'int16' },
        ],
        nodes: [linear('fc', 'input', 'acc'), requant('rq', 'acc', 'output', -32768, 32767)],
        params: [{ name: 'fc.weight', shape: [2, K], dtype: 'int8', data: new Int8Array(2 * K).fill(1) }, ...rqParams('rq', 2, 1, 13)],
      });
    // 200·2^15·128 = 838,860,800 ≥ 738,197,504: refused (private: the weights are only known to be int8)
    const e = refusal(() => plan(make(200), 'private'));
    expect(e.node).toBe('fc');
    expect(e.bound).toMatch(/738197504/);
    // open mode knows max|w| = 1: 200·2^15·1 is far below the bound
    expect(() => plan(make(200), 'open')).not.toThrow();
    // 150·2^15·128 = 629,145,600: accepted
    expect(() => plan(make(150), 'private')).not.toThrow();
  });

  it('a Relu whose proven range [0, 2^16) leaves an int8 output is refused', () => {
    const make = (outDtype: IntDType) =>
      build({
        values: [
          { name: 'input', shape: [1, 4], dtype: 'int8' },
          { name: 'acc', shape: [1, 4], dtype: 'int32' },
          { name: 'q', shape: [1, 4], dtype: 'int16' },
          { name: 'output', shape: [1, 4], dtype: outDtype },
        ],
        nodes: [linear('fc', 'input', 'acc'), requant('rq', 'acc', 'q', -32768, 32767), { name: 'relu', op: 'Relu', inputs: ['q'], output: 'output', attrs: {}, params: {} }],
        params: [{ name: 'fc.weight', shape: [4, 4], dtype: 'int8', data: new Int8Array(16).fill(1) }, ...rqParams('rq', 4, 1, 13)],
      });
    expect(refusal(() => plan(make('int8'), 'private')).node).toBe('relu');
    expect(() => plan(make('int16'), 'private')).not.toThrow();
  });

  it('a Lookup table with values outside its output dtype is refused', () => {
    const make = (top: number) =>
      build({
        values: [
          { name: 'input', shape: [1, 4], dtype: 'int8' },
          { name: 'output', shape: [1, 4], dtype: 'int8' },
        ],
        nodes: [{ name: 'lut', op: 'Lookup', inputs: ['input'], output: 'output', attrs: { lo: -128 }, params: { table: 'lut.table' } }],
        params: [{ name: 'lut.table', shape: [256], dtype: 'int16', data: Int32Array.from({ length: 256 }, (_, i) => (i === 255 ? top : 0)), visibility: 'public' }],
      });
    const e = refusal(() => plan(make(200), 'open'));
    expect(e.node).toBe('lut');
    expect(e.message).toMatch(/table values/);
    expect(() => plan(make(127), 'open')).not.toThrow();
  });
});
