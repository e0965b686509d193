/** @vouch/contracts — Solidity contracts, their compiled artifacts, a local anvil node and the viem chain client. */
export * from './artifacts.generated.ts';
export * from './anvil.ts';
export * from './client.ts';
export * from './errors.ts';
export * from './registry/deploy.ts';
export * from './registry/write.ts';
export * from './registry/read.ts';
export * from './verifier/pack.ts';
export * from './verifier/circuit.ts';
export * from './verifier/actions.ts';
export * from './verifier/prove.ts';
export * from './verifier/calldata-gas.ts';
export * from './verifier/basefold.ts';
export * from './verifier/linear.ts';
export * from './record/deploy.ts';
export * from './record/write.ts';
export * from './record/read.ts';
