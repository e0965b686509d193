/** @vouch/sdk — commit a model, prove inferences, verify proofs. The verifier alone: `@vouch/sdk/verify`. */
export * from './commit.ts';
export * from './prove.ts';
export * from './verify.ts';
export * from './generate.ts';
export * from './secrets.ts';
export * from './hex.ts';
export { decodePackage, encodePackage, type ModelPackage, type ModelCard } from '@vouch/zkml';
