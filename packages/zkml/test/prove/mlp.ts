/**
 * Test helpers: small integer MLPs built directly as IntGraphs (the quantizer's shape: Linear →
 * Requant with a fused ReLU clamp [0, 127], last layer Requant to int16), seeded.
 */
import type { IntGraph, IntNode, IntParamSpec, IntParams, IntTensor, IntValueInfo } from '../../src/int/graph.ts';

/** Seeded uniform PRNG in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [lo, hi]. */
export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** An MLP of the given widths (widths[0] = input features); options: a Relu node instead of the fused clamp. */
export function makeMlp(widths: readonly number[], seed = 1, opts: { standaloneRelu?: boolean; reshapeInput?: boolean } = {}): { graph: IntGraph; params: IntParams } {
  const r = rng(seed);
  const values = new Map<string, IntValueInfo>();
  const nodes: IntNode[] = [];
  const specs = new Map<string, IntParamSpec>();
  const params = new Map<string, IntTensor>();
  const input: IntValueInfo = { name: 'input', shape: [1, widths[0]], dtype: 'int8' };
  values.set('input', input);
  let cur = 'input';
  if (opts.reshapeInput) {
    values.set('flat', { name: 'flat', shape: [widths[0]], dtype: 'int8' });
    values.set('flat2', { name: 'flat2', shape: [1, widths[0]], dtype: 'int8' });
    nodes.push({ name: 'reshape_a', op: 'Reshape', inputs: ['input'], output: 'flat', attrs: {}, params: {} });
    nodes.push({ name: 'reshape_b', op: 'Reshape', inputs: ['flat'], output: 'flat2', attrs: {}, params: {} });
    cur = 'flat2';
  }
  const addParam = (name: string, shape: number[], dtype: 'int8' | 'int32', data: Int8Array | Int32Array) => {
    specs.set(name, { name, shape, dtype, visibility: 'private' });
    params.set(name, { shape, dtype, data });
  };
  for (let i = 1; i < widths.length; i++) {
    const K = widths[i - 1];
    const N = widths[i];
    const last = i === widths.length - 1;
    const fc = `fc${i}`;
    const w = new Int8Array(N * K).map(() => randInt(r, -127, 127));
    const b = new Int32Array(N).map(() => randInt(r, -2000, 2000));
    addParam(`${fc}.weight`, [N, K], 'int8', w);
    addParam(`${fc}.bias`, [N], 'int32', b);
    const acc = `${fc}::acc`;
    values.set(acc, { name: acc, shape: [1, N], dtype: 'int32' });
    nodes.push({ name: fc, op: 'Linear', inputs: [cur], output: acc, attrs: {}, params: { weight: `${fc}.weight`, bias: `${fc}.bias` } });
    // scale so that |q| stays moderate: acc ~ sqrt(K)·127·64 → shift by log2 of that
    const s = Math.min(27, Math.max(15, Math.round(Math.log2(Math.sqrt(K) * 127 * 64)) + 15 - 6));
    const M = new Int32Array(N).map(() => randInt(r, 1 << 14, (1 << 15) - 1));
    const S = new Int32Array(N).map(() => s + randInt(r, 0, 1));
    addParam(`${fc}.requant.multiplier`, [N], 'int32', M);
    addParam(`${fc}.requant.shift`, [N], 'int32', S);
    const out = last ? 'output' : `h${i}`;
    const relu = !last && !opts.standaloneRelu;
    values.set(out, { name: out, shape: [1, N], dtype: last ? 'int16' : 'int8' });
    const rq = `${fc}.requant`;
    const q = opts.standaloneRelu && !last ? `${fc}::q` : out;
    if (q !== out) values.set(q, { name: q, shape: [1, N], dtype: 'int8' });
    nodes.push({
      name: rq,
      op: 'Requant',
      inputs: [acc],
      output: q,
      attrs: { axis: 1, lo: last ? -32768 : relu ? 0 : -128, hi: last ? 32767 : 127 },
      params: { multiplier: `${fc}.requant.multiplier`, shift: `${fc}.requant.shift` },
    });
    if (q !== out) nodes.push({ name: `relu${i}`, op: 'Relu', inputs: [q], output: out, attrs: {}, params: {} });
    cur = out;
  }
  const graph: IntGraph = { name: 'mlp', inputs: [input], outputs: [values.get('output')!], values, nodes, params: specs };
  return { graph, params };
}

/** n random int8 inputs of width k. */
export function randomInputs(k: number, n: number, seed = 7): Int32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => new Int32Array(k).map(() => randInt(r, -128, 127)));
}

/** A fixed salt. */
export const SALT = Uint32Array.of(11, 22, 33, 44, 55, 66, 77, 88);

/**
 * A residual MLP: h1 = fc1(x), h2 = fc2(h1), s = ScaledAdd(h1, h2) (or with a constant `other`),
 * requantized to int8, then fc3 → int16 output.
 */
export function makeResidualMlp(seed = 1, withOther = false): { graph: IntGraph; params: IntParams } {
  const base = makeMlp([6, 8, 8, 3], seed);
  const values = new Map(base.graph.values);
  const specs = new Map(base.graph.params);
  const params = new Map(base.params);
  const nodes = base.graph.nodes.filter((n) => n.name.startsWith('fc1') || n.name.startsWith('fc2')).map((n) => n);
  // fc2.requant writes h2; add s = ka·h1 + kb·h2, requant (M = 1, shift 14) to int8 h3, then fc3
  const addScalar = (name: string, v: number) => {
    specs.set(name, { name, shape: [1], dtype: 'int32', visibility: 'private' });
    params.set(name, { shape: [1], dtype: 'int32', data: Int32Array.of(v) });
  };
  addScalar('add.ka', 9000);
  addScalar('add.kb', 7000);
  const addParams: Record<string, string> = { ka: 'add.ka', kb: 'add.kb' };
  if (withOther) {
    specs.set('add.other', { name: 'add.other', shape: [1, 8], dtype: 'int8', visibility: 'private' });
    params.set('add.other', { shape: [1, 8], dtype: 'int8', data: Int8Array.of(1, -2, 3, -4, 5, -6, 7, -8) });
    addParams.other = 'add.other';
  }
  values.set('s', { name: 's', shape: [1, 8], dtype: 'int32' });
  values.set('h3', { name: 'h3', shape: [1, 8], dtype: 'int8' });
  nodes.push({ name: 'add', op: 'ScaledAdd', inputs: withOther ? ['h1'] : ['h1', 'h2'], output: 's', attrs: {}, params: addParams });
  specs.set('add.requant.multiplier', { name: 'add.requant.multiplier', shape: [1], dtype: 'int32', visibility: 'private' });
  specs.set('add.requant.shift', { name: 'add.requant.shift', shape: [1], dtype: 'int32', visibility: 'private' });
  params.set('add.requant.multiplier', { shape: [1], dtype: 'int32', data: Int32Array.of(1) });
  params.set('add.requant.shift', { shape: [1], dtype: 'int32', data: Int32Array.of(14) });
  nodes.push({ name: 'add.requant', op: 'Requant', inputs: ['s'], output: 'h3', attrs: { axis: -1, lo: -128, hi: 127 }, params: { multiplier: 'add.requant.multiplier', shift: 'add.requant.shift' } });
  const fc3 = base.graph.nodes.filter((n) => n.name.startsWith('fc3')).map((n) => (n.name === 'fc3' ? { ...n, inputs: ['h3'] } : n));
  nodes.push(...fc3);
  return { graph: { ...base.graph, values, nodes, params: specs }, params };
}
