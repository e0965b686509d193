/**
 * Exponentially weighted sums over the real (unpadded) entries of the private int8 block as
 * tensor terms (core zk/constraints.ts), used by the private-weight binding (weights.ts,
 * docs/parts/inference.md §7).
 *
 * For a base b ∈ K and, per tensor T, an exponent offset E_T and per-dim exponent strides σ_k,
 *   Σ_T Σ_{i real} b^{E_T + Σ_k σ_k·i_k} · W[o_T + Σ_k i_k·π_k]
 * (π_k the padded strides, i_k < d_k the real dims). With σ = real row-major strides and E_T = the
 * tensor's start in the unpadded sequence this is Σ_t b^t w_t over the unpadded sequence; with
 * σ = π and E_T = o_T it is Σ_q b^q W[q] over the real positions q.
 * Structure: o_T is a multiple of the padded size S_T (a power of two), and the bits of a local
 * index split into dims, so for a row h and column c of the tensor's rows the multi-index of
 * h·ℓ + c is i(h·ℓ) + i(c) with disjoint bits. The weight factors into R(h)·C(c) except for the
 * real-dim mask of the one dim that straddles the column boundary (if any): rows whose straddling
 * index is below ⌊d_s/2^a⌋·2^a take the full column vector, the row with the remainder a partial
 * one. So each tensor spanning rows costs at most two ColumnVectors, shared by tensors of the same
 * dims (the vectors depend only on dims and exponent strides; the tensor's offset goes into the row
 * coefficients); the tensors inside one row (S_T ≤ ℓ, disjoint column ranges) share one per row.
 */
import { type ColumnVector, type Ext, type TensorTerm, eFromBase, eInv, eIsZero, eMul, eOne, ePow, eSub } from '@vouch/core';
import { padDims, prod } from './tensor.ts';

/** One tensor of the int8 block, with its exponent data. */
export interface ExpTensor {
  /** Offset in the block (a multiple of its padded size). */
  readonly offset: number;
  /** Real dims. */
  readonly dims: readonly number[];
  /** E_T. */
  readonly expOffset: number;
  /** σ_k, one per dim. */
  readonly expStrides: readonly number[];
}

function powTable(base: Ext, n: number): Uint32Array {
  const out = new Uint32Array(4 * n);
  let acc = eOne();
  for (let i = 0; i < n; i++) {
    out.set(acc, 4 * i);
    acc = eMul(acc, base);
  }
  return out;
}

function mulAt(acc: Ext, table: Uint32Array, i: number): Ext {
  return eMul(acc, table.subarray(4 * i, 4 * i + 4));
}

/**
 * Tensor terms of Σ_T Σ_{i real} scale·b^{E_T + Σ σ_k i_k}·W[row0·ℓ + o_T + Σ π_k i_k] (module header).
 * @param row0 first row of the block (whole rows from column 0).
 * @example expTerms(1024, region.int8.row, eOf(7), placementsAsExpTensors, eOne())
 */
export function expTerms(rowWidth: number, row0: number, base: Ext, tensors: readonly ExpTensor[], scale: Ext): TensorTerm[] {
  const l = rowWidth;
  const out: TensorTerm[] = [];
  // tensors inside one row occupy disjoint columns: one shared column vector per such row
  const rowVectors = new Map<number, Uint32Array>();
  // tensors spanning rows: the column vectors depend only on (dims, exponent strides), shared
  const shared = new Map<string, { full: ColumnVector; part: ColumnVector }>();
  for (const t of tensors) {
    const { padded } = padDims(t.dims);
    const size = prod(padded);
    const k = padded.length;
    const pstride = new Array<number>(k).fill(1);
    for (let d = k - 2; d >= 0; d--) pstride[d] = pstride[d + 1] * padded[d + 1];
    const tables = padded.map((p, d) => powTable(ePow(base, t.expStrides[d]), p));
    const idx = (q: number, d: number): number => Math.floor(q / pstride[d]) % padded[d];
    const head = eMul(scale, ePow(base, t.expOffset));
    if (size <= l) {
      const row = row0 + Math.floor(t.offset / l);
      let cols = rowVectors.get(row);
      if (!cols) rowVectors.set(row, (cols = new Uint32Array(4 * l)));
      const c0 = t.offset % l;
      for (let q = 0; q < size; q++) {
        let v = head;
        let real = true;
        for (let d = 0; d < k && real; d++) {
          const i = idx(q, d);
          if (i >= t.dims[d]) real = false;
          else v = mulAt(v, tables[d], i);
        }
        if (real) cols.set(v, 4 * (c0 + q));
      }
      continue;
    }
    // size > ℓ: offset is a multiple of ℓ; dims are column dims, row dims, or the one straddling dim s
    const rows = size / l;
    let s = -1;
    for (let d = 0; d < k; d++) if (pstride[d] < l && pstride[d] * padded[d] > l) s = d;
    let partLimit = 0; // real lo values on the partial row: d_s − hi·2^a
    const rcFull = new Uint32Array(4 * rows);
    const rcPart = new Uint32Array(4 * rows);
    let hasPart = false;
    for (let h = 0; h < rows; h++) {
      const q = h * l;
      let v = head;
      let real = true;
      let partial = false;
      for (let d = 0; d < k && real; d++) {
        const i = idx(q, d);
        if (d === s) {
          const span = l / pstride[d]; // 2^a low values live in the columns
          if (i + span > t.dims[d]) {
            if (i >= t.dims[d]) real = false;
            else {
              partial = true;
              partLimit = t.dims[d] - i;
            }
          }
        } else if (i >= t.dims[d]) real = false;
        if (real) v = mulAt(v, tables[d], i);
      }
      if (!real) continue;
      (partial ? rcPart : rcFull).set(v, 4 * h);
      hasPart ||= partial;
    }
    const key = `${t.dims.join(',')}|${t.expStrides.join(',')}`;
    let vecs = shared.get(key);
    if (!vecs) {
      const full = new Uint32Array(4 * l);
      const part = new Uint32Array(4 * l);
      for (let c = 0; c < l; c++) {
        let v = eOne();
        let real = true;
        let lo = 0;
        for (let d = 0; d < k && real; d++) {
          const i = idx(c, d);
          if (pstride[d] >= l) continue; // row dim: index 0 in the columns
          if (d === s) lo = i;
          else if (i >= t.dims[d]) real = false;
          if (real) v = mulAt(v, tables[d], i);
        }
        if (!real) continue;
        full.set(v, 4 * c);
        if (s >= 0 && lo < partLimit) part.set(v, 4 * c);
      }
      shared.set(key, (vecs = { full: { values: full }, part: { values: part } }));
    }
    const row = row0 + t.offset / l;
    out.push({ row, rowCoeffs: rcFull, cols: vecs.full });
    if (hasPart) out.push({ row, rowCoeffs: rcPart, cols: vecs.part });
  }
  for (const [row, cols] of rowVectors) out.push({ row, rowCoeffs: eOne(), cols: { values: cols } });
  return out;
}

/** Σ_{i<n} b^i = (b^n − 1)/(b − 1), or n when b = 1. */
export function geometricSum(base: Ext, n: number): Ext {
  const bm1 = eSub(base, eOne());
  if (eIsZero(bm1)) return eFromBase(n % 2013265921);
  return eMul(eSub(ePow(base, n), eOne()), eInv(bm1));
}
