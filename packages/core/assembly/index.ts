/**
 * Entry point of the Vouch WASM kernels (AssemblyScript, built by scripts/build-wasm.mjs into
 * src/wasm/kernels.generated.ts). All data lives in the exported linear memory; the loader
 * (src/wasm/kernels.ts) copies arrays in and out. Memory above heap_base() is free for the loader.
 */
export { vec_mul_add, vec_axpy, vec_scale, vec_inner, vec_mul_powers, ext_axpy_base, ext_inner_base, ext_inner } from './vec';
export { fold_base, fold_ext } from './fold';
export { ntt, ntt_passes, bit_reverse } from './ntt';

/** First byte the loader may use (after this module's static data). */
export function heap_base(): usize {
  return __heap_base;
}
export { ext_split, ext_join } from './transpose';
export { gkr_to_mont, gkr_from_mont, gkr_frac_layer, gkr_eq_table, gkr_add_halves, gkr_round_sums, gkr_fold_prefix } from './gkr';
