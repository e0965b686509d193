/**
 * BaseFold parameters, presets, the layer schedule and the canonical parameter record
 * (docs/parts/basefold.md §1–§2, §5; Zeilberger–Chen–Fisch, BaseFold, CRYPTO 2024).
 *
 * The verifier's checks depend on n, R, a, q and f, so all five are absorbed (as
 * "vouch/basefold-params/v1" ‖ 5 × u32 LE) before the commitment root, and they head the proof so a
 * proof made for other parameters is rejected up front (`basefold.params`).
 */
import { VerificationError } from '../errors.ts';
import type { Transcript } from '../transcript/transcript.ts';

/** The parameters of one BaseFold commitment and its openings. */
export interface BasefoldParams {
  /** n: variables of the committed multilinear polynomial (1 … 24). */
  readonly vars: number;
  /** R: log2 of the inverse code rate (1 … 8). */
  readonly logBlowup: number;
  /** a: variables folded per committed layer (1 … 4). */
  readonly logArity: number;
  /** q: query count. */
  readonly queries: number;
  /** f: variables left when folding stops; their 2^f coefficients are sent in the clear (0 ≤ f < n). */
  readonly finalVars: number;
}

/** A parameter preset: everything but the number of variables. */
export type BasefoldPreset = Omit<BasefoldParams, 'vars'>;

/** 100 conjectured bits: rate 1/16, 25 queries (q·R = 100). */
export const BASEFOLD_CONJECTURED_100: BasefoldPreset = Object.freeze({ logBlowup: 4, logArity: 3, queries: 25, finalVars: 4 });
/** 100 proven bits (Johnson regime, ≈ R/2 bits per query): rate 1/16, 50 queries. */
export const BASEFOLD_PROVEN_100: BasefoldPreset = Object.freeze({ logBlowup: 4, logArity: 3, queries: 50, finalVars: 4 });

/** Largest number of variables (n + R ≤ 27, BabyBear's two-adicity, and memory). */
export const BASEFOLD_MAX_VARS = 24;
/** Largest number of claims in one opening. */
export const BASEFOLD_MAX_CLAIMS = 1 << 16;
/** Domain string of the parameter record. */
export const BASEFOLD_PARAMS_DOMAIN = 'vouch/basefold-params/v1';
/** Record field names, in order (also the names in `basefold.params` errors). */
export const BASEFOLD_PARAMS_FIELDS = Object.freeze(['vars', 'logBlowup', 'logArity', 'queries', 'finalVars'] as const);

/**
 * Parameters for an n-variable polynomial from a preset; the final variables are capped at n − 1.
 * @throws RangeError when the result is invalid (see {@link checkBasefoldParams}).
 */
export function basefoldParams(vars: number, preset: BasefoldPreset = BASEFOLD_CONJECTURED_100): BasefoldParams {
  const p: BasefoldParams = { vars, ...preset, finalVars: Math.min(preset.finalVars, Math.max(0, vars - 1)) };
  checkBasefoldParams(p);
  return p;
}

/** @throws RangeError naming the first out-of-range field. */
export function checkBasefoldParams(p: BasefoldParams): void {
  const int = (x: unknown): x is number => Number.isInteger(x);
  if (!int(p.vars) || p.vars < 1 || p.vars > BASEFOLD_MAX_VARS) throw new RangeError(`basefold params: expected vars in [1, ${BASEFOLD_MAX_VARS}], got ${p.vars}`);
  if (!int(p.logBlowup) || p.logBlowup < 1 || p.logBlowup > 8 || p.vars + p.logBlowup > 27) throw new RangeError(`basefold params: expected logBlowup in [1, 8] with vars + logBlowup ≤ 27, got ${p.logBlowup}`);
  if (!int(p.logArity) || p.logArity < 1 || p.logArity > 4) throw new RangeError(`basefold params: expected logArity in [1, 4], got ${p.logArity}`);
  if (!int(p.finalVars) || p.finalVars < 0 || p.finalVars >= p.vars) throw new RangeError(`basefold params: expected finalVars in [0, ${p.vars - 1}], got ${p.finalVars}`);
  const leaves0 = 2 ** (p.vars + p.logBlowup - Math.min(p.logArity, p.vars - p.finalVars));
  if (!int(p.queries) || p.queries < 1 || p.queries > leaves0) throw new RangeError(`basefold params: expected queries in [1, ${leaves0}], got ${p.queries}`);
}

/** One committed layer: its codeword size, folded variables, leaf count and coset shift exponent. */
export interface BasefoldLayer {
  /** log2 N_l. */
  readonly logSize: number;
  /** a_l: variables folded in this layer. */
  readonly vars: number;
  /** Index of the first folded variable (a_0 + … + a_{l−1}). */
  readonly firstVar: number;
  /** log2 M_l = log2 N_l − a_l (the Merkle depth). */
  readonly depth: number;
}

/** The layer schedule of docs/parts/basefold.md §1. */
export function basefoldLayers(p: BasefoldParams): BasefoldLayer[] {
  const out: BasefoldLayer[] = [];
  let logSize = p.vars + p.logBlowup;
  let first = 0;
  const folded = p.vars - p.finalVars;
  while (first < folded) {
    const a = Math.min(p.logArity, folded - first);
    out.push({ logSize, vars: a, firstVar: first, depth: logSize - a });
    logSize -= a;
    first += a;
  }
  return out;
}

/** The 20 field bytes (u32 LE each) in {@link BASEFOLD_PARAMS_FIELDS} order, as they head the proof. */
export function basefoldParamsBytes(p: BasefoldParams): Uint8Array {
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  [p.vars, p.logBlowup, p.logArity, p.queries, p.finalVars].forEach((v, i) => view.setUint32(4 * i, v, true));
  return out;
}

/**
 * The commit step of the transcript: the parameter record, then root_0. Prover and verifier call it
 * right after the commitment, before any challenge that depends on it.
 */
export function absorbBasefoldCommitment(tr: Transcript, p: BasefoldParams, root: Uint8Array): void {
  checkBasefoldParams(p);
  const domain = new TextEncoder().encode(BASEFOLD_PARAMS_DOMAIN);
  const rec = new Uint8Array(domain.length + 20);
  rec.set(domain);
  rec.set(basefoldParamsBytes(p), domain.length);
  tr.absorbBytes('basefold.params', rec);
  tr.absorbDigest('basefold.root', root);
}

/** @throws VerificationError('basefold.params') naming the first header field that differs. */
export function checkBasefoldHeader(expected: BasefoldParams, got: readonly number[]): void {
  const want = [expected.vars, expected.logBlowup, expected.logArity, expected.queries, expected.finalVars];
  for (let i = 0; i < 5; i++) {
    if (want[i] !== got[i]) throw new VerificationError('basefold.params', `proof made for ${BASEFOLD_PARAMS_FIELDS[i]} = ${got[i]}, expected ${want[i]}`, BASEFOLD_PARAMS_FIELDS[i]);
  }
}

/** Bits of security of the query phase: conjectured q·R, proven ≈ q·R/2 (docs/parts/basefold.md §5). */
export function basefoldSecurity(p: BasefoldPreset): { conjecturedBits: number; provenBits: number } {
  const rho = 2 ** -p.logBlowup;
  return { conjecturedBits: p.queries * p.logBlowup, provenBits: -p.queries * Math.log2(Math.sqrt(rho) + 1e-6) };
}
