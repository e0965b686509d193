/**
 * Test helper: random layouts with random satisfied (or deliberately unsatisfied) linear
 * constraints (sparse and tensor, with shared ColumnVectors) and row triples.
 */
import { P, mul } from '../../src/field/babybear.ts';
import { eNeg } from '../../src/field/ext4.ts';
import { seededRng, type LigeroRng } from '../../src/ligero/rng.ts';
import { evaluateConstraint, type ColumnVector, type LinearConstraint, type TensorTerm } from '../../src/zk/constraints.ts';
import { LayoutBuilder, type Layout } from '../../src/zk/layout.ts';

export interface Instance {
  readonly layout: Layout;
  readonly witness: Uint32Array;
  readonly constraints: LinearConstraint[];
}

export interface InstanceOptions {
  readonly rowWidth: number;
  /** Rows of a vector block used by tensor terms. */
  readonly vectorRows?: number;
  readonly scalars?: number;
  readonly triples?: number;
  readonly sparse?: number;
  readonly tensor?: number;
  readonly seed?: string;
}

function ext(rng: LigeroRng): Uint32Array {
  return rng.field(4);
}

/** A random instance whose constraints and triples all hold. */
export function randomInstance(o: InstanceOptions): Instance {
  const rng = seededRng(o.seed ?? 'instance');
  const l = o.rowWidth;
  const b = new LayoutBuilder(l);
  const vec = b.vector((o.vectorRows ?? 2) * l, 'v');
  const scal = b.scalars(o.scalars ?? 3, 'pads');
  const tripleRows: [number, number, number][] = [];
  for (let i = 0; i < (o.triples ?? 1); i++) {
    const blk = b.rows(3, `triple ${i}`);
    b.triple(blk.row, blk.row + 1, blk.row + 2);
    tripleRows.push([blk.row, blk.row + 1, blk.row + 2]);
  }
  const layout = b.finish();
  const witness = rng.field(layout.numRows * l);
  for (const [ra, rb, rc] of tripleRows) {
    for (let i = 0; i < l; i++) witness[rc * l + i] = mul(witness[ra * l + i], witness[rb * l + i]);
  }
  const constraints: LinearConstraint[] = [];
  const shared: ColumnVector[] = [{ values: rng.field(4 * l) }, { values: rng.field(4 * l) }];
  for (let c = 0; c < (o.sparse ?? 2); c++) {
    const sparse = new Map<number, Uint32Array>();
    for (const w of [scal[c % scal.length], Number(rng.field(1)[0]) % (layout.numRows * l)]) sparse.set(w, ext(rng));
    constraints.push(close({ sparse, tensor: [], constant: new Uint32Array(4), label: `sparse ${c}` }, witness, l));
  }
  for (let c = 0; c < (o.tensor ?? 3); c++) {
    const rows = vec.rowCount;
    const terms: TensorTerm[] = [
      { row: vec.row, rowCoeffs: rng.field(4 * rows), cols: shared[c % 2] },
      { row: tripleRows.length ? tripleRows[0][2] : vec.row, rowCoeffs: rng.field(4), cols: c === 0 ? { values: rng.field(4 * l) } : shared[(c + 1) % 2] },
    ];
    const sparse = new Map<number, Uint32Array>([[scal[0], ext(rng)]]);
    constraints.push(close({ sparse, tensor: terms, constant: new Uint32Array(4), label: `tensor ${c}` }, witness, l));
  }
  return { layout, witness, constraints };
}

/** Sets the constant so that the constraint holds on `witness`. */
export function close(c: LinearConstraint, witness: Uint32Array, l: number): LinearConstraint {
  const v = evaluateConstraint(c, witness, l);
  return { ...c, constant: eNeg(v) };
}

export { P };
