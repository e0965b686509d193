/**
 * Plain (non-zero-knowledge) GKR for a sum of fractions (Papini–Haböck, ePrint 2023/1284, §3,
 * after Goldwasser–Kalai–Rothblum). Proves that the root of the fraction tree of 2^n leaves
 * (fraction-tree.ts) has numerator 0, reducing to one claim (P, Q) on the leaf MLEs at a random point.
 *
 * Root step: the prover sends layer 1 (p0, p1, q0, q1); the verifier checks p0·q1 + p1·q0 = 0
 * (`logup.root`) and q0·q1 ≠ 0 (`logup.root-denominator`), draws μ and sets P = p0 + μ(p1 − p0),
 * Q = q0 + μ(q1 − q0) at point (μ).
 * Layer k = 1..n−1 (claims P, Q on layer k at ρ, k variables): draw λ; sumcheck (degree 3) of
 *   Σ_x eq(ρ, x)·(p0(x)q1(x) + p1(x)q0(x) + λ·q0(x)q1(x)) = P + λ·Q
 * where p0/p1 (q0/q1) are the lower/upper halves of layer k+1; the prover sends p0, p1, q0, q1 at the
 * sumcheck point s; the verifier checks the final value (`logup.layer-final`), draws μ and moves to
 * layer k+1 at (s, μ) with P = p0 + μ(p1 − p0), Q likewise (the "line" two-to-one reduction).
 * Soundness error: Σ_k (3k + 1)/|K| for the sumchecks and the line reductions, plus 1/|K| per λ.
 */
import { P as MOD, isCanonical } from '../field/babybear.ts';
import { type Ext, eAdd, eMul, eSub, eAt, eEq, eIsZero, eToString } from '../field/ext4.ts';
import { MalformedError, VerificationError } from '../errors.ts';
import { eqEval } from '../poly/eq.ts';
import type { Transcript } from '../transcript/transcript.ts';
import type { ProductTerm } from '../sumcheck/instance.ts';
import { verifySumcheck } from '../sumcheck/verifier.ts';
import type { SumcheckProof } from '../sumcheck/types.ts';

/** One GKR layer's messages. */
export interface GkrLayerProof {
  readonly sumcheck: SumcheckProof;
  /** p0(s), p1(s), q0(s), q1(s): 16 coordinates. */
  readonly finals: Uint32Array;
}

/** A fraction-sum GKR proof. */
export interface GkrProof {
  /** Layer 1: p0, p1, q0, q1 (16 coordinates). */
  readonly root: Uint32Array;
  /** layers[k − 1] reduces layer k to layer k + 1, k = 1..n−1. */
  readonly layers: readonly GkrLayerProof[];
}

/** The claim left at the leaves: P~(point) = p, Q~(point) = q. */
export interface GkrLeafClaim {
  readonly point: Uint32Array;
  readonly p: Ext;
  readonly q: Ext;
}

/** The layer sumcheck's tables: 0 = eq, 1 = p0, 2 = p1, 3 = q0, 4 = q1. */
export function layerTerms(lambda: Ext): ProductTerm[] {
  return [{ factors: [0, 1, 4] }, { factors: [0, 2, 3] }, { factors: [0, 3, 4], coeff: lambda }];
}

/** v0 + μ·(v1 − v0). */
export function lineAt(v0: Ext, v1: Ext, mu: Ext): Ext {
  return eAdd(v0, eMul(mu, eSub(v1, v0)));
}

/** (s, μ) as a flat point. */
export function appendVar(s: Uint32Array, mu: Ext): Uint32Array {
  const out = new Uint32Array(s.length + 4);
  out.set(s);
  out.set(mu, s.length);
  return out;
}

/** Label of layer k's sumcheck (constraint labels become `<label>.layer k round j`). */
export function layerLabel(label: string, k: number): string {
  return `${label}.layer ${k}`;
}

function assertExtVector(v: unknown, n: number, field: string): asserts v is Uint32Array {
  if (!(v instanceof Uint32Array) || v.length !== 4 * n) throw new MalformedError(field, `expected ${n} ext elements (${4 * n} coordinates), got ${v instanceof Uint32Array ? v.length : typeof v}`);
  for (let c = 0; c < v.length; c++) if (!isCanonical(v[c])) throw new MalformedError(field, `expected canonical field elements (< ${MOD}), got ${v[c]} at coordinate ${c}`);
}

/** Checks the shape of a GKR proof for n leaf variables. @throws MalformedError */
export function assertGkrProofShape(proof: GkrProof, numVars: number, label: string): void {
  if (!proof || !Array.isArray(proof.layers)) throw new MalformedError(`${label}.layers`, 'expected an array of layer proofs');
  assertExtVector(proof.root, 4, `${label}.root`);
  if (proof.layers.length !== numVars - 1) throw new MalformedError(`${label}.layers`, `expected ${numVars - 1} layers, got ${proof.layers.length}`);
  proof.layers.forEach((l, i) => {
    if (!l || typeof l !== 'object') throw new MalformedError(`${label}.layers[${i}]`, 'expected a layer proof object');
    assertExtVector(l.finals, 4, `${label}.layers[${i}].finals`);
  });
}

/**
 * Verifies a fraction-sum proof over 2^numVars leaves; returns the leaf claim for the caller.
 * @throws VerificationError `logup.root`, `logup.root-denominator`, `sumcheck.round-sum`,
 *   `sumcheck.degree` (location `<label>.layer k round j`), `logup.layer-final` (location `layer k`).
 */
export function verifyFractionSum(transcript: Transcript, numVars: number, proof: GkrProof, label = 'logup'): GkrLeafClaim {
  if (!Number.isInteger(numVars) || numVars < 1 || numVars > 40) throw new RangeError(`verifyFractionSum: expected numVars in [1, 40], got ${numVars}`);
  assertGkrProofShape(proof, numVars, label);
  const r = proof.root;
  const num = eAdd(eMul(eAt(r, 0), eAt(r, 3)), eMul(eAt(r, 1), eAt(r, 2)));
  if (!eIsZero(num)) throw new VerificationError('logup.root', `expected the root numerator p0·q1 + p1·q0 = 0, got ${eToString(num)}`, label);
  const den = eMul(eAt(r, 2), eAt(r, 3));
  if (eIsZero(den)) throw new VerificationError('logup.root-denominator', 'expected a non-zero root denominator q0·q1, got 0', label);
  transcript.absorbExt(`${label}/root`, r);
  let mu = transcript.challengeExt(`${label}/mu`);
  let point: Uint32Array = Uint32Array.from(mu);
  let claimP = lineAt(eAt(r, 0), eAt(r, 1), mu);
  let claimQ = lineAt(eAt(r, 2), eAt(r, 3), mu);
  for (let k = 1; k < numVars; k++) {
    const lambda = transcript.challengeExt(`${label}/lambda`);
    const lp = proof.layers[k - 1];
    const fin = verifySumcheck(transcript, { label: layerLabel(label, k), numVars: k, degree: 3, claim: eAdd(claimP, eMul(lambda, claimQ)) }, lp.sumcheck);
    const f = lp.finals;
    const [p0, p1, q0, q1] = [eAt(f, 0), eAt(f, 1), eAt(f, 2), eAt(f, 3)];
    const inner = eAdd(eAdd(eMul(p0, q1), eMul(p1, q0)), eMul(lambda, eMul(q0, q1)));
    const want = eMul(eqEval(point, fin.point), inner);
    if (!eEq(want, fin.expectedValue)) {
      throw new VerificationError('logup.layer-final', `layer ${k}: expected the sumcheck's final value ${eToString(fin.expectedValue)}, got eq·(p0q1 + p1q0 + λq0q1) = ${eToString(want)}`, `layer ${k}`);
    }
    transcript.absorbExt(`${label}/finals`, f);
    mu = transcript.challengeExt(`${label}/mu`);
    point = appendVar(fin.point, mu);
    claimP = lineAt(p0, p1, mu);
    claimQ = lineAt(q0, q1, mu);
  }
  return { point, p: claimP, q: claimQ };
}
