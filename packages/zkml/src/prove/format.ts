/**
 * The byte format of an inference proof (docs/parts/inference.md §Format), strict and versioned:
 *
 *   u8     version = 2 (INFERENCE_PROOF_VERSION)
 *   u32    rowWidth ℓ
 *   u32    batch B
 *   32 B   root (the Ligero commitment)
 *   u32    node count, then per node: u32 message count, then per message an extVec
 *   u32    lookup count, then per lookup: u32 vector count, then per vector an extVec
 *   bytes  ligero (u32 length, then core ligero/proof.ts's format)
 *
 * (extVec = u32 count of ext elements, then 4·count canonical u32 LE coordinates.) The parser checks
 * structure, canonical elements, truncation and trailing bytes (MalformedError naming the section);
 * the exact message lengths depend on the graph and are checked by `verifyInference`.
 */
import { ByteReader, ByteWriter, MalformedError } from '@vouch/core';
import type { InferenceProof } from './types.ts';

/**
 * Protocol version of inference proofs: absorbed first into the transcript (`inference/version`, by
 * graph.ts absorbStatement) and written as the format's version byte. 2 since the statement gained
 * `inference/graph` (audit O4) and the Ligero transcript its parameter record, with the Ligero proof
 * format v2 inside (audit O3); version-1 proofs are refused by the parser (`inference.version`).
 */
export const INFERENCE_PROOF_VERSION = 2;

/** Format version byte (= {@link INFERENCE_PROOF_VERSION}). */
export const INFERENCE_FORMAT_VERSION = INFERENCE_PROOF_VERSION;

/** Largest count of any list (nodes, messages, lookups, vectors). */
const MAX_COUNT = 1 << 16;
/** Largest ext vector (elements) of one message. */
const MAX_EXT = 1 << 16;

/** Serializes a proof. */
export function serializeInferenceProof(proof: InferenceProof): Uint8Array {
  const w = new ByteWriter(proof.ligero.length + 4096);
  w.u8(INFERENCE_FORMAT_VERSION);
  w.u32(proof.rowWidth);
  w.u32(proof.batch);
  w.digest(proof.root);
  w.u32(proof.ops.length);
  for (const op of proof.ops) {
    w.u32(op.length);
    for (const m of op) w.extVec(m);
  }
  w.u32(proof.lookups.length);
  for (const lk of proof.lookups) {
    w.u32(lk.length);
    for (const v of lk) w.extVec(v);
  }
  w.bytes(proof.ligero);
  return w.finish();
}

/**
 * Parses a proof.
 * @throws MalformedError naming the section (`inference.version`, `inference.ops[3][1]`, …).
 */
export function parseInferenceProof(bytes: Uint8Array): InferenceProof {
  if (!(bytes instanceof Uint8Array)) throw new MalformedError('inference', `expected bytes, got ${typeof bytes}`);
  const r = new ByteReader(bytes);
  const at = r.offset;
  const version = r.u8('inference.version');
  if (version !== INFERENCE_FORMAT_VERSION) throw new MalformedError('inference.version', `expected ${INFERENCE_FORMAT_VERSION}, got ${version}`, at);
  const rowWidth = r.u32('inference.rowWidth', 1 << 20);
  if (rowWidth < 2 || (rowWidth & (rowWidth - 1)) !== 0) throw new MalformedError('inference.rowWidth', `expected a power of two ≥ 2, got ${rowWidth}`);
  const batch = r.u32('inference.batch', 1 << 24);
  if (batch < 1) throw new MalformedError('inference.batch', 'expected ≥ 1, got 0');
  const root = r.digest('inference.root');
  const nOps = r.u32('inference.ops', MAX_COUNT);
  const ops: Uint32Array[][] = [];
  for (let i = 0; i < nOps; i++) {
    const n = r.u32(`inference.ops[${i}]`, MAX_COUNT);
    const msgs: Uint32Array[] = [];
    for (let j = 0; j < n; j++) msgs.push(r.extVec(`inference.ops[${i}][${j}]`, MAX_EXT));
    ops.push(msgs);
  }
  const nLk = r.u32('inference.lookups', MAX_COUNT);
  const lookups: Uint32Array[][] = [];
  for (let i = 0; i < nLk; i++) {
    const n = r.u32(`inference.lookups[${i}]`, MAX_COUNT);
    const vs: Uint32Array[] = [];
    for (let j = 0; j < n; j++) vs.push(r.extVec(`inference.lookups[${i}][${j}]`, MAX_EXT));
    lookups.push(vs);
  }
  const ligero = r.bytes('inference.ligero', bytes.length);
  r.finish('inference (trailing bytes)');
  return { rowWidth, batch, root, ops, lookups, ligero };
}
