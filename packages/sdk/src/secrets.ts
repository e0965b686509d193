/**
 * The host's secrets file: what must stay private for a committed model — the weight-digest salt
 * (without it nobody, the host included, can prove against the model id) and, when the system
 * prompt is confidential, its commitment salt. JSON, versioned, strictly parsed.
 */
import { MalformedError, isCanonical } from '@vouch/core';

/** The secrets of one committed model. */
export interface ModelSecrets {
  readonly format: 'vouch-model-secrets';
  readonly version: 1;
  readonly modelId: string;
  /** Private mode: the 8-element Poseidon2 salt. */
  readonly salt?: readonly number[];
  /** Private mode: the digest lane count (also in the card). */
  readonly lanes?: number;
  /** Hex salt of a confidential system prompt's commitment. */
  readonly promptSalt?: string;
}

/** Parses and validates a secrets file's JSON text. @throws MalformedError naming the field. */
export function parseSecrets(text: string): ModelSecrets {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new MalformedError('secrets', `expected JSON (${(e as Error).message})`);
  }
  if (!j || j.format !== 'vouch-model-secrets' || j.version !== 1) throw new MalformedError('secrets.format', 'expected a vouch-model-secrets file of version 1');
  if (typeof j.modelId !== 'string' || !/^[0-9a-f]{64}$/.test(j.modelId)) throw new MalformedError('secrets.modelId', 'expected 64 lowercase hex digits');
  if (j.salt !== undefined && (!Array.isArray(j.salt) || j.salt.length !== 8 || !j.salt.every((x) => isCanonical(x as number)))) {
    throw new MalformedError('secrets.salt', 'expected 8 canonical field elements');
  }
  if (j.lanes !== undefined && !(Number.isInteger(j.lanes) && (j.lanes as number) > 0)) throw new MalformedError('secrets.lanes', 'expected a positive integer');
  if (j.promptSalt !== undefined && (typeof j.promptSalt !== 'string' || !/^[0-9a-f]+$/.test(j.promptSalt))) throw new MalformedError('secrets.promptSalt', 'expected hex');
  return j as unknown as ModelSecrets;
}
