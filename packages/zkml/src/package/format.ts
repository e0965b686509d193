/**
 * The model-package byte format, version 1 (documented in docs/parts/quantization.md).
 *
 *   magic   8 bytes  "VOUCHPKG"
 *   version u32 LE   1
 *   four sections, in this order, each: tag (4 ASCII bytes), length (u32 LE), payload
 *     "PUBJ"  public JSON (UTF-8): graph, settings, hidden inputs, index of public tensors
 *     "PUBB"  public tensor bytes (lookup tables)
 *     "PRVJ"  private JSON: intermediate scales, index of private tensors
 *     "PRVB"  private tensor bytes (weights, biases, multipliers, shifts, add factors)
 *   trailer 32 bytes SHA-256 of every byte before it
 * Tensors are stored in declaration order, contiguously (no gaps), int8 as one byte (two's
 * complement), int16 as 2 and int32 as 4 bytes little-endian. Public and private data never
 * share a section, so the public part can be published or hashed without the weights.
 * Decoding is strict: wrong magic or version, truncation, trailing bytes, a checksum mismatch,
 * malformed JSON, a missing or extra field, an inconsistent shape or an out-of-range value is a
 * {@link ModelPackageError}; a structurally valid package whose integer graph could overflow is
 * refused by the range analysis ({@link RangeAnalysisError}).
 */
import { sha256 } from '../int/core.ts';
import type { IntDType, IntGraph, IntNode, IntParamSpec, IntTensor, IntValueInfo } from '../int/graph.ts';
import { numel } from '../int/graph.ts';
import { analyzeRanges } from '../range/analyze.ts';
import { ModelPackageError } from './errors.ts';
import { PACKAGE_VERSION, type HiddenInputs, type ModelPackage, type QuantSettings } from './types.ts';
import { validatePackage } from './validate.ts';

/** The 8 magic bytes "VOUCHPKG". */
export const PACKAGE_MAGIC: Uint8Array = new TextEncoder().encode('VOUCHPKG');
const TAGS = ['PUBJ', 'PUBB', 'PRVJ', 'PRVB'] as const;
const BYTES: Record<IntDType, number> = { int8: 1, int16: 2, int32: 4 };

interface TensorIndexEntry {
  name: string;
  offset: number;
  length: number;
}

/**
 * Encodes a package (validated first).
 * @throws {ModelPackageError} if the package is inconsistent
 * @example const bytes = encodePackage(pkg); // write to model.vpkg
 */
export function encodePackage(pkg: ModelPackage): Uint8Array {
  validatePackage(pkg);
  const g = pkg.graph;
  const specs = [...g.params.values()];
  const pub = packTensors(specs.filter((s) => s.visibility === 'public'), pkg);
  const prv = packTensors(specs.filter((s) => s.visibility === 'private'), pkg);
  const pubJson = {
    graph: {
      name: g.name,
      inputs: g.inputs.map((v) => v.name),
      outputs: g.outputs.map((v) => v.name),
      values: [...g.values.values()].map((v) => ({ name: v.name, shape: [...v.shape], dtype: v.dtype, ...(v.range ? { range: [...v.range] } : {}) })),
      nodes: g.nodes.map((n) => ({ name: n.name, op: n.op, inputs: [...n.inputs], output: n.output, attrs: n.attrs, params: n.params })),
      params: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype, visibility: s.visibility })),
    },
    settings: pkg.settings,
    hidden: pkg.hidden,
    tensors: pub.index,
  };
  const prvJson = { scales: Object.fromEntries(pkg.privateScales), tensors: prv.index };
  const enc = new TextEncoder();
  const payloads = [enc.encode(JSON.stringify(pubJson)), pub.bytes, enc.encode(JSON.stringify(prvJson)), prv.bytes];
  const total = 12 + payloads.reduce((s, p) => s + 8 + p.length, 0) + 32;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set(PACKAGE_MAGIC, 0);
  dv.setUint32(8, PACKAGE_VERSION, true);
  let o = 12;
  payloads.forEach((p, i) => {
    out.set(enc.encode(TAGS[i]), o);
    dv.setUint32(o + 4, p.length, true);
    out.set(p, o + 8);
    o += 8 + p.length;
  });
  out.set(sha256(out.subarray(0, o)), o);
  return out;
}

function packTensors(specs: IntParamSpec[], pkg: ModelPackage): { bytes: Uint8Array; index: TensorIndexEntry[] } {
  const size = specs.reduce((s, t) => s + numel(t.shape) * BYTES[t.dtype], 0);
  const bytes = new Uint8Array(size);
  const dv = new DataView(bytes.buffer);
  const index: TensorIndexEntry[] = [];
  let o = 0;
  for (const s of specs) {
    const t = pkg.params.get(s.name)!;
    const len = t.data.length * BYTES[s.dtype];
    for (let i = 0; i < t.data.length; i++) {
      if (s.dtype === 'int8') dv.setInt8(o + i, t.data[i]);
      else if (s.dtype === 'int16') dv.setInt16(o + 2 * i, t.data[i], true);
      else dv.setInt32(o + 4 * i, t.data[i], true);
    }
    index.push({ name: s.name, offset: o, length: len });
    o += len;
  }
  return { bytes, index };
}

/**
 * Decodes and checks a package: format, checksum, structure, then the range analysis.
 * @throws {ModelPackageError} on any corruption or inconsistency
 * @throws {RangeAnalysisError} if the integer graph could leave a proven bound
 * @example const pkg = decodePackage(readFileSync('model.vpkg'));
 */
export function decodePackage(bytes: Uint8Array): ModelPackage {
  if (!(bytes instanceof Uint8Array)) throw new ModelPackageError('bytes', `expected a Uint8Array, got ${typeof bytes}`);
  if (bytes.length < 12 + 32) throw new ModelPackageError('header', `expected at least 44 bytes, got ${bytes.length}`, 0);
  for (let i = 0; i < 8; i++) if (bytes[i] !== PACKAGE_MAGIC[i]) throw new ModelPackageError('magic', 'expected "VOUCHPKG"', 0);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(8, true);
  if (version !== PACKAGE_VERSION) throw new ModelPackageError('version', `expected ${PACKAGE_VERSION}, got ${version}`, 8);
  const body = bytes.length - 32;
  let o = 12;
  const sections: Uint8Array[] = [];
  for (const tag of TAGS) {
    if (o + 8 > body) throw new ModelPackageError(`section ${tag}`, 'truncated section header', o);
    const got = String.fromCharCode(...bytes.subarray(o, o + 4));
    if (got !== tag) throw new ModelPackageError(`section ${tag}`, `expected tag ${tag}, got ${JSON.stringify(got)}`, o);
    const len = dv.getUint32(o + 4, true);
    if (o + 8 + len > body) throw new ModelPackageError(`section ${tag}`, `expected ${len} bytes, got ${Math.max(0, body - o - 8)}`, o + 4);
    sections.push(bytes.subarray(o + 8, o + 8 + len));
    o += 8 + len;
  }
  if (o !== body) throw new ModelPackageError('trailer', `expected the checksum right after the sections, got ${body - o} extra bytes`, o);
  const digest = sha256(bytes.subarray(0, body));
  for (let i = 0; i < 32; i++) if (digest[i] !== bytes[body + i]) throw new ModelPackageError('checksum', 'expected the SHA-256 of the preceding bytes, got a mismatch (corrupted package)', body);

  const pubJ = parseJson(sections[0], 'PUBJ') as Record<string, unknown>;
  const prvJ = parseJson(sections[2], 'PRVJ') as Record<string, unknown>;
  keys(pubJ, ['graph', 'settings', 'hidden', 'tensors'], 'PUBJ');
  keys(prvJ, ['scales', 'tensors'], 'PRVJ');
  const graph = readGraph(pubJ.graph);
  const params = new Map<string, IntTensor>();
  readTensors(pubJ.tensors, sections[1], graph, 'public', params, 'PUBB');
  readTensors(prvJ.tensors, sections[3], graph, 'private', params, 'PRVB');
  const scales = prvJ.scales;
  if (typeof scales !== 'object' || scales === null || Array.isArray(scales)) throw new ModelPackageError('PRVJ.scales', 'expected an object');
  const pkg: ModelPackage = {
    version,
    graph,
    settings: pubJ.settings as QuantSettings,
    params,
    privateScales: new Map(Object.entries(scales as Record<string, number>)),
    hidden: pubJ.hidden as HiddenInputs,
  };
  if (typeof pkg.settings !== 'object' || pkg.settings === null) throw new ModelPackageError('PUBJ.settings', 'expected an object');
  validatePackage(pkg);
  analyzeRanges(pkg.graph, pkg.params);
  return pkg;
}

function parseJson(b: Uint8Array, tag: string): unknown {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b));
  } catch (e) {
    throw new ModelPackageError(tag, `expected UTF-8 JSON, got a parse error (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ModelPackageError(tag, 'expected a JSON object');
  return v;
}

function keys(o: Record<string, unknown>, want: string[], field: string): void {
  const got = Object.keys(o).sort();
  const exp = [...want].sort();
  if (got.join(',') !== exp.join(',')) throw new ModelPackageError(field, `expected fields ${exp.join(', ')}, got ${got.join(', ')}`);
}

function isStr(x: unknown): x is string {
  return typeof x === 'string';
}

function readGraph(x: unknown): IntGraph {
  const f = (m: string): never => {
    throw new ModelPackageError('PUBJ.graph', m);
  };
  if (typeof x !== 'object' || x === null) f('expected an object');
  const g = x as Record<string, unknown>;
  keys(g, ['name', 'inputs', 'outputs', 'values', 'nodes', 'params'], 'PUBJ.graph');
  if (!isStr(g.name)) f('name: expected a string');
  const arr = (k: string): unknown[] => (Array.isArray(g[k]) ? (g[k] as unknown[]) : f(`${k}: expected a list`));
  const values = new Map<string, IntValueInfo>();
  for (const v of arr('values')) {
    const r = v as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || !isStr(r.name) || !Array.isArray(r.shape) || !isStr(r.dtype)) f(`values: expected {name, shape, dtype}, got ${JSON.stringify(v)}`);
    if (values.has(r.name as string)) f(`values: duplicate ${String(r.name)}`);
    if (r.range !== undefined && !(Array.isArray(r.range) && r.range.length === 2 && r.range.every((x) => Number.isInteger(x)) && (r.range[0] as number) <= (r.range[1] as number))) f(`values.${String(r.name)}.range: expected [lo, hi] integers`);
    values.set(r.name as string, { name: r.name as string, shape: r.shape as number[], dtype: r.dtype as IntDType, ...(r.range !== undefined ? { range: r.range as [number, number] } : {}) });
  }
  const ref = (k: string): IntValueInfo[] =>
    arr(k).map((n) => {
      const v = isStr(n) ? values.get(n) : undefined;
      return v ?? f(`${k}: expected declared value names, got ${JSON.stringify(n)}`);
    });
  const nodes: IntNode[] = arr('nodes').map((n) => {
    const r = n as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || !isStr(r.name) || !isStr(r.op) || !Array.isArray(r.inputs) || !r.inputs.every(isStr) || !isStr(r.output)) f(`nodes: expected {name, op, inputs, output, attrs, params}, got ${JSON.stringify(n).slice(0, 200)}`);
    const attrs = r.attrs as Record<string, unknown>;
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) f(`nodes.${String(r.name)}.attrs: expected an object`);
    for (const [k, v] of Object.entries(attrs)) {
      const ok = Number.isInteger(v) || (Array.isArray(v) && v.every((e) => Number.isInteger(e)));
      if (!ok) f(`nodes.${String(r.name)}.attrs.${k}: expected an integer or a list of integers`);
    }
    const params = r.params as Record<string, unknown>;
    if (typeof params !== 'object' || params === null || Array.isArray(params) || !Object.values(params).every(isStr)) f(`nodes.${String(r.name)}.params: expected an object of names`);
    return { name: r.name as string, op: r.op as IntNode['op'], inputs: r.inputs as string[], output: r.output as string, attrs: attrs as IntNode['attrs'], params: params as Record<string, string> };
  });
  const params = new Map<string, IntParamSpec>();
  for (const p of arr('params')) {
    const r = p as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || !isStr(r.name) || !Array.isArray(r.shape) || !isStr(r.dtype) || !isStr(r.visibility)) f(`params: expected {name, shape, dtype, visibility}, got ${JSON.stringify(p)}`);
    if (params.has(r.name as string)) f(`params: duplicate ${String(r.name)}`);
    params.set(r.name as string, { name: r.name as string, shape: r.shape as number[], dtype: r.dtype as IntDType, visibility: r.visibility as 'private' | 'public' });
  }
  return { name: g.name as string, inputs: ref('inputs'), outputs: ref('outputs'), values, nodes, params };
}

function readTensors(idx: unknown, blob: Uint8Array, g: IntGraph, vis: 'public' | 'private', out: Map<string, IntTensor>, tag: string): void {
  if (!Array.isArray(idx)) throw new ModelPackageError(`${tag} index`, 'expected a list');
  const expected = [...g.params.values()].filter((s) => s.visibility === vis);
  if (idx.length !== expected.length) throw new ModelPackageError(`${tag} index`, `expected ${expected.length} ${vis} tensors, got ${idx.length}`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let o = 0;
  expected.forEach((s, k) => {
    const e = idx[k] as TensorIndexEntry;
    if (typeof e !== 'object' || e === null || e.name !== s.name) throw new ModelPackageError(`${tag} index[${k}]`, `expected tensor ${s.name}, got ${JSON.stringify(e)}`);
    if (!(s.dtype in BYTES) || !Array.isArray(s.shape) || !s.shape.every((d) => Number.isInteger(d) && d >= 1)) throw new ModelPackageError(`params.${s.name}`, `expected a dtype and a shape, got ${String(s.dtype)} [${String(s.shape)}]`);
    const n = numel(s.shape);
    const len = n * BYTES[s.dtype];
    if (e.offset !== o || e.length !== len) throw new ModelPackageError(`${tag} index[${k}]`, `expected offset ${o} and length ${len}, got ${e.offset} and ${e.length}`);
    if (o + len > blob.length) throw new ModelPackageError(`${tag}.${s.name}`, `expected ${len} bytes, got ${blob.length - o}`);
    const data = s.dtype === 'int8' ? new Int8Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) data[i] = s.dtype === 'int8' ? dv.getInt8(o + i) : s.dtype === 'int16' ? dv.getInt16(o + 2 * i, true) : dv.getInt32(o + 4 * i, true);
    out.set(s.name, { shape: s.shape, dtype: s.dtype, data });
    o += len;
  });
  if (o !== blob.length) throw new ModelPackageError(tag, `expected ${o} bytes of tensors, got ${blob.length}`);
}
