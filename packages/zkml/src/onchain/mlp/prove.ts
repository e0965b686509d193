/**
 * The MLP-statement prover (docs/parts/onchain.md §12): runs the Linear → Requant chain on the
 * input, publishes every layer's accumulators, and proves acc_k − b_k = W_k·x_k for each layer with
 * the matrix-vector sumcheck (`proveMatVec`, Thaler §4.4) at a random row point r_k; the final
 * claims W~_k(s_k ‖ r_k) are all opened in one batched BaseFold opening of the weight table.
 */
import { basefoldOpen, fromInt, proveMatVec, toSigned, type BasefoldClaim } from '@vouch/core';
import type { MlpKey } from './key.ts';
import { encodeMlpProof } from './proof.ts';
import { mlpStatementHash } from './statement.ts';
import { MLP_MATVEC_LABEL, mlpStatementTranscript } from './transcript.ts';
import { requantLayer } from './requant.ts';
import { blockPoint } from './layout.ts';
import { encodeLinearValues } from '../linear/values.ts';
import { checkLinearParty } from '../linear/party.ts';

/** A proven statement: the bytes the contract takes, the output and the record key. */
export interface MlpProofOutput {
  /** The input as statement bytes (u32 LE canonical elements). */
  readonly input: Uint8Array;
  /** The output as statement bytes. */
  readonly output: Uint8Array;
  /** The output as integers. */
  readonly outputValues: readonly number[];
  readonly proof: Uint8Array;
  readonly statementHash: Uint8Array;
}

/** Integer layer outputs of the chain: accumulators and requantized outputs. */
export function runMlp(key: Pick<MlpKey, 'vk' | 'weights'>, input: readonly number[]): { acc: number[][]; outputs: number[][] } {
  const acc: number[][] = [];
  const outputs: number[][] = [];
  let x = input;
  key.vk.layers.forEach((l, k) => {
    const w = key.weights[k];
    const a: number[] = [];
    for (let i = 0; i < l.rows; i++) {
      let s = l.bias[i];
      for (let j = 0; j < l.cols; j++) {
        s += toSigned(w[i * l.cols + j]) * x[j];
      }
      a.push(s);
    }
    acc.push(a);
    x = requantLayer(l, a);
    outputs.push(x as number[]);
  });
  return { acc, outputs };
}

/**
 * Runs the model on `input` and proves the result for `party`.
 * @param input the quantized input (cols_0 integers in the key's input range).
 * @param party 20 bytes (an Ethereum address), bound into the transcript.
 * @throws RangeError on a wrong length, an input out of range or a malformed party.
 */
export function proveMlp(key: MlpKey, input: ArrayLike<number>, party: Uint8Array): MlpProofOutput {
  const { vk } = key;
  checkLinearParty(party, (msg) => new RangeError(`proveMlp: ${msg}`));
  const cols0 = vk.layers[0].cols;
  if (input.length !== cols0) throw new RangeError(`proveMlp: expected ${cols0} inputs, got ${input.length}`);
  const xs = Array.from(input);
  xs.forEach((v, j) => {
    if (!Number.isInteger(v) || v < vk.inputLo || v > vk.inputHi) throw new RangeError(`proveMlp: expected integer inputs in [${vk.inputLo}, ${vk.inputHi}], got ${v} at ${j}`);
  });
  const { acc, outputs } = runMlp(key, xs);
  const outputValues = outputs[outputs.length - 1];
  const inputBytes = encodeLinearValues(xs);
  const outputBytes = encodeLinearValues(outputValues);
  const accAll = Uint32Array.from(acc.flat(), fromInt);
  const tr = mlpStatementTranscript({ vk, modelId: key.modelId, party, x: Uint32Array.from(xs, fromInt), y: Uint32Array.from(outputValues, fromInt), acc: accAll });
  const claims: BasefoldClaim[] = [];
  const rounds: Uint32Array[][] = [];
  const wEval: Uint32Array[] = [];
  const vars = vk.params.vars;
  vk.layers.forEach((l, k) => {
    const block = key.blocks[k];
    const r = tr.challengeExts('mlp.r', block.rb);
    const x = Uint32Array.from(k === 0 ? xs : outputs[k - 1], fromInt);
    const mv = proveMatVec(tr, key.weights[k], { rows: l.rows, cols: l.cols }, x, r, MLP_MATVEC_LABEL);
    tr.absorbExt('mlp.w', mv.wEval);
    rounds.push(mv.proof.rounds.map((m) => Uint32Array.from(m)));
    wEval.push(mv.wEval);
    claims.push({ point: blockPoint(block, vars, mv.point, r), value: mv.wEval });
  });
  const basefold = basefoldOpen(tr, key.commitment, claims);
  const proof = encodeMlpProof({ acc: acc.map((a) => Uint32Array.from(a, fromInt)), rounds, wEval, basefold });
  return { input: inputBytes, output: outputBytes, outputValues, proof, statementHash: mlpStatementHash(key.modelId, inputBytes, outputBytes, party) };
}
