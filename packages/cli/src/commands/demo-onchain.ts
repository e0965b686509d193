/**
 * The demo's on-chain verification step (docs/parts/onchain.md §12): the same digit proven as an
 * open-weights MLP statement, its key id registered, and the whole inference verified by
 * MlpStatementVerifier on the local chain, which records it for the requester; then a forged output
 * and a replay for another party are submitted as calls and rejected with the contract's errors.
 */
import { join } from 'node:path';
import { encodeLinearValues, type ModelPackage } from '@vouch/zkml';
import { ContractRevertError, type ChainClients } from '@vouch/contracts';
import {
  cardMetadataURI,
  encodeMlpStatementFile,
  isStatementVerified,
  mlpKeyOf,
  proveMlpStatement,
  registerModel,
  submitMlpStatement,
  verifyMlpStatementCall,
  type MlpStatement,
  type VouchDeployment,
} from '@vouch/sdk/chain';
import type { Io } from '../io.ts';
import { writeUserFile } from '../files.ts';

/** What the step needs from the demo. */
export interface OnchainDemo {
  readonly io: Io;
  readonly c: ChainClients;
  readonly d: VouchDeployment;
  readonly hardfork: string;
  readonly pkg: ModelPackage;
  readonly digit: Float32Array;
  readonly modelId: string;
  readonly requester: `0x${string}`;
  readonly other: `0x${string}`;
  readonly dir: string;
  readonly mode: 'private' | 'open';
  /** The output the off-chain proof stated. */
  readonly expected: ArrayLike<number>;
  readonly say: (s: string) => void;
  readonly step: (s: string) => void;
}

/** Runs the step; false when anything behaved unexpectedly. */
export async function onchainDemo(x: OnchainDemo): Promise<boolean> {
  const { say, step, c, d } = x;
  let good = true;
  step('proving the inference for on-chain verification (open-weights MLP statement: sumcheck + BaseFold)');
  let t = performance.now();
  const key = mlpKeyOf(x.pkg, { source: x.modelId });
  const s = proveMlpStatement(x.pkg, key, x.digit, x.requester);
  const proveMs = performance.now() - t;
  writeUserFile(x.io, join(x.dir, 'b1.vmlp.json'), encodeMlpStatementFile(s));
  if (s.output.some((v, i) => v !== x.expected[i])) {
    say('  ! the on-chain statement’s output differs from the proved output');
    good = false;
  }
  await registerModel(c, d, { modelId: s.modelId.slice(2), metadataURI: cardMetadataURI(s.vk) });
  step('verifying on chain');
  t = performance.now();
  const res = await submitMlpStatement(c, d, s);
  const submitMs = performance.now() - t;
  const recorded = await isStatementVerified(c, d, s.statementHash);
  const calldata = s.vk.length + s.input.length + s.outputBytes.length + s.proof.length;
  say(
    `  on chain: MlpStatementVerifier verified the whole inference (key id ${s.modelId.slice(0, 18)}…, registered) and ${recorded ? 'recorded' : '! did NOT record'} it for ${x.requester}: ${res.gasUsed} gas, ${(calldata / 1024).toFixed(1)} KiB calldata (anvil, hardfork ${x.hardfork}); proof ${(proveMs / 1000).toFixed(2)} s, tx ${(submitMs / 1000).toFixed(2)} s`,
  );
  if (x.mode === 'private')
    say('    (this statement opens a commitment to the weights — BaseFold is not hiding — so it is for open-weights models; the private-weights proof above is verified off chain)');
  if (!recorded) good = false;
  const forgedOut = s.output.slice();
  const alt = (forgedOut.indexOf(Math.max(...forgedOut)) + 1) % forgedOut.length;
  forgedOut[alt] = Math.max(...forgedOut) + 1;
  const forged: MlpStatement = { ...s, output: forgedOut, outputBytes: encodeLinearValues(forgedOut) };
  good = (await expectRevert(x, forged, `forged output on chain (class ${alt} on top)`)) && good;
  good = (await expectRevert(x, { ...s, party: x.other }, `replay on chain for ${x.other}`)) && good;
  return good;
}

async function expectRevert(x: OnchainDemo, s: MlpStatement, what: string): Promise<boolean> {
  try {
    await verifyMlpStatementCall(x.c, x.d, s);
    x.say(`  ! ${what} verified`);
    return false;
  } catch (e) {
    if (!(e instanceof ContractRevertError)) throw e;
    x.say(`  ${what}: REJECTED — ${e.errorName}(${e.args.map(String).join(', ')})`);
    return true;
  }
}
