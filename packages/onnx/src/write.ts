/**
 * FloatGraph → ONNX ModelProto writer (onnx.proto IR version 8; default opset 17).
 *
 * Nodes are written with their op type and attributes as they are: any ONNX-standard op in
 * the default domain may appear, not only the canonical IR set. Three conversions apply:
 * - attributes that the target opset takes as int64 inputs (Reshape `shape`, Slice
 *   `starts/ends/axes/steps`, Squeeze/Unsqueeze `axes`, ReduceMean `axes` from opset 18) become
 *   int64 initializers, so canonical IR nodes are valid ONNX (see ./attrs.ts);
 * - `Gelu` below opset 20 (where it is not an ONNX op) is expanded to the Erf pattern
 *   `x·0.5·(1+erf(x/√2))`, or the tanh pattern for `approximate = "tanh"`;
 * - constants become initializers: float32, or int64 when `graph.constantDtypes` says so.
 * Attribute types (INT vs FLOAT) are restored from ./attrs.ts.
 */
import { sizeOf, type AttrValue, type FloatGraph, type FloatTensor, type GraphNode, type ValueInfo } from '@vouch/zkml';
import { onnx, AttrType, DataType } from './proto.ts';
import { ATTR_INPUTS, FLOAT_ATTRS, FLOATS_ATTRS } from './attrs.ts';
import { floatTensorProto, int64TensorProto } from './tensor.ts';

/** Options of {@link writeOnnx}. */
export interface WriteOnnxOptions {
  /** Default-domain opset version, 13 to 21 (default 17). */
  opset?: number;
  /** `producer_name` of the model (default `vouch`). */
  producer?: string;
}

type NodeMsg = InstanceType<typeof onnx.NodeProto>;
type TensorMsg = InstanceType<typeof onnx.TensorProto>;

function isTensor(v: AttrValue): v is FloatTensor {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'data' in (v as object);
}

function attrProto(name: string, v: AttrValue, where: string): InstanceType<typeof onnx.AttributeProto> {
  if (typeof v === 'number') {
    if (FLOAT_ATTRS.has(name) || !Number.isInteger(v))
      return onnx.AttributeProto.create({ name, type: AttrType.FLOAT, f: v });
    return onnx.AttributeProto.create({ name, type: AttrType.INT, i: v });
  }
  if (typeof v === 'string') {
    return onnx.AttributeProto.create({ name, type: AttrType.STRING, s: new TextEncoder().encode(v) });
  }
  if (isTensor(v)) {
    checkTensor(v, `${where}.${name}`);
    return onnx.AttributeProto.create({ name, type: AttrType.TENSOR, t: floatTensorProto('', v.shape, v.data) });
  }
  const arr = v as readonly (number | string)[];
  if (arr.every((x) => typeof x === 'string')) {
    return onnx.AttributeProto.create({
      name,
      type: AttrType.STRINGS,
      strings: arr.map((x) => new TextEncoder().encode(x as string)),
    });
  }
  if (!arr.every((x) => typeof x === 'number'))
    throw new TypeError(`${where}.${name}: expected numbers or strings, got a mixed array`);
  const nums = arr as readonly number[];
  if (FLOATS_ATTRS.has(name) || !nums.every(Number.isInteger)) {
    return onnx.AttributeProto.create({ name, type: AttrType.FLOATS, floats: [...nums] });
  }
  return onnx.AttributeProto.create({ name, type: AttrType.INTS, ints: [...nums] });
}

function checkTensor(t: FloatTensor, where: string): void {
  if (!(t.data instanceof Float32Array))
    throw new TypeError(`${where}: expected Float32Array data, got ${Object.prototype.toString.call(t.data)}`);
  for (const d of t.shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new RangeError(`${where}: expected non-negative integer dimensions, got [${t.shape.join(', ')}]`);
  }
  if (t.data.length !== sizeOf(t.shape)) {
    throw new RangeError(
      `${where}: expected ${sizeOf(t.shape)} values for shape [${t.shape.join(', ')}], got ${t.data.length}`,
    );
  }
}

function valueInfoProto(v: ValueInfo): InstanceType<typeof onnx.ValueInfoProto> {
  for (const d of v.shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new RangeError(`value ${v.name}: expected non-negative integer dimensions, got [${v.shape.join(', ')}]`);
  }
  return onnx.ValueInfoProto.create({
    name: v.name,
    type: {
      tensorType: {
        elemType: v.dtype === 'int64' ? DataType.INT64 : DataType.FLOAT,
        shape: { dim: v.shape.map((d) => ({ dimValue: d })) },
      },
    },
  });
}

/** Builds the nodes of one IR node (several when it is expanded), adding initializers as needed. */
function nodeProtos(node: GraphNode, opset: number, extra: TensorMsg[]): NodeMsg[] {
  const where = `node ${node.name}`;
  if (node.op === 'Gelu' && opset < 20) return expandGelu(node, extra);
  if (node.op === 'LayerNormalization' && opset < 17) {
    throw new RangeError(`${where}: LayerNormalization needs opset >= 17, got opset ${opset}`);
  }
  const inputs = [...node.inputs];
  const attrs: Record<string, AttrValue> = { ...node.attrs };
  for (const [attr, index, since] of ATTR_INPUTS[node.op] ?? []) {
    const v = attrs[attr];
    if (v === undefined || opset < since) continue;
    if (!Array.isArray(v)) throw new TypeError(`${where}.${attr}: expected an integer list, got ${String(v)}`);
    const name = `${node.name}__${attr}`;
    extra.push(int64TensorProto(name, [v.length], v as number[]));
    while (inputs.length < index) inputs.push('');
    inputs[index] = name;
    delete attrs[attr];
  }
  return [
    onnx.NodeProto.create({
      name: node.name,
      opType: node.op,
      input: inputs,
      output: [...node.outputs],
      attribute: Object.entries(attrs).map(([k, v]) => attrProto(k, v, where)),
    }),
  ];
}

function scalar(name: string, v: number, extra: TensorMsg[]): string {
  extra.push(floatTensorProto(name, [], new Float32Array([v])));
  return name;
}

/** Gelu → Erf pattern (approximate "none") or tanh pattern, as exporters before opset 20 emit it. */
function expandGelu(node: GraphNode, extra: TensorMsg[]): NodeMsg[] {
  const x = node.inputs[0]!;
  const y = node.outputs[0]!;
  const p = node.name;
  let k = 0;
  const mk = (op: string, inputs: string[], out: string): NodeMsg =>
    onnx.NodeProto.create({ name: `${p}__${op}${k++}`, opType: op, input: inputs, output: [out] });
  const t = (s: string): string => `${p}__${s}`;
  const approx = node.attrs['approximate'] ?? 'none';
  const half = scalar(t('half'), 0.5, extra);
  const one = scalar(t('one'), 1, extra);
  if (approx === 'tanh') {
    const three = scalar(t('three'), 3, extra);
    const c = scalar(t('c'), 0.044715, extra);
    const kk = scalar(t('k'), Math.sqrt(2 / Math.PI), extra);
    return [
      mk('Pow', [x, three], t('cube')),
      mk('Mul', [t('cube'), c], t('cubec')),
      mk('Add', [x, t('cubec')], t('inner')),
      mk('Mul', [t('inner'), kk], t('scaled')),
      mk('Tanh', [t('scaled')], t('tanh')),
      mk('Add', [t('tanh'), one], t('onep')),
      mk('Mul', [x, t('onep')], t('xm')),
      mk('Mul', [t('xm'), half], y),
    ];
  }
  if (approx !== 'none')
    throw new RangeError(`node ${node.name}.approximate: expected "none" or "tanh", got ${String(approx)}`);
  const sqrt2 = scalar(t('sqrt2'), Math.SQRT2, extra);
  return [
    mk('Div', [x, sqrt2], t('scaled')),
    mk('Erf', [t('scaled')], t('erf')),
    mk('Add', [t('erf'), one], t('onep')),
    mk('Mul', [x, t('onep')], t('xm')),
    mk('Mul', [t('xm'), half], y),
  ];
}

/**
 * Serializes a FloatGraph as an ONNX ModelProto (IR version 8).
 *
 * @param graph - nodes with ONNX-standard op types and attributes (canonical IR ops included)
 * @param opts - `opset` (default 17) and `producer` (default `vouch`)
 * @returns the protobuf bytes of the model
 * @throws RangeError for an opset outside 13..21, a constant whose data length does not match
 *   its shape, a negative or fractional dimension, or a Gelu `approximate` other than none/tanh
 * @throws TypeError for constants that are not Float32Array
 * @example
 * ```ts
 * const bytes = writeOnnx(graph, { opset: 17 });
 * const out = await runFloatReference(bytes, { x: { data, shape: [1, 4] } });
 * ```
 */
export function writeOnnx(graph: FloatGraph, opts: WriteOnnxOptions = {}): Uint8Array {
  const opset = opts.opset ?? 17;
  if (!Number.isInteger(opset) || opset < 13 || opset > 21)
    throw new RangeError(`opset: expected an integer in 13..21, got ${opset}`);
  const extra: TensorMsg[] = [];
  const initializers: TensorMsg[] = [];
  for (const [name, t] of graph.constants) {
    checkTensor(t, `constant ${name}`);
    const dtype = graph.constantDtypes?.get(name) ?? 'float32';
    initializers.push(
      dtype === 'int64' ? int64TensorProto(name, t.shape, t.data) : floatTensorProto(name, t.shape, t.data),
    );
  }
  const nodes: NodeMsg[] = [];
  for (const n of graph.nodes) nodes.push(...nodeProtos(n, opset, extra));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: opts.producer ?? 'vouch',
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: graph.name || 'graph',
      node: nodes,
      initializer: [...initializers, ...extra],
      input: graph.inputs.map(valueInfoProto),
      output: graph.outputs.map(valueInfoProto),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
