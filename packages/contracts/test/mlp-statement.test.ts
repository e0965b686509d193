/**
 * MlpStatementVerifier.sol against packages/zkml/src/onchain/mlp (docs/parts/onchain.md §12) on a real
 * anvil node (prague):
 *  - honest statements — B1 (784-56-10, n = 17) on a real MNIST test digit, A1-cps — verify in TS and
 *    on chain with the same statement hash, and a relayer's submission records them for the party
 *    (StatementRecorded event, getRecord party / model id / verifier); a replay is AlreadyVerified;
 *  - the differential corpus (tamperedMlpCases, B1 and A1-cps): every tampered statement gets its
 *    exact TS rejection and the on-chain error the TS check maps to ({@link expectedSolError}: one
 *    named Solidity error per TS check, arguments included where the TS error determines them —
 *    reading offsets, layer, row, round, BadVk field code);
 *  - key checks the corpus does not break (rows, cols past 2^16, BaseFold parameter ranges, a clamp
 *    past int16) and consistent cheating provers (basefold.sumcheck, mlp.final);
 *  - the registry: unregistered and deprecated models → ModelNotActive, in verify and in submit;
 *  - MlpRequant.sol against `requantize` of packages/zkml/src/int/arith.ts on random and boundary
 *    values (negative accumulators, ties, every shift, clamp edges).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseError, bytesToHex, decodeErrorResult, encodeDeployData, getAddress, hexToBytes, zeroAddress, type Address, type Hex } from 'viem';
import { MalformedError, P, VerificationError, fromInt } from '@vouch/core';
import { encodeLinearValues, mlpKey, requantize, runMlp, verifyMlp, type MlpKey, type MlpStatementBytes } from '@vouch/zkml';
import {
  ALL_ERRORS_ABI,
  ContractRevertError,
  MLP_VK_FIELD,
  MlpRequantHarness,
  MlpStatementVerifier,
  addRecordVerifier,
  calldataGas,
  connect,
  deployArtifact,
  deployMlpStatementVerifier,
  deployRegistry,
  deployStatementRecord,
  deprecateModel,
  estimateMlpVerifyGas,
  getStatementRecord,
  isRecorded,
  localAccounts,
  mlpSubmitCalldata,
  recordEvents,
  registerModel,
  submitMlpStatement,
  verifyMlpStatementCall,
  type ChainClients,
  type MlpStatementCall,
} from '../src/index.ts';
import { HARDFORK, expectRevert, prng, startChain, type Chain } from './chain-helpers.ts';
import { tsVerdictMismatch, type TsVerdict } from '../../zkml/test/helpers/onchain-linear-cases.ts';
import { forgeMlpProof, mlpFixture, mlpVkOffsets, setU32At, tamperedMlpCases, type MlpFixture } from '../../zkml/test/helpers/onchain-mlp-cases.ts';
import type { IntParams } from '../../zkml/src/int/graph.ts';

const onChain = (s: MlpStatementBytes): MlpStatementCall => ({ ...s, party: getAddress(bytesToHex(s.party)) });

/** The BaseFold parameter names of `basefold.params` locations, in ParamsMismatch's field order. */
const PARAM_FIELDS = ['vars', 'logBlowup', 'logArity', 'queries', 'finalVars'];

/** The Solidity error a TS rejection maps to: its name and the arguments the TS error determines (undefined: not compared). */
interface SolError {
  readonly name: string;
  readonly args?: readonly (bigint | undefined)[];
}

/**
 * The mapping TS check → Solidity error of MlpStatementVerifier (one error per check):
 * reader errors (truncation, non-canonical element, trailing bytes) → PackedReader's Truncated /
 * NonCanonical / TrailingBytes at the same byte offset (relative to the key, input, output, proof,
 * or the BaseFold part of the proof); `mlp.vk.<field>` → BadVk(field code, layer); `mlp.party` →
 * ZeroParty; `mlp.input` / `mlp.output` lengths → BadValuesLength(0 | 1); `mlp.proof.version` →
 * BadMlpProofVersion; `mlp.input-range` → InputOutOfRange(j); `mlp.output-mismatch` →
 * OutputMismatch(i); `sumcheck.round-sum` → RoundSumMismatch(round); `mlp.final` →
 * FinalMismatch(layer); `basefold.*` → BasefoldVerifier's errors.
 */
function expectedSolError(e: unknown): SolError {
  if (e instanceof MalformedError) {
    const at = e.offset === undefined ? undefined : BigInt(e.offset);
    if (/\(truncated\)$/.test(e.message.replace(/ \(at byte \d+\)$/, ''))) return { name: 'Truncated', args: [at] };
    if (/expected a canonical element/.test(e.message)) return { name: 'NonCanonical', args: [at] };
    if (/trailing bytes/.test(e.message)) return { name: 'TrailingBytes', args: [at] };
    if (e.field === 'mlp.party') return { name: 'ZeroParty' };
    if (e.field === 'mlp.input' || e.field === 'mlp.output') return { name: 'BadValuesLength', args: [e.field === 'mlp.input' ? 0n : 1n] };
    if (e.field === 'mlp.proof.version') return { name: 'BadMlpProofVersion' };
    if (e.field === 'basefold.version') return { name: 'BadProofVersion' };
    const vk = /^mlp\.vk\.(?:layers\[(\d+)\]\.)?(\w+)$/.exec(e.field);
    if (vk && vk[2] in MLP_VK_FIELD) return { name: 'BadVk', args: [BigInt(MLP_VK_FIELD[vk[2] as keyof typeof MLP_VK_FIELD]), vk[1] === undefined ? undefined : BigInt(vk[1])] };
  }
  if (e instanceof VerificationError) {
    const n = (re: RegExp) => BigInt(re.exec(e.location ?? '')![1]);
    switch (e.check) {
      case 'mlp.input-range':
        return { name: 'InputOutOfRange', args: [n(/input\[(\d+)\]/)] };
      case 'mlp.output-mismatch':
        return { name: 'OutputMismatch', args: [n(/output\[(\d+)\]/)] };
      case 'sumcheck.round-sum':
        return { name: 'RoundSumMismatch', args: [n(/round (\d+)$/)] };
      case 'mlp.final':
        return { name: 'FinalMismatch', args: [n(/^layer (\d+)$/)] };
      case 'basefold.params':
        return { name: 'ParamsMismatch', args: [BigInt(PARAM_FIELDS.indexOf(e.location ?? ''))] };
      case 'basefold.sumcheck':
        return { name: 'SumcheckMismatch' };
      case 'basefold.merkle':
        return { name: 'MerkleRootMismatch' };
      case 'basefold.fold':
        return { name: 'FoldMismatch' };
      case 'basefold.final-fold':
        return { name: 'FinalFoldMismatch' };
    }
  }
  throw new Error(`no Solidity error is mapped to the TS rejection ${String(e)}`);
}

/** What `fn` throws (undefined when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

/** The on-chain verdict of `s`: undefined (accepted) or the decoded revert. */
async function chainVerdict(c: ChainClients, at: Address, s: MlpStatementCall): Promise<ContractRevertError | undefined> {
  return verifyMlpStatementCall(c, at, s).then(
    () => undefined,
    (x: unknown) => {
      if (x instanceof ContractRevertError) return x;
      throw x;
    },
  );
}

/** '' when `got` is the expected error (with the expected arguments), else a description. */
function solMismatch(got: ContractRevertError | undefined, want: SolError): string {
  if (!got) return `accepted on chain, expected ${want.name}`;
  if (got.errorName !== want.name) return `expected ${want.name}, got ${got.errorName}(${got.args.map(String).join(', ')})`;
  const bad = (want.args ?? []).findIndex((a, i) => a !== undefined && got.args[i] !== a);
  return bad < 0 ? '' : `${want.name}: expected argument ${bad} = ${want.args![bad]}, got ${String(got.args[bad])}`;
}

/** The same parameters with weight entry `j` of `name` moved by one (staying int8). */
function withOneWeightChanged(params: IntParams, name: string, j = 0): IntParams {
  const t = params.get(name)!;
  const data = Int8Array.from(t.data);
  data[j] = data[j] === 127 ? 126 : data[j] + 1;
  return new Map(params).set(name, { ...t, data });
}

const weightNames = (fx: MlpFixture): string[] => fx.pkg.graph.nodes.filter((n) => n.op === 'Linear').map((n) => n.params.weight);

describe(`MlpStatementVerifier.sol vs packages/zkml/src/onchain/mlp (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let relayer: ChainClients;
  let record: Address;
  let registry: Address;
  let at: Address;
  let party: Address;
  let other: Address;
  let b1: MlpFixture;
  let cps: MlpFixture;
  const registered = new Set<Hex>();

  /** Registers the model id of every key in `vks` not registered yet (the TS verifier has no registry). */
  async function register(vks: readonly Uint8Array[]): Promise<void> {
    for (const vk of vks) {
      const id = await ch.c.publicClient.readContract({ address: at, abi: MlpStatementVerifier.abi, functionName: 'modelId', args: [bytesToHex(vk)] });
      if (registered.has(id)) continue;
      registered.add(id);
      await registerModel(ch.c, registry, id, 'sha256:test');
    }
  }

  beforeAll(async () => {
    ch = await startChain();
    const accts = await localAccounts(ch.anvil.rpcUrl);
    [, party, other] = accts;
    relayer = await connect({ rpcUrl: ch.anvil.rpcUrl, address: accts[3] });
    registry = (await deployRegistry(ch.c)).address;
    record = (await deployStatementRecord(ch.c)).address;
    const dep = await deployMlpStatementVerifier(ch.c, record, registry);
    at = dep.address;
    console.log(`[${HARDFORK}] deploy MlpStatementVerifier (+ its MlpOpening): ${dep.gasUsed} gas`);
    await addRecordVerifier(ch.c, record, at);
    b1 = mlpFixture('B1', hexToBytes(party));
    cps = mlpFixture('A1-cps', hexToBytes(party));
    await register([b1.key.vkBytes, cps.key.vkBytes]);
  }, 60_000);
  afterAll(async () => ch?.anvil.stop());

  it('the constructor refuses a zero record or registry; modelId and statementHash are the TS ones', async () => {
    const deployError = async (args: readonly [Address, Address]): Promise<string> => {
      try {
        await ch.c.publicClient.call({ account: ch.c.account, data: encodeDeployData({ abi: MlpStatementVerifier.abi, bytecode: MlpStatementVerifier.bytecode, args }) });
        return 'deployed';
      } catch (e) {
        const raw = (e as BaseError).walk((x) => typeof (x as { data?: unknown }).data === 'string') as { data: Hex } | null;
        return raw ? decodeErrorResult({ abi: ALL_ERRORS_ABI, data: raw.data }).errorName : String(e);
      }
    };
    expect(await deployError([zeroAddress, registry])).toBe('ZeroRecord');
    expect(await deployError([record, zeroAddress])).toBe('ZeroRegistry');
    const read = <T>(functionName: 'modelId' | 'statementHash', args: readonly unknown[]) => ch.c.publicClient.readContract({ address: at, abi: MlpStatementVerifier.abi, functionName, args } as never) as Promise<T>;
    expect(await read<Hex>('modelId', [bytesToHex(b1.key.vkBytes)])).toBe(bytesToHex(b1.key.modelId));
    expect(await read<Hex>('statementHash', [bytesToHex(b1.key.modelId), bytesToHex(b1.out.input), bytesToHex(b1.out.output), party])).toBe(bytesToHex(b1.out.statementHash));
  });

  it('B1 (784-56-10, n = 17, a real MNIST digit): verifies in TS and on chain; a relayer’s submission records it for the party; a replay is refused', async () => {
    const s = onChain(b1.statement);
    const { statementHash, modelId } = verifyMlp(b1.statement);
    const h = bytesToHex(statementHash);
    expect(await verifyMlpStatementCall(ch.c, at, s)).toBe(h);
    expect(await isRecorded(ch.c, record, h)).toBe(false);
    const verifyGas = await estimateMlpVerifyGas(ch.c, at, s);
    const cd = calldataGas(hexToBytes(mlpSubmitCalldata(s)));
    const { gasUsed, txHash } = await submitMlpStatement(relayer, at, s);
    console.log(`[${HARDFORK}] B1 MLP statement: proof ${b1.statement.proof.length} B, key ${b1.statement.vk.length} B, calldata ${cd.bytes} B (${cd.standard} gas at 16/byte, floor ${cd.floor}), verify ${verifyGas} gas, submit ${gasUsed} gas`);
    expect(gasUsed).toBeLessThan(6_000_000n);
    const rec = await getStatementRecord(ch.c, record, h);
    expect(rec.party).toBe(party);
    expect(rec.verifier).toBe(at);
    expect(rec.modelId).toBe(bytesToHex(modelId));
    const ev = (await recordEvents(ch.c, record)).filter((e) => e.eventName === 'StatementRecorded' && e.txHash === txHash);
    expect(ev.length).toBe(1);
    expect(ev[0].args).toMatchObject({ statementHash: h, party, modelId: bytesToHex(modelId), verifier: at });
    expect(await ch.c.publicClient.readContract({ address: at, abi: MlpStatementVerifier.abi, functionName: 'isVerified', args: [h] })).toBe(true);
    await expectRevert(submitMlpStatement(relayer, at, s), 'AlreadyVerified');
  });

  it('A1-cps (3 layers): verifies and is recorded for the party', async () => {
    const s = onChain(cps.statement);
    const h = bytesToHex(verifyMlp(cps.statement).statementHash);
    expect(await verifyMlpStatementCall(ch.c, at, s)).toBe(h);
    const cd = calldataGas(hexToBytes(mlpSubmitCalldata(s)));
    const { gasUsed } = await submitMlpStatement(ch.c, at, s);
    console.log(`[${HARDFORK}] A1-cps MLP statement: proof ${cps.statement.proof.length} B, calldata ${cd.bytes} B (${cd.standard} gas at 16/byte, floor ${cd.floor}), submit ${gasUsed} gas`);
    const rec = await getStatementRecord(ch.c, record, h);
    expect([rec.party, rec.verifier, rec.modelId]).toEqual([party, at, bytesToHex(cps.key.modelId)]);
  });

  it.each(['B1', 'A1-cps'] as const)('%s: every tampered statement gets its exact TS rejection and the mapped named error on chain', async (id) => {
    const fx = id === 'B1' ? b1 : cps;
    const otherKey = mlpKey(fx.pkg.graph, withOneWeightChanged(fx.pkg.params, weightNames(fx)[id === 'B1' ? 0 : 2]));
    const cases = tamperedMlpCases(fx, hexToBytes(other), otherKey);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    // The TS verifier has no registry: every key of the corpus is registered so that the registry check passes.
    await register(cases.map((c) => c.statement.vk));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const c of cases) {
      const ts = tsVerdictMismatch(() => verifyMlp(c.statement), c.ts);
      if (ts !== undefined) problems.push(`${c.name}: TS ${ts}`);
      const want = expectedSolError(thrown(() => verifyMlp(c.statement)));
      seen.add(want.name);
      if (c.statement.party.length !== 20) {
        // An `address` is 20 bytes by type: such a statement cannot even be encoded for the contract.
        expect(() => onChain(c.statement), c.name).toThrow();
        continue;
      }
      const m = solMismatch(await chainVerdict(ch.c, at, onChain(c.statement)), want);
      if (m) problems.push(`${c.name}: ${m}`);
    }
    expect(problems).toEqual([]);
    for (const name of ['ZeroParty', 'BadVk', 'Truncated', 'NonCanonical', 'TrailingBytes', 'BadValuesLength', 'InputOutOfRange', 'BadMlpProofVersion', 'OutputMismatch', 'RoundSumMismatch', 'FinalMismatch', 'MerkleRootMismatch', 'BadProofVersion', 'ParamsMismatch']) {
      expect(seen, name).toContain(name);
    }
  }, 60_000);

  it('key checks the corpus leaves out — rows 0 and past 2^16, cols past 2^16, a clamp past int16, each BaseFold parameter range — and a non-canonical input bound: same verdict, exact BadVk code', async () => {
    const fx = cps;
    const vk = fx.statement.vk;
    const vo = mlpVkOffsets(fx.key.vk);
    const L = fx.key.vk.layers.length;
    const lastRows = fx.key.vk.layers[L - 1].rows;
    // Layer L − 1 with rows = 0 and its row data removed: the reading succeeds, checkMlpVk refuses it.
    const noRows = setU32At(Uint8Array.of(...vk.subarray(0, vo.layer(L - 1).bias(0)), ...vk.subarray(vo.layer(L - 1).bias(lastRows))), vo.layer(L - 1).rows, 0);
    const pr = vo.params;
    const cases: [string, Uint8Array, TsVerdict, SolError][] = [
      ['last layer rows 0', noRows, { malformed: `mlp.vk.layers[${L - 1}].rows` }, { name: 'BadVk', args: [3n, BigInt(L - 1), 0n] }],
      ['layer 0 rows 2^16 + 1', setU32At(vk, vo.layer(0).rows, 65537), { malformed: 'mlp.vk.layers[0].rows' }, { name: 'BadVk', args: [3n, 0n, 65537n] }],
      ['layer 1 cols 2^16 + 1', setU32At(vk, vo.layer(1).cols, 65537), { malformed: 'mlp.vk.layers[1].cols' }, { name: 'BadVk', args: [4n, 1n, 65537n] }],
      ['layer 1 clamp hi 32768', setU32At(vk, vo.layer(1).hi, 32768), { malformed: 'mlp.vk.layers[1].clamp' }, { name: 'BadVk', args: [5n, 1n] }],
      ['input hi 32768', setU32At(vk, 9, 32768), { malformed: 'mlp.vk.input' }, { name: 'BadVk', args: [2n, 0n, (BigInt(fromInt(fx.key.vk.inputLo)) << 32n) | 32768n] }],
      ['inputLo = p (non-canonical)', setU32At(vk, 5, P), { malformed: 'mlp.vk.inputLo' }, { name: 'NonCanonical', args: [5n] }],
      ['BaseFold n = 25', setU32At(vk, pr, 25), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 0n, 25n] }],
      ['BaseFold R = 9', setU32At(vk, pr + 4, 9), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 1n, 9n] }],
      ['BaseFold a = 5', setU32At(vk, pr + 8, 5), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 2n, 5n] }],
      ['BaseFold q = 0', setU32At(vk, pr + 12, 0), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 3n, 0n] }],
      ['BaseFold f = n', setU32At(vk, pr + 16, fx.key.vk.params.vars), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 4n, BigInt(fx.key.vk.params.vars)] }],
      // the security floor: q·R ≥ 100 conjectured bits (a key cannot choose nearly free openings)
      ['BaseFold q = 24 (q·R = 96 < 100)', setU32At(vk, pr + 12, 24), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 6n, 96n] }],
      ['BaseFold q = 1, R = 1 (1 bit)', setU32At(setU32At(vk, pr + 12, 1), pr + 4, 1), { malformed: 'mlp.vk.params' }, { name: 'BadVk', args: [9n, 6n, 1n] }],
      ['a shift of 29 (the largest allowed) passes the key checks', setU32At(vk, vo.layer(0).shift(0), 29), { check: 'sumcheck.round-sum', location: 'layer 0, mlp.matvec round 0' }, { name: 'RoundSumMismatch', args: [0n] }],
    ];
    await register(cases.map(([, v]) => v));
    const problems: string[] = [];
    for (const [name, v, ts, sol] of cases) {
      const s = { ...fx.statement, vk: v };
      const t = tsVerdictMismatch(() => verifyMlp(s), ts);
      if (t !== undefined) problems.push(`${name}: TS ${t}`);
      const m = solMismatch(await chainVerdict(ch.c, at, onChain(s)), sol);
      if (m) problems.push(`${name}: ${m}`);
    }
    expect(problems).toEqual([]);
  });

  it('the input range check (eight entries per calldata word): wrap-around and one-sided ranges, first failures in the first, a middle and the last word and in a partial word, entries at the bounds', async () => {
    const fromB1 = (inputLo: number, inputHi: number, xs: number[]): MlpStatementBytes => ({
      ...b1.statement,
      vk: setU32At(setU32At(b1.statement.vk, 5, fromInt(inputLo)), 9, fromInt(inputHi)),
      input: encodeLinearValues(xs),
    });
    const cols = b1.x.length;
    const at_ = (v: number, j: number, fill: number) => Array.from({ length: cols }, (_, i) => (i === j ? v : fill));
    const tailCols = cps.x.length;
    expect(cols % 8).toBe(0);
    expect(tailCols % 8).not.toBe(0);
    // [name, statement, the first entry out of range (undefined: all in range, so the sumcheck refuses the changed statement)]
    const cases: [string, MlpStatementBytes, number | undefined][] = [
      ['[−128, 127], entry 500 = 128', fromB1(-128, 127, at_(128, 500, 3)), 500],
      ['[−128, 127], entry 783 = −129', fromB1(-128, 127, at_(-129, 783, -128)), 783],
      ['[0, 127] (no wrap), entry 517 = −1', fromB1(0, 127, at_(-1, 517, 0)), 517],
      ['[0, 127], entry 0 = 128', fromB1(0, 127, at_(128, 0, 127)), 0],
      ['[0, 127], every entry 0 or 127', fromB1(0, 127, b1.x.map((v) => (v < 0 ? 0 : 127))), undefined],
      ['[−128, −1] (negative only), entry 783 = 0', fromB1(-128, -1, at_(0, 783, -5)), 783],
      ['[−128, −1], every entry −128 or −1', fromB1(-128, -1, b1.x.map((v) => (v < 0 ? -128 : -1))), undefined],
      ['[5, 9] (positive only), entry 8 = 4', fromB1(5, 9, at_(4, 8, 9)), 8],
      [
        `A1-cps [0, 127], last entry (${tailCols - 1}, in the partial word) = −1`,
        { ...cps.statement, vk: setU32At(cps.statement.vk, 5, 0), input: encodeLinearValues(cps.x.map((v, i) => (i === tailCols - 1 ? -1 : Math.max(v, 0)))) },
        tailCols - 1,
      ],
    ];
    await register(cases.map(([, s]) => s.vk));
    const problems: string[] = [];
    for (const [name, s, j] of cases) {
      const ts: TsVerdict = j === undefined ? { check: 'sumcheck.round-sum', location: 'layer 0, mlp.matvec round 0' } : { check: 'mlp.input-range', location: `input[${j}]` };
      const t = tsVerdictMismatch(() => verifyMlp(s), ts);
      if (t !== undefined) problems.push(`${name}: TS ${t}`);
      const m = solMismatch(await chainVerdict(ch.c, at, onChain(s)), j === undefined ? { name: 'RoundSumMismatch', args: [0n] } : { name: 'InputOutOfRange', args: [BigInt(j)] });
      if (m) problems.push(`${name}: ${m}`);
    }
    expect(problems).toEqual([]);
  });

  it('consistent cheating provers holding the real weights, naming another model: the opening refuses (SumcheckMismatch) or mlp.final does (FinalMismatch)', async () => {
    const fx = cps;
    const name = weightNames(fx)[1];
    // A weight the row actually uses: row 0, a column whose layer-1 input is not zero.
    const col = runMlp(fx.key, fx.x).outputs[0].findIndex((v) => v !== 0);
    expect(col).toBeGreaterThanOrEqual(0);
    const claimed: MlpKey = mlpKey(fx.pkg.graph, withOneWeightChanged(fx.pkg.params, name, col));
    await register([claimed.vkBytes]);
    for (const [opened, ts, sol] of [
      ['real', { check: 'basefold.sumcheck' }, { name: 'SumcheckMismatch' }],
      ['claimed', { check: 'mlp.final', location: 'layer 1' }, { name: 'FinalMismatch', args: [1n] }],
    ] as const) {
      const f = forgeMlpProof(fx.key, fx.x, fx.party, { claimed, opened });
      const s: MlpStatementBytes = { vk: claimed.vkBytes, party: fx.party, ...f };
      expect(tsVerdictMismatch(() => verifyMlp(s), ts), opened).toBeUndefined();
      expect(solMismatch(await chainVerdict(ch.c, at, onChain(s)), sol), opened).toBe('');
    }
  });

  it('the registry: an unregistered model → ModelNotActive (verify and submit); once registered it verifies; deprecated → ModelNotActive again', async () => {
    const fx = mlpFixture('A1-penguins', hexToBytes(party));
    const s = onChain(fx.statement);
    const id = bytesToHex(fx.key.modelId);
    const h = bytesToHex(verifyMlp(fx.statement).statementHash);
    const e = await expectRevert(verifyMlpStatementCall(ch.c, at, s), 'ModelNotActive');
    expect(e.args).toEqual([id]);
    await expectRevert(submitMlpStatement(relayer, at, s), 'ModelNotActive');
    await registerModel(ch.c, registry, id, 'sha256:penguins');
    expect(await verifyMlpStatementCall(ch.c, at, s)).toBe(h);
    await deprecateModel(ch.c, registry, id, 'test');
    await expectRevert(verifyMlpStatementCall(ch.c, at, s), 'ModelNotActive');
    await expectRevert(submitMlpStatement(relayer, at, s), 'ModelNotActive');
    expect(await isRecorded(ch.c, record, h)).toBe(false);
    // The check sits after the key: a malformed key is refused as such, whatever the registry says.
    await expectRevert(verifyMlpStatementCall(ch.c, at, { ...s, vk: Uint8Array.of(2, ...fx.statement.vk.subarray(1)) }), 'BadVk');
  });

  it('MlpRequant.sol is requantize of int/arith.ts bit for bit: random accumulators of both signs, ties, every shift 13 … 29, multipliers 0 … 2^16 − 1, clamp edges', async () => {
    const harness = (await deployArtifact(ch.c, MlpRequantHarness, 'MlpRequantHarness')).address;
    const r = prng(20261125);
    const HALF = (P - 1) / 2;
    const acc: number[] = [];
    const m: number[] = [];
    const s: number[] = [];
    const push = (a: number, mm: number, ss: number) => {
      acc.push(a);
      m.push(mm);
      s.push(ss);
    };
    for (let ss = 13; ss <= 29; ss++) {
      for (const mm of [0, 1, 2, 3, 12345, 32768, 65535]) {
        // Exact ties a·M + 2^(s−1) ≡ 0 (mod 2^s) on both sides of zero, and their neighbours.
        for (const a of [0, 1, -1, HALF, -HALF, 2 ** (ss - 1), -(2 ** (ss - 1)), 2 ** ss, -(2 ** ss), 3 * 2 ** (ss - 1), -3 * 2 ** (ss - 1)]) {
          for (const d of [-1, 0, 1]) if (Math.abs(a + d) <= HALF) push(a + d, mm, ss);
        }
      }
    }
    for (let i = 0; i < 1500; i++) {
      const mag = [2 ** 12, 2 ** 20, 2 ** 26, HALF][i % 4];
      push((r() % (2 * mag + 1)) - mag, r() % 65536, 13 + (r() % 17));
    }
    for (const [lo, hi] of [[-128, 127], [0, 127], [-32768, 32767], [5, 5], [-3, 40]] as const) {
      const [q, signedAcc] = await ch.c.publicClient.readContract({
        address: harness,
        abi: MlpRequantHarness.abi,
        functionName: 'requantize',
        args: [acc.map((a) => BigInt(fromInt(a))), m.map(BigInt), s.map(BigInt), BigInt(lo), BigInt(hi)],
      });
      const bad = acc.flatMap((a, i) => (q[i] === BigInt(requantize(a, m[i], s[i], lo, hi)) && signedAcc[i] === BigInt(a) ? [] : [`acc ${a} M ${m[i]} s ${s[i]} [${lo}, ${hi}]: sol ${q[i]}, ts ${requantize(a, m[i], s[i], lo, hi)}`]));
      expect(bad.slice(0, 5), `${bad.length} mismatches`).toEqual([]);
    }
    expect(acc.some((a) => a < -(2 ** 26))).toBe(true);
  });
});
