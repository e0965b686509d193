/**
 * verify: checks a proof file against a model card. Runs anywhere (Node, browsers): it imports no
 * Node module, no ONNX code and no training code.
 *
 * Returns a typed result: valid (with the statement's outputs and the requester), or invalid with
 * the failing check, where it failed and why. `location` names the node (`node <name> (<op>)`)
 * whenever one node explains the failure: a statement value out of its range, an open-mode
 * parameter, a node's proof section (parsing or message shape), a check a node's sub-protocol
 * makes in the clear. A failed Ligero test has no node: it combines every constraint with random
 * coefficients (docs/protocol.md, "Rejection reasons"). Throws only for input that is not a card
 * or not a proof file (MalformedError, ModelCardError); an inference proof inside a proof file that
 * does not parse — an old proof version included — is a rejection (`malformed.<field>`).
 */
import { VerificationError, MalformedError } from '@vouch/core';
import {
  LocatedMalformedError,
  LocatedRangeError,
  decodeProofFile,
  modelIdFromCard,
  parseInferenceProof,
  sectionLocation,
  statementHash,
  statementTranscript,
  verifyInference,
  type ModelCard,
  type Statement,
} from '@vouch/zkml';
import { bytesToHex, hexToBytes } from './hex.ts';

/** Why a proof was rejected. */
export interface RejectReason {
  /** Stable id of the failed check, e.g. `statement.model-id`, `ligero.linear-sum`, `merkle.path`. */
  readonly check: string;
  /** Where: `node <name> (<op>)` when one node explains the failure, else a round, a column — when known. */
  readonly location?: string;
  readonly message: string;
}

/** A verification result. */
export type VerifyResult =
  | {
      readonly valid: true;
      readonly modelId: string;
      readonly statement: Statement;
      /** Hex SHA-256 of the statement (the id of the verified fact). */
      readonly statementHash: string;
      readonly outputs: readonly Int32Array[];
      /** Index of the largest output of each sample (classification). */
      readonly predictions: readonly number[];
      readonly verifyMs: number;
    }
  | { readonly valid: false; readonly reason: RejectReason; readonly verifyMs: number };

/** Options of {@link verify}. */
export interface VerifyOptions {
  /** Reject unless the statement names this requester (hex or bytes). */
  readonly requester?: string | Uint8Array;
  /** Reject unless the statement's nonce is this one. */
  readonly nonce?: string | Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function argmax(y: Int32Array): number {
  let k = 0;
  for (let i = 1; i < y.length; i++) if (y[i] > y[k]) k = i;
  return k;
}

/**
 * Verifies a proof file for a model card.
 * @throws MalformedError for bytes that are not a proof file; ModelCardError for a card that does not hash to its id.
 * @example
 * const r = verify(card, proofFile, { requester: '0xabc…' });
 * if (!r.valid) console.log(r.reason.check, r.reason.message);
 */
export function verify(card: ModelCard, proofFile: Uint8Array, opts: VerifyOptions = {}): VerifyResult {
  const t0 = performance.now();
  const done = (reason: RejectReason): VerifyResult => ({ valid: false, reason, verifyMs: performance.now() - t0 });
  const { modelId, graph, publicParams } = modelIdFromCard(card);
  const file = decodeProofFile(proofFile);
  const st = file.statement;
  if (st.generation) return done({ check: 'statement.kind', message: 'a generation statement: verify it with verifyGeneration' });
  if (bytesToHex(st.modelId) !== modelId) return done({ check: 'statement.model-id', message: `the proof is for model ${bytesToHex(st.modelId)}, not ${modelId}` });
  if (opts.requester !== undefined) {
    const want = typeof opts.requester === 'string' ? hexToBytes(opts.requester, 'requester') : opts.requester;
    if (!sameBytes(want, st.requester)) return done({ check: 'statement.requester', message: `the proof is for requester 0x${bytesToHex(st.requester)}, not 0x${bytesToHex(want)}` });
  }
  if (opts.nonce !== undefined) {
    const want = typeof opts.nonce === 'string' ? hexToBytes(opts.nonce, 'nonce') : opts.nonce;
    if (!sameBytes(want, st.nonce)) return done({ check: 'statement.nonce', message: 'the proof answers another request (nonce differs)' });
  }
  try {
    const proof = parseInferenceProof(file.proof);
    verifyInference({
      graph,
      publicParams,
      inputs: st.inputs,
      outputs: st.outputs,
      mode: card.mode,
      weightDigest: card.weights.kind === 'poseidon2-salted' ? Uint32Array.from(card.weights.digest) : undefined,
      lanes: card.weights.kind === 'poseidon2-salted' ? card.weights.lanes : undefined,
      transcript: statementTranscript(st),
      proof,
    });
  } catch (e) {
    if (e instanceof VerificationError) return done({ check: e.check, location: e.location, message: e.shortMessage });
    if (e instanceof MalformedError) {
      const location = e instanceof LocatedMalformedError ? e.location : sectionLocation(graph, e.field);
      return done({ check: `malformed.${e.field}`, ...(location ? { location } : {}), message: e.shortMessage });
    }
    if (e instanceof LocatedRangeError) return done({ check: e.check, location: e.location, message: e.message });
    if (e instanceof RangeError) return done({ check: 'statement.shape', message: e.message });
    throw e;
  }
  return {
    valid: true,
    modelId,
    statement: st,
    statementHash: bytesToHex(statementHash(file.statementBytes)),
    outputs: st.outputs,
    predictions: st.outputs.map(argmax),
    verifyMs: performance.now() - t0,
  };
}

export { verifyGeneration, type GenerationVerifyResult } from './verify-generation.ts';
export { tokenize, detokenize } from './tokens.ts';
export {
  MLP_STATEMENT_FILE_FORMAT,
  checkMlpStatement,
  decodeMlpStatementFile,
  type HexString,
  type MlpCheckResult,
  type MlpStatement,
} from './mlp-statement.ts';
