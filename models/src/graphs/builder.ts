/**
 * A small builder of float graphs (packages/zkml/src/ir/graph.ts) with ONNX op names and
 * attributes, used to turn trained tfjs weights and seeded random weights into FloatGraphs
 * that `writeOnnx` exports. It infers the static shape of every value it creates for the
 * handful of ops the zoo uses, so a wrong layout fails here, at build time.
 */
import type { AttrValue, FloatGraph, FloatTensor, GraphNode, ValueInfo } from '@vouch/zkml';
import { ZooError } from '../data/errors.ts';

/** A float tensor from a shape and data (checked). */
export function tensor(shape: readonly number[], data: Float32Array | readonly number[]): FloatTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = data instanceof Float32Array ? data : Float32Array.from(data);
  if (d.length !== n)
    throw new ZooError(`tensor: expected ${n} values for shape [${shape.join(', ')}], got ${d.length}`);
  return { shape: [...shape], data: d };
}

function broadcast(a: readonly number[], b: readonly number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new ZooError(`${op}: shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    out.push(Math.max(x, y));
  }
  return out;
}

/** Builds a {@link FloatGraph} node by node. */
export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly constants = new Map<string, FloatTensor>();
  private readonly shapes = new Map<string, readonly number[]>();
  private readonly inputs: ValueInfo[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  /** Declares a graph input (float32, or int64 for token ids). */
  input(name: string, shape: readonly number[], dtype?: 'int64'): string {
    this.inputs.push(dtype ? { name, shape: [...shape], dtype } : { name, shape: [...shape] });
    this.shapes.set(name, [...shape]);
    return name;
  }

  /** Adds a constant (weight) and returns its value name. */
  constant(name: string, t: FloatTensor): string {
    if (this.shapes.has(name)) throw new ZooError(`graph ${this.name}: duplicate value name ${name}`);
    this.constants.set(name, t);
    this.shapes.set(name, [...t.shape]);
    return name;
  }

  /** Shape of a value. */
  shape(name: string): readonly number[] {
    const s = this.shapes.get(name);
    if (!s) throw new ZooError(`graph ${this.name}: unknown value ${name}`);
    return s;
  }

  /** Adds a node with one output of the given shape. */
  node(
    op: string,
    inputs: readonly string[],
    outShape: readonly number[],
    attrs: Record<string, AttrValue> = {},
    outName?: string,
  ): string {
    for (const i of inputs) this.shape(i);
    const name = `${op.toLowerCase()}_${this.counter++}`;
    const out = outName ?? `${name}_out`;
    this.nodes.push({ name, op, inputs: [...inputs], outputs: [out], attrs });
    this.shapes.set(out, [...outShape]);
    return out;
  }

  /** Matrix product over the last two axes (the left operand may have leading axes). */
  matmul(a: string, b: string, out?: string): string {
    const sa = this.shape(a);
    const sb = this.shape(b);
    if (sa[sa.length - 1] !== sb[sb.length - 2])
      throw new ZooError(`MatMul: [${sa.join(', ')}] × [${sb.join(', ')}] do not chain`);
    const lead = broadcast(sa.slice(0, -2), sb.slice(0, -2), 'MatMul');
    return this.node('MatMul', [a, b], [...lead, sa[sa.length - 2], sb[sb.length - 1]], {}, out);
  }

  /** Elementwise binary op with broadcasting (Add, Mul, Sub, Div). */
  binary(op: 'Add' | 'Mul' | 'Sub' | 'Div', a: string, b: string, out?: string): string {
    return this.node(op, [a, b], broadcast(this.shape(a), this.shape(b), op), {}, out);
  }

  /** Elementwise unary op (Relu, Erf, Gelu, …). */
  unary(op: string, a: string, attrs: Record<string, AttrValue> = {}, out?: string): string {
    return this.node(op, [a], this.shape(a), attrs, out);
  }

  /** Dense layer: x·W + b with W of shape [in, out] (the tfjs kernel layout). */
  dense(x: string, prefix: string, w: FloatTensor, b: FloatTensor, out?: string): string {
    const y = this.matmul(x, this.constant(`${prefix}.weight`, w));
    return this.binary('Add', y, this.constant(`${prefix}.bias`, b), out);
  }

  /** 2-D convolution, NCHW input, OIHW weight, symmetric padding, stride 1 unless given. */
  conv(x: string, prefix: string, w: FloatTensor, b: FloatTensor, pad: number, stride = 1): string {
    const [n, c, h, wd] = this.shape(x);
    const [o, ci, kh, kw] = w.shape;
    if (ci !== c) throw new ZooError(`Conv ${prefix}: input has ${c} channels, weight expects ${ci}`);
    const oh = Math.floor((h + 2 * pad - kh) / stride) + 1;
    const ow = Math.floor((wd + 2 * pad - kw) / stride) + 1;
    const inputs = [x, this.constant(`${prefix}.weight`, w), this.constant(`${prefix}.bias`, b)];
    return this.node('Conv', inputs, [n, o, oh, ow], {
      kernel_shape: [kh, kw],
      pads: [pad, pad, pad, pad],
      strides: [stride, stride],
      dilations: [1, 1],
      group: 1,
    });
  }

  /** 2-D pooling (MaxPool or AveragePool), NCHW, no padding. */
  pool(op: 'MaxPool' | 'AveragePool', x: string, k: number, stride = k): string {
    const [n, c, h, w] = this.shape(x);
    const oh = Math.floor((h - k) / stride) + 1;
    const ow = Math.floor((w - k) / stride) + 1;
    return this.node(op, [x], [n, c, oh, ow], { kernel_shape: [k, k], strides: [stride, stride], pads: [0, 0, 0, 0] });
  }

  /** Flatten to 2-D at `axis` (ONNX Flatten). */
  flatten(x: string, axis = 1): string {
    const s = this.shape(x);
    const a = s.slice(0, axis).reduce((p, q) => p * q, 1);
    const b = s.slice(axis).reduce((p, q) => p * q, 1);
    return this.node('Flatten', [x], [a, b], { axis });
  }

  /** Transpose with an explicit permutation. */
  transpose(x: string, perm: readonly number[]): string {
    const s = this.shape(x);
    return this.node(
      'Transpose',
      [x],
      perm.map((p) => s[p]),
      { perm: [...perm] },
    );
  }

  /** Layer normalization over the last axis (ONNX LayerNormalization, opset 17). */
  layerNorm(x: string, prefix: string, gamma: FloatTensor, beta: FloatTensor, epsilon = 1e-5): string {
    const inputs = [x, this.constant(`${prefix}.weight`, gamma), this.constant(`${prefix}.bias`, beta)];
    return this.node('LayerNormalization', inputs, this.shape(x), { axis: -1, epsilon });
  }

  /** Concatenation along `axis`. */
  concat(xs: readonly string[], axis: number): string {
    const s0 = this.shape(xs[0]);
    const ax = axis < 0 ? s0.length + axis : axis;
    const out = [...s0];
    out[ax] = xs.reduce((t, x) => t + this.shape(x)[ax], 0);
    return this.node('Concat', xs, out, { axis });
  }

  /** Finishes the graph with the given outputs. */
  build(outputs: readonly string[]): FloatGraph {
    return {
      name: this.name,
      inputs: [...this.inputs],
      outputs: outputs.map((o) => ({ name: o, shape: [...this.shape(o)] })),
      constants: new Map(this.constants),
      nodes: [...this.nodes],
      shapes: new Map(this.shapes),
    };
  }
}
