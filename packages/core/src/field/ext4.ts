/**
 * The degree-4 extension K = F_p[X]/(X^4 − 11) of BabyBear (|K| = p^4 ≈ 2^123.6).
 *
 * X^4 − 11 is irreducible over F_p (11 is not a square and p ≡ 1 mod 4), so K is a field. Every
 * verifier challenge is drawn from K. An element is a `Uint32Array` of 4 canonical base-field
 * coordinates (a0 + a1·X + a2·X² + a3·X³); a vector of n elements is a flat `Uint32Array` of 4n.
 * Inversion uses the tower K = F[Y]/(Y² − 11)[X]/(X² − Y): (A0 + X·A1)^{-1} = (A0 − X·A1)/(A0² − Y·A1²).
 */
import { P, add, mul, sub, neg, inv, randomElement } from './babybear.ts';

/** An element of K: 4 base-field coordinates. */
export type Ext = Uint32Array;

/** The non-residue W with X^4 = W. */
export const EXT_W = 11;
/** Extension degree. */
export const EXT_DEGREE = 4;

/** A new zero element. */
export function eZero(): Ext {
  return new Uint32Array(4);
}

/** A new one element. */
export function eOne(): Ext {
  return Uint32Array.of(1, 0, 0, 0);
}

/** Embeds a base-field element. */
export function eFromBase(a: number): Ext {
  return Uint32Array.of(a, 0, 0, 0);
}

/** Builds an element from its 4 coordinates (each must be canonical). */
export function eOf(a0: number, a1 = 0, a2 = 0, a3 = 0): Ext {
  return Uint32Array.of(a0, a1, a2, a3);
}

/** A copy of a. */
export function eCopy(a: Ext): Ext {
  return Uint32Array.of(a[0], a[1], a[2], a[3]);
}

/** a + b. */
export function eAdd(a: Ext, b: Ext): Ext {
  return Uint32Array.of(add(a[0], b[0]), add(a[1], b[1]), add(a[2], b[2]), add(a[3], b[3]));
}

/** a − b. */
export function eSub(a: Ext, b: Ext): Ext {
  return Uint32Array.of(sub(a[0], b[0]), sub(a[1], b[1]), sub(a[2], b[2]), sub(a[3], b[3]));
}

/** −a. */
export function eNeg(a: Ext): Ext {
  return Uint32Array.of(neg(a[0]), neg(a[1]), neg(a[2]), neg(a[3]));
}

/** a·s for a base-field scalar s. */
export function eMulBase(a: Ext, s: number): Ext {
  return Uint32Array.of(mul(a[0], s), mul(a[1], s), mul(a[2], s), mul(a[3], s));
}

/** a·b in K. */
export function eMul(a: Ext, b: Ext): Ext {
  const out = new Uint32Array(4);
  eMulInto(out, 0, a, 0, b, 0);
  return out;
}

/**
 * out[o..o+4) = a[ao..ao+4) · b[bo..bo+4). `out` may alias a or b (inputs are read first).
 * The hot-loop form of {@link eMul}: no allocation.
 */
export function eMulInto(out: Uint32Array, o: number, a: Uint32Array, ao: number, b: Uint32Array, bo: number): void {
  const a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
  const b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
  const c0 = (mul(a0, b0) + EXT_W * (mul(a1, b3) + mul(a2, b2) + mul(a3, b1))) % P;
  const c1 = (mul(a0, b1) + mul(a1, b0) + EXT_W * (mul(a2, b3) + mul(a3, b2))) % P;
  const c2 = (mul(a0, b2) + mul(a1, b1) + mul(a2, b0) + EXT_W * mul(a3, b3)) % P;
  const c3 = (mul(a0, b3) + mul(a1, b2) + mul(a2, b1) + mul(a3, b0)) % P;
  out[o] = c0;
  out[o + 1] = c1;
  out[o + 2] = c2;
  out[o + 3] = c3;
}

/** a². */
export function eSquare(a: Ext): Ext {
  return eMul(a, a);
}

/** a^e for a non-negative integer e. */
export function ePow(a: Ext, e: number | bigint): Ext {
  let exp = BigInt(e);
  if (exp < 0n) throw new RangeError(`ePow: expected a non-negative exponent, got ${exp}`);
  let base = eCopy(a);
  let acc = eOne();
  while (exp > 0n) {
    if (exp & 1n) acc = eMul(acc, base);
    base = eMul(base, base);
    exp >>= 1n;
  }
  return acc;
}

/** a^{-1}; throws RangeError for zero. */
export function eInv(a: Ext): Ext {
  const [a0, a1, a2, a3] = a;
  // D = A0² − Y·A1² in F[Y]/(Y² − 11), A0 = a0 + a2·Y, A1 = a1 + a3·Y.
  const d0 = sub(add(mul(a0, a0), mul(EXT_W, mul(a2, a2))), mul(2 * EXT_W, mul(a1, a3)));
  const d1 = sub(mul(2, mul(a0, a2)), add(mul(a1, a1), mul(EXT_W, mul(a3, a3))));
  const norm = sub(mul(d0, d0), mul(EXT_W, mul(d1, d1)));
  if (norm === 0) throw new RangeError('eInv: expected a non-zero extension element, got 0');
  const ni = inv(norm);
  const e0 = mul(d0, ni);
  const e1 = neg(mul(d1, ni));
  return Uint32Array.of(
    add(mul(a0, e0), mul(EXT_W, mul(a2, e1))),
    neg(add(mul(a1, e0), mul(EXT_W, mul(a3, e1)))),
    add(mul(a0, e1), mul(a2, e0)),
    neg(add(mul(a1, e1), mul(a3, e0))),
  );
}

/** a == b. */
export function eEq(a: Ext, b: Ext): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** a == 0. */
export function eIsZero(a: Ext): boolean {
  return a[0] === 0 && a[1] === 0 && a[2] === 0 && a[3] === 0;
}

/** A uniformly random element of K (CSPRNG). */
export function eRandom(): Ext {
  return Uint32Array.of(randomElement(), randomElement(), randomElement(), randomElement());
}

/** Batch inversion in K (Montgomery's trick); `xs` is a flat vector of 4n coordinates. */
export function eBatchInv(xs: Uint32Array): Uint32Array {
  const n = xs.length / 4;
  const out = new Uint32Array(xs.length);
  if (n === 0) return out;
  let acc = eOne();
  for (let i = 0; i < n; i++) {
    const x = xs.subarray(4 * i, 4 * i + 4);
    if (eIsZero(x)) throw new RangeError(`eBatchInv: expected non-zero elements, got 0 at index ${i}`);
    out.set(acc, 4 * i);
    acc = eMul(acc, x);
  }
  let invAcc = eInv(acc);
  for (let i = n - 1; i >= 0; i--) {
    const x = xs.subarray(4 * i, 4 * i + 4);
    eMulInto(out, 4 * i, out, 4 * i, invAcc, 0);
    invAcc = eMul(invAcc, x);
  }
  return out;
}

/** Element i of a flat vector, as a view (no copy). */
export function eAt(v: Uint32Array, i: number): Ext {
  return v.subarray(4 * i, 4 * i + 4);
}

/** Formats an element for error messages: `[a0, a1, a2, a3]`. */
export function eToString(a: Ext): string {
  return `[${a[0]}, ${a[1]}, ${a[2]}, ${a[3]}]`;
}
