/** Model commitments: model ids and public model cards (docs/formats.md). */
export * from './canonical-json.ts';
export * from './public-graph.ts';
export * from './model-id.ts';
