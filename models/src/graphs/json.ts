/**
 * A JSON form of the float graph IR, for `vouch import --out graph.json` and for keeping
 * trained weights around when no ONNX writer is at hand. Tensors are little-endian float32
 * in base64; everything else is plain JSON. Format tag: `vouch.float-graph/1`.
 */
import type { AttrValue, FloatGraph, FloatTensor } from '@vouch/zkml';
import { MalformedError } from '@vouch/core';

/** The format tag written in every file. */
export const GRAPH_JSON_FORMAT = 'vouch.float-graph/1';

interface TensorJson {
  shape: number[];
  f32: string;
}

function encTensor(t: FloatTensor): TensorJson {
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return { shape: [...t.shape], f32: Buffer.from(bytes).toString('base64') };
}

function decTensor(j: TensorJson, where: string): FloatTensor {
  if (!j || !Array.isArray(j.shape) || typeof j.f32 !== 'string')
    throw new MalformedError(where, 'expected {shape, f32}');
  const buf = Buffer.from(j.f32, 'base64');
  const n = j.shape.reduce((a, b) => a * b, 1);
  if (buf.length !== 4 * n)
    throw new MalformedError(where, `expected ${4 * n} bytes for shape [${j.shape.join(', ')}], got ${buf.length}`);
  const data = new Float32Array(n);
  new Uint8Array(data.buffer).set(buf);
  return { shape: j.shape, data };
}

function isTensor(v: AttrValue): v is FloatTensor {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'data' in v;
}

/**
 * Serializes a float graph.
 * @param g - the graph.
 * @returns JSON text.
 */
export function graphToJson(g: FloatGraph): string {
  return JSON.stringify({
    format: GRAPH_JSON_FORMAT,
    name: g.name,
    inputs: g.inputs,
    outputs: g.outputs,
    nodes: g.nodes.map((n) => ({
      ...n,
      attrs: Object.fromEntries(
        Object.entries(n.attrs).map(([k, v]) => [k, isTensor(v) ? { tensor: encTensor(v) } : v]),
      ),
    })),
    shapes: Object.fromEntries(g.shapes),
    constants: Object.fromEntries([...g.constants].map(([k, t]) => [k, encTensor(t)])),
  });
}

/**
 * Parses a graph written by {@link graphToJson}.
 * @param text - JSON text.
 * @returns the graph.
 * @throws {MalformedError} on a wrong format tag or a malformed tensor.
 */
export function graphFromJson(text: string): FloatGraph {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new MalformedError('graph.json', 'not JSON', undefined, { cause });
  }
  if (j.format !== GRAPH_JSON_FORMAT)
    throw new MalformedError('graph.json.format', `expected ${GRAPH_JSON_FORMAT}, got ${String(j.format)}`);
  const consts = j.constants as Record<string, TensorJson>;
  const nodes = (
    j.nodes as { name: string; op: string; inputs: string[]; outputs: string[]; attrs: Record<string, unknown> }[]
  ).map((n) => ({
    ...n,
    attrs: Object.fromEntries(
      Object.entries(n.attrs).map(([k, v]) => [
        k,
        typeof v === 'object' && v !== null && 'tensor' in v
          ? decTensor((v as { tensor: TensorJson }).tensor, `node ${n.name}.${k}`)
          : (v as AttrValue),
      ]),
    ),
  }));
  return {
    name: String(j.name),
    inputs: j.inputs as FloatGraph['inputs'],
    outputs: j.outputs as FloatGraph['outputs'],
    nodes,
    shapes: new Map(Object.entries(j.shapes as Record<string, number[]>)),
    constants: new Map(Object.entries(consts).map(([k, t]) => [k, decTensor(t, `constants.${k}`)])),
  };
}
