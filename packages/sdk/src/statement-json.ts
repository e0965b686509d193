/**
 * The shared head of the statement files' JSON (`.vstmt.json`, `.vmlp.json`): parse, check the
 * format tag and version, and read 0x-hex byte fields and the party, each failure a MalformedError
 * naming the field. Browser-safe (no viem): `@vouch/sdk/verify` and `@vouch/sdk/chain` both use it.
 */
import { MalformedError } from '@vouch/core';
import { hexToBytes } from './hex.ts';

/** A parsed statement file: its JSON object, a byte-field reader and the party (lower-case). */
export interface StatementJson {
  readonly j: Record<string, unknown>;
  /** The 0x-hex bytes of field `k`. @throws MalformedError naming it. */
  readonly bytes: (k: string) => Uint8Array;
  /** The party's 20-byte address, 0x and lower-case hex. */
  readonly party: `0x${string}`;
}

/**
 * Parses `text` as a statement file of `format`, version 1.
 * @throws MalformedError (`<source>`, `<source>.format`, `.version`, `.party`).
 */
export function readStatementJson(text: string, source: string, format: string): StatementJson {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new MalformedError(source, `not JSON: ${(e as Error).message}`);
  }
  if (!j || typeof j !== 'object' || j.format !== format) throw new MalformedError(`${source}.format`, `expected "${format}"`);
  if (j.version !== 1) throw new MalformedError(`${source}.version`, `expected 1, got ${String(j.version)}`);
  const bytes = (k: string): Uint8Array => {
    const v = j[k];
    if (typeof v !== 'string' || !/^0x([0-9a-fA-F]{2})+$/.test(v)) throw new MalformedError(`${source}.${k}`, 'expected 0x-prefixed hex bytes');
    return hexToBytes(v, k);
  };
  if (typeof j.party !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(j.party)) throw new MalformedError(`${source}.party`, 'expected a 20-byte address');
  return { j, bytes, party: j.party.toLowerCase() as `0x${string}` };
}
