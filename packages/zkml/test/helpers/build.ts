/**
 * A tiny FloatGraph builder for tests, with a seeded PRNG (mulberry32) so random graphs and
 * inputs are reproducible.
 */
import type { AttrValue, FloatGraph, FloatTensor, GraphNode, ValueInfo } from '../../src/ir/graph.ts';

/** Seeded uniform PRNG in [0, 1). */
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

/** n uniform floats in [lo, hi). */
export function randArray(r: () => number, n: number, lo = -1, hi = 1): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = lo + (hi - lo) * r();
  return x;
}

/** Builds a FloatGraph node by node. */
export class GraphBuilder {
  private readonly inputs: ValueInfo[] = [];
  private readonly constants = new Map<string, FloatTensor>();
  private readonly nodes: GraphNode[] = [];
  private readonly shapes = new Map<string, readonly number[]>();
  private n = 0;

  constructor(private readonly name = 'test') {}

  input(name: string, shape: number[], dtype?: 'int64'): string {
    this.inputs.push(dtype ? { name, shape, dtype } : { name, shape });
    this.shapes.set(name, shape);
    return name;
  }

  constant(name: string, shape: number[], data: Float32Array): string {
    this.constants.set(name, { shape, data });
    this.shapes.set(name, shape);
    return name;
  }

  node(op: string, inputs: string[], outShape: number[], attrs: Record<string, AttrValue> = {}): string {
    const name = `${op.toLowerCase()}_${this.n++}`;
    const out = `${name}_out`;
    this.nodes.push({ name, op, inputs, outputs: [out], attrs });
    this.shapes.set(out, outShape);
    return out;
  }

  build(outputs: string[]): FloatGraph {
    return {
      name: this.name,
      inputs: this.inputs,
      outputs: outputs.map((o) => ({ name: o, shape: this.shapes.get(o)! })),
      constants: this.constants,
      nodes: this.nodes,
      shapes: this.shapes,
    };
  }
}

/** An MLP in-h-out (Gemm, Relu, Gemm, optional final Softmax) with random weights. */
export function mlp(seed: number, dims: number[], softmax = false): FloatGraph {
  const r = rng(seed);
  const g = new GraphBuilder('mlp');
  let x = g.input('x', [1, dims[0]]);
  for (let i = 1; i < dims.length; i++) {
    const w = g.constant(`w${i}`, [dims[i - 1], dims[i]], randArray(r, dims[i - 1] * dims[i], -1 / Math.sqrt(dims[i - 1]), 1 / Math.sqrt(dims[i - 1])).map((v) => v * 1.7));
    const b = g.constant(`b${i}`, [dims[i]], randArray(r, dims[i], -0.1, 0.1));
    x = g.node('Gemm', [x, w, b], [1, dims[i]]);
    if (i < dims.length - 1) x = g.node('Relu', [x], [1, dims[i]]);
  }
  if (softmax) x = g.node('Softmax', [x], [1, dims[dims.length - 1]], { axis: 1 });
  return g.build([x]);
}

/** A LeNet-5-shaped CNN on [1,1,28,28]: conv5x5(6,pad2)-relu-maxpool2-conv5x5(16)-relu-maxpool2-flatten-120-84-10. */
export function lenet(seed: number): FloatGraph {
  const r = rng(seed);
  const g = new GraphBuilder('lenet');
  const he = (fanIn: number, n: number): Float32Array => randArray(r, n, -Math.sqrt(6 / fanIn), Math.sqrt(6 / fanIn));
  let x = g.input('x', [1, 1, 28, 28]);
  const w1 = g.constant('c1.w', [6, 1, 5, 5], he(25, 150));
  const b1 = g.constant('c1.b', [6], randArray(r, 6, -0.05, 0.05));
  x = g.node('Conv', [x, w1, b1], [1, 6, 28, 28], { kernel_shape: [5, 5], strides: [1, 1], pads: [2, 2, 2, 2], dilations: [1, 1], group: 1 });
  x = g.node('Relu', [x], [1, 6, 28, 28]);
  x = g.node('MaxPool', [x], [1, 6, 14, 14], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] });
  const w2 = g.constant('c2.w', [16, 6, 5, 5], he(150, 2400));
  const b2 = g.constant('c2.b', [16], randArray(r, 16, -0.05, 0.05));
  x = g.node('Conv', [x, w2, b2], [1, 16, 10, 10], { kernel_shape: [5, 5], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group: 1 });
  x = g.node('Relu', [x], [1, 16, 10, 10]);
  x = g.node('MaxPool', [x], [1, 16, 5, 5], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] });
  x = g.node('Reshape', [x], [1, 400], { shape: [1, 400] });
  const dims = [400, 120, 84, 10];
  for (let i = 1; i < dims.length; i++) {
    const w = g.constant(`f${i}.w`, [dims[i - 1], dims[i]], he(dims[i - 1], dims[i - 1] * dims[i]));
    const b = g.constant(`f${i}.b`, [dims[i]], randArray(r, dims[i], -0.05, 0.05));
    x = g.node('Gemm', [x, w, b], [1, dims[i]]);
    if (i < dims.length - 1) x = g.node('Relu', [x], [1, dims[i]]);
  }
  return g.build([x]);
}

/**
 * A tiny decoder block graph (GPT-style): token ids [T] → Gather → + positional constant →
 * LayerNorm → 2 attention heads (q, k, v Gemms, Transpose, MatMul, causal mask Add, Softmax,
 * MatMul) → Concat → Gemm → residual Add → LayerNorm → Gemm → Gelu → Gemm → residual Add →
 * LayerNorm → MatMul head → logits [T, V].
 */
export function tinyGpt(seed: number, T = 8, d = 16, V = 11): FloatGraph {
  const r = rng(seed);
  const g = new GraphBuilder('gpt');
  const lin = (x: string, name: string, k: number, n: number, rows = T): string => {
    const w = g.constant(`${name}.w`, [k, n], randArray(r, k * n, -1.2 / Math.sqrt(k), 1.2 / Math.sqrt(k)));
    const b = g.constant(`${name}.b`, [n], randArray(r, n, -0.1, 0.1));
    return g.node('Gemm', [x, w, b], [rows, n]);
  };
  const ln = (x: string, name: string): string => {
    const gm = g.constant(`${name}.g`, [d], randArray(r, d, 0.8, 1.2));
    const bt = g.constant(`${name}.b`, [d], randArray(r, d, -0.1, 0.1));
    return g.node('LayerNormalization', [x, gm, bt], [T, d], { axis: 1, epsilon: 1e-5 });
  };
  const ids = g.input('tokens', [T], 'int64');
  const wte = g.constant('wte', [V, d], randArray(r, V * d, -1, 1));
  let x = g.node('Gather', [wte, ids], [T, d], { axis: 0 });
  x = g.node('Add', [x, g.constant('wpe', [T, d], randArray(r, T * d, -0.3, 0.3))], [T, d]);
  const mask = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) mask[i * T + j] = -1e9;
  const m = g.constant('mask', [T, T], mask);
  const a = ln(x, 'ln1');
  const heads: string[] = [];
  for (let h = 0; h < 2; h++) {
    const q = lin(a, `q${h}`, d, d / 2);
    const k = lin(a, `k${h}`, d, d / 2);
    const v = lin(a, `v${h}`, d, d / 2);
    const kt = g.node('Transpose', [k], [d / 2, T], { perm: [1, 0] });
    const s = g.node('Add', [g.node('MatMul', [q, kt], [T, T]), m], [T, T]);
    heads.push(g.node('MatMul', [g.node('Softmax', [s], [T, T], { axis: 1 }), v], [T, d / 2]));
  }
  const att = g.node('Concat', heads, [T, d], { axis: 1 });
  x = g.node('Add', [x, lin(att, 'proj', d, d)], [T, d]);
  const hdn = g.node('Gelu', [lin(ln(x, 'ln2'), 'fc', d, 4 * d)], [T, 4 * d], { approximate: 'none' });
  x = g.node('Add', [x, lin(hdn, 'fc2', 4 * d, d)], [T, d]);
  const head = g.constant('head', [d, V], randArray(r, d * V, -0.5, 0.5));
  return g.build([g.node('MatMul', [ln(x, 'lnf'), head], [T, V])]);
}
