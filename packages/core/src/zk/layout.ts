/**
 * The witness layout of a zero-knowledge proof: one matrix of base-field values, committed once
 * per proof with the hiding Ligero commitment (Longfellow construction, draft-google-cfrg-libzk).
 *
 * The matrix has `rowWidth` columns (a power of two ℓ) and `numRows` rows. Everything private a proof
 * uses lives here: weights, activations, quotients and remainders, lookup multiplicities, the random
 * pads that hide prover messages, and products of pads. Prover and verifier build the same layout
 * from public shapes, so a wire index means the same thing on both sides.
 *
 * Allocation kinds:
 * - `vector(n)`: a vector whose length is rounded up to a power of two 2^v. If 2^v ≥ ℓ it occupies
 *   2^v/ℓ whole rows (element i at row start + ⌊i/ℓ⌋, column i mod ℓ); otherwise it sits in one row
 *   at a 2^v-aligned column offset. Either way eq(z)·vector is a tensor (row ⊗ column) constraint.
 * - `rows(k)`: k whole rows, for row-parallel circuits (Poseidon2 lanes, element-wise relations).
 * - `scalars(k)`: k individual wires packed into shared scalar rows (pads and other sparse values).
 * - `triple(a, b, c)`: a quadratic constraint row_a ⊙ row_b = row_c, elementwise over all ℓ columns.
 */

/** A wire: the global index row·ℓ + column of one base-field value. */
export type Wire = number;

/** An allocated vector. */
export interface VectorRef {
  readonly label: string;
  /** Logical length before padding. */
  readonly length: number;
  /** Padded length 2^logLength. */
  readonly paddedLength: number;
  readonly logLength: number;
  /** First row. */
  readonly row: number;
  /** Column offset inside the row (0 when the vector spans whole rows). */
  readonly col: number;
  /** Number of rows spanned (1 for sub-row vectors). */
  readonly rowCount: number;
}

/** A block of whole rows. */
export interface RowBlock {
  readonly label: string;
  readonly row: number;
  readonly count: number;
}

/** A quadratic constraint between whole rows: W[a, i]·W[b, i] = W[c, i] for every column i. */
export interface RowTriple {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** A finished, immutable layout. */
export interface Layout {
  readonly rowWidth: number;
  readonly logRowWidth: number;
  readonly numRows: number;
  readonly triples: readonly RowTriple[];
  /** Labelled regions, for diagnostics and docs. */
  readonly regions: readonly { readonly label: string; readonly row: number; readonly count: number }[];
}

/** Row of a wire. */
export function wireRow(layout: { rowWidth: number; logRowWidth: number }, w: Wire): number {
  return w >>> layout.logRowWidth;
}

/** Column of a wire. */
export function wireCol(layout: { rowWidth: number }, w: Wire): number {
  return w & (layout.rowWidth - 1);
}

/** Global wire index of element `i` of a vector. */
export function vectorWire(layout: { rowWidth: number; logRowWidth: number }, v: VectorRef, i: number): Wire {
  return (v.row << layout.logRowWidth) + v.col + i;
}

/** Builds a {@link Layout}; prover and verifier call the same allocation sequence. */
export class LayoutBuilder {
  readonly rowWidth: number;
  readonly logRowWidth: number;
  private nextRow = 0;
  private scalarRow = -1;
  private scalarCol = 0;
  /** Sub-row vector packing: per padded size, the row and next free aligned offset. */
  private smallRows = new Map<number, { row: number; col: number }>();
  private readonly triples: RowTriple[] = [];
  private readonly regions: { label: string; row: number; count: number }[] = [];

  /** @param rowWidth ℓ, a power of two ≥ 2. */
  constructor(rowWidth: number) {
    if (!Number.isInteger(rowWidth) || rowWidth < 2 || (rowWidth & (rowWidth - 1)) !== 0) {
      throw new RangeError(`LayoutBuilder: expected rowWidth a power of two ≥ 2, got ${rowWidth}`);
    }
    this.rowWidth = rowWidth;
    this.logRowWidth = Math.log2(rowWidth);
  }

  /** Reserves `count` whole rows. */
  rows(count: number, label: string): RowBlock {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`rows(${label}): expected count ≥ 1, got ${count}`);
    const row = this.nextRow;
    this.nextRow += count;
    this.regions.push({ label, row, count });
    return { label, row, count };
  }

  /** Reserves a vector of `length` elements (padded to a power of two; padding must hold zeros). */
  vector(length: number, label: string): VectorRef {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`vector(${label}): expected length ≥ 1, got ${length}`);
    const logLength = Math.ceil(Math.log2(length));
    const paddedLength = 2 ** logLength;
    if (paddedLength >= this.rowWidth) {
      const rowCount = paddedLength / this.rowWidth;
      const block = this.rows(rowCount, label);
      return { label, length, paddedLength, logLength, row: block.row, col: 0, rowCount };
    }
    let slot = this.smallRows.get(paddedLength);
    if (!slot || slot.col + paddedLength > this.rowWidth) {
      slot = { row: this.rows(1, `small vectors of ${paddedLength}`).row, col: 0 };
      this.smallRows.set(paddedLength, slot);
    }
    const ref: VectorRef = { label, length, paddedLength, logLength, row: slot.row, col: slot.col, rowCount: 1 };
    slot.col += paddedLength;
    return ref;
  }

  /** Reserves `count` scalar wires (not necessarily contiguous across rows); returns their wires. */
  scalars(count: number, label: string): Wire[] {
    const out: Wire[] = [];
    for (let k = 0; k < count; k++) {
      if (this.scalarRow < 0 || this.scalarCol === this.rowWidth) {
        this.scalarRow = this.rows(1, `scalars (first: ${label})`).row;
        this.scalarCol = 0;
      }
      out.push((this.scalarRow << this.logRowWidth) + this.scalarCol++);
    }
    return out;
  }

  /** Adds the quadratic constraint row_a ⊙ row_b = row_c. */
  triple(a: number, b: number, c: number): void {
    for (const r of [a, b, c]) {
      if (!Number.isInteger(r) || r < 0 || r >= this.nextRow) throw new RangeError(`triple: expected an allocated row, got ${r}`);
    }
    this.triples.push({ a, b, c });
  }

  /** Freezes the layout. */
  finish(): Layout {
    return Object.freeze({
      rowWidth: this.rowWidth,
      logRowWidth: this.logRowWidth,
      numRows: Math.max(this.nextRow, 1),
      triples: Object.freeze([...this.triples]),
      regions: Object.freeze(this.regions.map((r) => Object.freeze({ ...r }))),
    });
  }
}
