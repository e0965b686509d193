/**
 * Typed chain errors: a contract revert decoded to its Solidity custom error name and arguments.
 */
import { BaseError, ContractFunctionRevertedError } from 'viem';
import { VouchError } from '@vouch/core';

/** A transaction or call reverted; `errorName` is the Solidity custom error (e.g. `NotOwner`). */
export class ContractRevertError extends VouchError {
  override name = 'ContractRevertError';
  readonly errorName: string;
  readonly args: readonly unknown[];
  constructor(fn: string, errorName: string, args: readonly unknown[], cause?: unknown) {
    super('CONTRACT_REVERT', `${fn} reverted: ${errorName}(${args.map(String).join(', ')})`, { cause });
    this.errorName = errorName;
    this.args = args;
  }
}

/** Runs `op`; a revert becomes a {@link ContractRevertError}, anything else is rethrown. */
export async function withRevertDecoding<T>(fn: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof BaseError) {
      const revert = e.walk((x) => x instanceof ContractFunctionRevertedError);
      if (revert instanceof ContractFunctionRevertedError) {
        const name = revert.data?.errorName ?? revert.reason ?? 'unknown';
        throw new ContractRevertError(fn, name, (revert.data?.args ?? []) as readonly unknown[], e);
      }
    }
    throw e;
  }
}
