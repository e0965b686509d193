/** The party of a linear statement: the 20-byte Ethereum address the result is for (never zero). */

/** Checks `party`; `fail(message)` builds the error to throw. */
export function checkLinearParty(party: Uint8Array, fail: (msg: string) => Error): void {
  if (!(party instanceof Uint8Array) || party.length !== 20) throw fail(`expected a 20-byte party address, got ${party instanceof Uint8Array ? `${party.length} bytes` : typeof party}`);
  if (party.every((b) => b === 0)) throw fail('expected a non-zero party address');
}
