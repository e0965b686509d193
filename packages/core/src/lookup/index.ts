/** logUp-GKR lookups: fraction trees, plain and zero-knowledge GKR, tables, the lookup argument. */
export * from './fraction-tree.ts';
export * from './gkr.ts';
export * from './gkr-zk.ts';
export * from './table.ts';
export * from './leaves.ts';
export * from './logup.ts';
export * from './gkr-layer.ts';
export * from './gkr-prove.ts';
export * from './gkr-zk-prove.ts';
export * from './gkr-wasm.ts';
export * from './logup-prove.ts';
