/**
 * The whole life of one zero-knowledge proof (zk/session.ts steps 3–5), for sub-protocol authors
 * and end-to-end tests:
 *   prover:   commit(witness) → absorb parameter record (`ligero.params`) and root (`ligero.root`)
 *             → run(ctx) → Ligero tests
 *   verifier: absorb parameter record and root → run(ctx) → Ligero verify
 * The parameter record (ligero/record.ts) binds ℓ, rows, t, n, … before the first prover message
 * (audit O3), so a proof made under one parameter set cannot verify under another.
 * The caller has already absorbed the domain, version and statement into the transcript, planned
 * the layout and filled the witness (private values and random pads). `run` sends the
 * sub-protocols' padded messages through ctx.transcript and pushes their LinearConstraints onto
 * ctx.constraints; prover and verifier callbacks must push the same constraints in the same order.
 */
import { ligeroCommit } from '../ligero/commit.ts';
import { ligeroShape, type LigeroParams } from '../ligero/params.ts';
import type { LigeroProof } from '../ligero/proof.ts';
import { ligeroProve, type LigeroProveOptions } from '../ligero/prove.ts';
import { absorbLigeroCommitment } from '../ligero/record.ts';
import type { LigeroRng } from '../ligero/rng.ts';
import { ligeroVerify } from '../ligero/verify.ts';
import type { Transcript } from '../transcript/transcript.ts';
import type { LinearConstraint } from './constraints.ts';
import type { Layout } from './layout.ts';
import type { ProverContext, VerifierContext } from './session.ts';

/** Inputs of {@link proveZk}. */
export interface ProveZkInput<M> {
  readonly layout: Layout;
  /** numRows × rowWidth values, row-major. */
  readonly witness: Uint32Array;
  readonly transcript: Transcript;
  readonly params: LigeroParams;
  /** Runs the sub-protocol provers; returns their messages (what the proof carries besides Ligero). */
  readonly run: (ctx: ProverContext) => M;
  /** Prover randomness (default CSPRNG; a seeded one only for fixtures). */
  readonly rng?: LigeroRng;
  readonly prove?: LigeroProveOptions;
}

/** Output of {@link proveZk}. */
export interface ZkProof<M> {
  /** The commitment root (absorbed as `ligero.root`, after the parameter record `ligero.params`). */
  readonly root: Uint8Array;
  /** Whatever `run` returned. */
  readonly messages: M;
  readonly ligero: LigeroProof;
}

/**
 * Commits, runs the sub-protocol provers, and closes with the Ligero tests.
 * @example
 * const { root, messages, ligero } = proveZk({ layout, witness, transcript, params: LIGERO_CONJECTURED, run: (ctx) => mySumcheck.prove(ctx) });
 */
export function proveZk<M>(input: ProveZkInput<M>): ZkProof<M> {
  const { root, state } = ligeroCommit(input.layout, input.witness, input.params, { rng: input.rng });
  absorbLigeroCommitment(input.transcript, state.shape, root);
  const constraints: LinearConstraint[] = [];
  const ctx: ProverContext = { layout: input.layout, transcript: input.transcript, constraints, witness: input.witness };
  const messages = input.run(ctx);
  const ligero = ligeroProve(state, ctx, input.prove);
  return { root, messages, ligero };
}

/** Inputs of {@link verifyZk}. */
export interface VerifyZkInput<R> {
  readonly layout: Layout;
  readonly transcript: Transcript;
  readonly params: LigeroParams;
  readonly root: Uint8Array;
  readonly ligero: LigeroProof;
  /** Runs the sub-protocol verifiers (reading the proof's messages, pushing constraints). */
  readonly run: (ctx: VerifierContext) => R;
}

/**
 * Absorbs the parameter record and the root, runs the sub-protocol verifiers, then checks every constraint with Ligero.
 * @returns whatever `run` returned (e.g. the claimed output), only once everything verified.
 * @throws VerificationError from the sub-protocols or from Ligero; MalformedError on bad shapes.
 */
export function verifyZk<R>(input: VerifyZkInput<R>): R {
  if (!(input.root instanceof Uint8Array) || input.root.length !== 32) {
    throw new RangeError(`verifyZk: expected a 32-byte root, got ${input.root instanceof Uint8Array ? input.root.length + ' bytes' : typeof input.root}`);
  }
  absorbLigeroCommitment(input.transcript, ligeroShape(input.params, input.layout), input.root);
  const constraints: LinearConstraint[] = [];
  const ctx: VerifierContext = { layout: input.layout, transcript: input.transcript, constraints };
  const result = input.run(ctx);
  ligeroVerify(input.root, input.layout, input.params, ctx, input.ligero);
  return result;
}
