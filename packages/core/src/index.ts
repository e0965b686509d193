/** @vouch/core public API. Each area appends one `export *` line. */
export * from './errors.ts';
export * from './field/index.ts';
export * from './ntt/index.ts';
export * from './hash/sha256.ts';
export * from './transcript/transcript.ts';
export * from './merkle/merkle.ts';
export * from './serialize/bytes.ts';
export * from './merkle/proof-bytes.ts';
export * from './poseidon2/index.ts';
export * from './poly/index.ts';
export * from './sumcheck/index.ts';
export * from './lookup/index.ts';
export * from './zk/mle.ts';
export * from './zk/products.ts';
export * from './zk/direct-check.ts';
