/**
 * The state of lowering a float graph to an integer graph: the integer values, nodes and
 * parameters emitted so far, the map from float values to their quantized counterparts
 * (integer value, scale, interval), consumer counts for fusion, and the per-layer report.
 */
import type { FloatGraph, GraphNode } from '../ir/graph.ts';
import type { IntDType, IntNode, IntOpName, IntParamSpec, IntTensor, IntValueInfo } from '../int/graph.ts';
import { chooseMultiplier, type FixedMultiplier } from './multiplier.ts';

/** Package outputs are int16 with this many levels per calibrated range (2^12). */
export const OUTPUT_LEVELS = 4096;

/** A float value's quantized form: real ≈ scale · integer, integer ∈ [lo, hi]. */
export interface QValue {
  readonly name: string;
  readonly scale: number;
  readonly lo: number;
  readonly hi: number;
}

/** What the report says about one float node. */
export interface LayerReport {
  /** Float node name. */
  readonly node: string;
  readonly op: string;
  /** Integer nodes emitted for it. */
  readonly intNodes: string[];
  readonly inputScale: number;
  readonly outputScale: number;
  /** Per-channel weight scales (private). */
  readonly weightScales?: number[];
  /** Requantization multipliers (private). */
  readonly multipliers?: FixedMultiplier[];
  /** A ReLU fused into the requantization clamp. */
  readonly fusedRelu?: string;
  /** Factor by which the output scale was widened so worst-case values fit the clamp table. */
  readonly widenedBy?: number;
}

/** Lowering state (internal to the quantizer). */
export class Lowering {
  readonly values = new Map<string, IntValueInfo>();
  readonly nodes: IntNode[] = [];
  readonly specs = new Map<string, IntParamSpec>();
  readonly params = new Map<string, IntTensor>();
  readonly map = new Map<string, QValue>();
  readonly fused = new Set<string>();
  readonly layers: LayerReport[] = [];
  /** Float values whose integers are the package outputs (graph outputs, or the logits of a dropped Softmax). */
  readonly outputValues = new Set<string>();
  /** Attention masks (1 = masked) waiting for the Softmax that consumes the named value. */
  readonly masks = new Map<string, Int8Array>();
  private readonly consumers = new Map<string, GraphNode[]>();
  private readonly graphOutputs: Set<string>;

  constructor(
    readonly graph: FloatGraph,
    /** Calibrated range r of every float value (scale = r/127). */
    readonly ranges: ReadonlyMap<string, number>,
  ) {
    for (const n of graph.nodes) for (const i of n.inputs) this.consumers.set(i, [...(this.consumers.get(i) ?? []), n]);
    this.graphOutputs = new Set(graph.outputs.map((o) => o.name));
  }

  /** int8 scale of a float value from its calibrated range. */
  scaleOf(floatName: string): number {
    const r = this.ranges.get(floatName);
    if (r === undefined) throw new RangeError(`calibration: no range for value ${floatName}`);
    return r / 127;
  }

  /** The quantized form of a float activation. */
  q(floatName: string, node: GraphNode): QValue {
    const v = this.map.get(floatName);
    if (!v) throw new RangeError(`node ${node.name}: input ${floatName} is not a quantized activation (constants are only supported as weights and biases)`);
    return v;
  }

  /** The single consumer of a value, if it has exactly one and is not a graph output. */
  soleConsumer(floatName: string): GraphNode | undefined {
    const c = this.consumers.get(floatName) ?? [];
    return c.length === 1 && !this.graphOutputs.has(floatName) ? c[0] : undefined;
  }

  /** If `floatName` flows only into a Relu, marks it fused and returns its output name. */
  takeRelu(floatName: string): string | undefined {
    const c = this.soleConsumer(floatName);
    if (c && c.op === 'Relu') {
      this.fused.add(c.name);
      return c.outputs[0];
    }
    return undefined;
  }

  /** Declares an integer value. */
  value(name: string, shape: readonly number[], dtype: IntDType): string {
    if (this.values.has(name)) throw new RangeError(`integer value ${name} declared twice`);
    this.values.set(name, { name, shape: [...shape], dtype });
    return name;
  }

  /** Adds a parameter tensor. */
  param(name: string, dtype: IntDType, shape: readonly number[], data: Int8Array | Int32Array, visibility: 'private' | 'public'): string {
    this.specs.set(name, { name, shape: [...shape], dtype, visibility });
    this.params.set(name, { shape: [...shape], dtype, data });
    return name;
  }

  /** Adds a node. */
  node(name: string, op: IntOpName, inputs: string[], output: string, attrs: IntNode['attrs'] = {}, params: Record<string, string> = {}): string {
    this.nodes.push({ name, op, inputs, output, attrs, params });
    return name;
  }

  /**
   * Emits Requant nodes from an int32 accumulator to an int8 value.
   * @param real per-channel real factors acc → output (s_acc,c / s_out)
   * @returns the multipliers chosen
   */
  requant(name: string, acc: string, out: string, outShape: readonly number[], real: readonly number[], axis: number, lo: number, hi: number, dtype: 'int8' | 'int16' = 'int8'): FixedMultiplier[] {
    const ms = real.map((r, c) => chooseMultiplier(r, `${name} channel ${c}`));
    const m = this.param(`${name}.multiplier`, 'int32', [ms.length], Int32Array.from(ms, (x) => x.m), 'private');
    const s = this.param(`${name}.shift`, 'int32', [ms.length], Int32Array.from(ms, (x) => x.s), 'private');
    this.value(out, outShape, dtype);
    this.node(name, 'Requant', [acc], out, { axis, lo, hi }, { multiplier: m, shift: s });
    return ms;
  }

  /**
   * Output format of a requantized value: int8 at r/127, or — for a package output — int16 at
   * r/4096 (32× finer, saturating only at 8× the calibrated range), so logits are read precisely.
   */
  outFormat(floatName: string, relu: boolean): { scale: number; lo: number; hi: number; dtype: 'int8' | 'int16' } {
    const r = this.scaleOf(floatName) * 127;
    if (this.outputValues.has(floatName)) return { scale: r / OUTPUT_LEVELS, lo: relu ? 0 : -32768, hi: 32767, dtype: 'int16' };
    return { scale: r / 127, lo: relu ? 0 : -128, hi: 127, dtype: 'int8' };
  }

  /** Shape of a float value. */
  shape(floatName: string): readonly number[] {
    const s = this.graph.shapes.get(floatName) ?? this.graph.constants.get(floatName)?.shape;
    if (!s) throw new RangeError(`no shape for value ${floatName}`);
    return s;
  }
}
