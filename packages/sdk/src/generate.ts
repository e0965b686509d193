/**
 * generate: run a committed causal language model for k tokens and prove, in zero knowledge and in
 * ONE proof, every forward pass and every sampling step (docs/parts/inference-transformer.md,
 * "Decoding"). The decoding settings come from the package (bound in the model id); the seed of
 * each step derives from the requester's nonce (never from the host); the statement names the
 * requester, the prompt (system prompt included) and the generated tokens.
 */
import { VouchError } from '@vouch/core';
import {
  GenerationUnsupportedError,
  PROTOCOL_VERSION,
  decodingOf,
  encodeProofFile,
  proveGeneration,
  runGeneration,
  serializeInferenceProof,
  statementTranscript,
  type ModelPackage,
  type Statement,
} from '@vouch/zkml';
import { hexToBytes } from './hex.ts';
import type { ModelSecrets } from './secrets.ts';
import { detokenize, tokenize } from './tokens.ts';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** How many tokens to generate (k ≥ 1): k forward passes, one proof. */
  readonly tokens: number;
  /** The party the result is for: 20-byte Ethereum address (hex) or 1–64 bytes. */
  readonly requester: string | Uint8Array;
  /** 32 bytes chosen by the requester (hex or bytes): the sampling seeds derive from it; fresh random when absent. */
  readonly nonce?: string | Uint8Array;
  readonly onProgress?: (stage: string, fraction: number) => void;
}

/** Result of {@link generate}. */
export interface GenerateResult {
  readonly statement: Statement;
  /** The proof file (statement with its generation trailer + proof). */
  readonly proofFile: Uint8Array;
  /** The prompt as proven: system prompt tokens, then the user's. */
  readonly promptTokens: Int32Array;
  readonly tokens: Int32Array;
  /** The generated tokens as text (packages with a vocabulary). */
  readonly text: string | undefined;
  readonly proveMs: number;
}

function toBytes(x: string | Uint8Array, field: string, len?: number): Uint8Array {
  const b = typeof x === 'string' ? hexToBytes(x, field) : x;
  if (len !== undefined && b.length !== len) throw new RangeError(`${field}: expected ${len} bytes, got ${b.length}`);
  return b;
}

/**
 * The prompt tokens of a package: its open system prompt's tokens, then the user's prompt.
 * @throws GenerationUnsupportedError for a text prompt without a vocabulary; RangeError for text the vocabulary cannot spell.
 */
export function promptTokens(pkg: Pick<ModelPackage, 'hidden'>, prompt: string | ArrayLike<number>): Int32Array {
  const vocab = pkg.hidden.vocabulary;
  const text = (s: string) => {
    if (!vocab) throw new GenerationUnsupportedError('a text prompt (or system prompt) needs the package vocabulary (hidden.vocabulary); pass token ids instead');
    return tokenize(vocab, s);
  };
  const sys = pkg.hidden.systemPrompt !== undefined ? text(pkg.hidden.systemPrompt) : new Int32Array(0);
  const user = typeof prompt === 'string' ? text(prompt) : Int32Array.from(prompt);
  return Int32Array.from([...sys, ...user]);
}

/**
 * Generates `opts.tokens` tokens after `prompt` and proves the whole generation.
 * @throws GenerationUnsupportedError (graph that cannot generate, decoding other than greedy or
 *   temperature, confidential system prompt: every step input is public, so it would be revealed);
 *   VouchError('PROVER_MISMATCH') if the prover's tokens differ from the executor's; RangeError on bad options.
 * @example
 * const r = generate(pkg, secrets, 'Call me ', { tokens: 8, requester: '0xabc…', nonce });
 * console.log(r.text);
 */
export function generate(pkg: ModelPackage, secrets: ModelSecrets, prompt: string | ArrayLike<number>, opts: GenerateOptions): GenerateResult {
  const t0 = performance.now();
  if (secrets.promptSalt !== undefined) throw new GenerationUnsupportedError('the system prompt is confidential (a salted commitment in the card): generation makes every step input public and would reveal it; commit the model with an open system prompt');
  if (!Number.isInteger(opts.tokens) || opts.tokens < 1) throw new RangeError(`generate: expected tokens ≥ 1, got ${opts.tokens}`);
  const decoding = decodingOf(pkg.hidden.decoding, pkg.settings.outputScales[0]);
  const full = promptTokens(pkg, prompt);
  const nonce = opts.nonce === undefined ? globalThis.crypto.getRandomValues(new Uint8Array(32)) : toBytes(opts.nonce, 'nonce', 32);
  opts.onProgress?.('execute', 0);
  const run = runGeneration(pkg.graph, pkg.params, full, opts.tokens, decoding, nonce);
  const statement: Statement = {
    version: PROTOCOL_VERSION,
    modelId: hexToBytes(secrets.modelId, 'secrets.modelId'),
    requester: toBytes(opts.requester, 'requester'),
    nonce,
    inputs: run.inputs,
    outputs: Array.from(run.tokens, (t) => Int32Array.of(t)),
    generation: { promptLength: full.length },
  };
  const mode = secrets.salt ? 'private' : 'open';
  const { inputs, proof } = proveGeneration({
    graph: pkg.graph,
    params: pkg.params,
    mode,
    salt: secrets.salt ? Uint32Array.from(secrets.salt) : undefined,
    lanes: secrets.lanes,
    prompt: full,
    tokens: run.tokens,
    decoding,
    nonce,
    transcript: statementTranscript(statement),
    onProgress: opts.onProgress,
  });
  if (inputs.some((x, i) => x.some((v, j) => v !== run.inputs[i][j]))) throw new VouchError('PROVER_MISMATCH', "the prover's step inputs differ from the executor's");
  const proofFile = encodeProofFile(statement, serializeInferenceProof(proof));
  return { statement, proofFile, promptTokens: full, tokens: run.tokens, text: pkg.hidden.vocabulary ? detokenize(pkg.hidden.vocabulary, run.tokens) : undefined, proveMs: performance.now() - t0 };
}
