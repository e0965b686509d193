/**
 * check: the page's one action — verify a model card (JSON text) against a proof file (bytes) with
 * the browser-safe verifier `@vouch/sdk/verify`, and report the outcome (outcome.ts) together with
 * the runtime paths that were used (SHA-256 backend, WASM kernels).
 *
 * Runs unchanged in Node (tests) and in the page's Worker. It adds no check of its own: validity is
 * exactly `verify()`'s; only input that `verify()` refuses to read (not JSON, not a card, not a
 * proof file) is reported as `unreadable` instead of thrown.
 */
import { MalformedError, sha256Backend, wasmKernels, type Sha256BackendName } from '@vouch/core';
import { ModelCardError, modelIdFromCard, type ModelCard } from '@vouch/zkml';
import { verify } from '@vouch/sdk/verify';
import { outcomeOf, type PairOutcome, type UnreadableOutcome } from './outcome.ts';

/** Which implementation paths this runtime uses. */
export interface RuntimeInfo {
  /** `noble` in browsers (@noble/hashes), `node` under Node (node:crypto). */
  readonly sha256: Sha256BackendName;
  /** Whether the WASM kernels compiled and instantiated here (else the TypeScript paths run). */
  readonly wasm: boolean;
  /** `navigator.userAgent` where there is one. */
  readonly userAgent?: string;
}

/** Options of {@link checkFiles} (the page's optional fields). */
export interface CheckOptions {
  /** Reject unless the statement names this requester (hex, with or without 0x). */
  readonly requester?: string;
}

/** The runtime paths in use here. */
export function runtimeInfo(): RuntimeInfo {
  const ua = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return { sha256: sha256Backend(), wasm: wasmKernels() !== undefined, ...(ua !== undefined ? { userAgent: ua } : {}) };
}

function parseCard(text: string): ModelCard | UnreadableOutcome {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { status: 'unreadable', check: 'card.json', message: `the model card is not JSON: ${(e as Error).message}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return { status: 'unreadable', check: 'card.invalid', message: 'the model card must be a JSON object' };
  }
  return v as ModelCard;
}

/**
 * Verifies `proofFile` against the model card `cardText`.
 * @returns `valid`, `invalid` (with the failing check) or `unreadable` (input that is not a card or not a proof file).
 * @throws only on an internal error (a bug), never for any input.
 * @example
 * const o = checkFiles(await cardFile.text(), new Uint8Array(await proofFile.arrayBuffer()));
 */
export function checkFiles(cardText: string, proofFile: Uint8Array, opts: CheckOptions = {}): PairOutcome {
  const card = parseCard(cardText);
  if ('status' in card) return card;
  // Read the card first, so that any failure here (a JSON object of another shape included) is
  // reported as a bad card, while errors raised during verification itself are never masked.
  try {
    modelIdFromCard(card);
  } catch (e) {
    if (e instanceof ModelCardError) return { status: 'unreadable', check: 'card.invalid', message: e.shortMessage };
    return { status: 'unreadable', check: 'card.invalid', message: `not a model card: ${(e as Error).message}` };
  }
  const requester = opts.requester?.trim();
  if (requester && !/^(0x)?([0-9a-fA-F]{2})+$/.test(requester)) {
    return {
      status: 'unreadable',
      check: 'requester.hex',
      message: `the requester must be hex bytes, got ${JSON.stringify(requester.slice(0, 80))}`,
    };
  }
  try {
    return outcomeOf(verify(card, proofFile, requester ? { requester } : {}));
  } catch (e) {
    if (e instanceof MalformedError)
      return { status: 'unreadable', check: `malformed.${e.field}`, message: e.shortMessage };
    throw e;
  }
}
