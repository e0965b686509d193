/**
 * The BabyBear prime field F_p, p = 15·2^27 + 1 = 2013265921.
 *
 * Elements are plain numbers in [0, p). Multiplication splits one operand into 16-bit halves so
 * that every intermediate stays below 2^53 (exact in IEEE doubles): a·b = (a·b_hi mod p)·2^16 + a·b_lo.
 * The two-adicity of p − 1 is 27, so power-of-two NTTs up to 2^27 exist; 31 generates F_p^*.
 * Reference: the BabyBear field as used by Risc Zero and Plonky3.
 */

/** The modulus p = 15·2^27 + 1. */
export const P = 2013265921;
/** p as a BigInt. */
export const P_BIG = 2013265921n;
/** A generator of the multiplicative group F_p^*. */
export const GENERATOR = 31;
/** Largest k with 2^k | p − 1. */
export const TWO_ADICITY = 27;
/** (p − 1) / 2: the largest magnitude of a signed integer represented in the field. */
export const HALF_P = (P - 1) / 2;

/**
 * a + b mod p. Branch-free: a + b − p lies in [−p, p − 1), inside int32, and its sign bit selects
 * the correction (measured ~2× faster than a compare on random data, where branches mispredict).
 */
export function add(a: number, b: number): number {
  const s = (a + b - P) | 0;
  return s + ((s >> 31) & P);
}

/** a − b mod p. Branch-free: a − b lies in (−p, p), inside int32. */
export function sub(a: number, b: number): number {
  const s = (a - b) | 0;
  return s + ((s >> 31) & P);
}

/** −a mod p. */
export function neg(a: number): number {
  return a === 0 ? 0 : P - a;
}

/** 1/p as a double, for the quotient estimate in {@link mul}. */
const P_INV = 1 / P;

/**
 * a·b mod p, exact for a, b in [0, p).
 *
 * The quotient q = ⌊a·b/p⌋ is estimated in double precision; its error is below 2^-20, so
 * q is off by at most one and only when a·b mod p lies within ~2^11 of 0 or p. The remainder
 * a·b − q·p is then computed exactly modulo 2^32 with Math.imul; it lies in (−2^11, p + 2^11),
 * inside the int32 range, so one signed correction makes it canonical.
 * The plain reference {@link mulSplit} is tested against this on random and edge inputs.
 */
export function mul(a: number, b: number): number {
  const q = Math.floor(a * b * P_INV);
  let r = (Math.imul(a, b) - Math.imul(q, P)) | 0;
  if (r < 0) r += P;
  else if (r >= P) r -= P;
  return r;
}

/** Reference a·b mod p by 16-bit splitting (every intermediate below 2^53). */
export function mulSplit(a: number, b: number): number {
  const hi = b >>> 16;
  const lo = b & 0xffff;
  return (((a * hi) % P) * 65536 + a * lo) % P;
}

/** a^e mod p for a non-negative integer exponent e (number or bigint). */
export function pow(a: number, e: number | bigint): number {
  let exp = BigInt(e);
  if (exp < 0n) throw new RangeError(`pow: expected a non-negative exponent, got ${exp}`);
  let base = a;
  let acc = 1;
  while (exp > 0n) {
    if (exp & 1n) acc = mul(acc, base);
    base = mul(base, base);
    exp >>= 1n;
  }
  return acc;
}

/** a^{-1} mod p; throws RangeError for 0. Uses Fermat: a^{p−2}. */
export function inv(a: number): number {
  if (a === 0) throw new RangeError('inv: expected a non-zero field element, got 0');
  // Binary extended Euclid would be faster; Fermat is simple and constant in shape.
  return pow(a, P - 2);
}

/** Reduces any safe integer (possibly negative) into [0, p). */
export function fromInt(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`fromInt: expected a safe integer, got ${n}`);
  const r = n % P;
  return r < 0 ? r + P : r;
}

/** Reduces a bigint into [0, p). */
export function fromBigInt(n: bigint): number {
  const r = n % P_BIG;
  return Number(r < 0n ? r + P_BIG : r);
}

/** The signed representative of x in [−(p−1)/2, (p−1)/2]. */
export function toSigned(x: number): number {
  return x > HALF_P ? x - P : x;
}

/** True when x is a canonical element: an integer in [0, p). */
export function isCanonical(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < P;
}

/**
 * A primitive 2^logN-th root of unity: (31^15)^(2^(27 − logN)).
 * @throws RangeError when logN is outside [0, 27].
 */
export function rootOfUnity(logN: number): number {
  if (!Number.isInteger(logN) || logN < 0 || logN > TWO_ADICITY) {
    throw new RangeError(`rootOfUnity: expected logN in [0, ${TWO_ADICITY}], got ${logN}`);
  }
  let w = pow(GENERATOR, 15);
  for (let i = logN; i < TWO_ADICITY; i++) w = mul(w, w);
  return w;
}

/** Inverts every element of `xs` with one inversion (Montgomery's trick). Throws on a zero. */
export function batchInv(xs: ArrayLike<number>): Uint32Array {
  const n = xs.length;
  const out = new Uint32Array(n);
  if (n === 0) return out;
  let acc = 1;
  for (let i = 0; i < n; i++) {
    if (xs[i] === 0) throw new RangeError(`batchInv: expected non-zero elements, got 0 at index ${i}`);
    out[i] = acc;
    acc = mul(acc, xs[i]);
  }
  let invAcc = inv(acc);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = mul(out[i], invAcc);
    invAcc = mul(invAcc, xs[i]);
  }
  return out;
}

const rngBuf = new Uint32Array(256);
let rngPos = 256;

/** A uniformly random field element from the platform CSPRNG (rejection sampling, no bias). */
export function randomElement(): number {
  for (;;) {
    if (rngPos === rngBuf.length) {
      globalThis.crypto.getRandomValues(rngBuf);
      rngPos = 0;
    }
    const x = rngBuf[rngPos++] & 0x7fffffff;
    if (x < P) return x;
  }
}

/** `n` uniformly random field elements. */
export function randomVector(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = randomElement();
  return out;
}
