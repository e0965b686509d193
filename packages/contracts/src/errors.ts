/**
 * Typed chain errors: a contract revert decoded to its Solidity custom error name and arguments.
 * A revert raised by a contract called from the one addressed (for example StatementRecord called
 * by a verifier) is decoded against the errors of every compiled contract.
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from 'viem';
import { VouchError } from '@vouch/core';
import * as artifacts from './artifacts.generated.ts';

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

/** Every custom error declared by the compiled contracts, deduplicated by name and inputs. */
export const ALL_ERRORS_ABI: Abi = (() => {
  const seen = new Map<string, Abi[number]>();
  for (const a of Object.values(artifacts)) {
    if (typeof a !== 'object' || !('abi' in a)) continue;
    for (const item of a.abi as Abi) {
      if (item.type !== 'error') continue;
      seen.set(`${item.name}(${item.inputs.map((i) => i.type).join(',')})`, item);
    }
  }
  return [...seen.values()];
})();

function decodeAny(raw: Hex | undefined): { errorName: string; args: readonly unknown[] } | undefined {
  if (!raw || raw === '0x') return undefined;
  try {
    const d = decodeErrorResult({ abi: ALL_ERRORS_ABI, data: raw });
    return { errorName: d.errorName, args: (d.args ?? []) as readonly unknown[] };
  } catch {
    return undefined;
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
        const decoded = revert.data?.errorName ? { errorName: revert.data.errorName, args: (revert.data.args ?? []) as readonly unknown[] } : decodeAny(revert.raw);
        throw new ContractRevertError(fn, decoded?.errorName ?? revert.reason ?? revert.signature ?? 'unknown', decoded?.args ?? [], e);
      }
    }
    throw e;
  }
}
