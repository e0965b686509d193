/**
 * Layout of the in-proof weight digest (digest.ts) on the witness matrix: one Poseidon2
 * permutation per column, row-parallel (Longfellow-style layout: zk/layout.ts).
 *
 * With row width ℓ dividing the lane count L (G = L/ℓ column groups), S steps per lane and
 * nb = G·(S + 1) blocks of ℓ permutations:
 * - lane blocks b = s·G + g (s < S, g < G): column i runs step s of lane j = g·ℓ + i;
 * - tree blocks b = G·S + ⌊t/ℓ⌋, column t mod ℓ, for t < L: the fold-tree compressions level by
 *   level (level 1: t = m < L/2; level v starts at t = L − L/2^(v−1)), the root at t = L − 2 and the
 *   final salted compression at t = L − 1;
 * - kind q (circuit-shape.ts) of block b is row `permRow + q·nb + b` (kind-major: every kind's
 *   nb rows are contiguous, so a row-uniform constraint over all blocks is one tensor term per run
 *   of consecutive kinds);
 * - the input vector x (n elements, padded to max(2^⌈log2 n⌉, ℓ)) is an ordinary whole-row vector:
 *   element idx at row input.row + ⌊idx/ℓ⌋, column idx mod ℓ — usable by other sub-protocols
 *   (e.g. a matmul's MLE claim). Rate element k of lane block (s, g) sits at input row offset
 *   g + G·(8s + k), the same column as the lane;
 * - 8 scalar wires hold the salt.
 */
import type { LayoutBuilder, VectorRef, Wire } from '../zk/layout.ts';
import { isCanonical } from '../field/babybear.ts';
import { weightDigestLanes, weightDigestSteps } from './digest.ts';
import { P2_KINDS, poseidon2Shape } from './circuit-shape.ts';

/** Options of {@link planPoseidon2}. */
export interface Poseidon2PlanOptions {
  /** n: number of input field elements (e.g. packed weights), 0 < n < p. */
  readonly inputLength: number;
  /** Lane count L; leave at the protocol default (digest.ts) except in tests. */
  readonly lanes?: number;
  /** Label prefix for the layout regions. */
  readonly label?: string;
  /**
   * An input vector the caller already allocated (e.g. the weights of a matmul) to hash in place:
   * it must be whole-row (col 0, paddedLength ≥ ℓ) and have length `inputLength`. Default: the plan
   * allocates it.
   */
  readonly input?: VectorRef;
}

/** A planned in-proof weight digest (public: built identically by prover and verifier). */
export interface Poseidon2Plan {
  readonly rowWidth: number;
  readonly logRowWidth: number;
  readonly inputLength: number;
  readonly lanes: number;
  readonly steps: number;
  readonly groups: number;
  /** nb: blocks of ℓ permutations. */
  readonly blocks: number;
  /** First row of the permutation region (P2_KINDS·nb rows). */
  readonly permRow: number;
  /** The input vector (rows the caller may use in its own constraints). */
  readonly input: VectorRef;
  /** Salt wires (8 scalars). */
  readonly salt: readonly Wire[];
  /** Total permutations proven (L·S + L). */
  readonly permutations: number;
}

/**
 * Allocates the weight-digest circuit in `builder` and registers its S-box row triples.
 * @throws RangeError when ℓ does not divide L or n is out of range.
 */
export function planPoseidon2(builder: LayoutBuilder, opts: Poseidon2PlanOptions): Poseidon2Plan {
  const n = opts.inputLength;
  if (!Number.isInteger(n) || n < 1 || !isCanonical(n)) throw new RangeError(`planPoseidon2: expected 0 < inputLength < p, got ${n}`);
  const lanes = weightDigestLanes({ lanes: opts.lanes });
  const rowWidth = builder.rowWidth;
  if (rowWidth > lanes) throw new RangeError(`planPoseidon2: expected a row width ≤ the ${lanes} digest lanes, got ${rowWidth}`);
  const label = opts.label ?? 'poseidon2';
  const steps = weightDigestSteps(n, lanes);
  const groups = lanes / rowWidth;
  const blocks = groups * (steps + 1);
  let input: VectorRef;
  if (opts.input) {
    const v = opts.input;
    if (v.length !== n) throw new RangeError(`planPoseidon2: expected an input vector of length ${n}, got ${v.length}`);
    if (v.col !== 0 || v.paddedLength < rowWidth || v.rowCount * rowWidth !== v.paddedLength) {
      throw new RangeError(`planPoseidon2: expected a whole-row input vector (col 0, ≥ ${rowWidth} padded elements), got col ${v.col}, ${v.paddedLength} padded elements`);
    }
    input = v;
  } else {
    const padded = Math.max(2 ** Math.ceil(Math.log2(n)), rowWidth);
    const inRows = builder.rows(padded / rowWidth, `${label}: input vector`);
    input = {
      label: `${label}: input vector`,
      length: n,
      paddedLength: padded,
      logLength: Math.log2(padded),
      row: inRows.row,
      col: 0,
      rowCount: inRows.count,
    };
  }
  const salt = builder.scalars(8, `${label}: salt`);
  const permRow = builder.rows(P2_KINDS * blocks, `${label}: permutations (${blocks} blocks × ${P2_KINDS} kinds)`).row;
  for (const sb of poseidon2Shape().sboxes) {
    const rx = permRow + sb.x * blocks, r2 = permRow + sb.x2 * blocks, r4 = permRow + sb.x4 * blocks;
    const r6 = permRow + sb.x6 * blocks, r7 = permRow + sb.x7 * blocks;
    for (let b = 0; b < blocks; b++) {
      builder.triple(rx + b, rx + b, r2 + b);
      builder.triple(r2 + b, r2 + b, r4 + b);
      builder.triple(r4 + b, r2 + b, r6 + b);
      builder.triple(r6 + b, rx + b, r7 + b);
    }
  }
  return Object.freeze({
    rowWidth,
    logRowWidth: builder.logRowWidth,
    inputLength: n,
    lanes,
    steps,
    groups,
    blocks,
    permRow,
    input: Object.isFrozen(input) ? input : Object.freeze(input),
    salt: Object.freeze(salt),
    permutations: lanes * steps + lanes,
  });
}

/** Wire of kind q of the permutation at (block, column). */
export function poseidon2PermWire(plan: Poseidon2Plan, kind: number, block: number, col: number): Wire {
  return (plan.permRow + kind * plan.blocks + block) * plan.rowWidth + col;
}

/** (block, column) of tree permutation t (t < L; t = L − 1 is the final salted compression). */
export function poseidon2TreeSlot(plan: Poseidon2Plan, t: number): { block: number; col: number } {
  return { block: plan.groups * plan.steps + Math.floor(t / plan.rowWidth), col: t % plan.rowWidth };
}

/** (block, column) of the last step of lane j. */
export function poseidon2LaneOutputSlot(plan: Poseidon2Plan, j: number): { block: number; col: number } {
  return { block: (plan.steps - 1) * plan.groups + Math.floor(j / plan.rowWidth), col: j % plan.rowWidth };
}

/**
 * The fold tree as a list of nodes in t order: node t compresses sources a and b, each either a lane
 * (level 0) or an earlier node. The last entry (t = L − 1) is the final compression with the salt.
 */
export function poseidon2TreeNodes(lanes: number): { a: { lane?: number; node?: number }; b: { lane?: number; node?: number } }[] {
  const out: { a: { lane?: number; node?: number }; b: { lane?: number; node?: number } }[] = [];
  let level: { lane?: number; node?: number }[] = Array.from({ length: lanes }, (_, j) => ({ lane: j }));
  while (level.length > 1) {
    const half = level.length / 2;
    const next: { node: number }[] = [];
    for (let m = 0; m < half; m++) {
      next.push({ node: out.length });
      out.push({ a: level[m], b: level[m + half] });
    }
    level = next;
  }
  out.push({ a: level[0], b: {} }); // final: (root, salt)
  return out;
}
