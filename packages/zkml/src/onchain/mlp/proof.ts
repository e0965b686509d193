/**
 * Proof bytes of an MLP statement (docs/parts/onchain.md §12):
 *
 *   u8 version = 1
 *   for each layer k: rows_k × u32 acc         the accumulators (canonical base elements)
 *   for each layer k: cb_k × (ext s(0) ‖ ext s(1) ‖ ext s(2)) ‖ ext wEval_k
 *   BaseFold opening proof (docs/parts/basefold.md §3), to the end
 *
 * Every count comes from the key, never from the proof.
 */
import { ByteReader, ByteWriter, MalformedError, log2Ceil, type Ext } from '@vouch/core';
import type { MlpVk } from './vk.ts';

/** Version byte of the proof format. */
export const MLP_PROOF_VERSION = 1;

/** A parsed MLP proof. */
export interface MlpProof {
  /** Per layer, rows_k canonical base elements. */
  readonly acc: readonly Uint32Array[];
  /** Per layer, cb_k round messages of 3 ext values. */
  readonly rounds: readonly (readonly Uint32Array[])[];
  /** Per layer, the prover's W~_k(s_k ‖ r_k). */
  readonly wEval: readonly Ext[];
  readonly basefold: Uint8Array;
}

/** Serializes a proof. */
export function encodeMlpProof(p: MlpProof): Uint8Array {
  const w = new ByteWriter(4096 + p.basefold.length);
  w.u8(MLP_PROOF_VERSION);
  for (const a of p.acc) for (const v of a) w.base(v);
  p.rounds.forEach((layer, k) => {
    for (const m of layer) {
      if (m.length !== 12) throw new RangeError(`encodeMlpProof: expected rounds of 3 ext values, got ${m.length / 4}`);
      for (let i = 0; i < 3; i++) w.ext(m, i);
    }
    w.ext(p.wEval[k]);
  });
  return w.raw(p.basefold).finish();
}

/**
 * Parses a proof for `vk`; the BaseFold bytes are the rest (checked by `basefoldVerify`).
 * @throws MalformedError `mlp.proof.version`, truncation or a non-canonical element (field named).
 */
export function decodeMlpProof(bytes: Uint8Array, vk: MlpVk): MlpProof {
  if (!(bytes instanceof Uint8Array)) throw new MalformedError('mlp.proof', `expected bytes, got ${typeof bytes}`);
  const rd = new ByteReader(bytes);
  const version = rd.u8('mlp.proof.version');
  if (version !== MLP_PROOF_VERSION) throw new MalformedError('mlp.proof.version', `expected ${MLP_PROOF_VERSION}, got ${version}`, 0);
  const acc = vk.layers.map((l, k) => {
    const a = new Uint32Array(l.rows);
    for (let i = 0; i < l.rows; i++) a[i] = rd.base(`mlp.proof.acc[${k}]`);
    return a;
  });
  const rounds: Uint32Array[][] = [];
  const wEval: Ext[] = [];
  vk.layers.forEach((l, k) => {
    const layer: Uint32Array[] = [];
    for (let j = 0; j < log2Ceil(l.cols); j++) {
      const m = new Uint32Array(12);
      for (let i = 0; i < 3; i++) m.set(rd.ext(`mlp.proof.rounds[${k}][${j}]`), 4 * i);
      layer.push(m);
    }
    rounds.push(layer);
    wEval.push(rd.ext(`mlp.proof.wEval[${k}]`));
  });
  return { acc, rounds, wEval, basefold: bytes.subarray(rd.offset) };
}
