/**
 * Import state shared by the per-op importers: the value table (constants with their data,
 * activations with their static shape), the emitted IR nodes, and helpers to read attributes
 * and constant inputs with the right error types.
 */
import {
  ShapeError,
  UnsupportedOpError,
  formatShape,
  inferShapes,
  sizeOf,
  type AttrValue,
  type GraphNode,
} from '@vouch/zkml';
import type { ConstValue } from '../tensor.ts';
import type { OnnxAttr, OnnxNode } from './decode.ts';

/** A value during import: a constant (folded) or an activation with a static shape. */
export type Val =
  | { readonly kind: 'const'; readonly c: ConstValue }
  | { readonly kind: 'dyn'; readonly shape: readonly number[]; readonly dtype: 'float32' | 'int64' };

/** An emitted node; mutable so fusion passes can rewrite it. */
export interface IrNode {
  name: string;
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, AttrValue>;
}

/** Ops the importer may emit before fusion; they must be fused away (see ../read/fuse-*.ts). */
export const PATTERN_OPS: ReadonlySet<string> = new Set([
  'Erf',
  'Sqrt',
  'Pow',
  'Div',
  'ReduceMean',
  'BatchNormalization',
]);

/** Import context. */
export class ImportCtx {
  readonly values = new Map<string, Val>();
  readonly nodes: IrNode[] = [];
  /** Original ONNX op of each emitted node name, for error messages after fusion. */
  readonly origin = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly emitted = new Set<string>();
  private counter = 0;

  /**
   * @param opset - default-domain opset of the model
   * @param supported - the ONNX op types the importer handles (for UnsupportedOpError)
   */
  constructor(
    readonly opset: number,
    readonly supported: readonly string[],
  ) {}

  /** Reserves every name in use by the model so generated names never collide. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** A fresh value or node name derived from `base`. */
  fresh(base: string): string {
    let n = `${base}__${this.counter++}`;
    while (this.used.has(n)) n = `${base}__${this.counter++}`;
    this.used.add(n);
    return n;
  }

  /** The value of `name`; throws if undefined (cannot happen after topoSort). */
  val(name: string): Val {
    const v = this.values.get(name);
    if (!v) throw new ShapeError(name, `expected value ${name} to be defined, got nothing`);
    return v;
  }

  /** The static shape of any value. */
  shape(name: string): readonly number[] {
    const v = this.val(name);
    return v.kind === 'const' ? v.c.shape : v.shape;
  }

  /** The constant behind `name`, or undefined for an activation. */
  constOf(name: string): ConstValue | undefined {
    const v = this.values.get(name);
    return v?.kind === 'const' ? v.c : undefined;
  }

  /** Defines `name` as a constant. */
  setConst(name: string, c: ConstValue): void {
    this.values.set(name, { kind: 'const', c });
  }

  /** Defines a new constant with a fresh name derived from `base`; returns the name. */
  newConst(base: string, c: ConstValue): string {
    const name = this.fresh(base);
    this.setConst(name, c);
    return name;
  }

  /** Makes `out` an alias of `src` (Identity, Dropout, Cast to float). */
  alias(out: string, src: string): void {
    this.values.set(out, this.val(src));
    this.aliases.set(out, this.resolve(src));
  }

  /** Alias table: value name → the value it stands for. */
  readonly aliases = new Map<string, string>();

  /** Follows aliases to the emitted value name. */
  resolve(name: string): string {
    return this.aliases.get(name) ?? name;
  }

  /**
   * Emits an IR node. Shapes of canonical ops come from `inferShapes` (so shape errors are
   * found here, naming the ONNX node); pattern ops pass their output shapes explicitly.
   * @returns the output names
   */
  emit(
    op: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, AttrValue>,
    node: OnnxNode,
    shapes?: number[][],
  ): string[] {
    const ins = inputs.map((i) => this.resolve(i));
    const inShapes = ins.map((i) => this.shape(i));
    const outShapes =
      shapes ?? inferShapes({ name: node.name, op, inputs: ins, outputs, attrs } as GraphNode, inShapes);
    const name = this.emitted.has(node.name) ? this.fresh(node.name) : node.name;
    this.emitted.add(name);
    this.used.add(name);
    this.nodes.push({ name, op, inputs: ins, outputs, attrs });
    this.origin.set(name, node.op);
    // Every emitted op computes float32 values (int64 values only come from graph inputs).
    outputs.forEach((o, k) => this.values.set(o, { kind: 'dyn', shape: outShapes[k]!, dtype: 'float32' }));
    return outputs;
  }

  /** Emits a node whose single output gets a fresh name; returns it. */
  emitTmp(
    op: string,
    inputs: string[],
    attrs: Record<string, AttrValue>,
    node: OnnxNode,
    base: string,
    shapes?: number[][],
  ): string {
    return this.emit(op, inputs, [this.fresh(base)], attrs, node, shapes)[0]!;
  }

  // ---- attribute helpers -------------------------------------------------------------

  /** An integer attribute (or its default). */
  int(node: OnnxNode, name: string, dflt?: number): number {
    const v = node.attrs.get(name) ?? dflt;
    if (typeof v !== 'number' || !Number.isInteger(v))
      this.unsupported(node, `expected integer attribute ${name}, got ${JSON.stringify(v)}`);
    return v as number;
  }

  /** A float attribute (or its default). */
  float(node: OnnxNode, name: string, dflt: number): number {
    const v = node.attrs.get(name) ?? dflt;
    if (typeof v !== 'number') this.unsupported(node, `expected float attribute ${name}, got ${JSON.stringify(v)}`);
    return v as number;
  }

  /** A string attribute (or its default). */
  str(node: OnnxNode, name: string, dflt: string): string {
    const v = node.attrs.get(name) ?? dflt;
    if (typeof v !== 'string') this.unsupported(node, `expected string attribute ${name}, got ${JSON.stringify(v)}`);
    return v as string;
  }

  /** An integer-list attribute, or undefined when absent. */
  ints(node: OnnxNode, name: string): number[] | undefined {
    const v: OnnxAttr | undefined = node.attrs.get(name);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number'))
      this.unsupported(node, `expected integer-list attribute ${name}, got ${JSON.stringify(v)}`);
    return v as number[];
  }

  /**
   * Integer list given as an attribute (older opsets) or as a constant input (newer ones).
   * @returns undefined when neither is present
   */
  intsAttrOrInput(node: OnnxNode, attr: string, input: number): number[] | undefined {
    const fromAttr = this.ints(node, attr);
    if (fromAttr) return fromAttr;
    const name = node.inputs[input];
    if (!name) return undefined;
    const c = this.constOf(name);
    if (!c) this.unsupported(node, `expected input ${input} (${attr}) to be a constant, got a computed value ${name}`);
    return Array.from(c!.data);
  }

  /** The constant at `node.inputs[k]`, or an UnsupportedOpError saying it must be constant. */
  needConst(node: OnnxNode, k: number, what: string): ConstValue {
    const c = this.constOf(node.inputs[k] ?? '');
    if (!c) this.unsupported(node, `expected ${what} (input ${k}) to be a constant, got a computed value`);
    return c!;
  }

  /** Rejects a use of a supported op. */
  unsupported(node: OnnxNode, reason: string): never {
    throw new UnsupportedOpError(node.op, node.name, this.supported, reason);
  }

  /** Requires that only the first output is consumed (extra outputs like Dropout's mask). */
  onlyFirstOutput(node: OnnxNode, consumed: ReadonlySet<string>): void {
    node.outputs.slice(1).forEach((o) => {
      if (o && consumed.has(o)) this.unsupported(node, `expected only output 0 to be used, got a use of output ${o}`);
    });
  }

  /** ShapeError helper naming the node. */
  shapeError(node: OnnxNode, message: string, shapes: (readonly number[])[] = []): never {
    throw new ShapeError(node.name, message, shapes);
  }

  /** Checks `sizeOf(a) === sizeOf(b)`. */
  sameSize(node: OnnxNode, a: readonly number[], b: readonly number[]): void {
    if (sizeOf(a) !== sizeOf(b))
      this.shapeError(node, `expected ${formatShape(b)} to hold ${sizeOf(a)} elements like ${formatShape(a)}`, [a, b]);
  }
}
