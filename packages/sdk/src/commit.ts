/**
 * commitModel: computes a model's id and public card from its package (docs/formats.md), once.
 * Private mode (default): draws a fresh salt, computes the salted Poseidon2 digest of the private
 * weights (the proofs later show, in zero knowledge, that their committed weights hash to it).
 * Open mode: binds the SHA-256 of the published weights.
 */
import { randomVector } from '@vouch/core';
import { buildModelCard, recommendedLanes, weightDigestFor, type BindingMode, type ModelCard, type ModelPackage } from '@vouch/zkml';
import type { ModelSecrets } from './secrets.ts';

/** Options of {@link commitModel}. */
export interface CommitOptions {
  /** 'private' (default): weights stay secret; 'open': weights are published in the card. */
  readonly mode?: BindingMode;
  /** Private mode: a given salt (8 field elements) instead of a fresh random one (tests, re-commits). */
  readonly salt?: Uint32Array;
  /** Private mode: digest lanes (= the proof's row width); default from the model size. */
  readonly lanes?: number;
  /** Treat the package's system prompt as confidential: publish only a salted commitment to it. */
  readonly confidentialPrompt?: boolean;
}

/** Result of {@link commitModel}. */
export interface CommitResult {
  /** 64 hex digits. */
  readonly modelId: string;
  /** Public: publish it (e.g. register its id on-chain, host it at the metadata URI). */
  readonly card: ModelCard;
  /** Private: keep it with the package; proofs need it. */
  readonly secrets: ModelSecrets;
}

/**
 * Commits to a model package.
 * @example
 * const { modelId, card, secrets } = commitModel(pkg);
 */
export function commitModel(pkg: ModelPackage, opts: CommitOptions = {}): CommitResult {
  const mode = opts.mode ?? 'private';
  let promptSalt: Uint8Array | undefined;
  if (opts.confidentialPrompt && pkg.hidden.systemPrompt !== undefined) {
    promptSalt = new Uint8Array(32);
    globalThis.crypto.getRandomValues(promptSalt);
  }
  if (mode === 'open') {
    const card = buildModelCard({ pkg, mode, promptSalt });
    return { modelId: card.modelId, card, secrets: secretsOf(card.modelId, undefined, undefined, promptSalt) };
  }
  const salt = opts.salt ?? randomVector(8);
  if (salt.length !== 8) throw new RangeError(`commitModel: expected an 8-element salt, got ${salt.length}`);
  const lanes = opts.lanes ?? recommendedLanes(pkg.graph);
  const digest = weightDigestFor(pkg.graph, pkg.params, salt, lanes);
  const card = buildModelCard({ pkg, mode, digest: { lanes, digest }, promptSalt });
  return { modelId: card.modelId, card, secrets: secretsOf(card.modelId, salt, lanes, promptSalt) };
}

function secretsOf(modelId: string, salt?: Uint32Array, lanes?: number, promptSalt?: Uint8Array): ModelSecrets {
  return {
    format: 'vouch-model-secrets',
    version: 1,
    modelId,
    ...(salt ? { salt: Array.from(salt), lanes } : {}),
    ...(promptSalt ? { promptSalt: Array.from(promptSalt, (b) => b.toString(16).padStart(2, '0')).join('') } : {}),
  };
}
