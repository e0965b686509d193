/**
 * Named Ligero parameter sets (docs/parts/ligero.md, "Parameters").
 *
 * - {@link LIGERO_CONJECTURED}: ≥ 100 bits assuming proximity gaps up to the Johnson bound
 *   (product-code rate ≤ 1/4, t = 106); its proven (unique-decoding) figure is ≈ 70 bits.
 * - {@link LIGERO_PROVEN}: ≥ 100 proven bits (product-code rate ≤ 1/8, t = 121).
 * - {@link LIGERO_TEST}: 4 queries, NOT secure; for fast unit tests of protocols built on Ligero.
 *
 * `queries` is computed by {@link queriesFor} at the worst-case rate, so it holds for every ℓ; with
 * `target` set, the shape uses the fewest queries reaching the target for the actual code, which is
 * usually fewer (n is rounded up to a power of two, so ρ₂ is often ≈ 1/8 rather than 1/4).
 */
import type { LigeroParams } from './params.ts';
import { queriesFor } from './security.ts';

/** Default parameters: ≥ 100 conjectured bits (Johnson regime), product rate ≤ 1/4. */
export const LIGERO_CONJECTURED: LigeroParams = Object.freeze({
  name: 'conjectured-100',
  queries: queriesFor(100, 4, 'conjectured'),
  blowup: 4,
  target: Object.freeze({ bits: 100, regime: 'conjectured' as const }),
});

/** ≥ 100 proven bits (unique decoding), product rate ≤ 1/8. */
export const LIGERO_PROVEN: LigeroParams = Object.freeze({
  name: 'proven-100',
  queries: queriesFor(100, 8, 'proven'),
  blowup: 8,
  target: Object.freeze({ bits: 100, regime: 'proven' as const }),
});

/** Insecure, for unit tests only (4 opened columns). */
export const LIGERO_TEST: LigeroParams = Object.freeze({ name: 'test-insecure', queries: 4, blowup: 2 });
