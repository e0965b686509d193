/** Statements and proof files of inference proofs (docs/formats.md). */
export * from './statement.ts';
export * from './proof-file.ts';
