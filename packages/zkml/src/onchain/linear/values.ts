/**
 * The public vectors of a linear statement (x, y) as bytes: each entry a canonical base element,
 * u32 LE (the signed integer v as v mod p), exactly as the contract receives them and as the
 * transcript absorbs them (docs/parts/onchain.md §11.3).
 */
import { ByteWriter, MalformedError, VerificationError, fromInt, isCanonical, toSigned } from '@vouch/core';

/**
 * Integers → statement bytes (v mod p, u32 LE each).
 * @throws RangeError on an entry that is not a safe integer.
 */
export function encodeLinearValues(values: ArrayLike<number>): Uint8Array {
  const w = new ByteWriter(4 * values.length);
  for (let i = 0; i < values.length; i++) w.base(fromInt(values[i]));
  return w.finish();
}

/**
 * Statement bytes → canonical base elements, exactly `count` of them.
 * @param field `linear.x` or `linear.y` (named in the error).
 * @throws MalformedError on a wrong length or a non-canonical entry.
 */
export function decodeLinearValues(bytes: Uint8Array, count: number, field: string): Uint32Array {
  if (!(bytes instanceof Uint8Array)) throw new MalformedError(field, `expected bytes, got ${typeof bytes}`);
  if (bytes.length !== 4 * count) throw new MalformedError(field, `expected ${count} elements (${4 * count} bytes), got ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const v = view.getUint32(4 * i, true);
    if (!isCanonical(v)) throw new MalformedError(`${field}[${i}]`, `expected a canonical element, got ${v}`, 4 * i);
    out[i] = v;
  }
  return out;
}

/** Signed representatives in [−(p−1)/2, (p−1)/2]. */
export function signedValues(values: Uint32Array): number[] {
  return Array.from(values, toSigned);
}

/**
 * The verifier's input range check |x_j| ≤ bound (the premise of the range argument in vk.ts).
 * @throws VerificationError `linear.input-range` naming the first entry out of range.
 */
export function checkInputRange(x: Uint32Array, bound: number): void {
  for (let j = 0; j < x.length; j++) {
    const v = toSigned(x[j]);
    if (Math.abs(v) > bound) throw new VerificationError('linear.input-range', `expected |x_j| ≤ ${bound}, got ${v}`, `x[${j}]`);
  }
}
