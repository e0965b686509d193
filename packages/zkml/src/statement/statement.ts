/**
 * The public statement of an inference proof and its canonical bytes.
 *
 * A statement says: model `modelId` (protocol `version`), on these quantized `inputs` (a batch),
 * produced these `outputs`, for `requester` (the party the result is for — an Ethereum address or
 * any public-key bytes, so a proof cannot be replayed for someone else), with the requester's
 * `nonce` (freshness; for generative models the decoding seed is derived from it, never chosen by
 * the host). The proof's transcript absorbs these bytes before anything else.
 *
 * Encoding (all integers little-endian):
 *   "VSTM" ‖ u32 version ‖ modelId[32] ‖ u32 |requester| ‖ requester ‖ nonce[32]
 *   ‖ u32 batch ‖ u32 |inputs[b]| ‖ i32… ‖ (per sample) ‖ u32 |outputs[b]| ‖ i32… ‖ (per sample)
 *   [ ‖ "VGEN" ‖ u32 generationVersion (1) ‖ u32 promptLength ]     (generation statements only)
 * A generation statement (prove/generate.ts) has one sample per generated token: inputs[i] is the
 * model input of step i, outputs[i] = [token_i]; the trailer gives the prompt length P (the prompt
 * is inputs[0][0..P)). Statements without the trailer encode exactly as before.
 */
import { ByteReader, ByteWriter, MalformedError, sha256, Sha256Transcript, type Transcript } from '@vouch/core';
import { PROTOCOL_VERSION } from '../commit/model-id.ts';

/** Magic bytes of an encoded statement. */
export const STATEMENT_MAGIC = new TextEncoder().encode('VSTM');
/** Largest batch a statement may carry. */
export const MAX_BATCH = 1 << 16;
/** Largest tensor (elements) per sample. */
export const MAX_SAMPLE = 1 << 24;
/** Magic of the generation trailer. */
export const GENERATION_MAGIC = new TextEncoder().encode('VGEN');
/** Version of the generation trailer (and of the generation proof's semantics). */
export const GENERATION_VERSION = 1;

/** What makes a statement a generation statement: outputs are sampled tokens, not model outputs. */
export interface GenerationInfo {
  /** Prompt tokens at the start of inputs[0] (system prompt included), 1 ≤ P ≤ |inputs[0]|. */
  readonly promptLength: number;
}

/** An inference statement. */
export interface Statement {
  readonly version: number;
  /** 32 bytes. */
  readonly modelId: Uint8Array;
  /** 1–64 bytes (e.g. a 20-byte Ethereum address). */
  readonly requester: Uint8Array;
  /** 32 bytes chosen by the requester. */
  readonly nonce: Uint8Array;
  /** Quantized inputs, one per batch sample. */
  readonly inputs: readonly Int32Array[];
  /** Integer outputs, one per batch sample. */
  readonly outputs: readonly Int32Array[];
  /** Present on generation statements only. */
  readonly generation?: GenerationInfo;
}

function i32s(w: ByteWriter, xs: Int32Array): void {
  w.u32(xs.length);
  const b = new Uint8Array(4 * xs.length);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < xs.length; i++) dv.setInt32(4 * i, xs[i], true);
  w.raw(b);
}

/** Canonical bytes of a statement. @throws RangeError on wrong field sizes. */
export function encodeStatement(s: Statement): Uint8Array {
  if (s.modelId.length !== 32) throw new RangeError(`statement: expected a 32-byte model id, got ${s.modelId.length} bytes`);
  if (s.nonce.length !== 32) throw new RangeError(`statement: expected a 32-byte nonce, got ${s.nonce.length} bytes`);
  if (s.requester.length < 1 || s.requester.length > 64) throw new RangeError(`statement: expected a requester of 1–64 bytes, got ${s.requester.length}`);
  if (s.inputs.length !== s.outputs.length || s.inputs.length < 1 || s.inputs.length > MAX_BATCH) {
    throw new RangeError(`statement: expected 1–${MAX_BATCH} samples with one output each, got ${s.inputs.length} inputs and ${s.outputs.length} outputs`);
  }
  const w = new ByteWriter();
  w.raw(STATEMENT_MAGIC);
  w.u32(s.version);
  w.raw(s.modelId);
  w.bytes(s.requester);
  w.raw(s.nonce);
  w.u32(s.inputs.length);
  for (let b = 0; b < s.inputs.length; b++) {
    i32s(w, s.inputs[b]);
    i32s(w, s.outputs[b]);
  }
  if (s.generation) {
    const p = s.generation.promptLength;
    if (!Number.isInteger(p) || p < 1 || p > s.inputs[0].length) throw new RangeError(`statement: expected a prompt length in [1, ${s.inputs[0].length}], got ${p}`);
    w.raw(GENERATION_MAGIC);
    w.u32(GENERATION_VERSION);
    w.u32(p);
  }
  return w.finish();
}

function readI32s(r: ByteReader, field: string): Int32Array {
  const n = r.u32(`${field}.length`);
  if (n > MAX_SAMPLE) throw new MalformedError(field, `expected at most ${MAX_SAMPLE} values, got ${n}`, r.offset);
  const b = r.raw(field, 4 * n);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getInt32(4 * i, true);
  return out;
}

/** Parses {@link encodeStatement}'s bytes strictly. @throws MalformedError naming the field. */
export function decodeStatement(bytes: Uint8Array): Statement {
  const r = new ByteReader(bytes);
  const magic = r.raw('statement.magic', 4);
  if (!magic.every((x, i) => x === STATEMENT_MAGIC[i])) throw new MalformedError('statement.magic', 'expected "VSTM"', 0);
  const version = r.u32('statement.version');
  if (version !== PROTOCOL_VERSION) throw new MalformedError('statement.version', `expected ${PROTOCOL_VERSION}, got ${version}`, 4);
  const modelId = r.raw('statement.modelId', 32);
  const requester = r.bytes('statement.requester', 64);
  if (requester.length < 1) throw new MalformedError('statement.requester', 'expected 1–64 bytes, got 0', r.offset);
  const nonce = r.raw('statement.nonce', 32);
  const batch = r.u32('statement.batch');
  if (batch < 1 || batch > MAX_BATCH) throw new MalformedError('statement.batch', `expected 1–${MAX_BATCH}, got ${batch}`, r.offset);
  const inputs: Int32Array[] = [];
  const outputs: Int32Array[] = [];
  for (let b = 0; b < batch; b++) {
    inputs.push(readI32s(r, `statement.inputs[${b}]`));
    outputs.push(readI32s(r, `statement.outputs[${b}]`));
  }
  let generation: GenerationInfo | undefined;
  if (r.remaining > 0) {
    const at = r.offset;
    const magic = r.raw('statement.generation.magic', 4);
    if (!magic.every((x, i) => x === GENERATION_MAGIC[i])) throw new MalformedError('statement.generation.magic', 'expected "VGEN" or the end of the statement', at);
    const gv = r.u32('statement.generation.version');
    if (gv !== GENERATION_VERSION) throw new MalformedError('statement.generation.version', `expected ${GENERATION_VERSION}, got ${gv}`, at + 4);
    const promptLength = r.u32('statement.generation.promptLength');
    if (promptLength < 1 || promptLength > inputs[0].length) throw new MalformedError('statement.generation.promptLength', `expected [1, ${inputs[0].length}], got ${promptLength}`, at + 8);
    generation = { promptLength };
  }
  r.finish('statement');
  const st = { version, modelId: modelId.slice(), requester: requester.slice(), nonce: nonce.slice(), inputs, outputs };
  return generation ? { ...st, generation } : st;
}

/** SHA-256("vouch/statement/v1" ‖ 0x00 ‖ encoding): the id under which a verified statement is recorded. */
export function statementHash(s: Statement | Uint8Array): Uint8Array {
  const body = s instanceof Uint8Array ? s : encodeStatement(s);
  const d = new TextEncoder().encode('vouch/statement/v1');
  const buf = new Uint8Array(d.length + 1 + body.length);
  buf.set(d, 0);
  buf.set(body, d.length + 1);
  return sha256(buf);
}

/** The transcript of an inference proof: domain `vouch/inference`, the protocol version, then the statement. */
export function statementTranscript(s: Statement): Transcript {
  const t = new Sha256Transcript('vouch/inference', PROTOCOL_VERSION);
  t.absorbBytes('statement', encodeStatement(s));
  return t;
}
