/** Shared set-up of the on-chain verifier tests and benchmark: one anvil (explicit hardfork), deploy, a seeded PRNG. No vitest import. */
import type { Address, Hex } from 'viem';
import { startAnvil, connect, deployArtifact, type AnvilInstance, type ChainClients } from '../src/index.ts';

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
