/** Test helpers: a tiny FloatGraph builder and seeded random tensors. */
import { readOnnx, runFloatReference, writeOnnx } from '@vouch/onnx';
import type { AttrValue, DType, FloatGraph, FloatTensor, GraphNode, ValueInfo } from '@vouch/zkml';

/** Deterministic PRNG (mulberry32) so fixtures are reproducible. */
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

/** A tensor of uniform values in [-1, 1). */
export function randTensor(shape: number[], seed: number): FloatTensor {
  const r = rng(seed);
  let n = 1;
  for (const d of shape) n *= d;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = r() * 2 - 1;
  return { shape, data };
}

/** Mutable builder of a FloatGraph. */
export class GraphBuilder {
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  readonly constants = new Map<string, FloatTensor>();
  readonly constantDtypes = new Map<string, DType>();
  readonly nodes: GraphNode[] = [];
  private seed = 1;

  input(name: string, shape: number[], dtype?: DType): string {
    this.inputs.push(dtype ? { name, shape, dtype } : { name, shape });
    return name;
  }
  output(name: string, shape: number[]): void {
    this.outputs.push({ name, shape });
  }
  const(name: string, shape: number[], data?: number[]): string {
    let n = 1;
    for (const d of shape) n *= d;
    this.constants.set(name, data ? { shape, data: Float32Array.from(data) } : randTensor(shape, this.seed++ * 7919));
    if (data && data.length !== n) throw new Error(`bad test constant ${name}`);
    return name;
  }
  int64(name: string, values: number[], shape: number[] = [values.length]): string {
    this.constants.set(name, { shape, data: Float32Array.from(values) });
    this.constantDtypes.set(name, 'int64');
    return name;
  }
  node(
    op: string,
    inputs: string[],
    outputs: string[] | string,
    attrs: Record<string, AttrValue> = {},
    name?: string,
  ): string {
    const outs = typeof outputs === 'string' ? [outputs] : outputs;
    this.nodes.push({ name: name ?? `${op.toLowerCase()}_${this.nodes.length}`, op, inputs, outputs: outs, attrs });
    return outs[0]!;
  }
  build(name = 'test'): FloatGraph {
    return {
      name,
      inputs: this.inputs,
      outputs: this.outputs,
      constants: this.constants,
      constantDtypes: this.constantDtypes,
      nodes: this.nodes,
      shapes: new Map(),
    };
  }
}

/** Max absolute difference, after checking equal lengths. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Result of {@link roundTrip}. */
export interface RoundTrip {
  graph: FloatGraph;
  original: Record<string, Float32Array>;
  imported: Record<string, Float32Array>;
  maxDiff: number;
}

/**
 * Writes `g` (opset `opset`), runs it with onnxruntime, imports it with readOnnx, writes the
 * import back (opset 17) and runs that too; returns both outputs and the largest difference.
 */
export async function roundTrip(
  g: FloatGraph,
  feeds: Record<string, { data: Float32Array; shape: number[] }>,
  opset = 17,
): Promise<RoundTrip> {
  const bytes = writeOnnx(g, { opset });
  const original = await runFloatReference(bytes, feeds);
  const graph = readOnnx(bytes);
  const imported = await runFloatReference(writeOnnx(graph), feeds);
  let maxDiff = 0;
  for (const o of g.outputs) maxDiff = Math.max(maxDiff, maxAbsDiff(original[o.name]!, imported[o.name]!));
  return { graph, original, imported, maxDiff };
}

/** Random feeds for the float inputs of a graph. */
export function feedsFor(g: FloatGraph, seed = 5): Record<string, { data: Float32Array; shape: number[] }> {
  const out: Record<string, { data: Float32Array; shape: number[] }> = {};
  g.inputs.forEach((v, i) => {
    out[v.name] = { data: randTensor([...v.shape], seed + i).data, shape: [...v.shape] };
  });
  return out;
}

/** Op types of a graph, in order. */
export function opsOf(g: FloatGraph): string[] {
  return g.nodes.map((n) => n.op);
}
