/**
 * The linear-statement prover (docs/parts/onchain.md §11.3): y = W·x over the integers for the
 * registered int8 matrix W. After the statement transcript (transcript.ts) it proves
 * ỹ(r) = Σ_j W~(j, r)·x̃(j) with the matrix-vector sumcheck (`proveMatVec`, Thaler §4.4), whose
 * final point s (column variables, in variable order) leaves the claim W~(s ‖ r) = wEval, and opens
 * the BaseFold commitment of W at s ‖ r (column variables low, then row variables).
 */
import { basefoldOpen, fromInt, proveMatVec, toSigned } from '@vouch/core';
import type { LinearKey } from './key.ts';
import { encodeLinearProof } from './proof.ts';
import { linearStatementHash } from './statement.ts';
import { LINEAR_MATVEC_LABEL, linearStatementTranscript } from './transcript.ts';
import { encodeLinearValues } from './values.ts';
import { checkLinearParty } from './party.ts';

/** A proven statement: the bytes the contract takes, the output and the record key. */
export interface LinearProofOutput {
  /** x as statement bytes (cols × u32 LE). */
  readonly x: Uint8Array;
  /** y as statement bytes (rows × u32 LE). */
  readonly y: Uint8Array;
  /** y as integers. */
  readonly yValues: readonly number[];
  readonly proof: Uint8Array;
  readonly statementHash: Uint8Array;
}

/**
 * Computes y = W·x and proves it for `party`.
 * @param x cols integers with |x_j| ≤ the key's input bound.
 * @param party 20 bytes (an Ethereum address), bound into the transcript.
 * @throws RangeError on a wrong length, an input out of range or a malformed party.
 */
export function proveLinear(key: LinearKey, x: ArrayLike<number>, party: Uint8Array): LinearProofOutput {
  const { rows, cols, inputBound } = key.vk;
  checkLinearParty(party, (msg) => new RangeError(`proveLinear: ${msg}`));
  if (x.length !== cols) throw new RangeError(`proveLinear: expected ${cols} inputs, got ${x.length}`);
  const xf = new Uint32Array(cols);
  for (let j = 0; j < cols; j++) {
    if (!Number.isInteger(x[j]) || Math.abs(x[j]) > inputBound) throw new RangeError(`proveLinear: expected integer inputs with |x| ≤ ${inputBound}, got ${x[j]} at ${j}`);
    xf[j] = fromInt(x[j]);
  }
  const yValues: number[] = [];
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let j = 0; j < cols; j++) acc += toSigned(key.weights[i * cols + j]) * x[j];
    yValues.push(acc);
  }
  const xBytes = encodeLinearValues(x);
  const yBytes = encodeLinearValues(yValues);
  const yf = Uint32Array.from(yValues, fromInt);
  const { tr, r } = linearStatementTranscript({ vk: key.vk, modelId: key.modelId, party, x: xf, y: yf });
  const mv = proveMatVec(tr, key.weights, { rows, cols }, xf, r, LINEAR_MATVEC_LABEL);
  const point = new Uint32Array(mv.point.length + r.length);
  point.set(mv.point);
  point.set(r, mv.point.length);
  const basefold = basefoldOpen(tr, key.commitment, [{ point, value: mv.wEval }]);
  const proof = encodeLinearProof({ rounds: mv.proof.rounds, wEval: mv.wEval, basefold });
  return { x: xBytes, y: yBytes, yValues, proof, statementHash: linearStatementHash(key.modelId, xBytes, yBytes, party) };
}
