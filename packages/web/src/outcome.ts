/**
 * outcome: the page's view of a verification — a plain record (numbers, strings, arrays) that is
 * safe to post between a Worker and the page, to print as JSON, and to compare with what
 * `verify()` returns in Node for the same bytes (the browser test does exactly that).
 *
 * Implements the result shape of docs/formats.md, "Verification results (SDK)", with byte strings
 * as lowercase hex (no 0x) and integer vectors as number arrays.
 */
import type { VerifyResult } from '@vouch/sdk/verify';

/** A proof that verified: the fact it proves, as the page shows it. */
export interface ValidOutcome {
  readonly status: 'valid';
  /** Hex model id (the card's). */
  readonly modelId: string;
  /** Hex SHA-256 id of the verified statement. */
  readonly statementHash: string;
  /** Hex requester named by the statement. */
  readonly requester: string;
  /** Hex nonce of the statement. */
  readonly nonce: string;
  /** Quantized inputs, one per batch sample. */
  readonly inputs: number[][];
  /** Integer outputs, one per batch sample. */
  readonly outputs: number[][];
  /** Index of the largest output of each sample. */
  readonly predictions: number[];
  readonly verifyMs: number;
}

/** What an on-chain MLP statement file (`.vmlp.json`) states, as the page shows it (mlp-outcome.ts). */
export interface MlpFacts {
  /** Hex model id: the on-chain key's id, recomputed from the key bytes. */
  readonly modelId: string;
  /** Hex 20-byte party the result is for. */
  readonly party: string;
  /** Hex statement hash (the on-chain record key). */
  readonly statementHash: string;
  /** The stated integer output. */
  readonly output: number[];
}

/** An on-chain MLP statement that verified off chain. */
export interface MlpValidOutcome {
  readonly status: 'valid';
  readonly mlp: MlpFacts;
  readonly verifyMs: number;
}

/** A proof that was rejected by a check of the verifier. */
export interface InvalidOutcome {
  readonly status: 'invalid';
  /** Stable id of the failed check (`statement.model-id`, `merkle.path`, …). */
  readonly check: string;
  readonly location?: string;
  readonly message: string;
  /** What the rejected file stated, for an on-chain MLP statement. */
  readonly mlp?: MlpFacts;
  readonly verifyMs: number;
}

/** Input that is not a model card or not a proof file (nothing was verified). */
export interface UnreadableOutcome {
  readonly status: 'unreadable';
  /**
   * `card.json` (not JSON), `card.invalid` (not a card, or it does not hash to its id),
   * `requester.hex` (the expected requester is not hex), `malformed.<field>` (not a proof file,
   * or not a consistent MLP statement file: `malformed.statement.<field>`).
   */
  readonly check: string;
  readonly message: string;
}

/** What the page reports for one (card, proof file) pair or one MLP statement file. */
export type Outcome = PairOutcome | MlpValidOutcome;

/** What the page reports for one (card, proof file) pair (check.ts). */
export type PairOutcome = ValidOutcome | InvalidOutcome | UnreadableOutcome;

/** Lowercase hex of `b`, without 0x. */
export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/**
 * The page record of an SDK verification result.
 * @example
 * outcomeOf(verify(card, proofFile)).status; // 'valid' or 'invalid'
 */
export function outcomeOf(r: VerifyResult): ValidOutcome | InvalidOutcome {
  if (!r.valid) {
    const { check, location, message } = r.reason;
    return { status: 'invalid', check, ...(location !== undefined ? { location } : {}), message, verifyMs: r.verifyMs };
  }
  return {
    status: 'valid',
    modelId: r.modelId,
    statementHash: r.statementHash,
    requester: hex(r.statement.requester),
    nonce: hex(r.statement.nonce),
    inputs: r.statement.inputs.map((x) => Array.from(x)),
    outputs: r.outputs.map((y) => Array.from(y)),
    predictions: [...r.predictions],
    verifyMs: r.verifyMs,
  };
}

/** The outcome without its timing, for comparing two runs of the same verification. */
export function withoutTiming(o: Outcome): Omit<Outcome, 'verifyMs'> {
  if (o.status === 'unreadable') return o;
  const { verifyMs: _ms, ...rest } = o;
  return rest;
}
