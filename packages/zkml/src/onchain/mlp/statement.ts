/**
 * The record key of a verified MLP statement (docs/parts/onchain.md §12):
 * SHA-256("vouch/mlp-statement/v1" ‖ modelId ‖ SHA-256(input bytes) ‖ SHA-256(output bytes) ‖ party),
 * what MlpStatementVerifier.sol writes into the StatementRecord.
 */
import { sha256, sha256Concat } from '@vouch/core';

/** Domain of the statement hash. */
export const MLP_STATEMENT_DOMAIN = 'vouch/mlp-statement/v1';

/** The statement hash of (model id, input bytes, output bytes, party). */
export function mlpStatementHash(modelId: Uint8Array, inputBytes: Uint8Array, outputBytes: Uint8Array, party: Uint8Array): Uint8Array {
  return sha256Concat(new TextEncoder().encode(MLP_STATEMENT_DOMAIN), modelId, sha256(inputBytes), sha256(outputBytes), party);
}
