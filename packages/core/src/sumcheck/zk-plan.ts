/**
 * Zero-knowledge sumcheck, plan and fill phases (Longfellow: Frigo–shelat 2024 §4;
 * draft-google-cfrg-libzk, "padded sumcheck"; the idea goes back to Cramer–Damgård 1998).
 *
 * Every round value s_j(t), t = 0..d, gets its own uniformly random pad P_j,t ∈ K held in 4 scalar
 * wires of the committed witness. After the commitment the prover sends s_j(t) − P_j,t. Since each pad
 * is uniform and used once, every sent value is uniform in K and independent of the witness; the
 * verifier's checks become linear constraints on (sent values, pad wires).
 * Planning depends on public shapes only, so prover and verifier allocate identical wires.
 */
import { randomElement } from '../field/babybear.ts';
import type { LayoutBuilder, Wire } from '../zk/layout.ts';
import { assertStatementShape } from './verifier.ts';

/** Public shape of one zero-knowledge sumcheck. */
export interface ZkSumcheckSpec {
  readonly numVars: number;
  readonly degree: number;
  /** Label of the sub-protocol, used for transcript labels and constraint labels (`<label> round j`). */
  readonly label: string;
}

/** The pads of one zero-knowledge sumcheck. */
export interface ZkSumcheckPlan extends ZkSumcheckSpec {
  /** pads[j] = 4(d+1) wires: the coordinates of P_j,0 … P_j,d. */
  readonly pads: readonly (readonly Wire[])[];
}

/** Allocates 4(d+1)·numVars pad wires for a zero-knowledge sumcheck. */
export function planZkSumcheck(builder: LayoutBuilder, spec: ZkSumcheckSpec): ZkSumcheckPlan {
  assertStatementShape(spec);
  const pads: Wire[][] = [];
  for (let j = 0; j < spec.numVars; j++) pads.push(builder.scalars(4 * (spec.degree + 1), `${spec.label} pads`));
  return { numVars: spec.numVars, degree: spec.degree, label: spec.label, pads };
}

/** Writes fresh uniform randomness into every wire of `wires` (CSPRNG). */
export function fillRandomWires(witness: Uint32Array, wires: readonly Wire[]): void {
  for (const w of wires) witness[w] = randomElement();
}

/** Prover, before the commitment: fills every pad of the plan with fresh randomness. */
export function fillZkSumcheckPads(plan: ZkSumcheckPlan, witness: Uint32Array): void {
  for (const round of plan.pads) fillRandomWires(witness, round);
}

/** Reads the 4 coordinates at `wires[4t..4t+4)` of the witness as an ext element. */
export function readExtWires(witness: Uint32Array, wires: readonly Wire[], t = 0): Uint32Array {
  return Uint32Array.of(witness[wires[4 * t]], witness[wires[4 * t + 1]], witness[wires[4 * t + 2]], witness[wires[4 * t + 3]]);
}
