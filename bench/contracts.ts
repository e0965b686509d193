/**
 * On-chain verifier gas (docs/parts/onchain.md): Solidity field operations, the transcript's frozen
 * vector, Merkle multi-openings, LigeroStatementVerifier on small Ligero statements, and BaseFold
 * openings (BasefoldHarness.sol, docs/parts/basefold.md) and LinearStatementVerifier (sumcheck + BaseFold
 * linear statements, docs/parts/onchain.md) and MlpStatementVerifier (whole open-weights MLP
 * inferences, docs/parts/onchain.md §12), measured on a real anvil node with an explicit hardfork
 * (recorded in every row).
 */
import { bytesToHex, encodeFunctionData } from 'viem';
import type { BenchCase, BenchRow } from './harness.ts';
import {
  BASEFOLD_CONJECTURED_100,
  BASEFOLD_PROVEN_100,
  LIGERO_TEST,
  basefoldCommit,
  basefoldOpen,
  basefoldParams,
  mleEvalBase,
  seededRng,
  type BasefoldPreset,
  type LigeroParams,
} from '../packages/core/src/index.ts';
import { linearKey, proveLinear } from '../packages/zkml/src/index.ts';
import {
  BasefoldHarness,
  FieldHarness,
  LigeroStatementVerifier,
  StatementRecord,
  addRecordVerifier,
  TX_GAS_CAP,
  basefoldStatementTranscript,
  basefoldVerifyCalldata,
  calldataGas,
  deployArtifact,
  deployLinearStatementVerifier,
  deployMlpStatementVerifier,
  deployRegistry,
  estimateMlpVerifyGas,
  mlpSubmitCalldata,
  registerModel,
  submitMlpStatement,
  estimateLinearVerifyGas,
  linearSubmitCalldata,
  localAccounts,
  packExt,
  submitLinearStatement,
} from '../packages/contracts/src/index.ts';
import { startChain, HARDFORK } from '../packages/contracts/test/chain.ts';
import { ligeroInstance } from '../packages/contracts/test/ligero-fixture.ts';
import { mlpFixture } from '../packages/zkml/test/helpers/onchain-mlp-cases.ts';
import * as ARTIFACTS from '../packages/contracts/src/artifacts.generated.ts';
import { deployVouch } from '../packages/sdk/src/chain/index.ts';

const GROUP = 'onchain';

const BASEFOLD: { vars: number; preset: BasefoldPreset; name: string }[] = [
  { vars: 12, preset: BASEFOLD_CONJECTURED_100, name: 'conjectured-100' },
  { vars: 16, preset: BASEFOLD_CONJECTURED_100, name: 'conjectured-100' },
  { vars: 16, preset: BASEFOLD_PROVEN_100, name: 'proven-100' },
  { vars: 20, preset: BASEFOLD_CONJECTURED_100, name: 'conjectured-100' },
];

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
  {
    group: GROUP,
    name: 'BaseFold opening verification gas',
    async run({ quick }) {
      const ch = await startChain();
      const rows: BenchRow[] = [];
      try {
        const at = (await deployArtifact(ch.c, BasefoldHarness, 'BasefoldHarness')).address;
        for (const { vars, preset, name } of quick ? BASEFOLD.slice(0, 2) : BASEFOLD) {
          const params = basefoldParams(vars, preset);
          const g = seededRng(`bench-basefold-${vars}`);
          const evals = g.field(2 ** vars);
          const point = g.field(4 * vars);
          const claims = [{ point, value: mleEvalBase(evals, point) }];
          const com = basefoldCommit(evals, params);
          const proof = basefoldOpen(basefoldStatementTranscript(params, com.root), com, claims);
          const data = basefoldVerifyCalldata(params, com.root, claims, proof);
          const cd = calldataGas(Buffer.from(data.slice(2), 'hex'));
          // eth_estimateGas of the whole transaction (intrinsic 21,000 and calldata included), capped
          // at the EIP-7825 per-transaction limit.
          const gas = await ch.c.publicClient.estimateGas({ account: ch.c.account, to: at, data, gas: TX_GAS_CAP });
          rows.push({
            group: GROUP,
            name: `BaseFold opening n=${vars} ${name} (1 claim)`,
            values: {
              n: vars,
              R: params.logBlowup,
              a: params.logArity,
              q: params.queries,
              f: params.finalVars,
              proof_bytes: proof.length,
              calldata_gas_16: cd.standard,
              calldata_gas_floor_40: cd.floor,
              gas: Number(gas),
              hardfork: HARDFORK,
            },
          });
        }
      } finally {
        await ch.anvil.stop();
      }
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'linear statements (sumcheck + BaseFold, conjectured-100)',
    async run() {
      const ch = await startChain();
      const rows: BenchRow[] = [];
      try {
        const record = (await deployArtifact(ch.c, StatementRecord, 'StatementRecord')).address;
        const at = (await deployLinearStatementVerifier(ch.c, record)).address;
        await addRecordVerifier(ch.c, record, at);
        const [, party] = await localAccounts(ch.anvil.rpcUrl);
        const partyBytes = Buffer.from(party.slice(2), 'hex');
        // B1's first layer (56 × 784, padded 64 × 1024, n = 16) and a 10 × 56 layer; seeded int8 weights.
        for (const [r, c] of [[56, 784], [10, 56]]) {
          const w = Array.from({ length: r * c }, (_, i) => ((i * 7919 + 13) % 256) - 128);
          const key = linearKey(w, r, c, { preset: BASEFOLD_CONJECTURED_100 });
          const x = Array.from({ length: c }, (_, j) => ((j * 31 + 7) % 255) - 127);
          const out = proveLinear(key, x, partyBytes);
          const s = { vk: key.vkBytes, x: out.x, y: out.y, party, proof: out.proof };
          const cd = calldataGas(Buffer.from(linearSubmitCalldata(s).slice(2), 'hex'));
          const verify = await estimateLinearVerifyGas(ch.c, at, s);
          const { gasUsed } = await submitLinearStatement(ch.c, at, s);
          rows.push({
            group: GROUP,
            name: `linear ${r}×${c} (n=${key.vk.params.vars}, R=4, q=25)`,
            values: { proof_bytes: out.proof.length, calldata_bytes: cd.bytes, calldata_gas_16: cd.standard, calldata_gas_floor_40: cd.floor, verify_gas: Number(verify), submit_gas: Number(gasUsed), hardfork: HARDFORK },
          });
        }
      } finally {
        await ch.anvil.stop();
      }
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'MLP statements (whole open-weights inferences: sumcheck per layer + one BaseFold opening, conjectured-100)',
    async run() {
      const ch = await startChain();
      const rows: BenchRow[] = [];
      try {
        const registry = (await deployRegistry(ch.c)).address;
        const record = (await deployArtifact(ch.c, StatementRecord, 'StatementRecord')).address;
        const at = (await deployMlpStatementVerifier(ch.c, record, registry)).address;
        await addRecordVerifier(ch.c, record, at);
        const [, party] = await localAccounts(ch.anvil.rpcUrl);
        // Zoo models quantized on real training rows, proven on their first real test row (B1: an MNIST digit).
        for (const [id, name] of [['B1', 'B1 MLP statement (784-56-10, n = 17)'], ['A1-cps', 'A1-cps MLP statement']] as const) {
          const fx = mlpFixture(id, Buffer.from(party.slice(2), 'hex'));
          await registerModel(ch.c, registry, bytesToHex(fx.key.modelId), `sha256:${id}`);
          const s = { ...fx.statement, party };
          const cd = calldataGas(Buffer.from(mlpSubmitCalldata(s).slice(2), 'hex'));
          const verify = await estimateMlpVerifyGas(ch.c, at, s, TX_GAS_CAP);
          const { gasUsed } = await submitMlpStatement(ch.c, at, s);
          rows.push({
            group: GROUP,
            name,
            values: { n: fx.key.vk.params.vars, proof_bytes: s.proof.length, calldata_bytes: cd.bytes, calldata_gas_16: cd.standard, calldata_gas_floor_40: cd.floor, verify_gas: Number(verify), submit_gas: Number(gasUsed), hardfork: HARDFORK },
          });
        }
      } finally {
        await ch.anvil.stop();
      }
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'deployment gas (deployVouch) and deployed contract sizes',
    async run() {
      const ch = await startChain();
      const rows: BenchRow[] = [];
      try {
        const { gas } = await deployVouch(ch.c);
        for (const [name, g] of [['deploy ModelRegistry', gas.registry], ['deploy StatementRecord', gas.record], ['deploy LigeroStatementVerifier', gas.ligeroVerifier], ['deploy MlpStatementVerifier (+ MlpOpening, created by its constructor)', gas.mlpVerifier], ['authorise both verifiers in the record', gas.authorise]] as const) {
          rows.push({ group: GROUP, name, values: { gas: Number(g), hardfork: HARDFORK } });
        }
      } finally {
        await ch.anvil.stop();
      }
      for (const name of ['ModelRegistry', 'StatementRecord', 'LigeroStatementVerifier', 'MlpStatementVerifier', 'MlpOpening', 'LinearStatementVerifier']) {
        const a = (ARTIFACTS as unknown as Record<string, { deployedSize: number }>)[name];
        rows.push({ group: GROUP, name: `size ${name} (deployed bytes; EIP-170 limit 24,576)`, values: { deployed_bytes: a.deployedSize } });
      }
      return rows;
    },
  },
];
