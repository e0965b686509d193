/**
 * Matrix-vector products by sumcheck (Thaler §4.4, "matrix multiplication"; zkCNN §3):
 * for y = W·x with W of shape rows × cols, y~(r) = Σ_j W~(j, r)·x~(j), where W is viewed as one
 * table of 2^{cb + rb} entries with index i·2^cb + j (column bits low, row bits high; cb = ⌈log2 cols⌉,
 * rb = ⌈log2 rows⌉, zero padding). The prover first binds the row variables by a partial evaluation
 * a[j] = Σ_i eq(r)[i]·W[i, j] (the ext×base fold of W by r, O(rows·cols)), then runs a degree-2
 * sumcheck on a·x over the cb column variables. The final claim is W~(s, r)·x~(s) at point s.
 *
 * The partial evaluation is the hot loop: each eq coordinate e < 2^31 is split as e_hi·2^16 + e_lo
 * so that e_lo·w < 2^47 and e_hi·w < 2^46 are exact doubles; 32 rows are accumulated before a
 * reduction (32·2^47 = 2^52 < 2^53). The plain reference {@link partialEvalRowsReference} is
 * tested against it on random inputs.
 */
import { P } from '../field/babybear.ts';
import { type Ext, eAdd, eMulBase, eZero } from '../field/ext4.ts';
import { eqTable } from '../poly/eq.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { InnerProductState } from './inner-product.ts';
import { proveSumcheckWith } from './prover.ts';
import type { SumcheckProof } from './types.ts';
import { log2Ceil, type MatVecShape } from './matvec-verify.ts';

function assertMatrix(W: Uint32Array, rows: number, cols: number, eqR: Uint32Array): void {
  if (W.length !== rows * cols) throw new RangeError(`partialEvalRows: expected ${rows}×${cols} = ${rows * cols} entries, got ${W.length}`);
  if (eqR.length < 4 * rows) throw new RangeError(`partialEvalRows: expected at least ${rows} eq weights, got ${eqR.length / 4}`);
}

/**
 * a[j] = Σ_{i < rows} eqR[i]·W[i·cols + j] for j < cols (flat ext, cols entries); optimized.
 * @param W row-major base-field matrix.
 * @param eqR flat ext row weights (at least `rows` entries), typically eq(r).
 */
export function partialEvalRows(W: Uint32Array, rows: number, cols: number, eqR: Uint32Array): Uint32Array {
  assertMatrix(W, rows, cols, eqR);
  const lo = new Float64Array(4 * cols);
  const hi = new Float64Array(4 * cols);
  for (let i0 = 0; i0 < rows; i0 += 32) {
    const i1 = Math.min(rows, i0 + 32);
    for (let i = i0; i < i1; i++) {
      const e0 = eqR[4 * i], e1 = eqR[4 * i + 1], e2 = eqR[4 * i + 2], e3 = eqR[4 * i + 3];
      const l0 = e0 & 0xffff, l1 = e1 & 0xffff, l2 = e2 & 0xffff, l3 = e3 & 0xffff;
      const h0 = e0 >>> 16, h1 = e1 >>> 16, h2 = e2 >>> 16, h3 = e3 >>> 16;
      const row = i * cols;
      for (let j = 0, o = 0; j < cols; j++, o += 4) {
        const w = W[row + j];
        lo[o] += l0 * w;
        lo[o + 1] += l1 * w;
        lo[o + 2] += l2 * w;
        lo[o + 3] += l3 * w;
        hi[o] += h0 * w;
        hi[o + 1] += h1 * w;
        hi[o + 2] += h2 * w;
        hi[o + 3] += h3 * w;
      }
    }
    for (let q = 0; q < lo.length; q++) {
      lo[q] %= P;
      hi[q] %= P;
    }
  }
  const out = new Uint32Array(4 * cols);
  for (let q = 0; q < out.length; q++) out[q] = (hi[q] * 65536 + lo[q]) % P;
  return out;
}

/** Plain reference for {@link partialEvalRows}: one ext×base product and ext addition per entry. */
export function partialEvalRowsReference(W: Uint32Array, rows: number, cols: number, eqR: Uint32Array): Uint32Array {
  assertMatrix(W, rows, cols, eqR);
  const out = new Uint32Array(4 * cols);
  for (let j = 0; j < cols; j++) {
    let acc = eZero();
    for (let i = 0; i < rows; i++) acc = eAdd(acc, eMulBase(eqR.subarray(4 * i, 4 * i + 4), W[i * cols + j]));
    out.set(acc, 4 * j);
  }
  return out;
}

/** Output of {@link proveMatVec}. */
export interface MatVecProverOutput {
  readonly proof: SumcheckProof;
  /** y~(r). */
  readonly claim: Ext;
  /** s, the column point (cb variables). */
  readonly point: Uint32Array;
  /** W~(s, r). */
  readonly wEval: Ext;
  /** x~(s). */
  readonly xEval: Ext;
}

/**
 * Proves y~(r) = Σ_j W~(j, r)·x~(j) by a degree-2 sumcheck over the column variables.
 * @param W row-major rows × cols base-field matrix.
 * @param x cols base-field values.
 * @param r the row point (rb = ⌈log2 rows⌉ ext variables), usually a challenge.
 */
export function proveMatVec(transcript: Transcript, W: Uint32Array, shape: MatVecShape, x: Uint32Array, r: Uint32Array, label: string): MatVecProverOutput {
  const { rows, cols } = shape;
  const rb = log2Ceil(rows);
  const cb = log2Ceil(cols);
  if (r.length !== 4 * rb) throw new RangeError(`proveMatVec: expected a row point of ${rb} variables, got ${r.length / 4}`);
  if (x.length !== cols) throw new RangeError(`proveMatVec: expected x of length ${cols}, got ${x.length}`);
  const a = new Uint32Array(4 << cb);
  a.set(partialEvalRows(W, rows, cols, eqTable(r)));
  const xp = new Uint32Array(1 << cb);
  xp.set(x);
  const out = proveSumcheckWith(transcript, new InnerProductState(a, xp), label);
  return { proof: out.proof, claim: out.claim, point: out.point, wEval: out.finalValues[0], xEval: out.finalValues[1] };
}

