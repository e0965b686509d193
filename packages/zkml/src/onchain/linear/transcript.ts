/**
 * The statement part of a linear statement's Fiat–Shamir transcript (docs/parts/onchain.md §11.3),
 * shared by prover and verifier (and mirrored by LinearStatementVerifier.sol):
 *
 *   t = Sha256Transcript("vouch/linear-statement", 1)
 *   absorbDigest("linear.model", modelId)
 *   absorbBasefoldCommitment(t, params, root)   ← the weights are bound before any challenge
 *   absorbBytes("linear.party", party)          (20 bytes)
 *   absorbBase("linear.x", x); absorbBase("linear.y", y)
 *   r = challengeExts("linear.r", rb)            the row point
 *
 * then the matrix-vector sumcheck under label `linear.matvec` and the BaseFold opening.
 */
import { Sha256Transcript, absorbBasefoldCommitment, type Transcript } from '@vouch/core';
import { linearVars, type LinearVk } from './vk.ts';

/** Transcript domain and version. */
export const LINEAR_TRANSCRIPT_DOMAIN = 'vouch/linear-statement';
export const LINEAR_TRANSCRIPT_VERSION = 1;
/** Label prefix of the matrix-vector sumcheck. */
export const LINEAR_MATVEC_LABEL = 'linear.matvec';

/** Everything the statement transcript absorbs. */
export interface LinearStatementInput {
  readonly vk: LinearVk;
  readonly modelId: Uint8Array;
  /** 20 bytes (an Ethereum address). */
  readonly party: Uint8Array;
  /** Canonical base elements, cols of them. */
  readonly x: Uint32Array;
  /** Canonical base elements, rows of them. */
  readonly y: Uint32Array;
}

/** Opens the transcript, absorbs the statement and draws the row point r (rb ext, flat). */
export function linearStatementTranscript(s: LinearStatementInput): { tr: Transcript; r: Uint32Array } {
  const tr = new Sha256Transcript(LINEAR_TRANSCRIPT_DOMAIN, LINEAR_TRANSCRIPT_VERSION);
  tr.absorbDigest('linear.model', s.modelId);
  absorbBasefoldCommitment(tr, s.vk.params, s.vk.root);
  tr.absorbBytes('linear.party', s.party);
  tr.absorbBase('linear.x', s.x);
  tr.absorbBase('linear.y', s.y);
  const r = tr.challengeExts('linear.r', linearVars(s.vk).rb);
  return { tr, r };
}
