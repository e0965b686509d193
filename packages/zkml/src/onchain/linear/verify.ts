/**
 * The linear-statement verifier (docs/parts/onchain.md §11.3), check for check what
 * LinearStatementVerifier.sol does, in the same order:
 *   party (`linear.party`), key (`linear.vk.*`), x and y bytes (`linear.x`, `linear.y`),
 *   |x_j| ≤ inputBound (`linear.input-range`), proof reading (`linear.proof.*`), the matrix-vector
 *   sumcheck from claim ỹ(r) (`sumcheck.round-sum`), its final claim
 *   wEval·x̃(s) = expected (`linear.final`; x̃(s) computed here from the public x), and the BaseFold
 *   opening of the committed W at s ‖ r to wEval (`basefold.*`).
 * Soundness: the sumcheck error cb·2/|K|, the BaseFold opening (docs/parts/basefold.md §5), and the
 * range argument of vk.ts for the step from F_p to the integers.
 */
import { MalformedError, VerificationError, basefoldVerify, eEq, eMul, eToString, mleEvalBase, verifyMatVec } from '@vouch/core';
import { decodeLinearVk, linearModelId, linearVars } from './vk.ts';
import { checkInputRange, decodeLinearValues } from './values.ts';
import { decodeLinearProof } from './proof.ts';
import { linearStatementHash } from './statement.ts';
import { LINEAR_MATVEC_LABEL, linearStatementTranscript } from './transcript.ts';
import { checkLinearParty } from './party.ts';

/** What the contract receives: every field as bytes. */
export interface LinearStatementBytes {
  readonly vk: Uint8Array;
  readonly x: Uint8Array;
  readonly y: Uint8Array;
  /** 20 bytes. */
  readonly party: Uint8Array;
  readonly proof: Uint8Array;
}

/**
 * Verifies a linear statement.
 * @returns the statement hash (statement.ts) and the model id.
 * @throws MalformedError (party, key, x, y, proof bytes; BaseFold reading) or VerificationError
 *   (`linear.input-range`, `sumcheck.round-sum`, `linear.final`, `basefold.*`).
 */
export function verifyLinear(s: LinearStatementBytes): { statementHash: Uint8Array; modelId: Uint8Array } {
  checkLinearParty(s.party, (msg) => new MalformedError('linear.party', msg));
  const vk = decodeLinearVk(s.vk);
  const modelId = linearModelId(s.vk);
  const { rb, cb } = linearVars(vk);
  const x = decodeLinearValues(s.x, vk.cols, 'linear.x');
  const y = decodeLinearValues(s.y, vk.rows, 'linear.y');
  checkInputRange(x, vk.inputBound);
  const proof = decodeLinearProof(s.proof, cb);
  const { tr, r } = linearStatementTranscript({ vk, modelId, party: s.party, x, y });
  const claim = mleEvalBase(padded(y, rb), r);
  const final = verifyMatVec(tr, vk, claim, { rounds: proof.rounds }, LINEAR_MATVEC_LABEL);
  const xs = mleEvalBase(padded(x, cb), final.point);
  const got = eMul(proof.wEval, xs);
  if (!eEq(got, final.expectedValue)) {
    throw new VerificationError('linear.final', `expected W~(s, r)·x̃(s) = ${eToString(final.expectedValue)}, got ${eToString(proof.wEval)}·${eToString(xs)} = ${eToString(got)}`);
  }
  const point = new Uint32Array(final.point.length + r.length);
  point.set(final.point);
  point.set(r, final.point.length);
  basefoldVerify(tr, vk.params, vk.root, [{ point, value: proof.wEval }], proof.basefold);
  return { statementHash: linearStatementHash(modelId, s.x, s.y, s.party), modelId };
}

function padded(v: Uint32Array, vars: number): Uint32Array {
  const out = new Uint32Array(2 ** vars);
  out.set(v);
  return out;
}
