/**
 * Packing of extension elements as the Solidity libraries hold them (contracts/Ext4.sol): one
 * uint256 with coordinate c in bits [64c, 64c + 32), c0 lowest.
 */

/** Element i of a flat ext vector as the packed uint256 of Ext4.sol. */
export function packExt(flat: ArrayLike<number>, i = 0): bigint {
  let v = 0n;
  for (let c = 3; c >= 0; c--) v = (v << 64n) | BigInt(flat[4 * i + c]);
  return v;
}

/** The four coordinates of a packed ext element. */
export function unpackExt(v: bigint): Uint32Array {
  const out = new Uint32Array(4);
  for (let c = 0; c < 4; c++) out[c] = Number((v >> BigInt(64 * c)) & 0xffffffffn);
  return out;
}
