/** Sumcheck: plain and zero-knowledge provers/verifiers, the matrix-vector instance. */
export * from './types.ts';
export * from './lagrange.ts';
export * from './instance.ts';
export * from './prover.ts';
export * from './verifier.ts';
export * from './inner-product.ts';
export * from './matvec.ts';
export * from './matvec-verify.ts';
export * from './zk-plan.ts';
export * from './zk-prover.ts';
export * from './zk-verifier.ts';
export * from './zk-matvec.ts';
export * from './zk-matvec-prove.ts';
