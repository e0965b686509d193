/**
 * viem clients for a Vouch chain endpoint: one public client for reads and receipts, one wallet
 * client for writes. On a local anvil the default account is the node's first unlocked account;
 * elsewhere pass a private key.
 */
import { createPublicClient, createWalletClient, defineChain, getAddress, http, type Account, type Address, type PublicClient, type WalletClient, type Chain, type Transport } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** A connected pair of clients. */
export interface ChainClients {
  readonly chain: Chain;
  readonly publicClient: PublicClient<Transport, Chain>;
  readonly walletClient: WalletClient<Transport, Chain, Account>;
  readonly account: Account;
}

/** Options of {@link connect}. */
export interface ConnectOptions {
  rpcUrl: string;
  chainId?: number;
  /** Hex private key; when absent, the node's first unlocked account (anvil) is used. */
  privateKey?: `0x${string}`;
  /** Use this unlocked account address instead of the first one. */
  address?: Address;
}

/** Connects to an RPC endpoint. */
export async function connect(opts: ConnectOptions): Promise<ChainClients> {
  const chain = defineChain({
    id: opts.chainId ?? 31337,
    name: 'vouch-local',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [opts.rpcUrl] } },
  });
  const transport = http(opts.rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  let account: Account;
  if (opts.privateKey) account = privateKeyToAccount(opts.privateKey);
  else {
    const address = opts.address ?? (await localAccounts(opts.rpcUrl))[0];
    account = { address: getAddress(address), type: 'json-rpc' } as Account;
  }
  const walletClient = createWalletClient({ chain, transport, account });
  return { chain, publicClient, walletClient, account };
}

/** The node's unlocked accounts (anvil's ten funded development accounts). */
export async function localAccounts(rpcUrl: string): Promise<Address[]> {
  const addrs = await createWalletClient({ transport: http(rpcUrl) }).getAddresses();
  return addrs.map((a) => getAddress(a));
}
