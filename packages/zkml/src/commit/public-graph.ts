/**
 * The public part of an integer graph as canonical JSON: structure, shapes, public attributes,
 * parameter declarations, and the data of PUBLIC parameters (fixed lookup tables). Private
 * parameter data (weights, multipliers, shifts) never appears here. This is what a model card
 * carries so that a verifier can rebuild the graph, and what the graph hash covers.
 */
import { MalformedError } from '@vouch/core';
import type { IntDType, IntGraph, IntNode, IntParamSpec, IntParams, IntTensor, IntValueInfo } from '../int/graph.ts';
import type { Json } from './canonical-json.ts';

const DTYPES: readonly IntDType[] = ['int8', 'int16', 'int32'];

function valueJson(v: IntValueInfo): Json {
  return { name: v.name, shape: [...v.shape], dtype: v.dtype, ...(v.range ? { range: [...v.range] } : {}) };
}

function nodeJson(n: IntNode): Json {
  const attrs: Record<string, Json> = {};
  for (const [k, v] of Object.entries(n.attrs)) attrs[k] = typeof v === 'number' ? v : [...v];
  return { name: n.name, op: n.op, inputs: [...n.inputs], output: n.output, attrs, params: { ...n.params } };
}

/** Whether this host stores an Int32Array little-endian (then its bytes are the encoding). */
const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

/** Little-endian int32 bytes of a tensor's data (a fresh array). */
export function tensorBytes(t: IntTensor): Uint8Array {
  if (LITTLE_ENDIAN) {
    const w = new Int32Array(t.data.length);
    w.set(t.data); // sign-extends int8 data
    return new Uint8Array(w.buffer);
  }
  const out = new Uint8Array(4 * t.data.length);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < t.data.length; i++) dv.setInt32(4 * i, t.data[i], true);
  return out;
}

/** Little-endian int32 bytes of a tensor, base64. */
export function tensorBase64(t: IntTensor): string {
  return bytesToBase64(tensorBytes(t));
}

/** The public graph as a JSON value. */
export function publicGraphJson(graph: IntGraph, params: IntParams): Json {
  const specs = [...graph.params.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const publicData: Record<string, Json> = {};
  for (const s of specs) {
    if (s.visibility !== 'public') continue;
    const t = params.get(s.name);
    if (!t) throw new RangeError(`public graph: public parameter ${s.name} has no data`);
    publicData[s.name] = tensorBase64(t);
  }
  return {
    name: graph.name,
    inputs: graph.inputs.map(valueJson),
    outputs: graph.outputs.map(valueJson),
    values: [...graph.values.values()].map(valueJson),
    nodes: graph.nodes.map(nodeJson),
    params: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype, visibility: s.visibility })),
    publicData,
  };
}

function fail(field: string, msg: string): never {
  throw new MalformedError(`model card graph.${field}`, msg);
}

function intList(x: unknown, field: string): number[] {
  if (!Array.isArray(x) || !x.every((v) => Number.isSafeInteger(v))) fail(field, `expected a list of integers, got ${JSON.stringify(x)?.slice(0, 80)}`);
  return x as number[];
}

function str(x: unknown, field: string): string {
  if (typeof x !== 'string') fail(field, `expected a string, got ${typeof x}`);
  return x;
}

function valueFrom(x: unknown, field: string): IntValueInfo {
  const o = x as Record<string, unknown>;
  if (!o || typeof o !== 'object') fail(field, 'expected an object');
  const dtype = o.dtype as IntDType;
  if (!DTYPES.includes(dtype)) fail(`${field}.dtype`, `expected one of ${DTYPES.join(', ')}, got ${String(o.dtype)}`);
  const range = o.range === undefined ? undefined : (intList(o.range, `${field}.range`) as unknown as readonly [number, number]);
  return { name: str(o.name, `${field}.name`), shape: intList(o.shape, `${field}.shape`), dtype, ...(range ? { range } : {}) };
}

/** Rebuilds the public graph and its public parameters from {@link publicGraphJson}'s output. */
export function graphFromPublicJson(j: unknown): { graph: IntGraph; publicParams: IntParams } {
  const o = j as Record<string, unknown>;
  if (!o || typeof o !== 'object') fail('', 'expected an object');
  for (const k of ['inputs', 'outputs', 'values', 'nodes', 'params']) if (!Array.isArray(o[k])) fail(k, 'expected a list');
  const values = new Map<string, IntValueInfo>();
  (o.values as unknown[]).forEach((v, i) => {
    const vi = valueFrom(v, `values[${i}]`);
    values.set(vi.name, vi);
  });
  const nodes: IntNode[] = (o.nodes as unknown[]).map((n, i) => {
    const x = n as Record<string, unknown>;
    const f = `nodes[${i}]`;
    if (!x || typeof x !== 'object') fail(f, 'expected an object');
    const attrs: Record<string, number | readonly number[]> = {};
    for (const [k, v] of Object.entries((x.attrs ?? {}) as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isSafeInteger(v)) attrs[k] = v;
      else attrs[k] = intList(v, `${f}.attrs.${k}`);
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries((x.params ?? {}) as Record<string, unknown>)) params[k] = str(v, `${f}.params.${k}`);
    if (!Array.isArray(x.inputs)) fail(`${f}.inputs`, 'expected a list');
    return {
      name: str(x.name, `${f}.name`),
      op: str(x.op, `${f}.op`) as IntNode['op'],
      inputs: (x.inputs as unknown[]).map((s, k) => str(s, `${f}.inputs[${k}]`)),
      output: str(x.output, `${f}.output`),
      attrs,
      params,
    };
  });
  const specs = new Map<string, IntParamSpec>();
  (o.params as unknown[]).forEach((p, i) => {
    const x = p as Record<string, unknown>;
    const f = `params[${i}]`;
    const dtype = x?.dtype as IntDType;
    if (!DTYPES.includes(dtype)) fail(`${f}.dtype`, `expected one of ${DTYPES.join(', ')}`);
    const visibility = x.visibility;
    if (visibility !== 'private' && visibility !== 'public') fail(`${f}.visibility`, `expected private or public, got ${String(visibility)}`);
    specs.set(str(x.name, `${f}.name`), { name: x.name as string, shape: intList(x.shape, `${f}.shape`), dtype, visibility });
  });
  const publicParams = new Map<string, IntTensor>();
  const data = (o.publicData ?? {}) as Record<string, unknown>;
  for (const s of specs.values()) {
    if (s.visibility !== 'public') continue;
    const bytes = base64ToBytes(str(data[s.name], `publicData.${s.name}`), `publicData.${s.name}`);
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (bytes.length !== 4 * n) fail(`publicData.${s.name}`, `expected ${4 * n} bytes, got ${bytes.length}`);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const arr = s.dtype === 'int8' ? new Int8Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) arr[i] = dv.getInt32(4 * i, true);
    publicParams.set(s.name, { shape: s.shape, dtype: s.dtype, data: arr });
  }
  const graph: IntGraph = {
    name: str(o.name, 'name'),
    inputs: (o.inputs as unknown[]).map((v, i) => valueFrom(v, `inputs[${i}]`)),
    outputs: (o.outputs as unknown[]).map((v, i) => valueFrom(v, `outputs[${i}]`)),
    values,
    nodes,
    params: specs,
  };
  return { graph, publicParams };
}

const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 61; // '='

/**
 * Standard base64 (RFC 4648 §4, with padding) of bytes (no dependency; works in browsers and Node).
 * Encodes into ASCII bytes and decodes them once (linear; open-mode graph hashes encode every
 * weight, e.g. 16.8 MB for B4). Tested against Node's Buffer encoder and `btoa`.
 */
export function bytesToBase64(b: Uint8Array): string {
  const n = b.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out[o++] = B64[v >>> 18];
    out[o++] = B64[(v >>> 12) & 63];
    out[o++] = B64[(v >>> 6) & 63];
    out[o++] = B64[v & 63];
  }
  if (i < n) {
    const v = (b[i] << 16) | (i + 1 < n ? b[i + 1] << 8 : 0);
    out[o++] = B64[v >>> 18];
    out[o++] = B64[(v >>> 12) & 63];
    out[o++] = i + 1 < n ? B64[(v >>> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder('latin1').decode(out);
}

/** Bytes of standard base64; MalformedError naming `field` when invalid. */
export function base64ToBytes(s: string, field: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    throw new MalformedError(field, 'expected base64 text');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
