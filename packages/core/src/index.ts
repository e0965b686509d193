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
