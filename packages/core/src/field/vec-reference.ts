/**
 * Plain reference versions of the vector operations in vec.ts, written directly from the
 * definitions with the scalar field API (add, mul, eMul). Tests check the optimized paths and
 * the WASM kernels against these on random inputs; they are not meant for hot code.
 */
import { add, sub, mul } from './babybear.ts';
import { type Ext, eAdd, eMul, eMulBase, eZero } from './ext4.ts';

/** Reference a + b. */
export function vecAddRef(a: Uint32Array, b: Uint32Array): Uint32Array {
  return a.map((x, i) => add(x, b[i]));
}

/** Reference a − b. */
export function vecSubRef(a: Uint32Array, b: Uint32Array): Uint32Array {
  return a.map((x, i) => sub(x, b[i]));
}

/** Reference s·a. */
export function vecScaleRef(a: Uint32Array, s: number): Uint32Array {
  return a.map((x) => mul(x, s));
}

/** Reference acc + s·x (returns a new array). */
export function vecAxpyRef(acc: Uint32Array, s: number, x: Uint32Array): Uint32Array {
  return acc.map((y, i) => add(y, mul(s, x[i])));
}

/** Reference a ⊙ b. */
export function vecHadamardRef(a: Uint32Array, b: Uint32Array): Uint32Array {
  return a.map((x, i) => mul(x, b[i]));
}

/** Reference Σ a[i]·b[i]. */
export function vecInnerRef(a: Uint32Array, b: Uint32Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc = add(acc, mul(a[i], b[i]));
  return acc;
}

/** Reference acc + s·base for a flat ext acc (returns a new array). */
export function extAxpyBaseRef(acc: Uint32Array, s: Ext, base: Uint32Array): Uint32Array {
  const out = acc.slice();
  for (let i = 0; i < base.length; i++) out.set(eAdd(acc.subarray(4 * i, 4 * i + 4), eMulBase(s, base[i])), 4 * i);
  return out;
}

/** Reference Σ e_i·b_i (ext × base). */
export function extInnerBaseRef(ext: Uint32Array, base: Uint32Array): Ext {
  let acc = eZero();
  for (let i = 0; i < base.length; i++) acc = eAdd(acc, eMulBase(ext.subarray(4 * i, 4 * i + 4), base[i]));
  return acc;
}

/** Reference s·e for each element of a flat ext vector. */
export function extScaleRef(ext: Uint32Array, s: Ext): Uint32Array {
  const out = new Uint32Array(ext.length);
  for (let o = 0; o < ext.length; o += 4) out.set(eMul(ext.subarray(o, o + 4), s), o);
  return out;
}

/** Reference Σ a_i·b_i (ext × ext). */
export function extInnerRef(a: Uint32Array, b: Uint32Array): Ext {
  let acc = eZero();
  for (let o = 0; o < a.length; o += 4) acc = eAdd(acc, eMul(a.subarray(o, o + 4), b.subarray(o, o + 4)));
  return acc;
}
