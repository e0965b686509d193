/**
 * Canonical JSON (sorted object keys, no whitespace, integers only where numbers are integral):
 * the byte encoding hashed into model ids. Same value ⇒ same bytes, on every platform.
 * Floats (public quantization scales) are written with JavaScript's shortest round-trip form,
 * which is deterministic (ECMA-262 Number::toString).
 */

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** Canonical JSON text of `v`. @throws RangeError on a non-finite number. */
export function canonicalJson(v: Json): string {
  if (v === null || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`canonical JSON: expected a finite number, got ${v}`);
    return JSON.stringify(Object.is(v, -0) ? 0 : v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x)).join(',')}]`;
  const o = v as { readonly [k: string]: Json };
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** UTF-8 bytes of the canonical JSON of `v`. */
export function canonicalBytes(v: Json): Uint8Array {
  return new TextEncoder().encode(canonicalJson(v));
}
