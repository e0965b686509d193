/**
 * The Ligero prover: proximity, linear and quadratic tests over a commitment, then the column
 * openings (Ames et al. CCS 2017 §4; Longfellow, draft-google-cfrg-libzk "Ligero prover").
 *
 * Split in two steps so adversarial tests can play a cheating prover between them:
 * {@link ligeroResponses} (samples α, u, v and computes the masked responses) and
 * {@link ligeroOpen} (absorbs the responses, samples the query columns, opens them).
 */
import { VouchError } from '../errors.ts';
import { P, mul } from '../field/babybear.ts';
import { eEq, eToString } from '../field/ext4.ts';
import { extAxpyBase } from '../field/vec.ts';
import { openMulti } from '../merkle/merkle.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { evaluateConstraint } from '../zk/constraints.ts';
import type { ProverContext } from '../zk/session.ts';
import { sampleLigeroChallenges, sampleLigeroQueries, type LigeroChallenges } from './challenges.ts';
import { columnOf, type LigeroProverState } from './commit.ts';
import { sumOverH } from './encode.ts';
import { checkConstraints, linearResponse, linearTarget } from './linear.ts';
import { MASK, SALT_BYTES } from './params.ts';
import type { LigeroProof } from './proof.ts';
import { checkTriples, quadraticResponse } from './quadratic.ts';

/** The three masked responses. */
export interface LigeroResponses {
  readonly proximity: Uint32Array;
  readonly linear: Uint32Array;
  readonly quadratic: Uint32Array;
  readonly challenges: LigeroChallenges;
}

/** Options of {@link ligeroProve}. */
export interface LigeroProveOptions {
  /**
   * Check every constraint and triple on the witness and throw VouchError('PROVER_UNSATISFIED')
   * naming the first failure (default true). Tests set false to produce proofs of false statements.
   */
  readonly check?: boolean;
}

/**
 * Step 1: samples α, u, v from the transcript and computes q_P, q_L, Q'.
 * @throws VouchError('PROVER_UNSATISFIED') when `check` is on and a constraint or triple fails.
 */
export function ligeroResponses(state: LigeroProverState, ctx: ProverContext, opts: LigeroProveOptions = {}): LigeroResponses {
  const { shape, coeffs, codewords, witness } = state;
  if (ctx.layout.rowWidth !== shape.rowWidth || ctx.layout.numRows !== shape.witnessRows) {
    throw new RangeError(`ligeroProve: expected the committed layout ${shape.witnessRows}×${shape.rowWidth}, got ${ctx.layout.numRows}×${ctx.layout.rowWidth}`);
  }
  const check = opts.check ?? true;
  const triples = ctx.layout.triples;
  checkConstraints(ctx.constraints, shape);
  checkTriples(triples, shape);
  if (check) checkTriplesOnWitness(state);
  const challenges = sampleLigeroChallenges(shape, ctx.transcript, ctx.constraints.length, triples.length);
  const k = shape.degreeBound;
  const W = shape.witnessRows;
  // q_P = Σ_{r ∉ M_P} u_r f_r + Σ_c X^c·M_P^(c).
  const proximity = new Uint32Array(4 * k);
  for (let i = 0, r = 0; r < shape.totalRows; r++) {
    if (r >= W + MASK.proximity && r < W + MASK.proximity + 4) continue;
    extAxpyBase(proximity, challenges.u.subarray(4 * i, 4 * i + 4), coeffs.subarray(r * k, (r + 1) * k));
    i++;
  }
  for (let c = 0; c < 4; c++) {
    const base = (W + MASK.proximity + c) * k;
    for (let i = 0; i < k; i++) {
      const s = proximity[4 * i + c] + coeffs[base + i];
      proximity[4 * i + c] = s >= P ? s - P : s;
    }
  }
  const linear = linearResponse(shape, coeffs, ctx.constraints, challenges.alpha);
  if (check) {
    const target = linearTarget(ctx.constraints, challenges.alpha);
    if (!eEq(sumOverH(linear, shape.rowWidth), target)) {
      for (const c of ctx.constraints) {
        const v = evaluateConstraint(c, witness, shape.rowWidth);
        if (v.some((x) => x !== 0)) throw new VouchError('PROVER_UNSATISFIED', `ligero prover: constraint ${c.label} does not hold`, { details: `expected 0, got ${eToString(v)}` });
      }
      throw new VouchError('PROVER_UNSATISFIED', 'ligero prover: linear response has the wrong sum over H');
    }
  }
  const quad = quadraticResponse(shape, coeffs, codewords, triples, challenges.v);
  if (check && !quad.exact) throw new VouchError('PROVER_UNSATISFIED', 'ligero prover: quadratic quotient is not a polynomial');
  return { proximity, linear, quadratic: quad.response, challenges };
}

function checkTriplesOnWitness(state: LigeroProverState): void {
  const { witness, shape } = state;
  const l = shape.rowWidth;
  state.layout.triples.forEach((tr, ti) => {
    for (let i = 0; i < l; i++) {
      const a = witness[tr.a * l + i];
      const b = witness[tr.b * l + i];
      const c = witness[tr.c * l + i];
      if (mul(a, b) !== c) {
        throw new VouchError('PROVER_UNSATISFIED', `ligero prover: triple ${ti} (rows ${tr.a}·${tr.b} = ${tr.c}) fails at column ${i}`, {
          details: `expected ${c}, got ${a}·${b}`,
        });
      }
    }
  });
}

/** Step 2: absorbs the responses, samples the query columns and opens them. */
export function ligeroOpen(state: LigeroProverState, transcript: Transcript, responses: LigeroResponses): LigeroProof {
  const { shape } = state;
  const R = shape.totalRows;
  const t = shape.queries;
  const indices = sampleLigeroQueries(shape, transcript, responses);
  const columns = new Uint32Array(t * R);
  const salts = new Uint8Array(t * SALT_BYTES);
  indices.forEach((idx, j) => {
    columnOf(state.codewords, R, shape.codeLength, idx, columns, j * R);
    salts.set(state.salts.subarray(idx * SALT_BYTES, (idx + 1) * SALT_BYTES), j * SALT_BYTES);
  });
  const { siblings } = openMulti(state.tree, indices);
  return Object.freeze({
    proximity: responses.proximity,
    linear: responses.linear,
    quadratic: responses.quadratic,
    columns,
    salts,
    siblings,
  });
}

/**
 * Proves every constraint in `ctx.constraints` and every triple of the layout about the committed
 * witness. Call after all sub-protocols have run (their messages absorbed, constraints pushed).
 * @example
 * const proof = ligeroProve(state, ctx);
 */
export function ligeroProve(state: LigeroProverState, ctx: ProverContext, opts: LigeroProveOptions = {}): LigeroProof {
  return ligeroOpen(state, ctx.transcript, ligeroResponses(state, ctx, opts));
}
