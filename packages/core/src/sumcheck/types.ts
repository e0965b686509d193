/**
 * Shared types of the plain sumcheck protocol.
 *
 * Message format: round j's polynomial s_j (degree ≤ d) is sent as its d+1 values s_j(0), …, s_j(d),
 * a flat ext vector of 4(d+1) coordinates. Round j binds the top remaining variable z_{v−1−j}.
 */
import type { Ext } from '../field/ext4.ts';

/** A plain (non-zero-knowledge) sumcheck proof: one message per variable. */
export interface SumcheckProof {
  /** rounds[j] = s_j(0..d), flat ext. */
  readonly rounds: readonly Uint32Array[];
}

/** What the verifier knows before reading the proof. */
export interface SumcheckStatement {
  /** Transcript label prefix and error location, e.g. `sumcheck[dense_1]`. */
  readonly label: string;
  readonly numVars: number;
  /** Maximum degree of each round polynomial (= the largest number of factors in a product term). */
  readonly degree: number;
  /** The claimed sum H. */
  readonly claim: Ext;
}

/**
 * The claim the sumcheck verifier cannot check itself: the summand polynomial at `point` must equal
 * `expectedValue`. Whoever owns the summand discharges it (an MLE opening, a previous GKR layer, a
 * closed-form table, or the caller evaluating eq itself); see {@link checkSumcheckFinal}.
 */
export interface SumcheckFinalClaim {
  /** z = (z_0, …, z_{v−1}), flat ext, in variable order (z_k is bit k). */
  readonly point: Uint32Array;
  readonly expectedValue: Ext;
}
