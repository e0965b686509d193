/**
 * Packing of int8 weights into BabyBear elements for the weight digest (digest.ts): three signed
 * bytes a, b, c ∈ [−128, 128) per element,
 *   v = (a + 128) + 2^8·(b + 128) + 2^16·(c + 128) ∈ [0, 2^24)  (< p, so no wrap-around).
 * A trailing group shorter than 3 is filled with 0 (stored bytes 128).
 *
 * Range checks the proof must add: the digest binds only v. A proof that uses the weights must
 * commit the three unsigned bytes u_k = w_k + 128, prove v = u_0 + 2^8·u_1 + 2^16·u_2 (one linear
 * constraint per element, or one batched tensor constraint), and range-check every u_k ∈ [0, 2^8)
 * (lookup into the 2^8 range table). With the three 8-bit checks the decomposition of v is unique
 * (u_0 + 2^8 u_1 + 2^16 u_2 < 2^24 < p); without them a prover could pick other (u_k) summing to v.
 * The padding bytes of the last element must also be proved equal to 128 (or, equivalently, the
 * weights vector is padded with zeros).
 */

/** Elements needed for `count` int8 values: ⌈count / 3⌉. */
export function int8PackedLength(count: number): number {
  return Math.ceil(count / 3);
}

/**
 * Packs int8 values 3 per element.
 * @throws RangeError when a value is not an integer in [−128, 127].
 * @example packInt8([1, -1, 0]) // Uint32Array [129 + 127·256 + 128·65536]
 */
export function packInt8(values: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(int8PackedLength(values.length));
  for (let i = 0; i < values.length; i++) {
    const w = values[i];
    if (!Number.isInteger(w) || w < -128 || w > 127) throw new RangeError(`packInt8: expected an int8 in [−128, 127], got ${w} at index ${i}`);
  }
  for (let e = 0; e < out.length; e++) {
    let v = 0;
    for (let k = 2; k >= 0; k--) {
      const i = 3 * e + k;
      v = v * 256 + ((i < values.length ? values[i] : 0) + 128);
    }
    out[e] = v;
  }
  return out;
}

/** The three unsigned bytes u_k = w_k + 128 of a packed element (what the proof range-checks). */
export function int8PackedBytes(v: number): [number, number, number] {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** 24) throw new RangeError(`int8PackedBytes: expected a packed element in [0, 2^24), got ${v}`);
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff];
}

/**
 * Unpacks `count` int8 values.
 * @throws RangeError when `packed` is too short or holds an element outside [0, 2^24).
 */
export function unpackInt8(packed: ArrayLike<number>, count: number): Int8Array {
  if (!Number.isInteger(count) || count < 0 || int8PackedLength(count) > packed.length) {
    throw new RangeError(`unpackInt8: expected count ≤ ${3 * packed.length}, got ${count}`);
  }
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) out[i] = int8PackedBytes(packed[Math.floor(i / 3)])[i % 3] - 128;
  return out;
}
