/**
 * Transform-size validation shared by the TypeScript NTT and the WASM loader (kept separate so
 * src/wasm/kernels.ts does not import ntt.ts, which itself dispatches to the WASM kernels).
 */
import { TWO_ADICITY } from '../field/babybear.ts';

/**
 * log2(n) for a power of two n in [1, 2^27] (the largest power-of-two subgroup of F_p^*).
 * @param what - the caller's name, used in the error message.
 * @throws RangeError otherwise: "<what>: expected a length that is a power of two in [1, 2^27], got n".
 */
export function log2Exact(n: number, what = 'ntt'): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** TWO_ADICITY || (n & (n - 1)) !== 0) {
    throw new RangeError(`${what}: expected a length that is a power of two in [1, 2^${TWO_ADICITY}], got ${n}`);
  }
  return 31 - Math.clz32(n);
}
