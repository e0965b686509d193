/**
 * Model commitments: the 32-byte model id and the public model card it is computed from.
 *
 * modelId = SHA-256( "vouch/model-id/v1" ‖ 0x00 ‖ u32le(protocolVersion) ‖ u8(mode: 0 private, 1 open)
 *                    ‖ graphHash ‖ settingsHash ‖ weightBinding ‖ hiddenHash )
 * where
 * - graphHash    = SHA-256("vouch/graph/v1" ‖ 0x00 ‖ canonical JSON of the public graph (public-graph.ts)),
 * - settingsHash = SHA-256("vouch/settings/v1" ‖ 0x00 ‖ canonical JSON of the public quantization settings),
 * - weightBinding (private) = 0x03 ‖ u32le(lanes) ‖ 8 × u32le(Poseidon2 weight digest v2, salted; lanes = its
 *   width D = the private-mode row width). Tag 0x01 was weight digest v1 (lanes + fold tree), retired:
 *   private model ids from before digest v2 no longer recompute;
 *   weightBinding (open)    = 0x02 ‖ SHA-256("vouch/open-weights/v1" ‖ 0x00 ‖ canonical weight bytes),
 * - hiddenHash   = SHA-256("vouch/hidden/v1" ‖ 0x00 ‖ canonical JSON of the hidden-input record),
 *   where a confidential system prompt appears only as SHA-256(salt ‖ prompt) (hex).
 * Every field a verifier needs is in the card, so `modelIdFromCard` recomputes the id; secrets
 * (the weight salt, a confidential prompt and its salt) stay with the host.
 */
import { sha256, VouchError } from '@vouch/core';
import type { IntGraph, IntParams } from '../int/graph.ts';
import type { HiddenInputs, ModelPackage, QuantSettings } from '../package/types.ts';
import { canonicalBytes, type Json } from './canonical-json.ts';
import { bytesToBase64, graphFromPublicJson, publicGraphJson, tensorBase64 } from './public-graph.ts';

/** Version of the Vouch inference protocol bound into every model id and statement. */
export const PROTOCOL_VERSION = 1;

/** Binding-bytes tag of a private model's weight digest: 3 = Poseidon2 weight digest v2 (1 was v1, retired). */
export const WEIGHT_DIGEST_V2_TAG = 3;

/** How the weights are bound. */
export type BindingMode = 'private' | 'open';

/** The weight binding as it appears in a card. */
export type WeightBinding =
  | { readonly kind: 'poseidon2-salted'; readonly lanes: number; readonly digest: readonly number[] }
  | { readonly kind: 'sha256-open'; readonly hash: string };

/** The hidden-input record as hashed (confidential parts replaced by commitments). */
export interface HiddenRecord {
  readonly preprocessing?: Json;
  readonly systemPrompt?: { readonly open: string } | { readonly commitment: string };
  readonly vocabulary?: readonly string[];
  readonly decoding?: Json;
}

/** The public model card: everything needed to recompute the id and to verify proofs. */
export interface ModelCard {
  readonly format: 'vouch-model-card';
  readonly cardVersion: 1;
  readonly protocolVersion: number;
  readonly modelId: string;
  readonly mode: BindingMode;
  readonly graph: Json;
  readonly settings: Json;
  readonly weights: WeightBinding;
  /** Open mode only: the weights, canonical bytes base64 (see {@link openWeightBytes}). */
  readonly openWeights?: string;
  readonly hidden: HiddenRecord;
  /** Human-readable summary (not hashed). */
  readonly summary: { readonly name: string; readonly nodes: number; readonly ops: readonly string[]; readonly privateParameters: number };
}

/** Raised when a card's recomputed id differs from the id it states, or its content is inconsistent. */
export class ModelCardError extends VouchError {
  override name = 'ModelCardError';
  constructor(message: string, details?: string) {
    super('MODEL_CARD_INVALID', message, { details });
  }
}

const enc = new TextEncoder();

function domainHash(domain: string, body: Uint8Array): Uint8Array {
  const d = enc.encode(domain);
  const buf = new Uint8Array(d.length + 1 + body.length);
  buf.set(d, 0);
  buf.set(body, d.length + 1);
  return sha256(buf);
}

/** Lowercase hex of bytes. */
export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Canonical bytes of every private parameter (sorted by name): name, shape, int32 LE data. */
export function openWeightBytes(graph: IntGraph, params: IntParams): Uint8Array {
  const specs = [...graph.params.values()].filter((s) => s.visibility === 'private').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: Json[] = specs.map((s) => {
    const t = params.get(s.name);
    if (!t) throw new RangeError(`open weights: parameter ${s.name} has no data`);
    return { name: s.name, shape: [...s.shape], dtype: s.dtype, data: tensorBase64(t) };
  });
  return canonicalBytes(parts);
}

/** The settings record that is hashed (public quantization settings). */
export function settingsJson(s: QuantSettings): Json {
  return JSON.parse(JSON.stringify(s)) as Json;
}

/** Builds the hidden-input record; a confidential prompt is replaced by SHA-256(salt ‖ prompt). */
export function hiddenRecord(h: HiddenInputs, confidentialPrompt?: { salt: Uint8Array }): HiddenRecord {
  const rec: Record<string, unknown> = {};
  if (h.preprocessing) rec.preprocessing = JSON.parse(JSON.stringify(h.preprocessing));
  if (h.systemPrompt !== undefined) {
    if (confidentialPrompt) {
      const p = enc.encode(h.systemPrompt);
      const buf = new Uint8Array(confidentialPrompt.salt.length + p.length);
      buf.set(confidentialPrompt.salt, 0);
      buf.set(p, confidentialPrompt.salt.length);
      rec.systemPrompt = { commitment: toHex(sha256(buf)) };
    } else rec.systemPrompt = { open: h.systemPrompt };
  }
  if (h.vocabulary) rec.vocabulary = [...h.vocabulary];
  if (h.decoding) rec.decoding = JSON.parse(JSON.stringify(h.decoding));
  return rec as HiddenRecord;
}

function bindingBytes(w: WeightBinding): Uint8Array {
  if (w.kind === 'poseidon2-salted') {
    if (w.digest.length !== 8) throw new ModelCardError(`weight digest: expected 8 field elements, got ${w.digest.length}`);
    const out = new Uint8Array(1 + 4 + 32);
    const dv = new DataView(out.buffer);
    out[0] = WEIGHT_DIGEST_V2_TAG;
    dv.setUint32(1, w.lanes, true);
    w.digest.forEach((x, i) => dv.setUint32(5 + 4 * i, x, true));
    return out;
  }
  const h = hexToBytes(w.hash, 'weights.hash');
  const out = new Uint8Array(33);
  out[0] = 2;
  out.set(h, 1);
  return out;
}

function hexToBytes(h: string, field: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(h)) throw new ModelCardError(`${field}: expected 64 lowercase hex digits, got ${JSON.stringify(h).slice(0, 80)}`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The hashes a model id is made of, recomputed from card content. */
export function modelIdParts(card: Omit<ModelCard, 'modelId'>): { graphHash: Uint8Array; settingsHash: Uint8Array; hiddenHash: Uint8Array; binding: Uint8Array } {
  return {
    graphHash: domainHash('vouch/graph/v1', canonicalBytes(card.graph)),
    settingsHash: domainHash('vouch/settings/v1', canonicalBytes(card.settings)),
    hiddenHash: domainHash('vouch/hidden/v1', canonicalBytes(card.hidden as Json)),
    binding: bindingBytes(card.weights),
  };
}

/** Computes the model id (hex) of card content. */
export function computeModelId(card: Omit<ModelCard, 'modelId'>): string {
  const { graphHash, settingsHash, hiddenHash, binding } = modelIdParts(card);
  const head = enc.encode('vouch/model-id/v1');
  const body = new Uint8Array(head.length + 1 + 4 + 1 + 32 + 32 + binding.length + 32);
  let o = 0;
  body.set(head, o);
  o += head.length + 1;
  new DataView(body.buffer).setUint32(o, card.protocolVersion, true);
  o += 4;
  body[o++] = card.mode === 'private' ? 0 : 1;
  body.set(graphHash, o);
  o += 32;
  body.set(settingsHash, o);
  o += 32;
  body.set(binding, o);
  o += binding.length;
  body.set(hiddenHash, o);
  return toHex(sha256(body));
}

/**
 * Recomputes the id from a card and checks it against the stated one (and, in open mode, the
 * open weights against their hash). Returns the verifier's view of the model.
 * @throws ModelCardError when the id or the weight hash does not match; MalformedError on a malformed graph.
 */
export function modelIdFromCard(card: ModelCard): { modelId: string; graph: IntGraph; publicParams: IntParams } {
  if (card.format !== 'vouch-model-card' || card.cardVersion !== 1) {
    throw new ModelCardError(`expected a vouch-model-card of version 1, got ${String(card.format)} v${String(card.cardVersion)}`);
  }
  if (card.mode !== 'private' && card.mode !== 'open') throw new ModelCardError(`mode: expected private or open, got ${String(card.mode)}`);
  if (card.mode === 'private' && card.weights.kind !== 'poseidon2-salted') throw new ModelCardError('private mode needs a poseidon2-salted weight binding');
  if (card.mode === 'open' && card.weights.kind !== 'sha256-open') throw new ModelCardError('open mode needs a sha256-open weight binding');
  const id = computeModelId(card);
  if (id !== card.modelId) throw new ModelCardError('the card does not hash to its model id', `stated ${card.modelId}, recomputed ${id}`);
  const { graph, publicParams } = graphFromPublicJson(card.graph);
  if (card.mode === 'open') {
    if (typeof card.openWeights !== 'string') throw new ModelCardError('open mode: the card must carry the open weights');
    const bytes = Uint8Array.from(atob(card.openWeights), (c) => c.charCodeAt(0));
    const h = toHex(domainHash('vouch/open-weights/v1', bytes));
    if (card.weights.kind !== 'sha256-open' || h !== card.weights.hash) throw new ModelCardError('open weights do not match their hash in the model id');
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { name: string; shape: number[]; dtype: 'int8' | 'int16' | 'int32'; data: string }[];
    const params = new Map(publicParams);
    for (const w of parsed) {
      const raw = Uint8Array.from(atob(w.data), (c) => c.charCodeAt(0));
      const dv = new DataView(raw.buffer);
      const n = raw.length / 4;
      const arr = w.dtype === 'int8' ? new Int8Array(n) : new Int32Array(n);
      for (let i = 0; i < n; i++) arr[i] = dv.getInt32(4 * i, true);
      params.set(w.name, { shape: w.shape, dtype: w.dtype, data: arr });
    }
    return { modelId: id, graph, publicParams: params };
  }
  return { modelId: id, graph, publicParams };
}

/** Inputs of {@link buildModelCard}. */
export interface BuildCardInput {
  readonly pkg: ModelPackage;
  readonly mode: BindingMode;
  /** Private mode: the salted Poseidon2 digest of the private weight vector and its lane count. */
  readonly digest?: { readonly lanes: number; readonly digest: ArrayLike<number> };
  /** A confidential system prompt's salt (the prompt is then committed, not published). */
  readonly promptSalt?: Uint8Array;
}

/** Builds the card (and its id) of a package. */
export function buildModelCard(input: BuildCardInput): ModelCard {
  const { pkg, mode } = input;
  const graph = publicGraphJson(pkg.graph, pkg.params);
  let weights: WeightBinding;
  let openWeights: string | undefined;
  if (mode === 'private') {
    if (!input.digest) throw new RangeError('buildModelCard: private mode needs the weight digest');
    weights = { kind: 'poseidon2-salted', lanes: input.digest.lanes, digest: Array.from(input.digest.digest) };
  } else {
    const bytes = openWeightBytes(pkg.graph, pkg.params);
    weights = { kind: 'sha256-open', hash: toHex(domainHash('vouch/open-weights/v1', bytes)) };
    openWeights = bytesToBase64(bytes);
  }
  const privateParameters = [...pkg.graph.params.values()].filter((s) => s.visibility === 'private').reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1), 0);
  const body = {
    format: 'vouch-model-card' as const,
    cardVersion: 1 as const,
    protocolVersion: PROTOCOL_VERSION,
    mode,
    graph,
    settings: settingsJson(pkg.settings),
    weights,
    ...(openWeights ? { openWeights } : {}),
    hidden: hiddenRecord(pkg.hidden, input.promptSalt ? { salt: input.promptSalt } : undefined),
    summary: { name: pkg.graph.name, nodes: pkg.graph.nodes.length, ops: [...new Set(pkg.graph.nodes.map((n) => n.op))], privateParameters },
  };
  return { ...body, modelId: computeModelId(body) };
}
