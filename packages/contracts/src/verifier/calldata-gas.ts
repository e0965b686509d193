/**
 * Calldata pricing (EIP-2028 and EIP-7623, active from Prague): tokens = zero bytes + 4·non-zero
 * bytes; a transaction pays 21,000 + 4·tokens + execution gas, but at least 21,000 + 10·tokens
 * (16 and 40 gas per non-zero byte).
 */

/** Calldata cost figures of `data`. */
export interface CalldataGas {
  readonly bytes: number;
  readonly tokens: number;
  /** 4·tokens: what calldata adds to the standard cost. */
  readonly standard: number;
  /** 10·tokens: the EIP-7623 floor's calldata part. */
  readonly floor: number;
}

/** Counts the calldata tokens and prices of `data`. */
export function calldataGas(data: Uint8Array): CalldataGas {
  let zeros = 0;
  for (const b of data) if (b === 0) zeros++;
  const tokens = zeros + 4 * (data.length - zeros);
  return { bytes: data.length, tokens, standard: 4 * tokens, floor: 10 * tokens };
}
