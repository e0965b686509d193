/** Linear statements verified on chain through plain sumcheck + BaseFold (docs/parts/onchain.md §11.3). */
export * from './vk.ts';
export * from './values.ts';
export * from './transcript.ts';
export * from './proof.ts';
export * from './statement.ts';
export * from './party.ts';
export { linearKey, type LinearKey, type LinearKeyOptions } from './key.ts';
export { proveLinear, type LinearProofOutput } from './prove.ts';
export { verifyLinear, type LinearStatementBytes } from './verify.ts';
