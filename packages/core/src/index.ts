/** @vouch/core public API. Each area appends one `export *` line. */
export * from './errors.ts';
export * from './field/index.ts';
export * from './ntt/index.ts';
