/** Multilinear polynomials: eq tables, folding, MLE evaluation, closed-form range MLEs. */
export * from './eq.ts';
export * from './fold.ts';
export * from './mle.ts';
export * from './range.ts';
