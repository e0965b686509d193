/**
 * Linear constraints over the committed witness, with coefficients in the extension field K.
 *
 * A constraint says  Σ_sparse c·W[w] + Σ_tensor Σ_{r,i} rowCoeffs[r]·cols[i]·W[row + r, i] + constant = 0.
 * Sub-protocol verifiers (sumcheck, logUp-GKR, Poseidon2, per-op checks) turn each of their checks into
 * such constraints; the Ligero linear test proves all of them at once in zero knowledge. Tensor terms
 * keep the verifier's work at O(t·(rows + ℓ)) for an MLE evaluation of a committed vector instead of O(t·N).
 *
 * Hidden values (padded prover messages, MLE claims) are handled as {@link Affine} forms:
 * constant + Σ coeff·wire, built by the verifier from public messages and pad wires.
 */
import { type Ext, eAdd, eMul, eZero, eCopy, eIsZero, eNeg, eOf } from '../field/ext4.ts';
import type { Wire } from './layout.ts';

/**
 * A column-coefficient vector of length ℓ (flat ext vector, 4ℓ coordinates). Shared by reference:
 * the Ligero verifier interpolates each distinct ColumnVector once per proof.
 */
export interface ColumnVector {
  readonly values: Uint32Array;
}

/** Σ_{r < rowCoeffs.length} Σ_{i < ℓ} rowCoeffs[r]·cols[i]·W[row + r, i]. */
export interface TensorTerm {
  readonly row: number;
  /** Flat ext vector, one coefficient per row. */
  readonly rowCoeffs: Uint32Array;
  readonly cols: ColumnVector;
}

/** One linear constraint: sparse + tensor + constant = 0. */
export interface LinearConstraint {
  /** Wire → coefficient (ext). */
  readonly sparse: ReadonlyMap<Wire, Ext>;
  readonly tensor: readonly TensorTerm[];
  readonly constant: Ext;
  /** Which check this constraint encodes, for error messages (e.g. `sumcheck[matmul_1].round 3`). */
  readonly label: string;
}

/**
 * An affine form over base-field wires with ext coefficients: constant + Σ coeff·W[wire] + tensor terms.
 * Immutable API; operations return new forms.
 */
export class Affine {
  readonly constant: Ext;
  readonly terms: ReadonlyMap<Wire, Ext>;
  readonly tensor: readonly TensorTerm[];

  private constructor(constant: Ext, terms: ReadonlyMap<Wire, Ext>, tensor: readonly TensorTerm[]) {
    this.constant = constant;
    this.terms = terms;
    this.tensor = tensor;
  }

  /** The constant c. */
  static constant(c: Ext): Affine {
    return new Affine(eCopy(c), new Map(), []);
  }

  /** The base-field wire w (coefficient 1). */
  static wire(w: Wire): Affine {
    return new Affine(eZero(), new Map([[w, eOf(1)]]), []);
  }

  /** The ext value held in 4 wires (coordinates a0..a3): Σ X^k·W[w_k]. */
  static extWire(ws: readonly Wire[]): Affine {
    if (ws.length !== 4) throw new RangeError(`Affine.extWire: expected 4 wires, got ${ws.length}`);
    const m = new Map<Wire, Ext>();
    ws.forEach((w, k) => {
      const c = eZero();
      c[k] = 1;
      m.set(w, c);
    });
    return new Affine(eZero(), m, []);
  }

  /** A tensor term (e.g. an MLE evaluation of a committed vector). */
  static tensorTerm(t: TensorTerm): Affine {
    return new Affine(eZero(), new Map(), [t]);
  }

  /** this + other. */
  add(other: Affine): Affine {
    const m = new Map(this.terms);
    for (const [w, c] of other.terms) {
      const prev = m.get(w);
      const s = prev ? eAdd(prev, c) : c;
      if (eIsZero(s)) m.delete(w);
      else m.set(w, s);
    }
    return new Affine(eAdd(this.constant, other.constant), m, [...this.tensor, ...other.tensor]);
  }

  /** this − other. */
  sub(other: Affine): Affine {
    return this.add(other.scale(eNeg(eOf(1))));
  }

  /** this + c. */
  addConstant(c: Ext): Affine {
    return new Affine(eAdd(this.constant, c), this.terms, this.tensor);
  }

  /** this · s for s in K. */
  scale(s: Ext): Affine {
    const m = new Map<Wire, Ext>();
    if (!eIsZero(s)) for (const [w, c] of this.terms) m.set(w, eMul(c, s));
    const tensor = this.tensor.map((t) => {
      const rc = new Uint32Array(t.rowCoeffs.length);
      for (let r = 0; r < rc.length / 4; r++) rc.set(eMul(t.rowCoeffs.subarray(4 * r, 4 * r + 4), s), 4 * r);
      return { row: t.row, rowCoeffs: rc, cols: t.cols };
    });
    return new Affine(eMul(this.constant, s), m, tensor);
  }

  /** The constraint `this = 0`. */
  isZero(label: string): LinearConstraint {
    return { sparse: this.terms, tensor: this.tensor, constant: this.constant, label };
  }

  /** The constraint `this = other`. */
  equals(other: Affine, label: string): LinearConstraint {
    return this.sub(other).isZero(label);
  }
}

/** Evaluates a constraint's left side on a full witness (prover-side self-check and tests). */
export function evaluateConstraint(c: LinearConstraint, witness: Uint32Array, rowWidth: number): Ext {
  let acc = eCopy(c.constant);
  for (const [w, coeff] of c.sparse) acc = eAdd(acc, eMulScalar(coeff, witness[w]));
  for (const t of c.tensor) {
    const rows = t.rowCoeffs.length / 4;
    for (let r = 0; r < rows; r++) {
      let inner = eZero();
      const base = (t.row + r) * rowWidth;
      for (let i = 0; i < rowWidth; i++) {
        const x = witness[base + i];
        if (x !== 0) inner = eAdd(inner, eMulScalar(t.cols.values.subarray(4 * i, 4 * i + 4), x));
      }
      acc = eAdd(acc, eMul(inner, t.rowCoeffs.subarray(4 * r, 4 * r + 4)));
    }
  }
  return acc;
}

function eMulScalar(a: Ext, s: number): Ext {
  return eMul(a, eOf(s));
}

