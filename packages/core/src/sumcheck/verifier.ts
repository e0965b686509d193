/**
 * The plain sumcheck verifier (Thaler §4.1). For each round j it checks s_j(0) + s_j(1) = claim_j
 * (`sumcheck.round-sum`), draws r_j, and sets claim_{j+1} = s_j(r_j). It ends with a claim it cannot
 * check itself, {point, expectedValue}: the summand at the point. Soundness error ≤ v·d/|K| (each
 * round, a false claim survives only if r_j is a root of a nonzero degree-≤d polynomial).
 */
import { P, isCanonical } from '../field/babybear.ts';
import { type Ext, eEq, eToString, eCopy } from '../field/ext4.ts';
import { MalformedError, VerificationError } from '../errors.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { interpolateAt, MAX_ROUND_DEGREE } from './lagrange.ts';
import type { SumcheckFinalClaim, SumcheckProof, SumcheckStatement } from './types.ts';

/** Checks a statement's shape; throws RangeError (programmer error, not a bad proof). */
export function assertStatementShape(s: { numVars: number; degree: number; label: string }): void {
  if (!Number.isInteger(s.numVars) || s.numVars < 0 || s.numVars > 40) throw new RangeError(`${s.label}: expected numVars in [0, 40], got ${s.numVars}`);
  if (!Number.isInteger(s.degree) || s.degree < 1 || s.degree > MAX_ROUND_DEGREE) throw new RangeError(`${s.label}: expected degree in [1, ${MAX_ROUND_DEGREE}], got ${s.degree}`);
}

/**
 * Validates the proof's structure: `numVars` rounds, each a Uint32Array of canonical coordinates
 * whose length is a multiple of 4 (MalformedError), with exactly d+1 evaluations
 * (VerificationError `sumcheck.degree`: more evaluations would claim a higher degree).
 */
export function assertProofShape(s: { label: string; numVars: number; degree: number }, proof: SumcheckProof): void {
  if (!proof || !Array.isArray(proof.rounds)) throw new MalformedError(`${s.label}.rounds`, 'expected an array of round messages');
  if (proof.rounds.length !== s.numVars) throw new MalformedError(`${s.label}.rounds`, `expected ${s.numVars} rounds, got ${proof.rounds.length}`);
  proof.rounds.forEach((m, j) => {
    if (!(m instanceof Uint32Array)) throw new MalformedError(`${s.label}.rounds[${j}]`, 'expected a Uint32Array');
    if (m.length % 4 !== 0) throw new MalformedError(`${s.label}.rounds[${j}]`, `expected a multiple of 4 coordinates, got ${m.length}`);
    for (let c = 0; c < m.length; c++) {
      if (!isCanonical(m[c])) throw new MalformedError(`${s.label}.rounds[${j}]`, `expected canonical field elements (< ${P}), got ${m[c]} at coordinate ${c}`);
    }
    if (m.length !== 4 * (s.degree + 1)) {
      throw new VerificationError('sumcheck.degree', `round ${j}: expected degree ≤ ${s.degree} (${s.degree + 1} evaluations), got ${m.length / 4} evaluations`, `${s.label} round ${j}`);
    }
  });
}

/**
 * Verifies a sumcheck proof and returns the final claim for the caller to discharge.
 * @throws MalformedError on a badly shaped proof.
 * @throws VerificationError `sumcheck.degree` (too many evaluations), `sumcheck.round-sum`.
 */
export function verifySumcheck(transcript: Transcript, statement: SumcheckStatement, proof: SumcheckProof): SumcheckFinalClaim {
  assertStatementShape(statement);
  assertProofShape(statement, proof);
  const v = statement.numVars;
  const label = statement.label;
  transcript.absorbExt(`${label}/claim`, statement.claim);
  let claim = eCopy(statement.claim);
  const point = new Uint32Array(4 * v);
  for (let j = 0; j < v; j++) {
    const m = proof.rounds[j];
    const sum = Uint32Array.of((m[0] + m[4]) % P, (m[1] + m[5]) % P, (m[2] + m[6]) % P, (m[3] + m[7]) % P);
    if (!eEq(sum, claim)) {
      throw new VerificationError('sumcheck.round-sum', `round ${j}: expected s(0) + s(1) = ${eToString(claim)}, got ${eToString(sum)}`, `${label} round ${j}`);
    }
    transcript.absorbExt(`${label}/round`, m);
    const r = transcript.challengeExt(`${label}/r`);
    point.set(r, 4 * (v - 1 - j));
    claim = interpolateAt(m, r);
  }
  return { point, expectedValue: claim };
}

/**
 * Discharges a final claim against the summand's actual value at the point (computed by the caller
 * from opened or closed-form evaluations).
 * @throws VerificationError `sumcheck.final` when they differ.
 */
export function checkSumcheckFinal(final: SumcheckFinalClaim, actual: Ext, label = 'sumcheck'): void {
  if (!eEq(final.expectedValue, actual)) {
    throw new VerificationError('sumcheck.final', `expected the summand at the final point to be ${eToString(final.expectedValue)}, got ${eToString(actual)}`, label);
  }
}
