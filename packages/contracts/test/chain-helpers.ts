/** Shared set-up of the on-chain verifier tests: one anvil (explicit hardfork), deploy, revert matching. */
import { expect } from 'vitest';
import type { Address, Hex } from 'viem';
import { startAnvil, connect, deployArtifact, ContractRevertError, type AnvilInstance, type ChainClients } from '../src/index.ts';

/** Hardfork of every gas figure these tests and the benchmark print. */
export const HARDFORK = 'prague';

/** A running node with a connected client. */
export interface Chain {
  readonly anvil: AnvilInstance;
  readonly c: ChainClients;
}

/** Starts anvil with the explicit hardfork and connects. */
export async function startChain(): Promise<Chain> {
  const anvil = await startAnvil({ hardfork: HARDFORK });
  const c = await connect({ rpcUrl: anvil.rpcUrl });
  return { anvil, c };
}

/** Deploys an artifact, returning its address. */
export async function deploy(ch: Chain, artifact: { readonly abi: readonly unknown[]; readonly bytecode: Hex }, name: string): Promise<Address> {
  return (await deployArtifact(ch.c, artifact, name)).address;
}

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

/** Deterministic PRNG (xorshift32) so failures reproduce. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}
