/** Poseidon2 over BabyBear (width 16): permutation, sponge, weight digest, packing, in-proof circuit. */
export * from './constants.ts';
export * from './grain.ts';
export * from './permutation.ts';
export * from './sponge.ts';
export * from './digest.ts';
export * from './pack.ts';
export * from './circuit-shape.ts';
export * from './circuit-plan.ts';
export * from './circuit-fill.ts';
export * from './circuit-constraints.ts';
