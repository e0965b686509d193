/**
 * On-chain verifier gas (docs/parts/onchain.md): Solidity field operations, the transcript's frozen
 * vector, Merkle multi-openings, and LigeroStatementVerifier on small Ligero statements, measured on
 * a real anvil node with an explicit hardfork (recorded in every row).
 */
import { bytesToHex, encodeFunctionData } from 'viem';
import type { BenchCase, BenchRow } from './harness.ts';
import { LIGERO_TEST, type LigeroParams } from '../packages/core/src/index.ts';
import {
  FieldHarness,
  LigeroStatementVerifier,
  StatementRecord,
  calldataGas,
  deployArtifact,
  localAccounts,
  packExt,
} from '../packages/contracts/src/index.ts';
import { startChain, HARDFORK } from '../packages/contracts/test/chain.ts';
import { ligeroInstance } from '../packages/contracts/test/ligero-fixture.ts';

const GROUP = 'onchain';

const SHAPES: { l: number; params: LigeroParams }[] = [
  { l: 16, params: LIGERO_TEST },
  { l: 32, params: { name: 't16-b4', queries: 16, blowup: 4 } },
  { l: 64, params: { name: 't32-b4', queries: 32, blowup: 4 } },
  { l: 128, params: { name: 't64-b4', queries: 64, blowup: 4 } },
];

export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'field ops and Ligero verification gas',
    async run({ quick }) {
      const ch = await startChain();
      const rows: BenchRow[] = [];
      try {
        const field = (await deployArtifact(ch.c, FieldHarness, 'FieldHarness')).address;
        const g = await ch.c.publicClient.readContract({ address: field, abi: FieldHarness.abi, functionName: 'opGas', args: [12345n, packExt([1, 2, 3, 4]), 64n] });
        const names = ['base mul', 'base inv', 'ext mul', 'ext inv'];
        g.forEach((x, i) => rows.push({ group: GROUP, name: `${names[i]} (per op, loop incl.)`, values: { gas: Number(x) / 64, hardfork: HARDFORK } }));
        const record = (await deployArtifact(ch.c, StatementRecord, 'StatementRecord')).address;
        const at = (await deployArtifact(ch.c, LigeroStatementVerifier, 'LigeroStatementVerifier', [record])).address;
        const [, party] = await localAccounts(ch.anvil.rpcUrl);
        for (const { l, params } of quick ? SHAPES.slice(0, 2) : SHAPES) {
          const x = ligeroInstance(l, params, l);
          const { proof } = x.prove(party);
          const data = encodeFunctionData({ abi: LigeroStatementVerifier.abi, functionName: 'submit', args: [bytesToHex(x.circuit), party, bytesToHex(proof)] });
          const cd = calldataGas(Buffer.from(data.slice(2), 'hex'));
          // eth_estimateGas of the view `verify` (up to the node's block gas limit, so shapes above the
          // EIP-7825 cap are still measured); `submit` adds the SSTORE and the event.
          const gas = await ch.c.publicClient.estimateGas({
            account: ch.c.account,
            to: at,
            data: encodeFunctionData({ abi: LigeroStatementVerifier.abi, functionName: 'verify', args: [bytesToHex(x.circuit), party, bytesToHex(proof)] }),
          });
          rows.push({
            group: GROUP,
            name: `Ligero verify ℓ=${l} rows=6 t=${x.shape.queries} n=${x.shape.codeLength}`,
            values: { gas: Number(gas), calldata_bytes: cd.bytes, calldata_gas_16: cd.standard, calldata_gas_floor_40: cd.floor, hardfork: HARDFORK },
          });
        }
      } finally {
        await ch.anvil.stop();
      }
      return rows;
    },
  },
];
