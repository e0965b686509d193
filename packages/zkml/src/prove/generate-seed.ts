/**
 * The public uniform of each generation step, derived from the requester's nonce — never chosen by
 * the host (docs/formats.md, "Generation"):
 *   U_i = u32le( SHA-256( "vouch/generate/u/v1" ‖ 0x00 ‖ nonce[32] ‖ u32le(i) )[0..4) )
 * U_i/2^32 is the step's uniform in [0, 1). The verifier recomputes every U_i from the statement.
 */
import { sha256 } from '@vouch/core';

/** Domain separator of {@link sampleSeed}. */
export const SAMPLE_SEED_DOMAIN = 'vouch/generate/u/v1';

/**
 * U_i of step `step` for a 32-byte nonce.
 * @throws RangeError on a nonce that is not 32 bytes or a step outside [0, 2^32).
 * @example
 * sampleSeed(new Uint8Array(32), 0); // an integer in [0, 2^32)
 */
export function sampleSeed(nonce: Uint8Array, step: number): number {
  if (!(nonce instanceof Uint8Array) || nonce.length !== 32) throw new RangeError(`sampleSeed: expected a 32-byte nonce, got ${nonce?.length} bytes`);
  if (!Number.isInteger(step) || step < 0 || step >= 2 ** 32) throw new RangeError(`sampleSeed: expected a step in [0, 2^32), got ${step}`);
  const dom = new TextEncoder().encode(SAMPLE_SEED_DOMAIN);
  const buf = new Uint8Array(dom.length + 1 + 32 + 4);
  buf.set(dom);
  buf.set(nonce, dom.length + 1);
  new DataView(buf.buffer).setUint32(dom.length + 33, step, true);
  return new DataView(sha256(buf).buffer).getUint32(0, true);
}
