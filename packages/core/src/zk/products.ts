/**
 * Hidden products of two padded ext values (Longfellow, Frigo–shelat 2024 §5: quadratic checks on
 * padded prover messages become linear checks once the products of pads are committed).
 *
 * A verifier holding A = a + pA and B = b + pB (a, b sent in the clear, pA, pB secret pads in the
 * witness) needs A·B = a·b + a·pB + b·pA + pA·pB. The first three terms are affine in the pad wires;
 * pA·pB is not, so the prover commits its 16 base products: with pA = Σ_i α_i X^i and pB = Σ_j β_j X^j,
 * pA·pB = Σ_{i,j} α_i β_j X^{i+j}, reduced by X^4 = 11.
 *
 * Each product uses a 16-column slot of three rows (A, B, C) tied by the layout triple A ⊙ B = C:
 * A[slot + 4i + j] = α_i, B[slot + 4i + j] = β_j, so C[slot + 4i + j] = α_i β_j. Copy constraints tie
 * the A and B copies to the pad wires; four base equations are packed into one ext constraint
 * Σ_j X^j·(A[slot + 4i + j] − α_i) = 0 (1, X, X², X³ are a basis of K over F_p, so it holds iff all four do).
 * Slots are packed ℓ/16 per row triple. Requires ℓ ≥ 16.
 */
import { type Ext, eMul, eOf, eZero, EXT_W } from '../field/ext4.ts';
import { P } from '../field/babybear.ts';
import { type LayoutBuilder, type Wire, type Layout } from './layout.ts';
import { Affine, type LinearConstraint } from './constraints.ts';

/** Columns used by one ext product. */
export const EXT_PRODUCT_SLOT = 16;

/** A planned product of two 4-wire ext pads. */
export interface PadProductRef {
  readonly label: string;
  /** The pad wires of operand A (coordinates 0..3). */
  readonly a: readonly Wire[];
  /** The pad wires of operand B. */
  readonly b: readonly Wire[];
  readonly rowA: number;
  readonly rowB: number;
  readonly rowC: number;
  /** First column of the 16-column slot. */
  readonly col: number;
}

/** Allocates product slots in row triples of a layout under construction. */
export class PadProductPlanner {
  private readonly builder: LayoutBuilder;
  private current: { a: number; b: number; c: number; next: number } | undefined;

  /** @throws RangeError when the builder's rows are narrower than 16. */
  constructor(builder: LayoutBuilder) {
    if (builder.rowWidth < EXT_PRODUCT_SLOT) throw new RangeError(`PadProductPlanner: expected rowWidth ≥ ${EXT_PRODUCT_SLOT}, got ${builder.rowWidth}`);
    this.builder = builder;
  }

  /** Plans the product of the ext pads held in wires `a` and `b` (4 each). */
  plan(a: readonly Wire[], b: readonly Wire[], label: string): PadProductRef {
    if (a.length !== 4 || b.length !== 4) throw new RangeError(`PadProductPlanner.plan(${label}): expected 4 wires per operand, got ${a.length} and ${b.length}`);
    if (!this.current || this.current.next + EXT_PRODUCT_SLOT > this.builder.rowWidth) {
      const blk = this.builder.rows(3, `pad products (first: ${label})`);
      this.builder.triple(blk.row, blk.row + 1, blk.row + 2);
      this.current = { a: blk.row, b: blk.row + 1, c: blk.row + 2, next: 0 };
    }
    const ref: PadProductRef = { label, a: [...a], b: [...b], rowA: this.current.a, rowB: this.current.b, rowC: this.current.c, col: this.current.next };
    this.current.next += EXT_PRODUCT_SLOT;
    return ref;
  }
}

/**
 * Prover: writes the operand copies and their products into the slot, reading the pads from the
 * witness (fill the pads first).
 */
export function fillPadProduct(witness: Uint32Array, layout: Pick<Layout, 'rowWidth'>, ref: PadProductRef): void {
  const l = layout.rowWidth;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const ai = witness[ref.a[i]];
      const bj = witness[ref.b[j]];
      const o = ref.col + 4 * i + j;
      witness[ref.rowA * l + o] = ai;
      witness[ref.rowB * l + o] = bj;
      witness[ref.rowC * l + o] = Number((BigInt(ai) * BigInt(bj)) % BigInt(P));
    }
  }
}

/** The 8 packed copy constraints of a slot (labels `<label> copy A i` / `copy B j`). */
export function padProductConstraints(layout: Pick<Layout, 'rowWidth'>, ref: PadProductRef): LinearConstraint[] {
  const l = layout.rowWidth;
  const out: LinearConstraint[] = [];
  const minusSum = eOf(P - 1, P - 1, P - 1, P - 1); // −(1 + X + X² + X³)
  for (let i = 0; i < 4; i++) {
    // Σ_j X^j·A[slot + 4i + j] − (Σ_j X^j)·α_i = 0
    const sa = new Map<Wire, Ext>();
    const sb = new Map<Wire, Ext>();
    for (let j = 0; j < 4; j++) {
      const unit = eZero();
      unit[j] = 1;
      sa.set(ref.rowA * l + ref.col + 4 * i + j, unit);
      // B copies of β_i sit at slot + 4j + i
      sb.set(ref.rowB * l + ref.col + 4 * j + i, unit);
    }
    sa.set(ref.a[i], minusSum);
    sb.set(ref.b[i], minusSum);
    out.push({ sparse: sa, tensor: [], constant: eZero(), label: `${ref.label} copy A ${i}` });
    out.push({ sparse: sb, tensor: [], constant: eZero(), label: `${ref.label} copy B ${i}` });
  }
  return out;
}

/** pA·pB as an affine form over the 16 product wires. */
export function padProductAffine(layout: Pick<Layout, 'rowWidth'>, ref: PadProductRef): Affine {
  const l = layout.rowWidth;
  let acc = Affine.constant(eZero());
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const c = eZero();
      if (i + j < 4) c[i + j] = 1;
      else c[i + j - 4] = EXT_W;
      acc = acc.add(Affine.wire(ref.rowC * l + ref.col + 4 * i + j).scale(c));
    }
  }
  return acc;
}

/**
 * (sentA + pA)·(sentB + pB) = sentA·sentB + sentA·pB + sentB·pA + pA·pB, affine in the witness.
 */
export function hiddenProduct(layout: Pick<Layout, 'rowWidth'>, ref: PadProductRef, sentA: Ext, sentB: Ext): Affine {
  return Affine.constant(eMul(sentA, sentB))
    .add(Affine.extWire(ref.b).scale(sentA))
    .add(Affine.extWire(ref.a).scale(sentB))
    .add(padProductAffine(layout, ref));
}
