/**
 * The prover side of an on-chain Ligero statement (docs/parts/onchain.md §6.1): commit to the
 * witness, absorb the Ligero parameter record and the commitment root into the statement transcript
 * (after domain, circuit digest, party),
 * answer the constraints and open the columns, giving exactly the bytes LigeroStatementVerifier.sol
 * reads. The one place that mirrors the contract's transcript schedule on the prover side.
 */
import { absorbLigeroCommitment, ligeroCommit, ligeroOpen, ligeroResponses, ligeroShape, type Layout, type LigeroParams, type LigeroProof, type LigeroResponses, type LigeroRng, type LinearConstraint } from '@vouch/core';
import type { Address, Hex } from 'viem';
import { encodeLigeroCircuit, encodeOnchainLigeroProof, onchainLigeroTranscript, onchainStatementHash } from './circuit.ts';

/** Inputs of {@link proveOnchainLigero}. */
export interface OnchainLigeroInput {
  readonly layout: Layout;
  readonly constraints: readonly LinearConstraint[];
  readonly witness: Uint32Array;
  readonly params: LigeroParams;
  /** The party the result is for; bound in the transcript before the commitment. */
  readonly party: Address;
  /** Commitment randomness (default: the platform CSPRNG); a seeded one only for fixtures. */
  readonly rng?: LigeroRng;
  /** Test hook: edits the responses before the columns are opened (a cheating prover). */
  readonly tamper?: (r: LigeroResponses) => void;
  /** Check the witness satisfies the constraints first (default true unless `tamper` is given). */
  readonly check?: boolean;
}

/** A proven on-chain statement. */
export interface OnchainLigeroStatement {
  /** The packed circuit (LigeroCircuit.sol format). */
  readonly circuit: Uint8Array;
  readonly party: Address;
  /** root ‖ serializeLigeroProof: the `proof` argument of submit/verify. */
  readonly proof: Uint8Array;
  /** The record key the contract computes. */
  readonly statementHash: Hex;
  readonly root: Uint8Array;
  readonly ligero: LigeroProof;
}

/**
 * Proves a Ligero statement for `party` in the on-chain transcript.
 * @throws RangeError when the layout, witness and parameters disagree, or (with `check`) when the
 *   witness does not satisfy the constraints.
 * @example const s = proveOnchainLigero({ layout, constraints, witness, params: LIGERO_TEST, party });
 */
export function proveOnchainLigero(input: OnchainLigeroInput): OnchainLigeroStatement {
  const { layout, witness, params, party } = input;
  const constraints = [...input.constraints];
  const circuit = encodeLigeroCircuit(layout, constraints, ligeroShape(params, layout));
  const transcript = onchainLigeroTranscript(circuit, party);
  const { root, state } = ligeroCommit(layout, witness, params, input.rng ? { rng: input.rng } : {});
  absorbLigeroCommitment(transcript, state.shape, root);
  const responses = ligeroResponses(state, { layout, transcript, constraints, witness }, { check: input.check ?? !input.tamper });
  input.tamper?.(responses);
  const ligero = ligeroOpen(state, transcript, responses);
  return { circuit, party, proof: encodeOnchainLigeroProof(root, ligero, state.shape), statementHash: onchainStatementHash(circuit, party), root, ligero };
}
