/**
 * verifyGeneration: checks a generation proof file against a model card and returns the generated
 * tokens. Runs anywhere (no Node module). Checks, in order: the statement is a generation statement
 * (`statement.kind`), for the card's model (`statement.model-id`), for the expected requester and
 * nonce when given; the card's decoding is supported and its system prompt open
 * (`generation.unsupported`, `generation.system-prompt`), the prompt starts with the system prompt;
 * then the proof (zkml verifyGeneration: step inputs rebuilt from the prompt and tokens, seeds from
 * the nonce, every pass and sampling step).
 */
import { MalformedError, VerificationError } from '@vouch/core';
import {
  GenerationUnsupportedError,
  LocatedMalformedError,
  LocatedRangeError,
  decodeProofFile,
  decodingOf,
  modelIdFromCard,
  parseInferenceProof,
  statementHash,
  statementTranscript,
  verifyGeneration as verifyGenerationProof,
  type ModelCard,
  type Statement,
} from '@vouch/zkml';
import { bytesToHex, hexToBytes } from './hex.ts';
import { detokenize, tokenize } from './tokens.ts';
import type { RejectReason, VerifyOptions } from './verify.ts';

/** A generation verification result. */
export type GenerationVerifyResult =
  | {
      readonly valid: true;
      readonly modelId: string;
      readonly statement: Statement;
      readonly statementHash: string;
      /** The proven prompt (system prompt tokens first). */
      readonly promptTokens: Int32Array;
      readonly tokens: Int32Array;
      /** The tokens as text when the card has a vocabulary. */
      readonly text: string | undefined;
      readonly verifyMs: number;
    }
  | { readonly valid: false; readonly reason: RejectReason; readonly verifyMs: number };

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Verifies a generation proof file.
 * @throws MalformedError for bytes that are not a proof file; ModelCardError for a card that does not hash to its id.
 * @example
 * const r = verifyGeneration(card, proofFile, { requester: '0xabc…', nonce });
 * if (r.valid) console.log(r.text);
 */
export function verifyGeneration(card: ModelCard, proofFile: Uint8Array, opts: VerifyOptions = {}): GenerationVerifyResult {
  const t0 = performance.now();
  const done = (reason: RejectReason): GenerationVerifyResult => ({ valid: false, reason, verifyMs: performance.now() - t0 });
  const { modelId, graph, publicParams } = modelIdFromCard(card);
  const file = decodeProofFile(proofFile);
  const st = file.statement;
  if (!st.generation) return done({ check: 'statement.kind', message: 'not a generation statement (use verify for inference proofs)' });
  if (bytesToHex(st.modelId) !== modelId) return done({ check: 'statement.model-id', message: `the proof is for model ${bytesToHex(st.modelId)}, not ${modelId}` });
  if (opts.requester !== undefined) {
    const want = typeof opts.requester === 'string' ? hexToBytes(opts.requester, 'requester') : opts.requester;
    if (!same(want, st.requester)) return done({ check: 'statement.requester', message: `the proof is for requester 0x${bytesToHex(st.requester)}, not 0x${bytesToHex(want)}` });
  }
  if (opts.nonce !== undefined) {
    const want = typeof opts.nonce === 'string' ? hexToBytes(opts.nonce, 'nonce') : opts.nonce;
    if (!same(want, st.nonce)) return done({ check: 'statement.nonce', message: 'the proof answers another request (nonce differs)' });
  }
  const vocab = card.hidden.vocabulary;
  const P = st.generation.promptLength;
  const prompt = st.inputs[0].slice(0, P);
  const sys = card.hidden.systemPrompt;
  if (sys && 'commitment' in sys) return done({ check: 'generation.system-prompt', message: 'the card commits to a confidential system prompt: generation proofs would reveal it, so none is accepted' });
  if (sys && 'open' in sys) {
    let ids: Int32Array;
    try {
      if (!vocab) throw new RangeError('the card has a system prompt but no vocabulary');
      ids = tokenize(vocab, sys.open);
    } catch (e) {
      return done({ check: 'generation.system-prompt', message: (e as Error).message });
    }
    if (ids.length > P || ids.some((v, i) => v !== prompt[i])) return done({ check: 'generation.system-prompt', message: "the proven prompt does not start with the card's system prompt" });
  }
  const tokens = Int32Array.from(st.outputs.map((o) => (o.length === 1 ? o[0] : -1)));
  try {
    const settings = card.settings as { outputScales?: number[] };
    const decoding = decodingOf(card.hidden.decoding as Record<string, unknown> | undefined, settings.outputScales?.[0] ?? NaN);
    verifyGenerationProof({
      graph,
      publicParams,
      mode: card.mode,
      weightDigest: card.weights.kind === 'poseidon2-salted' ? Uint32Array.from(card.weights.digest) : undefined,
      lanes: card.weights.kind === 'poseidon2-salted' ? card.weights.lanes : undefined,
      inputs: st.inputs,
      tokens,
      promptLength: P,
      nonce: st.nonce,
      decoding,
      transcript: statementTranscript(st),
      proof: parseInferenceProof(file.proof),
    });
  } catch (e) {
    if (e instanceof GenerationUnsupportedError) return done({ check: 'generation.unsupported', message: e.shortMessage });
    if (e instanceof VerificationError) return done({ check: e.check, location: e.location, message: e.shortMessage });
    if (e instanceof MalformedError) return done({ check: `malformed.${e.field}`, ...(e instanceof LocatedMalformedError && e.location ? { location: e.location } : {}), message: e.shortMessage });
    if (e instanceof LocatedRangeError) return done({ check: e.check, location: e.location, message: e.message });
    if (e instanceof RangeError) return done({ check: 'statement.shape', message: e.message });
    throw e;
  }
  return { valid: true, modelId, statement: st, statementHash: bytesToHex(statementHash(file.statementBytes)), promptTokens: prompt, tokens, text: vocab ? detokenize(vocab, tokens) : undefined, verifyMs: performance.now() - t0 };
}
