/**
 * Matrix-vector products by sumcheck, verifier side (protocol in matvec.ts): y~(r) = Σ_j W~(j, r)·x~(j),
 * a degree-2 sumcheck over the ⌈log2 cols⌉ column variables.
 */
import type { Ext } from '../field/ext4.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { verifySumcheck } from './verifier.ts';
import type { SumcheckFinalClaim, SumcheckProof } from './types.ts';

/** ⌈log2 n⌉ for n ≥ 1. */
export function log2Ceil(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`log2Ceil: expected a positive integer, got ${n}`);
  return n === 1 ? 0 : 32 - Math.clz32(n - 1);
}

/** Shape of a matrix-vector statement. */
export interface MatVecShape {
  readonly rows: number;
  readonly cols: number;
}

/**
 * Verifies the sumcheck of a matrix-vector claim y~(r) = claim. Returns the final claim
 * W~(s, r)·x~(s) = expectedValue; the caller discharges it (openings of W and x, or the previous layer).
 */
export function verifyMatVec(transcript: Transcript, shape: MatVecShape, claim: Ext, proof: SumcheckProof, label: string): SumcheckFinalClaim {
  return verifySumcheck(transcript, { label, numVars: log2Ceil(shape.cols), degree: 2, claim }, proof);
}
