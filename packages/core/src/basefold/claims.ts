/**
 * Evaluation claims of a BaseFold opening and their random batching (docs/parts/basefold.md §2):
 * claims (z_j, v_j) are absorbed, ρ drawn, and the opening proves Σ_b f(b)·g(b) = Σ_j ρ^j v_j with
 * g(b) = Σ_j ρ^j·eq(z_j, b) (a standard batching; error ≤ m/|K|).
 */
import { P } from '../field/babybear.ts';
import { type Ext, eAdd, eMul, eMulInto, eOne } from '../field/ext4.ts';
import { eqEval, eqTable } from '../poly/eq.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { BASEFOLD_MAX_CLAIMS } from './params.ts';

/** f(point) = value, point a flat ext vector of n variables. */
export interface BasefoldClaim {
  readonly point: Uint32Array;
  readonly value: Uint32Array;
}

/** @throws RangeError unless 1 ≤ m ≤ 2^16 claims of n-variable points and ext values. */
export function checkClaims(claims: readonly BasefoldClaim[], vars: number): void {
  if (!Array.isArray(claims) || claims.length < 1 || claims.length > BASEFOLD_MAX_CLAIMS) {
    throw new RangeError(`basefold claims: expected 1 … ${BASEFOLD_MAX_CLAIMS} claims, got ${Array.isArray(claims) ? claims.length : typeof claims}`);
  }
  claims.forEach((c, j) => {
    if (!(c.point instanceof Uint32Array) || c.point.length !== 4 * vars) throw new RangeError(`basefold claims[${j}]: expected a point of ${vars} ext variables, got ${c.point?.length / 4}`);
    if (!(c.value instanceof Uint32Array) || c.value.length !== 4) throw new RangeError(`basefold claims[${j}]: expected an ext value`);
  });
}

/** Absorbs the claims, draws ρ; returns ρ and the batched target Σ ρ^j v_j. */
export function absorbClaims(tr: Transcript, claims: readonly BasefoldClaim[]): { rho: Ext; target: Ext } {
  tr.absorbU32('basefold.claims', claims.length);
  for (const c of claims) {
    tr.absorbExt('basefold.point', c.point);
    tr.absorbExt('basefold.value', c.value);
  }
  const rho = tr.challengeExt('basefold.rho');
  let target: Ext = new Uint32Array(4);
  let pw = eOne();
  for (const c of claims) {
    target = eAdd(target, eMul(pw, c.value));
    pw = eMul(pw, rho);
  }
  return { rho, target };
}

/** The prover's table g = Σ_j ρ^j eq(z_j, ·) (flat ext, 2^n entries). */
export function weightTable(claims: readonly BasefoldClaim[], rho: Ext): Uint32Array {
  let out: Uint32Array | undefined;
  let pw = eOne();
  for (const c of claims) {
    const t = eqTable(c.point);
    if (!out) out = new Uint32Array(t.length);
    const s = new Uint32Array(4);
    for (let i = 0; i < t.length; i += 4) {
      eMulInto(s, 0, pw, 0, t, i);
      for (let c = 0; c < 4; c++) {
        const x = out[i + c] + s[c];
        out[i + c] = x >= P ? x - P : x;
      }
    }
    pw = eMul(pw, rho);
  }
  return out!;
}

/** The verifier's g(r) = Σ_j ρ^j eq(z_j, r), O(m·n). */
export function weightAt(claims: readonly BasefoldClaim[], rho: Ext, r: Uint32Array): Ext {
  let out: Ext = new Uint32Array(4);
  let pw = eOne();
  for (const c of claims) {
    out = eAdd(out, eMul(pw, eqEval(c.point, r)));
    pw = eMul(pw, rho);
  }
  return out;
}
