/**
 * protocol: the messages between the page (page.ts) and its verification Worker (worker.ts).
 * Everything in them survives structured cloning; the proof bytes are transferred, not copied.
 */
import type { RuntimeInfo } from './check.ts';
import type { Outcome } from './outcome.ts';

/** Page → Worker: verify this (card, proof file) pair, or this MLP statement file. */
export type VerifyRequest = PairRequest | MlpRequest;

/** Page → Worker: verify this pair. */
export interface PairRequest {
  /** Increasing id; a reply carries the id of its request, so stale replies can be dropped. */
  readonly id: number;
  /** The model card file's text. */
  readonly cardText: string;
  /** The proof file's bytes. */
  readonly proof: Uint8Array;
  /** Expected requester (hex), when the user gave one. */
  readonly requester?: string;
}

/** Page → Worker: verify this on-chain MLP statement file (`.vmlp.json`) on its own. */
export interface MlpRequest {
  readonly id: number;
  /** The statement file's text. */
  readonly mlpText: string;
}

/** Worker → page: the outcome, or an internal error (a bug: the verifier threw on some input). */
export type VerifyReply =
  | { readonly id: number; readonly ok: true; readonly outcome: Outcome; readonly runtime: RuntimeInfo }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly runtime: RuntimeInfo };
