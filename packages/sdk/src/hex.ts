/** Hex helpers for ids, addresses and nonces (0x prefix optional). */

/** Bytes of a hex string. @throws RangeError naming `field` when not even-length hex. */
export function hexToBytes(h: string, field: string): Uint8Array {
  const s = h.startsWith('0x') || h.startsWith('0X') ? h.slice(2) : h;
  if (s.length === 0 || s.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(s)) throw new RangeError(`${field}: expected hex bytes, got ${JSON.stringify(h).slice(0, 80)}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lowercase hex (no prefix). */
export function bytesToHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
