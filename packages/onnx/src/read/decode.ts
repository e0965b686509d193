/**
 * ModelProto bytes → a plain, validated model description (onnx.proto, IR version ≤ 8).
 *
 * Decoding errors of protobufjs become {@link MalformedOnnxError} with the byte offset when
 * the decoder reports one. Structure is checked here too: a graph must exist, the default
 * domain ("" or "ai.onnx") must have an opset, tensors must decode, attributes must have a
 * known type. Node names that are empty or repeated get a unique `<op>_<index>` name.
 */
import { onnx, AttrType, DataType, toNum, type Int64Like } from '../proto.ts';
import { MalformedOnnxError } from '../errors.ts';
import { decodeTensor, type ConstValue } from '../tensor.ts';

/** An attribute after decoding. Graph-valued attributes (If/Loop bodies) are kept as a marker. */
export type OnnxAttr = number | string | number[] | string[] | ConstValue | { readonly graph: true };

/** One NodeProto after decoding. */
export interface OnnxNode {
  /** Position in `graph.node`. */
  readonly index: number;
  /** Unique name. */
  readonly name: string;
  readonly op: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: ReadonlyMap<string, OnnxAttr>;
}

/** A graph input or output: name, element type and dims (number, symbolic name, or unknown). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: number;
  /** `undefined` when the ValueInfo has no shape at all. */
  readonly dims: readonly (number | string | undefined)[] | undefined;
}

/** The decoded model. */
export interface OnnxModel {
  readonly opset: number;
  readonly graphName: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: ReadonlyMap<string, ConstValue>;
  /** Graph inputs that are not initializers. */
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

const DEFAULT_DOMAINS = new Set(['', 'ai.onnx']);

function decodeProto(bytes: Uint8Array): InstanceType<typeof onnx.ModelProto> {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError(`onnx bytes: expected Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    // protobufjs: "index out of range: <pos> + <len> > <end>" or "invalid wire type <t> at offset <pos>"
    const m = /index out of range: (\d+)/.exec(msg) ?? /at offset (\d+)/.exec(msg);
    throw new MalformedOnnxError(
      'model',
      `expected a protobuf ModelProto, got undecodable bytes (${msg})`,
      m ? Number(m[1]) : undefined,
      e,
    );
  }
}

function decodeAttr(a: InstanceType<typeof onnx.AttributeProto>, where: string): OnnxAttr {
  const dec = new TextDecoder();
  switch (a.type) {
    case AttrType.FLOAT:
      return a.f ?? 0;
    case AttrType.INT:
      return toNum(a.i as Int64Like);
    case AttrType.STRING:
      return dec.decode(a.s ?? new Uint8Array());
    case AttrType.TENSOR:
      if (!a.t) throw new MalformedOnnxError(where, 'expected a tensor value, got none');
      return decodeTensor(a.t as InstanceType<typeof onnx.TensorProto>, where);
    case AttrType.GRAPH:
      return { graph: true };
    case AttrType.FLOATS:
      return [...(a.floats ?? [])];
    case AttrType.INTS:
      return (a.ints ?? []).map((v) => toNum(v as Int64Like));
    case AttrType.STRINGS:
      return (a.strings ?? []).map((s) => dec.decode(s));
    default:
      throw new MalformedOnnxError(
        where,
        `expected a supported attribute type (FLOAT, INT, STRING, TENSOR, GRAPH, FLOATS, INTS, STRINGS), got type ${a.type}`,
      );
  }
}

function valueInfo(v: InstanceType<typeof onnx.ValueInfoProto>): OnnxValueInfo {
  const tt = v.type?.tensorType;
  const shape = tt?.shape;
  return {
    name: v.name ?? '',
    elemType: tt?.elemType ?? DataType.FLOAT,
    dims: shape
      ? (shape.dim ?? []).map((d) =>
          d.dimParam
            ? d.dimParam
            : d.dimValue !== null && d.dimValue !== undefined
              ? toNum(d.dimValue as Int64Like)
              : undefined,
        )
      : undefined,
  };
}

/**
 * Decodes and structurally validates ModelProto bytes.
 * @param bytes - serialized ModelProto
 * @returns the decoded model
 * @throws MalformedOnnxError for undecodable bytes, a missing graph or opset, a bad tensor
 */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  const model = decodeProto(bytes);
  const g = model.graph;
  if (!g) throw new MalformedOnnxError('model.graph', 'expected a graph, got none');
  const opsetEntry = (model.opsetImport ?? []).find((o) => DEFAULT_DOMAINS.has(o.domain ?? ''));
  if (!opsetEntry)
    throw new MalformedOnnxError('model.opset_import', 'expected an opset for the default domain, got none');
  const opset = toNum(opsetEntry.version as Int64Like);
  if (opset < 1)
    throw new MalformedOnnxError('model.opset_import', `expected a positive default-domain opset, got ${opset}`);

  const initializers = new Map<string, ConstValue>();
  (g.initializer ?? []).forEach((t, i) => {
    const where = `graph.initializer[${i}] (${t.name ?? ''})`;
    if (!t.name) throw new MalformedOnnxError(where, 'expected a named initializer, got an empty name');
    initializers.set(t.name, decodeTensor(t as InstanceType<typeof onnx.TensorProto>, where));
  });

  const names = new Set<string>();
  const nodes: OnnxNode[] = (g.node ?? []).map((n, index) => {
    const op = n.opType ?? '';
    if (!op) throw new MalformedOnnxError(`graph.node[${index}]`, 'expected an op_type, got an empty string');
    let name = n.name ?? '';
    if (!name || names.has(name)) name = `${op}_${index}`;
    while (names.has(name)) name = `${name}_`;
    names.add(name);
    const attrs = new Map<string, OnnxAttr>();
    for (const a of n.attribute ?? [])
      attrs.set(
        a.name ?? '',
        decodeAttr(a as InstanceType<typeof onnx.AttributeProto>, `graph.node[${index}] (${name}).attribute ${a.name}`),
      );
    return {
      index,
      name,
      op,
      domain: DEFAULT_DOMAINS.has(n.domain ?? '') ? '' : (n.domain as string),
      inputs: [...(n.input ?? [])],
      outputs: [...(n.output ?? [])],
      attrs,
    };
  });

  return {
    opset,
    graphName: g.name ?? '',
    nodes,
    initializers,
    inputs: (g.input ?? [])
      .filter((v) => !initializers.has(v.name ?? ''))
      .map((v) => valueInfo(v as InstanceType<typeof onnx.ValueInfoProto>)),
    outputs: (g.output ?? []).map((v) => valueInfo(v as InstanceType<typeof onnx.ValueInfoProto>)),
  };
}
