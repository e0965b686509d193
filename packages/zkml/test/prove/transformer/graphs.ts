/**
 * Tiny IntGraphs with one transformer op each (and a seeded PRNG), for the op-level prover tests.
 */
import type { IntDType, IntGraph, IntNode, IntParamSpec, IntParams, IntTensor, IntValueInfo } from '../../../src/int/graph.ts';

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

/** Random integers in [lo, hi]. */
export function ints(r: () => number, n: number, lo: number, hi: number): Int32Array {
  return Int32Array.from({ length: n }, () => lo + Math.floor(r() * (hi - lo + 1)));
}

/** A small graph builder. */
export class IntGraphBuilder {
  readonly values = new Map<string, IntValueInfo>();
  readonly nodes: IntNode[] = [];
  readonly specs = new Map<string, IntParamSpec>();
  readonly params = new Map<string, IntTensor>();
  readonly inputs: IntValueInfo[] = [];

  input(name: string, shape: number[], dtype: IntDType = 'int8', range?: [number, number]): string {
    const v: IntValueInfo = range ? { name, shape, dtype, range } : { name, shape, dtype };
    this.values.set(name, v);
    this.inputs.push(v);
    return name;
  }

  param(name: string, shape: number[], dtype: IntDType, data: ArrayLike<number>, visibility: 'private' | 'public'): string {
    this.specs.set(name, { name, shape, dtype, visibility });
    this.params.set(name, { shape, dtype, data: dtype === 'int8' ? Int8Array.from(data) : Int32Array.from(data) });
    return name;
  }

  node(name: string, op: IntNode['op'], inputs: string[], shape: number[], dtype: IntDType, attrs: IntNode['attrs'] = {}, params: Record<string, string> = {}): string {
    const out = `${name}_out`;
    this.values.set(out, { name: out, shape, dtype });
    this.nodes.push({ name, op, inputs, output: out, attrs, params });
    return out;
  }

  build(outputs: string[]): { graph: IntGraph; params: IntParams } {
    const graph: IntGraph = { name: 'test', inputs: this.inputs, outputs: outputs.map((o) => this.values.get(o)!), values: this.values, nodes: this.nodes, params: this.specs };
    return { graph, params: this.params };
  }
}

/** GELU-like int8 table over [−128, 128) (public). */
export function geluTable(): Int32Array {
  return Int32Array.from({ length: 256 }, (_, j) => {
    const x = (j - 128) / 32;
    return Math.max(-128, Math.min(127, Math.round(32 * 0.5 * x * (1 + Math.tanh(0.79788456 * (x + 0.044715 * x ** 3))))));
  });
}
