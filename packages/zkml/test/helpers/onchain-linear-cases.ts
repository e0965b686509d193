/**
 * Shared fixtures of the linear-statement tests (packages/zkml/test/onchain-linear.test.ts) and the
 * on-chain differential test (packages/contracts/test/linear-statement.test.ts): an honest statement
 * and every tampered variant with the exact TS rejection and the Solidity error it must map to.
 */
import {
  MalformedError,
  P,
  VerificationError,
  basefoldOpen,
  fromInt,
  mleEvalBase,
  proveMatVec,
  type BasefoldPreset,
} from '@vouch/core';
import {
  LINEAR_MATVEC_LABEL,
  encodeLinearProof,
  encodeLinearValues,
  linearKey,
  linearStatementTranscript,
  linearVars,
  proveLinear,
  type LinearKey,
  type LinearProofOutput,
  type LinearStatementBytes,
} from '../../src/onchain/linear/index.ts';
import { rng } from './build.ts';

/** A light BaseFold preset for fast tests (not a security level). */
export const LINEAR_TEST_PRESET: BasefoldPreset = Object.freeze({ logBlowup: 2, logArity: 2, queries: 6, finalVars: 1 });

/** An honest statement and what built it. */
export interface LinearFixture {
  readonly key: LinearKey;
  readonly weights: number[];
  readonly x: number[];
  readonly party: Uint8Array;
  readonly out: LinearProofOutput;
  readonly statement: LinearStatementBytes;
}

/** Random int8 weights and inputs (seeded), committed and proven for `party`. */
export function linearFixture(rows: number, cols: number, party: Uint8Array, seed = 1, preset: BasefoldPreset = LINEAR_TEST_PRESET, inputBound = 127): LinearFixture {
  const r = rng(seed);
  const weights = Array.from({ length: rows * cols }, () => Math.floor(r() * 256) - 128);
  const x = Array.from({ length: cols }, () => Math.floor(r() * (2 * inputBound + 1)) - inputBound);
  const key = linearKey(weights, rows, cols, { preset, inputBound });
  const out = proveLinear(key, x, party);
  return { key, weights, x, party, out, statement: { vk: key.vkBytes, x: out.x, y: out.y, party, proof: out.proof } };
}

/** The expected TS rejection. */
export type TsVerdict = { readonly malformed: string | RegExp } | { readonly check: string; readonly location?: string };

/** One tampered statement. */
export interface LinearCase {
  readonly name: string;
  readonly statement: LinearStatementBytes;
  readonly ts: TsVerdict;
  /** The Solidity custom error LinearStatementVerifier reverts with. */
  readonly sol: string;
}

/** Asserts `fn` throws the TS verdict; returns a description of a mismatch or undefined. */
export function tsVerdictMismatch(fn: () => unknown, want: TsVerdict): string | undefined {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    if ('malformed' in want) {
      if (!(e instanceof MalformedError)) return `expected MalformedError, got ${String(e)}`;
      const ok = typeof want.malformed === 'string' ? e.field === want.malformed : want.malformed.test(e.field);
      return ok ? undefined : `expected malformed ${String(want.malformed)}, got ${e.field}`;
    }
    if (!(e instanceof VerificationError)) return `expected VerificationError ${want.check}, got ${String(e)}`;
    if (e.check !== want.check) return `expected ${want.check}, got ${e.check}: ${e.message}`;
    if (want.location !== undefined && e.location !== want.location) return `expected location ${want.location}, got ${e.location}`;
    return undefined;
  }
}

const u32At = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset).getUint32(off, true);
const setU32 = (b: Uint8Array, off: number, v: number): void => new DataView(b.buffer, b.byteOffset).setUint32(off, v, true);
/** A copy of `b` with the base element at `off` increased by one (mod p). */
export function bumpAt(b: Uint8Array, off: number): Uint8Array {
  const c = b.slice();
  setU32(c, off, (u32At(c, off) + 1) % P);
  return c;
}

/** A copy of `b` with the low bit of byte `off` flipped. */
export function flipAt(b: Uint8Array, off: number): Uint8Array {
  const c = b.slice();
  c[off] ^= 1;
  return c;
}

/**
 * A cheating prover: the statement transcript of `claimed` (another model's key), the sumcheck of the
 * real weights (so y = W·x is true), and an opening of `claimed`'s commitment at s ‖ r to
 * `opened`: 'real' claims W~(s ‖ r) of the real W (the opening cannot prove it: basefold.sumcheck),
 * 'claimed' opens the claimed model honestly (then W'~(s ‖ r)·x̃(s) ≠ the sumcheck's end: linear.final).
 */
export function crossModelProof(real: LinearFixture, claimed: LinearKey, opened: 'real' | 'claimed'): Uint8Array {
  const { rows, cols } = real.key.vk;
  const xf = Uint32Array.from(real.x, fromInt);
  const yf = Uint32Array.from(real.out.yValues, fromInt);
  const { tr, r } = linearStatementTranscript({ vk: claimed.vk, modelId: claimed.modelId, party: real.party, x: xf, y: yf });
  const mv = proveMatVec(tr, real.key.weights, { rows, cols }, xf, r, LINEAR_MATVEC_LABEL);
  const point = new Uint32Array(mv.point.length + r.length);
  point.set(mv.point);
  point.set(r, mv.point.length);
  const value = opened === 'real' ? mv.wEval : mleEvalBase(claimed.commitment.evals, point);
  const basefold = basefoldOpen(tr, claimed.commitment, [{ point, value }]);
  return encodeLinearProof({ rounds: mv.proof.rounds, wEval: value, basefold });
}

/**
 * Every tampered variant of `fx`'s statement (each breaks one check), with `other` a second party
 * and `otherKey` another model of the same shape.
 */
export function tamperedLinearCases(fx: LinearFixture, other: Uint8Array, otherKey: LinearKey): LinearCase[] {
  const s = fx.statement;
  const { cb } = linearVars(fx.key.vk);
  const { rows, cols, inputBound } = fx.key.vk;
  const with_ = (name: string, change: Partial<LinearStatementBytes>, ts: TsVerdict, sol: string): LinearCase => ({ name, statement: { ...s, ...change }, ts, sol });
  const roundSum = (j: number): TsVerdict => ({ check: 'sumcheck.round-sum', location: `${LINEAR_MATVEC_LABEL} round ${j}` });
  const yPlus = fx.out.yValues.slice();
  yPlus[rows - 1] += 1;
  const xPlus = fx.x.slice();
  xPlus[0] = xPlus[0] === inputBound ? xPlus[0] - 1 : xPlus[0] + 1;
  const xFar = fx.x.slice();
  xFar[cols - 1] = -(inputBound + 1);
  const wEvalAt = 1 + 48 * cb;
  const bf = wEvalAt + 16; // BaseFold proof: u8 version ‖ 5 × u32 header ‖ roots ‖ rounds …
  const longer = new Uint8Array(s.proof.length + 1);
  longer.set(s.proof);
  const vkLonger = new Uint8Array(s.vk.length + 1);
  vkLonger.set(s.vk);
  const vkEdit = (off: number, v: number): Uint8Array => {
    const c = s.vk.slice();
    if (off === 0) c[0] = v;
    else setU32(c, off, v);
    return c;
  };
  const layers = Math.ceil((fx.key.vk.params.vars - fx.key.vk.params.finalVars) / fx.key.vk.params.logArity);
  const bfRounds = bf + 21 + 32 * (layers - 1);
  const flippedLast = flipAt(s.proof, s.proof.length - 1);
  // First leaf of layer 0: after the BaseFold rounds (n × 2 ext) and the final coefficients (2^f ext).
  const firstLeaf = bfRounds + 32 * fx.key.vk.params.vars + 16 * 2 ** fx.key.vk.params.finalVars;
  const cases: LinearCase[] = [
    with_('another y (last entry + 1)', { y: encodeLinearValues(yPlus) }, roundSum(0), 'RoundSumMismatch'),
    with_('another x (first entry ± 1, in range)', { x: encodeLinearValues(xPlus) }, roundSum(0), 'RoundSumMismatch'),
    with_('another party', { party: other }, roundSum(0), 'RoundSumMismatch'),
    with_('another model’s key (other root) with the honest proof', { vk: otherKey.vkBytes }, roundSum(0), 'RoundSumMismatch'),
    with_('another model’s key, real W’s value claimed in the opening', { vk: otherKey.vkBytes, proof: crossModelProof(fx, otherKey, 'real') }, { check: 'basefold.sumcheck' }, 'SumcheckMismatch'),
    with_('another model’s key opened honestly', { vk: otherKey.vkBytes, proof: crossModelProof(fx, otherKey, 'claimed') }, { check: 'linear.final' }, 'FinalMismatch'),
    with_('sumcheck round 0: s(0) + 1', { proof: bumpAt(s.proof, 1) }, roundSum(0), 'RoundSumMismatch'),
    with_(`last sumcheck round: s(2) + 1`, { proof: bumpAt(s.proof, 1 + 48 * (cb - 1) + 32) }, { check: 'linear.final' }, 'FinalMismatch'),
    with_('wEval + 1', { proof: bumpAt(s.proof, wEvalAt) }, { check: 'linear.final' }, 'FinalMismatch'),
    with_('BaseFold: a layer-0 leaf byte flipped', { proof: flipAt(s.proof, firstLeaf) }, { check: 'basefold.merkle', location: 'layer 0' }, 'MerkleRootMismatch'),
    with_('BaseFold: last sibling byte flipped', { proof: flippedLast }, { check: 'basefold.merkle' }, 'MerkleRootMismatch'),
    with_('proof truncated by one byte', { proof: s.proof.subarray(0, s.proof.length - 1) }, { malformed: /^basefold\./ }, 'Truncated'),
    with_('proof truncated inside the sumcheck rounds', { proof: s.proof.subarray(0, 20) }, { malformed: 'linear.proof.rounds[0]' }, 'Truncated'),
    with_('a trailing byte', { proof: longer }, { malformed: 'basefold.proof' }, 'TrailingBytes'),
    with_('proof version 2', { proof: Uint8Array.of(2, ...s.proof.subarray(1)) }, { malformed: 'linear.proof.version' }, 'BadLinearProofVersion'),
    with_('a round coordinate = p', { proof: (() => { const c = s.proof.slice(); setU32(c, 5, P); return c; })() }, { malformed: 'linear.proof.rounds[0][1]' }, 'NonCanonical'),
    with_('x outside the input bound', { x: encodeLinearValues(xFar) }, { check: 'linear.input-range', location: `x[${cols - 1}]` }, 'InputOutOfRange'),
    with_('x = inputBound + 1 at entry 0', { x: encodeLinearValues([inputBound + 1, ...fx.x.slice(1)]) }, { check: 'linear.input-range', location: 'x[0]' }, 'InputOutOfRange'),
    with_('x entry = p', { x: (() => { const c = s.x.slice(); setU32(c, 4 * (cols - 1), P); return c; })() }, { malformed: `linear.x[${cols - 1}]` }, 'NonCanonical'),
    with_('x one entry short', { x: s.x.subarray(0, s.x.length - 4) }, { malformed: 'linear.x' }, 'BadValuesLength'),
    with_('y entry = p', { y: (() => { const c = s.y.slice(); setU32(c, 0, P); return c; })() }, { malformed: 'linear.y[0]' }, 'NonCanonical'),
    with_('zero party', { party: new Uint8Array(20) }, { malformed: 'linear.party' }, 'ZeroParty'),
    with_('key version 2', { vk: vkEdit(0, 2) }, { malformed: 'linear.vk.version' }, 'BadVk'),
    with_('key input bound past (p − 1)/2 / (128·cols)', { vk: vkEdit(9, Math.floor((P - 1) / 2 / (128 * cols)) + 1) }, { malformed: 'linear.vk.inputBound' }, 'BadVk'),
    with_('key vars ≠ rb + cb', { vk: vkEdit(13, fx.key.vk.params.vars + 1) }, { malformed: 'linear.vk.params' }, 'BadVk'),
    with_('key blowup 0', { vk: vkEdit(17, 0) }, { malformed: 'linear.vk.params' }, 'BadBasefoldParams'),
    with_('key with a trailing byte', { vk: vkLonger }, { malformed: 'linear.vk' }, 'TrailingBytes'),
  ];
  return cases;
}
