/**
 * BaseFold encoding (docs/parts/basefold.md §1): hypercube evaluations → monomial coefficients
 * (Möbius transform), coefficient folding, Reed–Solomon codewords on the layer cosets, and the
 * arrangement of codeword values into Merkle leaves (leaf m = the 2^a points whose 2^a-th powers
 * coincide). Zeilberger–Chen–Fisch, BaseFold, CRYPTO 2024, §3 (RS codes as foldable codes).
 */
import { P, GENERATOR, mul, pow } from '../field/babybear.ts';
import { eMulInto } from '../field/ext4.ts';
import { cosetNtt, cosetNttExt } from '../ntt/ntt.ts';

/** s_0: the coset shift of layer 0. */
export const BASEFOLD_SHIFT = GENERATOR;

/** s_l = s_0^(2^(a_0 + … + a_{l−1})) = s_0^(2^firstVar). */
export function layerShift(firstVar: number): number {
  return pow(BASEFOLD_SHIFT, 2 ** firstVar);
}

/**
 * Monomial coefficients of the multilinear polynomial with hypercube values `evals` (2^n base
 * elements): for each variable k, c[i] −= c[i ⊕ 2^k] where bit k of i is set. Returns a new array.
 */
export function mobius(evals: Uint32Array): Uint32Array {
  const c = Uint32Array.from(evals);
  const n = c.length;
  for (let step = 1; step < n; step <<= 1) {
    for (let i = 0; i < n; i++) {
      if (i & step) {
        const d = c[i] - c[i ^ step];
        c[i] = d < 0 ? d + P : d;
      }
    }
  }
  return c;
}

/**
 * Folds a coefficient vector by its lowest variable: out[i] = c[2i] + r·c[2i + 1], i.e. the
 * monomial coefficients of f(r, X_1, …). `c` is base (`ext = false`) or flat ext; returns flat ext.
 */
export function foldCoefficients(c: Uint32Array, r: Uint32Array, ext: boolean): Uint32Array {
  const count = (ext ? c.length / 4 : c.length) >> 1;
  const out = new Uint32Array(4 * count);
  const tmp = new Uint32Array(4);
  for (let i = 0; i < count; i++) {
    const o = 4 * i;
    if (ext) {
      eMulInto(tmp, 0, r, 0, c, 4 * (2 * i + 1));
      for (let k = 0; k < 4; k++) {
        const s = c[8 * i + k] + tmp[k];
        out[o + k] = s >= P ? s - P : s;
      }
    } else {
      const odd = c[2 * i + 1];
      const s = c[2 * i] + mul(r[0], odd);
      out[o] = s >= P ? s - P : s;
      out[o + 1] = mul(r[1], odd);
      out[o + 2] = mul(r[2], odd);
      out[o + 3] = mul(r[3], odd);
    }
  }
  return out;
}

/** Codeword of a base coefficient vector on s·⟨ω_N⟩ (natural order). */
export function encodeBase(coeffs: Uint32Array, shift: number, logSize: number): Uint32Array {
  return cosetNtt(coeffs, shift, 2 ** logSize);
}

/** Codeword (flat ext) of a flat ext coefficient vector on s·⟨ω_N⟩. */
export function encodeExt(coeffs: Uint32Array, shift: number, logSize: number): Uint32Array {
  return cosetNttExt(coeffs, shift, 2 ** logSize);
}

/**
 * Leaf bytes of a codeword: leaf m holds the values at m + k·M (k < 2^a, M = N / 2^a), 4 bytes LE
 * per base value or 16 per ext value. Returns M contiguous leaves and the bytes per leaf.
 */
export function codewordLeaves(codeword: Uint32Array, ext: boolean, logSize: number, a: number): { bytes: Uint8Array; leafBytes: number } {
  const width = ext ? 4 : 1;
  const m = 2 ** (logSize - a);
  const arity = 2 ** a;
  const leafWords = arity * width;
  const words = new Uint32Array(m * leafWords);
  for (let leaf = 0; leaf < m; leaf++) {
    for (let k = 0; k < arity; k++) {
      const src = (leaf + k * m) * width;
      const dst = leaf * leafWords + k * width;
      for (let c = 0; c < width; c++) words[dst + c] = codeword[src + c];
    }
  }
  return { bytes: wordsToLeBytes(words), leafBytes: leafWords * 4 };
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The words as 4-byte little-endian groups (a view of the same memory on little-endian hosts). */
function wordsToLeBytes(words: Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(4 * i, words[i], true);
  return bytes;
}
