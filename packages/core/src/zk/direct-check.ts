/**
 * A "trivial PCS" checker for testing zero-knowledge sub-protocols without the Ligero commitment
 * (as Plonky3's TrivialPcs does for protocol logic): the checker sees the whole witness in the clear
 * and evaluates every linear constraint and every row triple of the layout directly. It proves
 * nothing and hides nothing; it tells a test exactly which check (by constraint label) fails.
 */
import { eIsZero, eToString } from '../field/ext4.ts';
import { mul } from '../field/babybear.ts';
import { VerificationError } from '../errors.ts';
import { evaluateConstraint, type LinearConstraint } from './constraints.ts';
import type { Layout } from './layout.ts';

/** One unsatisfied check. */
export interface DirectCheckFailure {
  readonly kind: 'constraint' | 'triple';
  /** The constraint's label, or `triple a·b=c` for a row triple. */
  readonly label: string;
  /** Index in the constraint list or the layout's triple list. */
  readonly index: number;
  readonly detail: string;
}

/**
 * Evaluates every constraint and every triple on the witness; returns all failures in order.
 * @throws RangeError when the witness does not have numRows × rowWidth entries.
 */
export function directCheck(layout: Layout, witness: Uint32Array, constraints: readonly LinearConstraint[]): DirectCheckFailure[] {
  if (witness.length !== layout.numRows * layout.rowWidth) {
    throw new RangeError(`directCheck: expected a witness of ${layout.numRows}×${layout.rowWidth} = ${layout.numRows * layout.rowWidth} values, got ${witness.length}`);
  }
  const out: DirectCheckFailure[] = [];
  constraints.forEach((c, index) => {
    const v = evaluateConstraint(c, witness, layout.rowWidth);
    if (!eIsZero(v)) out.push({ kind: 'constraint', label: c.label, index, detail: `expected 0, got ${eToString(v)}` });
  });
  const l = layout.rowWidth;
  layout.triples.forEach((t, index) => {
    for (let i = 0; i < l; i++) {
      const a = witness[t.a * l + i], b = witness[t.b * l + i], c = witness[t.c * l + i];
      if (mul(a, b) !== c) {
        out.push({ kind: 'triple', label: `triple ${t.a}·${t.b}=${t.c}`, index, detail: `column ${i}: expected ${mul(a, b)}, got ${c}` });
        break;
      }
    }
  });
  return out;
}

/**
 * Throws on the first unsatisfied check: VerificationError with check `zk.constraint` (location =
 * the constraint's label) or `zk.triple`.
 */
export function assertDirectCheck(layout: Layout, witness: Uint32Array, constraints: readonly LinearConstraint[]): void {
  const f = directCheck(layout, witness, constraints);
  if (f.length > 0) {
    const first = f[0];
    throw new VerificationError(first.kind === 'constraint' ? 'zk.constraint' : 'zk.triple', `${first.label}: ${first.detail}`, first.label);
  }
}
