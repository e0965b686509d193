/** Polynomial commitments for public data behind a general multilinear PCS interface. */
export * from './types.ts';
export * from './tensor.ts';
