/**
 * Block-tensor linear forms on committed tensors, for the CNN op provers (docs/parts/inference-cnn.md
 * §Tensor forms).
 *
 * A padded tensor's flat index is the concatenation of its per-dimension indices (tensor.ts). A
 * linear form whose coefficient is a Kronecker product of one vector per *block* of consecutive
 * dimensions,
 *   F(v) = Σ_idx (u_0 ⊗ u_1 ⊗ … ⊗ u_{m−1})[idx]·v[idx]      (u_0 = highest bits),
 * is what the convolution and pooling checks need: eq tables of challenge points (MLE evaluations),
 * eq tables masked to the real entries, and window selectors (which output rows read input row h).
 * On the committed matrix (core zk/layout.ts: low log ℓ bits = column, high bits = row) such a form
 * is a sum of row ⊗ column tensor terms (core zk/constraints.ts, Longfellow's tensor-structured
 * linear test): blocks entirely in the column bits multiply into the column vector, blocks entirely
 * in the row bits into the row coefficients, and a block straddling the boundary (a bits in rows,
 * b bits in columns) is split into min(2^a, 2^b) rank-one terms. The verifier's work is
 * O(terms·(rows + ℓ)) — never O(size of the tensor).
 */
import { Affine, P, eAdd, eMul, eMulInto, eqTable, eZero, partialEvalRows, type Ext, type Layout, type VectorRef } from '@vouch/core';

/** One block of consecutive index bits and its coefficient vector (flat ext, 2^bits entries). */
export interface Block {
  readonly bits: number;
  readonly vec: Uint32Array;
}

/** Kronecker product a ⊗ b (a high, b low) of flat ext vectors. */
export function kron(a: Uint32Array, b: Uint32Array): Uint32Array {
  const na = a.length / 4;
  const nb = b.length / 4;
  const out = new Uint32Array(4 * na * nb);
  for (let i = 0; i < na; i++) {
    const ai = a.subarray(4 * i, 4 * i + 4);
    if (ai[0] === 0 && ai[1] === 0 && ai[2] === 0 && ai[3] === 0) continue;
    for (let j = 0; j < nb; j++) eMulInto(out, 4 * (i * nb + j), ai, 0, b, 4 * j);
  }
  return out;
}

/** Kronecker product of a list (first = highest); [1] for an empty list. */
export function kronAll(vs: readonly Uint32Array[]): Uint32Array {
  let acc: Uint32Array = Uint32Array.of(1, 0, 0, 0);
  for (const v of vs) acc = kron(acc, v);
  return acc;
}

/** eq(z) with the entries ≥ n zeroed: the MLE weights of the real prefix [0, n) of a dimension. */
export function maskedEq(z: Uint32Array, n: number): Uint32Array {
  const t = eqTable(z);
  t.fill(0, 4 * Math.min(n, t.length / 4));
  return t;
}

function check(ref: VectorRef, blocks: readonly Block[]): void {
  let bits = 0;
  for (const b of blocks) {
    if (b.vec.length !== 4 * 2 ** b.bits) throw new RangeError(`tensor form on ${ref.label}: expected a block vector of ${2 ** b.bits} ext entries, got ${b.vec.length / 4}`);
    bits += b.bits;
  }
  if (bits !== ref.logLength) throw new RangeError(`tensor form on ${ref.label}: expected blocks of ${ref.logLength} bits in all, got ${bits}`);
}

/**
 * The affine form Σ_idx (⊗ blocks)[idx]·v[idx] on a committed vector, as row ⊗ column tensor terms.
 * @param blocks cover exactly the vector's index bits, highest first.
 * @throws RangeError when the blocks do not match the vector.
 */
export function blockForm(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, ref: VectorRef, blocks: readonly Block[]): Affine {
  check(ref, blocks);
  const l = layout.rowWidth;
  const c = layout.logRowWidth;
  if (ref.paddedLength < l) {
    const cols = new Uint32Array(4 * l);
    cols.set(kronAll(blocks.map((b) => b.vec)), 4 * ref.col);
    return Affine.tensorTerm({ row: ref.row, rowCoeffs: Uint32Array.of(1, 0, 0, 0), cols: { values: cols } });
  }
  // split the blocks at bit c (counted from the lowest)
  const low: Uint32Array[] = [];
  const high: Uint32Array[] = [];
  let straddle: { block: Block; lowBits: number } | undefined;
  let acc = 0;
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k];
    if (acc + b.bits <= c) low.unshift(b.vec);
    else if (acc >= c) high.unshift(b.vec);
    else straddle = { block: b, lowBits: c - acc };
    acc += b.bits;
  }
  const lowV = kronAll(low);
  const highV = kronAll(high);
  if (!straddle) return Affine.tensorTerm({ row: ref.row, rowCoeffs: highV, cols: { values: lowV } });
  const { block, lowBits } = straddle;
  const a = 2 ** (block.bits - lowBits);
  const b = 2 ** lowBits;
  let form = Affine.constant(eZero());
  if (a <= b) {
    for (let t = 0; t < a; t++) {
      const delta = new Uint32Array(4 * a);
      delta[4 * t] = 1;
      const cols = kron(block.vec.subarray(4 * t * b, 4 * (t + 1) * b), lowV);
      form = form.add(Affine.tensorTerm({ row: ref.row, rowCoeffs: kron(highV, delta), cols: { values: cols } }));
    }
  } else {
    for (let u = 0; u < b; u++) {
      const delta = new Uint32Array(4 * b);
      delta[4 * u] = 1;
      const col = new Uint32Array(4 * a);
      for (let t = 0; t < a; t++) col.set(block.vec.subarray(4 * (t * b + u), 4 * (t * b + u) + 4), 4 * t);
      form = form.add(Affine.tensorTerm({ row: ref.row, rowCoeffs: kron(highV, col), cols: { values: kron(delta, lowV) } }));
    }
  }
  return form;
}

/**
 * The same form on public data (open-mode weights): Σ_idx (⊗ blocks)[idx]·data[idx].
 * @param data the zero-padded tensor as base-field elements (length 2^(Σ bits)).
 * @throws RangeError on a length mismatch.
 */
export function blockFormValue(data: Uint32Array, blocks: readonly Block[]): Ext {
  const total = blocks.reduce((s, b) => s + b.bits, 0);
  if (data.length !== 2 ** total) throw new RangeError(`blockFormValue: expected ${2 ** total} values, got ${data.length}`);
  if (blocks.length === 0) return Uint32Array.of(data[0], 0, 0, 0);
  // contract the highest block against the base data (ext × base), then the rest as ext vectors
  let cur = partialEvalRows(data, 2 ** blocks[0].bits, data.length / 2 ** blocks[0].bits, blocks[0].vec);
  for (let k = 1; k < blocks.length; k++) cur = contractHigh(cur, blocks[k].vec);
  return cur.subarray(0, 4);
}

/** a[j] = Σ_i v[i]·cur[i·m + j] for flat ext vectors (cur of n·m entries, v of n). */
export function contractHigh(cur: Uint32Array, v: Uint32Array): Uint32Array {
  const n = v.length / 4;
  const m = cur.length / 4 / n;
  const next = new Uint32Array(4 * m);
  const t = new Uint32Array(4);
  for (let i = 0; i < n; i++) {
    if (v[4 * i] === 0 && v[4 * i + 1] === 0 && v[4 * i + 2] === 0 && v[4 * i + 3] === 0) continue;
    for (let j = 0; j < m; j++) {
      eMulInto(t, 0, v, 4 * i, cur, 4 * (i * m + j));
      for (let q = 0; q < 4; q++) {
        const s = next[4 * j + q] + t[q];
        next[4 * j + q] = s >= P ? s - P : s;
      }
    }
  }
  return next;
}

/** Σ_i v[i] of a flat ext vector. */
export function extSum(v: Uint32Array): Ext {
  let acc = eZero();
  for (let i = 0; i < v.length / 4; i++) acc = eAdd(acc, v.subarray(4 * i, 4 * i + 4));
  return acc;
}

/** Flat-ext dot product Σ a[i]·b[i]. */
export function extDot(a: Uint32Array, b: Uint32Array): Ext {
  let acc = eZero();
  for (let i = 0; i < a.length / 4; i++) acc = eAdd(acc, eMul(a.subarray(4 * i, 4 * i + 4), b.subarray(4 * i, 4 * i + 4)));
  return acc;
}
