/** Open-weights MLP statements verified on chain through plain sumcheck + BaseFold (docs/parts/onchain.md §12). */
export * from './vk.ts';
export * from './layout.ts';
export * from './transcript.ts';
export * from './proof.ts';
export * from './statement.ts';
export { requantLayer } from './requant.ts';
export { mlpKey, type MlpKey, type MlpKeyOptions } from './key.ts';
export { proveMlp, runMlp, type MlpProofOutput } from './prove.ts';
export { verifyMlp, type MlpStatementBytes } from './verify.ts';
