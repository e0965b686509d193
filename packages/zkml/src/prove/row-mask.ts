/**
 * Linear forms over a committed tensor that see only the real entries of its last dimension
 * (docs/parts/inference.md §2: padding entries of activations are never relied on). For a tensor
 * laid out by tensor.ts with last dimension of N real entries padded to 2^nb (the lowest nb index
 * bits), entry p = i + 2^nb·ℓ gets the public weight
 *   c(p) = w(i)·[i < N]·eq(r_lead)[ℓ],   w = eq(r_i) (a masked MLE evaluation) or w = 1 (masked row sums),
 * so Σ_p c(p)·v[p] = Σ_{i<N} w(i)·v~(i, r_lead). The weights are tensor-structured: one tensor term
 * (core zk/constraints.ts) when the last dimension fits in a row (2^nb ≤ ℓ = 2^c), otherwise at most
 * two, since [i < N] = [h < H] + [h = H]·[j < L] for i = j + 2^c·h and N = H·2^c + L.
 */
import { Affine, P, eMulInto, eqTable, type Layout, type VectorRef } from '@vouch/core';

/** The weights w over index bits [from, to) of the last dimension: eq(r_i) restricted, or all ones. */
function weights(ri: Uint32Array | undefined, from: number, to: number): Uint32Array {
  if (ri) return eqTable(ri.subarray(4 * from, 4 * to));
  const out = new Uint32Array(4 << (to - from));
  for (let k = 0; k < out.length; k += 4) out[k] = 1;
  return out;
}

/** a ⊗ b, a on the low index: out[i + |a|·j] = a[i]·b[j] (flat ext vectors). */
function kron(a: Uint32Array, b: Uint32Array): Uint32Array {
  const na = a.length / 4;
  const out = new Uint32Array(a.length * (b.length / 4));
  for (let j = 0; j < b.length / 4; j++) for (let i = 0; i < na; i++) eMulInto(out, 4 * (i + na * j), a, 4 * i, b, 4 * j);
  return out;
}

/** Zeroes the entries k with drop(k) (flat ext vector, in place). */
function zeroWhere(a: Uint32Array, drop: (k: number) => boolean): Uint32Array {
  for (let k = 0; k < a.length / 4; k++) if (drop(k)) a.fill(0, 4 * k, 4 * k + 4);
  return a;
}

/**
 * Σ_{i < N} w(i)·v~(i, r_lead) as tensor terms of a linear constraint, w = eq(r_i) when `ri` is
 * given (then this is (mask ⊙ v)~(r_i, r_lead)), else w = 1 (the row sums of the real entries).
 * @param nb index bits of the last dimension (2^nb ≥ N > 2^(nb−1), or N = 1 = 2^nb).
 * @param rl the point over the remaining (leading) index bits of v.
 * @throws RangeError on inconsistent sizes.
 */
export function lastDimMaskedMle(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, v: VectorRef, nb: number, N: number, rl: Uint32Array, ri?: Uint32Array): Affine {
  if (N < 1 || N > 2 ** nb) throw new RangeError(`lastDimMaskedMle(${v.label}): expected 1 ≤ N ≤ 2^${nb}, got ${N}`);
  if (rl.length / 4 + nb !== v.logLength || (ri && ri.length / 4 !== nb)) throw new RangeError(`lastDimMaskedMle(${v.label}): expected ${v.logLength} variables, got ${nb} + ${rl.length / 4}`);
  const c = layout.logRowWidth;
  if (v.paddedLength < layout.rowWidth) {
    const cols = new Uint32Array(4 * layout.rowWidth);
    cols.set(kron(zeroWhere(weights(ri, 0, nb), (i) => i >= N), eqTable(rl)), 4 * v.col);
    return Affine.tensorTerm({ row: v.row, rowCoeffs: Uint32Array.of(1, 0, 0, 0), cols: { values: cols } });
  }
  if (nb <= c) {
    const values = kron(zeroWhere(weights(ri, 0, nb), (i) => i >= N), eqTable(rl.subarray(0, 4 * (c - nb))));
    return Affine.tensorTerm({ row: v.row, rowCoeffs: eqTable(rl.subarray(4 * (c - nb))), cols: { values } });
  }
  const H = Math.floor(N / 2 ** c);
  const L = N % 2 ** c;
  const lo = weights(ri, 0, c);
  const hi = weights(ri, c, nb);
  const lead = eqTable(rl);
  let out = Affine.tensorTerm({ row: v.row, rowCoeffs: kron(zeroWhere(hi.slice(), (h) => h >= H), lead), cols: { values: lo } });
  if (L > 0) {
    const cols = zeroWhere(lo.slice(), (j) => j >= L);
    out = out.add(Affine.tensorTerm({ row: v.row, rowCoeffs: kron(zeroWhere(hi.slice(), (h) => h !== H), lead), cols: { values: cols } }));
  }
  return out;
}

/** Plain reference of {@link lastDimMaskedMle}'s value on a padded vector (tests). */
export function lastDimMaskedMleRef(data: Uint32Array, nb: number, N: number, rl: Uint32Array, ri?: Uint32Array): Uint32Array {
  const w = zeroWhere(weights(ri, 0, nb), (i) => i >= N);
  const c = kron(w, eqTable(rl));
  const acc = new Uint32Array(4);
  const t = new Uint32Array(4);
  const x = new Uint32Array(4);
  for (let p = 0; p < data.length; p++) {
    x[0] = data[p];
    eMulInto(t, 0, c, 4 * p, x, 0);
    for (let k = 0; k < 4; k++) acc[k] = (acc[k] + t[k]) % P;
  }
  return acc;
}
