/** WASM kernels: synchronous loader and typed wrappers (same semantics as the TypeScript paths). */
export { wasmKernels, requireWasmKernels, freshWasmInstance, toMontgomery, type WasmKernels, type RawExports } from './kernels.ts';
export { KERNELS_SOURCE_SHA256, KERNELS_WASM_BYTES } from './kernels.generated.ts';
