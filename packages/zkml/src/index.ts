/** @vouch/zkml — graph IR, quantization, the exact integer executor, per-op provers and verifiers. */
export * from './ir/graph.ts';
export * from './ir/errors.ts';
export * from './ir/ops.ts';
export * from './ir/shape.ts';
