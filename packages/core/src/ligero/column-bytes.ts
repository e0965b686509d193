/**
 * Byte encoding of committed columns (shared by the Ligero prover, its verifier and the tensor PCS,
 * so verifier code never imports the prover): values as u32 little-endian, in row order.
 */

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** u32 values as little-endian bytes (a view when the platform is little-endian, else a copy). */
export function columnBytes(values: Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) dv.setUint32(4 * i, values[i], true);
  return out;
}
