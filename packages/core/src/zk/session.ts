/**
 * Prover and verifier contexts shared by every zero-knowledge sub-protocol (Longfellow pattern:
 * commit once, then run padded sub-protocols whose checks become linear constraints on the witness).
 *
 * The life of a proof:
 * 1. plan   — both sides: every sub-protocol allocates what it needs in one {@link LayoutBuilder}
 *             (private vectors, pad scalars, product rows), from public shapes only.
 * 2. fill   — prover: writes private values and fresh random pads into the witness matrix.
 * 3. commit — prover: one hiding Ligero commitment to the whole matrix; its root is absorbed.
 * 4. run    — prover sends padded messages (absorbed into the transcript); both sides push the same
 *             {@link LinearConstraint}s into `constraints` (the prover needs them for the linear test).
 * 5. close  — the Ligero linear, quadratic and proximity tests prove every constraint and every
 *             row triple of the layout at once, in zero knowledge.
 */
import type { Layout } from './layout.ts';
import type { LinearConstraint } from './constraints.ts';
import type { Transcript } from '../transcript/transcript.ts';

/** What a verifier-side sub-protocol needs after the commitment. */
export interface VerifierContext {
  readonly layout: Layout;
  readonly transcript: Transcript;
  /** Constraints accumulated so far; sub-protocols push onto it. */
  readonly constraints: LinearConstraint[];
}

/** What a prover-side sub-protocol needs after the commitment. */
export interface ProverContext extends VerifierContext {
  /** The full witness matrix, row-major, numRows × rowWidth base-field values. */
  readonly witness: Uint32Array;
}
