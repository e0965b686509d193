/**
 * The record key of a verified linear statement (docs/parts/onchain.md §11.3):
 * SHA-256("vouch/linear-statement/v1" ‖ modelId ‖ SHA-256(x bytes) ‖ SHA-256(y bytes) ‖ party),
 * what LinearStatementVerifier.sol writes into the StatementRecord.
 */
import { sha256, sha256Concat } from '@vouch/core';

/** Domain of the statement hash. */
export const LINEAR_STATEMENT_DOMAIN = 'vouch/linear-statement/v1';

/** The statement hash of (model id, x bytes, y bytes, party). */
export function linearStatementHash(modelId: Uint8Array, xBytes: Uint8Array, yBytes: Uint8Array, party: Uint8Array): Uint8Array {
  return sha256Concat(new TextEncoder().encode(LINEAR_STATEMENT_DOMAIN), modelId, sha256(xBytes), sha256(yBytes), party);
}
