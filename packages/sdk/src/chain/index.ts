/**
 * @vouch/sdk/chain — the Vouch chain client on viem: deploy the registry, the statement record and
 * the Ligero statement verifier; register, supersede and deprecate models; submit a Ligero
 * statement proof for on-chain verification; read registry entries and records. Node only (it
 * builds on @vouch/contracts); `@vouch/sdk/verify` never imports it.
 *
 * What is verified on chain today: Ligero statements (knowledge of a witness of a public constraint
 * system, for a party). A full inference proof is not (docs/parts/onchain.md §8–§9).
 */
export { connect, localAccounts, ContractRevertError, type ChainClients, type ConnectOptions, type RegisteredModel, type RegistryTx, type StatementRecordEntry } from '@vouch/contracts';
export * from './deployment.ts';
export * from './models.ts';
export * from './statement.ts';
export * from './example.ts';
export * from './mlp.ts';
