/**
 * The statement part of an MLP statement's Fiat–Shamir transcript (docs/parts/onchain.md §12),
 * shared by prover and verifier and mirrored by MlpStatementVerifier.sol:
 *
 *   t = Sha256Transcript("vouch/mlp-statement", 1)
 *   absorbDigest("mlp.model", modelId)
 *   absorbBasefoldCommitment(t, params, root)     ← the weights are bound before any challenge
 *   absorbBytes("mlp.party", party)               (20 bytes)
 *   absorbBase("mlp.input", x); absorbBase("mlp.output", y)
 *   absorbBase("mlp.acc", acc_0 ‖ … ‖ acc_{L−1}) ← the prover's accumulators, in the clear
 *
 * then per layer k: r_k = challengeExts("mlp.r", rb_k), the matrix-vector sumcheck under label
 * `mlp.matvec`, absorbExt("mlp.w", wEval_k); finally the BaseFold opening.
 */
import { Sha256Transcript, absorbBasefoldCommitment, type Transcript } from '@vouch/core';
import type { MlpVk } from './vk.ts';

/** Transcript domain and version. */
export const MLP_TRANSCRIPT_DOMAIN = 'vouch/mlp-statement';
export const MLP_TRANSCRIPT_VERSION = 1;
/** Label of the matrix-vector sumchecks. */
export const MLP_MATVEC_LABEL = 'mlp.matvec';

/** Everything the statement transcript absorbs before the first challenge. */
export interface MlpStatementInput {
  readonly vk: MlpVk;
  readonly modelId: Uint8Array;
  readonly party: Uint8Array;
  /** Canonical base elements. */
  readonly x: Uint32Array;
  readonly y: Uint32Array;
  /** All accumulators, layer after layer, canonical base elements. */
  readonly acc: Uint32Array;
}

/** Opens the transcript and absorbs the statement and the accumulators. */
export function mlpStatementTranscript(s: MlpStatementInput): Transcript {
  const tr = new Sha256Transcript(MLP_TRANSCRIPT_DOMAIN, MLP_TRANSCRIPT_VERSION);
  tr.absorbDigest('mlp.model', s.modelId);
  absorbBasefoldCommitment(tr, s.vk.params, s.vk.root);
  tr.absorbBytes('mlp.party', s.party);
  tr.absorbBase('mlp.input', s.x);
  tr.absorbBase('mlp.output', s.y);
  tr.absorbBase('mlp.acc', s.acc);
  return tr;
}
