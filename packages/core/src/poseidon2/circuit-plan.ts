/**
 * Layout of the in-proof weight digest (digest.ts, version 2) on the witness matrix: one Poseidon2
 * permutation per column, row-parallel (Longfellow-style layout: zk/layout.ts), the sponge chained
 * from each column to the next.
 *
 * The digest width D equals the row width ℓ. With n input elements, B = max(1, ⌈(n + 8)/8ℓ⌉)
 * blocks of ℓ permutations (T = B·ℓ):
 * - permutation π = b·ℓ + c runs in column c of block b; its predecessor is column c − 1 of the same
 *   block (c > 0) or column ℓ − 1 of block b − 1 (c = 0, b > 0); π = 0 starts from the IV;
 * - kind q (circuit-shape.ts) of block b is row `permRow + q·B + b` (kind-major: every kind's B rows
 *   are contiguous, so a row-uniform constraint over all blocks is one tensor term per run of
 *   consecutive kinds);
 * - the absorb vector V (x, then the 8 salt elements, then zeros) fills 8B whole rows from `inputRow`:
 *   element i at row inputRow + ⌊i/ℓ⌋, column i mod ℓ, so rate element k of the permutation in
 *   column c of block b is V's row 8b + k, column c — the same column. The first n elements (x) are
 *   ordinary whole rows that other sub-protocols may constrain (zkml: the packing constraint); the
 *   salt is V[n..n+8).
 */
import type { LayoutBuilder, Wire } from '../zk/layout.ts';
import { isCanonical } from '../field/babybear.ts';
import { weightDigestBlocks, weightDigestLanes } from './digest.ts';
import { P2_KINDS, poseidon2Shape } from './circuit-shape.ts';

/** Options of {@link planPoseidon2}. */
export interface Poseidon2PlanOptions {
  /** n: number of input field elements (e.g. packed weights), 0 < n < p − 8. */
  readonly inputLength: number;
  /** Label prefix for the layout regions. */
  readonly label?: string;
}

/** A planned in-proof weight digest (public: built identically by prover and verifier). */
export interface Poseidon2Plan {
  readonly rowWidth: number;
  readonly logRowWidth: number;
  readonly inputLength: number;
  /** The digest width D (= ℓ). */
  readonly lanes: number;
  /** B: blocks of ℓ permutations. */
  readonly blocks: number;
  /** First row of the permutation region (P2_KINDS·B rows). */
  readonly permRow: number;
  /** First row of the absorb vector V (8B whole rows: x, salt, zeros). */
  readonly inputRow: number;
  /** Rows of V (8B). */
  readonly inputRows: number;
  /** Salt wires V[n..n+8). */
  readonly salt: readonly Wire[];
  /** Total permutations proven (B·ℓ). */
  readonly permutations: number;
}

/**
 * Allocates the weight-digest circuit in `builder` (width D = the builder's row width) and registers
 * its S-box row triples.
 * @throws RangeError when n is out of range.
 */
export function planPoseidon2(builder: LayoutBuilder, opts: Poseidon2PlanOptions): Poseidon2Plan {
  const n = opts.inputLength;
  if (!Number.isInteger(n) || n < 1 || !isCanonical(n + 8)) throw new RangeError(`planPoseidon2: expected 0 < inputLength < p − 8, got ${n}`);
  const rowWidth = weightDigestLanes({ lanes: builder.rowWidth });
  const label = opts.label ?? 'poseidon2';
  const blocks = weightDigestBlocks(n, rowWidth);
  const inputRow = builder.rows(8 * blocks, `${label}: absorb vector (x, salt)`).row;
  const salt = Array.from({ length: 8 }, (_, k) => inputRow * rowWidth + n + k);
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
    lanes: rowWidth,
    blocks,
    permRow,
    inputRow,
    inputRows: 8 * blocks,
    salt: Object.freeze(salt),
    permutations: blocks * rowWidth,
  });
}

/** Wire of kind q of the permutation at (block, column). */
export function poseidon2PermWire(plan: Poseidon2Plan, kind: number, block: number, col: number): Wire {
  return (plan.permRow + kind * plan.blocks + block) * plan.rowWidth + col;
}
