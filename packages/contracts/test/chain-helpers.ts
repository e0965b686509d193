/** Test helpers: the chain set-up of chain.ts plus revert matching. */
import { expect } from 'vitest';
import { ContractRevertError } from '../src/index.ts';

export * from './chain.ts';

/** Expects `p` to reject with ContractRevertError named `errorName`. */
export async function expectRevert(p: Promise<unknown>, errorName: string): Promise<ContractRevertError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `expected a revert ${errorName}`).toBeInstanceOf(ContractRevertError);
  expect((e as ContractRevertError).errorName).toBe(errorName);
  return e as ContractRevertError;
}

