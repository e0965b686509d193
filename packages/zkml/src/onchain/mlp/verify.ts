/**
 * The MLP-statement verifier (docs/parts/onchain.md §12), check for check what
 * MlpStatementVerifier.sol does, in the same order:
 *   party (`mlp.party`), key (`mlp.vk.*`), input and output bytes (`mlp.input`, `mlp.output`),
 *   the input range (`mlp.input-range`), proof reading (`mlp.proof.*`), the verifier's own
 *   requantization chain from the published accumulators, whose last output must be the statement's
 *   (`mlp.output-mismatch`), then per layer the matrix-vector sumcheck from the claim
 *   (acc_k − b_k)~(r_k) (`sumcheck.round-sum`) and its final claim wEval_k·x̃_k(s_k) (`mlp.final`;
 *   x_k is the public input or the verifier's own requantized layer output), and the batched
 *   BaseFold opening of the weight table (`basefold.*`).
 * Soundness: Σ_k cb_k·2/|K| for the sumchecks, rb_k-variate Schwartz–Zippel for each accumulator
 * claim (rb_k/|K|), the BaseFold opening (docs/parts/basefold.md §5), and the range argument of vk.ts
 * for the step from F_p to the integers.
 */
import { MalformedError, VerificationError, basefoldVerify, eEq, eMul, eToString, fromInt, log2Ceil, mleEvalBase, sub, toSigned, verifyMatVec, type BasefoldClaim } from '@vouch/core';
import { decodeMlpVk, mlpModelId } from './vk.ts';
import { decodeMlpProof } from './proof.ts';
import { mlpStatementHash } from './statement.ts';
import { MLP_MATVEC_LABEL, mlpStatementTranscript } from './transcript.ts';
import { requantLayer } from './requant.ts';
import { blockPoint, mlpLayout } from './layout.ts';
import { decodeLinearValues } from '../linear/values.ts';
import { checkLinearParty } from '../linear/party.ts';

/** What the contract receives: every field as bytes. */
export interface MlpStatementBytes {
  readonly vk: Uint8Array;
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  /** 20 bytes. */
  readonly party: Uint8Array;
  readonly proof: Uint8Array;
}

/**
 * Verifies an MLP statement.
 * @returns the statement hash (statement.ts), the model id and the output as integers.
 * @throws MalformedError (party, key, input, output, proof bytes; BaseFold reading) or
 *   VerificationError (`mlp.input-range`, `mlp.output-mismatch`, `sumcheck.round-sum`, `mlp.final`,
 *   `basefold.*`).
 */
export function verifyMlp(s: MlpStatementBytes): { statementHash: Uint8Array; modelId: Uint8Array; output: number[] } {
  checkLinearParty(s.party, (msg) => new MalformedError('mlp.party', msg));
  const vk = decodeMlpVk(s.vk);
  const modelId = mlpModelId(s.vk);
  const L = vk.layers.length;
  const x = decodeLinearValues(s.input, vk.layers[0].cols, 'mlp.input');
  const y = decodeLinearValues(s.output, vk.layers[L - 1].rows, 'mlp.output');
  const xs = Array.from(x, toSigned);
  xs.forEach((v, j) => {
    if (v < vk.inputLo || v > vk.inputHi) throw new VerificationError('mlp.input-range', `expected an input in [${vk.inputLo}, ${vk.inputHi}], got ${v}`, `input[${j}]`);
  });
  const proof = decodeMlpProof(s.proof, vk);
  const layerInputs: number[][] = [xs];
  vk.layers.forEach((l, k) => layerInputs.push(requantLayer(l, Array.from(proof.acc[k], toSigned))));
  const out = layerInputs[L];
  for (let i = 0; i < out.length; i++) {
    if (fromInt(out[i]) !== y[i]) throw new VerificationError('mlp.output-mismatch', `the accumulators requantize to ${out[i]}, the statement says ${toSigned(y[i])}`, `output[${i}]`);
  }
  const accAll = new Uint32Array(vk.layers.reduce((n, l) => n + l.rows, 0));
  let o = 0;
  for (const a of proof.acc) {
    accAll.set(a, o);
    o += a.length;
  }
  const tr = mlpStatementTranscript({ vk, modelId, party: s.party, x, y, acc: accAll });
  const { blocks, vars } = mlpLayout(vk.layers);
  const claims: BasefoldClaim[] = [];
  vk.layers.forEach((l, k) => {
    const b = blocks[k];
    const r = tr.challengeExts('mlp.r', b.rb);
    const diff = new Uint32Array(2 ** b.rb);
    for (let i = 0; i < l.rows; i++) diff[i] = sub(proof.acc[k][i], fromInt(l.bias[i]));
    const claim = mleEvalBase(diff, r);
    const final = inLayer(k, () => verifyMatVec(tr, { rows: l.rows, cols: l.cols }, claim, { rounds: proof.rounds[k] }, MLP_MATVEC_LABEL));
    tr.absorbExt('mlp.w', proof.wEval[k]);
    const xk = new Uint32Array(2 ** log2Ceil(l.cols));
    layerInputs[k].forEach((v, j) => (xk[j] = fromInt(v)));
    const xe = mleEvalBase(xk, final.point);
    const got = eMul(proof.wEval[k], xe);
    if (!eEq(got, final.expectedValue)) {
      throw new VerificationError('mlp.final', `expected W~(s, r)·x̃(s) = ${eToString(final.expectedValue)}, got ${eToString(got)}`, `layer ${k}`);
    }
    claims.push({ point: blockPoint(b, vars, final.point, r), value: proof.wEval[k] });
  });
  basefoldVerify(tr, vk.params, vk.root, claims, proof.basefold);
  return { statementHash: mlpStatementHash(modelId, s.input, s.output, s.party), modelId, output: out };
}

/** Runs a layer's sumcheck; a rejection's location gains the layer (`layer k, mlp.matvec round j`). */
function inLayer<T>(k: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof VerificationError) throw new VerificationError(e.check, e.message.replace(/^[^:]*: /, ''), `layer ${k}, ${e.location ?? ''}`.replace(/, $/, ''));
    throw e;
  }
}
