/**
 * Shared fixtures of the MLP-statement tests (packages/zkml/test/onchain-mlp.test.ts; reusable by an
 * on-chain differential test of MlpStatementVerifier.sol): zoo models quantized on real calibration
 * rows and proven on a real test row, the byte offsets of every field of the key and proof formats
 * (src/onchain/mlp/vk.ts, proof.ts, docs/parts/basefold.md §3), a cheating prover, and every
 * tampered variant of an honest statement with the exact TS rejection.
 */
import { BASEFOLD_CONJECTURED_100, P, basefoldOpen, fromInt, log2Ceil, mleEvalBase, proveMatVec, type BasefoldClaim, type BasefoldPreset } from '@vouch/core';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { quantizeGraph, quantizeInput, type ModelPackage } from '../../src/index.ts';
import {
  MLP_MATVEC_LABEL,
  blockPoint,
  encodeMlpProof,
  mlpKey,
  mlpStatementTranscript,
  proveMlp,
  requantLayer,
  runMlp,
  type MlpKey,
  type MlpProofOutput,
  type MlpStatementBytes,
  type MlpVk,
} from '../../src/onchain/mlp/index.ts';
import { encodeLinearValues } from '../../src/onchain/linear/index.ts';
import { bumpAt, flipAt, type TsVerdict } from './onchain-linear-cases.ts';

/** The zoo models that are Linear → Requant chains. */
export type MlpModelId = 'B1' | 'A1-cps' | 'A1-penguins';

/** An honest statement and what built it. */
export interface MlpFixture {
  readonly id: string;
  readonly pkg: ModelPackage;
  readonly key: MlpKey;
  /** The quantized test row. */
  readonly x: number[];
  readonly party: Uint8Array;
  readonly out: MlpProofOutput;
  readonly statement: MlpStatementBytes;
}

/** A zoo model quantized on its first `calibration` training rows (real data, not random). */
export function quantizedZooModel(id: string, calibration = 16): ModelPackage {
  const e = zooEntry(id);
  const cal = loadSamples(e.calibration, { limit: calibration });
  return quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i)))).pkg;
}

/** Test row `index` of a zoo model's test split, quantized for `pkg`. */
export function quantizedTestRow(id: string, pkg: ModelPackage, index = 0): number[] {
  const test = loadSamples(zooEntry(id).test, { offset: index, limit: 1 });
  return Array.from(quantizeInput(pkg, Float32Array.from(example(test, 0))));
}

/** The key of `id` (quantized on real rows) and a proof of test row `index` for `party`. */
export function mlpFixture(id: MlpModelId, party: Uint8Array, index = 0, preset: BasefoldPreset = BASEFOLD_CONJECTURED_100): MlpFixture {
  const pkg = quantizedZooModel(id);
  const key = mlpKey(pkg.graph, pkg.params, { preset });
  const x = quantizedTestRow(id, pkg, index);
  const out = proveMlp(key, x, party);
  return { id, pkg, key, x, party, out, statement: { vk: key.vkBytes, input: out.input, output: out.output, party, proof: out.proof } };
}

/** Byte offsets of the key fields (vk.ts): per layer its rows/cols/lo/hi and bias/multiplier/shift of row i. */
export function mlpVkOffsets(vk: MlpVk): {
  layer: (k: number) => { rows: number; cols: number; lo: number; hi: number; bias: (i: number) => number; multiplier: (i: number) => number; shift: (i: number) => number };
  params: number;
  root: number;
  source: number;
} {
  const starts: number[] = [];
  let o = 13; // u8 version ‖ L ‖ inputLo ‖ inputHi
  for (const l of vk.layers) {
    starts.push(o);
    o += 16 + 12 * l.rows;
  }
  const layer = (k: number) => {
    const s = starts[k];
    return { rows: s, cols: s + 4, lo: s + 8, hi: s + 12, bias: (i: number) => s + 16 + 12 * i, multiplier: (i: number) => s + 20 + 12 * i, shift: (i: number) => s + 24 + 12 * i };
  };
  return { layer, params: o, root: o + 20, source: o + 52 };
}

/** Byte offsets of the proof fields (proof.ts), and of the first layer-0 leaf of the BaseFold proof. */
export function mlpProofOffsets(vk: MlpVk): {
  acc: (k: number, i: number) => number;
  round: (k: number, j: number, e: number) => number;
  wEval: (k: number) => number;
  basefold: number;
  firstLeaf: number;
} {
  const accStart: number[] = [];
  let o = 1;
  for (const l of vk.layers) {
    accStart.push(o);
    o += 4 * l.rows;
  }
  const layerStart: number[] = [];
  for (const l of vk.layers) {
    layerStart.push(o);
    o += 48 * log2Ceil(l.cols) + 16;
  }
  const { vars: n, finalVars: f, logArity: a } = vk.params;
  const bfLayers = Math.ceil((n - f) / a);
  // BaseFold: u8 version ‖ 5 × u32 ‖ (L − 1) roots ‖ n rounds (2 ext) ‖ 2^f final ext ‖ layer-0 leaves …
  const firstLeaf = o + 21 + 32 * (bfLayers - 1) + 32 * n + 16 * 2 ** f;
  return {
    acc: (k, i) => accStart[k] + 4 * i,
    round: (k, j, e) => layerStart[k] + 48 * j + 16 * e,
    wEval: (k) => layerStart[k] + 48 * log2Ceil(vk.layers[k].cols),
    basefold: o,
    firstLeaf,
  };
}

/** A copy of `b` with the u32 LE at `off` set to `v`. */
export function setU32At(b: Uint8Array, off: number, v: number): Uint8Array {
  const c = b.slice();
  new DataView(c.buffer, c.byteOffset).setUint32(off, v >>> 0, true);
  return c;
}

/** A copy of `b` with byte `off` set to `v`. */
export function setByteAt(b: Uint8Array, off: number, v: number): Uint8Array {
  const c = b.slice();
  c[off] = v;
  return c;
}

/** A copy of `b` with one more (zero) byte. */
export function withTrailingByte(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length + 1);
  c.set(b);
  return c;
}

/** Options of {@link forgeMlpProof}. */
export interface ForgeOptions {
  /** The accumulators to publish (default: the true ones); the output is their requantized chain. */
  readonly acc?: readonly (readonly number[])[];
  /** The model the statement names (its key, transcript and commitment); default the real one. */
  readonly claimed?: MlpKey;
  /**
   * With `claimed`: 'real' opens the claimed commitment at each point to the real weights' value
   * (what the sumcheck needs), 'claimed' to the claimed weights' true value.
   */
  readonly opened?: 'real' | 'claimed';
}

/**
 * A cheating prover that follows the protocol with the real weights but publishes other
 * accumulators or names another model: every challenge is re-derived from what it publishes, so
 * the rejection comes from the check that the lie breaks, not from a transcript desync.
 */
export function forgeMlpProof(real: MlpKey, x: readonly number[], party: Uint8Array, opts: ForgeOptions = {}): { input: Uint8Array; output: Uint8Array; proof: Uint8Array } {
  const truth = runMlp(real, x);
  const acc = opts.acc ?? truth.acc;
  const claimed = opts.claimed ?? real;
  const { vk } = claimed;
  let y: readonly number[] = x;
  acc.forEach((a, k) => (y = requantLayer(vk.layers[k], a)));
  const tr = mlpStatementTranscript({ vk, modelId: claimed.modelId, party, x: Uint32Array.from(x, fromInt), y: Uint32Array.from(y, fromInt), acc: Uint32Array.from(acc.flat(), fromInt) });
  const claims: BasefoldClaim[] = [];
  const rounds: Uint32Array[][] = [];
  const wEval: Uint32Array[] = [];
  vk.layers.forEach((l, k) => {
    const block = claimed.blocks[k];
    const r = tr.challengeExts('mlp.r', block.rb);
    const xk = Uint32Array.from(k === 0 ? x : truth.outputs[k - 1], fromInt);
    const mv = proveMatVec(tr, real.weights[k], { rows: l.rows, cols: l.cols }, xk, r, MLP_MATVEC_LABEL);
    const point = blockPoint(block, vk.params.vars, mv.point, r);
    const value = opts.opened === 'claimed' ? mleEvalBase(claimed.commitment.evals, point) : mv.wEval;
    tr.absorbExt('mlp.w', value);
    rounds.push(mv.proof.rounds.map((m) => Uint32Array.from(m)));
    wEval.push(value);
    claims.push({ point, value });
  });
  const basefold = basefoldOpen(tr, claimed.commitment, claims);
  const proof = encodeMlpProof({ acc: acc.map((a) => Uint32Array.from(a, fromInt)), rounds, wEval, basefold });
  return { input: encodeLinearValues(x), output: encodeLinearValues(y), proof };
}

/** One tampered statement. */
export interface MlpCase {
  readonly name: string;
  readonly statement: MlpStatementBytes;
  readonly ts: TsVerdict;
}

/** The first row i of layer k whose accumulator + delta requantizes to `changed ? another : the same` value. */
export function accRow(key: MlpKey, acc: readonly number[], k: number, delta: number, changed: boolean): number {
  const l = key.vk.layers[k];
  const before = requantLayer(l, acc);
  const after = requantLayer(l, acc.map((a) => a + delta));
  const i = before.findIndex((b, j) => (b !== after[j]) === changed);
  if (i < 0) throw new Error(`accRow: no row of layer ${k} where acc + ${delta} ${changed ? 'changes' : 'keeps'} the requantized value`);
  return i;
}

/**
 * Every tampered variant of `fx`'s statement (each breaks one check), with `other` a second party
 * and `otherKey` the key of the same shapes with one weight changed.
 */
export function tamperedMlpCases(fx: MlpFixture, other: Uint8Array, otherKey: MlpKey): MlpCase[] {
  const s = fx.statement;
  const { vk } = fx.key;
  const L = vk.layers.length;
  const last = vk.layers[L - 1];
  const po = mlpProofOffsets(vk);
  const vo = mlpVkOffsets(vk);
  const { acc } = runMlp(fx.key, fx.x);
  const roundSum = (j: number, k = 0): TsVerdict => ({ check: 'sumcheck.round-sum', location: `layer ${k}, ${MLP_MATVEC_LABEL} round ${j}` });
  const with_ = (name: string, change: Partial<MlpStatementBytes>, ts: TsVerdict): MlpCase => ({ name, statement: { ...s, ...change }, ts });
  const cases: MlpCase[] = [];
  const add = (name: string, change: Partial<MlpStatementBytes>, ts: TsVerdict) => cases.push(with_(name, change, ts));

  // party
  add('another party (the proof replayed for it)', { party: other }, roundSum(0));
  add('zero party', { party: new Uint8Array(20) }, { malformed: 'mlp.party' });
  add('19-byte party', { party: fx.party.subarray(0, 19) }, { malformed: 'mlp.party' });
  add('21-byte party', { party: withTrailingByte(fx.party) }, { malformed: 'mlp.party' });

  // key
  add('key version 2', { vk: Uint8Array.of(2, ...s.vk.subarray(1)) }, { malformed: 'mlp.vk.version' });
  add('key empty', { vk: new Uint8Array(0) }, { malformed: 'mlp.vk.version' });
  add('key truncated by one byte (source)', { vk: s.vk.subarray(0, s.vk.length - 1) }, { malformed: 'mlp.vk.source' });
  add('key truncated inside layer 0', { vk: s.vk.subarray(0, vo.layer(0).bias(1)) }, { malformed: 'mlp.vk.layers[0].bias' });
  add('key with a trailing byte', { vk: withTrailingByte(s.vk) }, { malformed: 'mlp.vk' });
  // L = 0 with a consistent length: header, then the tail (params, root, source) of the real key.
  add('key with 0 layers', { vk: setU32At(Uint8Array.of(...s.vk.subarray(0, 13), ...s.vk.subarray(vo.params)), 1, 0) }, { malformed: 'mlp.vk.layers' });
  add('key with 17 layers', { vk: setU32At(s.vk, 1, 17) }, { malformed: 'mlp.vk.layers' });
  add('key input range [127, −128] (lo > hi)', { vk: setU32At(setU32At(s.vk, 5, 127), 9, fromInt(-128)) }, { malformed: 'mlp.vk.input' });
  for (let k = 0; k < L; k++) {
    const lk = vo.layer(k);
    // |b| ≤ (p−1)/2 but cols·128·X + |b| > (p−1)/2: only the range argument refuses it.
    add(`layer ${k}: a bias of (p−1)/2 breaks the range argument`, { vk: setU32At(s.vk, lk.bias(0), fromInt((P - 1) / 2)) }, { malformed: `mlp.vk.layers[${k}].range` });
    add(`layer ${k}: shift 12`, { vk: setU32At(s.vk, lk.shift(0), 12) }, { malformed: `mlp.vk.layers[${k}].shift` });
    add(`layer ${k}: shift 30`, { vk: setU32At(s.vk, lk.shift(0), 30) }, { malformed: `mlp.vk.layers[${k}].shift` });
    add(`layer ${k}: multiplier 2^16`, { vk: setU32At(s.vk, lk.multiplier(vk.layers[k].rows - 1), 65536) }, { malformed: `mlp.vk.layers[${k}].multiplier` });
    add(`layer ${k}: clamp lo > hi`, { vk: setU32At(s.vk, lk.lo, fromInt(vk.layers[k].hi + 1)) }, { malformed: `mlp.vk.layers[${k}].clamp` });
    add(`layer ${k}: a non-canonical bias (= p)`, { vk: setU32At(s.vk, lk.bias(0), P) }, { malformed: `mlp.vk.layers[${k}].bias` });
    if (k > 0) add(`layer ${k}: cols ≠ the previous rows`, { vk: setU32At(s.vk, lk.cols, vk.layers[k - 1].rows + 1) }, { malformed: `mlp.vk.layers[${k}].cols` });
  }
  add('layer 0: cols 0', { vk: setU32At(s.vk, vo.layer(0).cols, 0) }, { malformed: 'mlp.vk.layers[0].cols' });
  add('key vars one more than the layers need', { vk: setU32At(s.vk, vo.params, vk.params.vars + 1) }, { malformed: 'mlp.vk.params' });
  add('key blowup 0', { vk: setU32At(s.vk, vo.params + 4, 0) }, { malformed: 'mlp.vk.params' });
  add('a key for other weights (one weight changed), the honest proof', { vk: otherKey.vkBytes }, roundSum(0));
  add('key source changed (another model id)', { vk: setU32At(s.vk, vo.source, 1) }, roundSum(0));

  // input and output bytes
  const cols0 = vk.layers[0].cols;
  add('input one entry short', { input: s.input.subarray(0, s.input.length - 4) }, { malformed: 'mlp.input' });
  add('input one entry long', { input: new Uint8Array(s.input.length + 4) }, { malformed: 'mlp.input' });
  add('input entry = p (non-canonical)', { input: setU32At(s.input, 4 * (cols0 - 1), P) }, { malformed: `mlp.input[${cols0 - 1}]` });
  add(`input entry ${vk.inputHi + 1} (above the input range)`, { input: setU32At(s.input, 4 * 3, fromInt(vk.inputHi + 1)) }, { check: 'mlp.input-range', location: 'input[3]' });
  add(`input entry ${vk.inputLo - 1} (below the input range)`, { input: setU32At(s.input, 0, fromInt(vk.inputLo - 1)) }, { check: 'mlp.input-range', location: 'input[0]' });
  const xIn = fx.x.slice();
  xIn[cols0 - 1] = xIn[cols0 - 1] === vk.inputHi ? vk.inputHi - 1 : xIn[cols0 - 1] + 1;
  add('another input (last entry ± 1, in range)', { input: encodeLinearValues(xIn) }, roundSum(0));
  add('output one entry short', { output: s.output.subarray(4) }, { malformed: 'mlp.output' });
  add('output entry = p', { output: setU32At(s.output, 0, P) }, { malformed: 'mlp.output[0]' });
  const yPlus = fx.out.outputValues.slice();
  yPlus[last.rows - 1] += 1;
  add('another output (last entry + 1)', { output: encodeLinearValues(yPlus) }, { check: 'mlp.output-mismatch', location: `output[${last.rows - 1}]` });

  // accumulators
  const k0 = accRow(fx.key, acc[0], 0, 1, false);
  add(`layer 0 acc[${k0}] + 1 (requantizes to the same value)`, { proof: bumpAt(s.proof, po.acc(0, k0)) }, roundSum(0));
  const kL = accRow(fx.key, acc[L - 1], L - 1, 1, false);
  add(`last layer acc[${kL}] + 1 (requantizes to the same value)`, { proof: bumpAt(s.proof, po.acc(L - 1, kL)) }, roundSum(0));
  const big = 2 ** Math.max(...last.shift);
  const iL = accRow(fx.key, acc[L - 1], L - 1, big, true);
  add(`last layer acc[${iL}] + 2^shift (another requantized output)`, { proof: setU32At(s.proof, po.acc(L - 1, iL), fromInt(acc[L - 1][iL] + big)) }, { check: 'mlp.output-mismatch', location: `output[${iL}]` });
  add('acc entry = p (non-canonical)', { proof: setU32At(s.proof, po.acc(0, 0), P) }, { malformed: 'mlp.proof.acc[0]' });
  // A cheating prover re-deriving every challenge from the changed accumulator: the layer claim itself is wrong.
  const forged = acc.map((a) => a.slice());
  forged[0][k0] += 1;
  add(`re-proved with layer 0 acc[${k0}] + 1 (a consistent transcript, a wrong layer claim)`, forgeMlpProof(fx.key, fx.x, fx.party, { acc: forged }), roundSum(0));
  const h0 = accRow(fx.key, acc[0], 0, 2 ** Math.max(...vk.layers[0].shift), true);
  const forgedHidden = acc.map((a) => a.slice());
  forgedHidden[0][h0] += 2 ** Math.max(...vk.layers[0].shift);
  add(`re-proved with hidden acc[${h0}] changed so that its requantized value changes (same final output)`, forgeMlpProof(fx.key, fx.x, fx.party, { acc: forgedHidden }), roundSum(0));

  // sumcheck rounds and final claims
  for (let k = 0; k < L; k++) {
    const cb = log2Ceil(vk.layers[k].cols);
    if (cb > 0) {
      add(`layer ${k} round 0: s(0) + 1`, { proof: bumpAt(s.proof, po.round(k, 0, 0)) }, roundSum(0, k));
      if (cb > 1) add(`layer ${k} round 0: s(2) + 1 (round 1 fails)`, { proof: bumpAt(s.proof, po.round(k, 0, 2)) }, roundSum(1, k));
      add(`layer ${k} last round: s(2) + 1`, { proof: bumpAt(s.proof, po.round(k, cb - 1, 2)) }, { check: 'mlp.final', location: `layer ${k}` });
      add(`layer ${k} round ${cb - 1}: s(1) + 1`, { proof: bumpAt(s.proof, po.round(k, cb - 1, 1)) }, roundSum(cb - 1, k));
    }
    add(`layer ${k} wEval + 1`, { proof: bumpAt(s.proof, po.wEval(k)) }, { check: 'mlp.final', location: `layer ${k}` });
    add(`layer ${k} wEval coordinate 3 + 1`, { proof: bumpAt(s.proof, po.wEval(k) + 12) }, { check: 'mlp.final', location: `layer ${k}` });
  }
  add('a round coordinate = p', { proof: setU32At(s.proof, po.round(0, 0, 0) + 4, P) }, { malformed: 'mlp.proof.rounds[0][0][1]' });
  add(`wEval of layer ${L - 1} = p`, { proof: setU32At(s.proof, po.wEval(L - 1), P) }, { malformed: `mlp.proof.wEval[${L - 1}][0]` });

  // BaseFold opening
  add('BaseFold: a layer-0 leaf byte flipped', { proof: flipAt(s.proof, po.firstLeaf) }, { check: 'basefold.merkle', location: 'layer 0' });
  add('BaseFold: last sibling byte flipped', { proof: flipAt(s.proof, s.proof.length - 1) }, { check: 'basefold.merkle' });
  add('BaseFold: version byte 2', { proof: setByteAt(s.proof, po.basefold, 2) }, { malformed: 'basefold.version' });
  // (A changed BaseFold round or final coefficient moves the query indices, so the reader may fail
  // first; basefold.sumcheck is reached by the consistent cheater of the cross-model test instead.)
  add('BaseFold: header queries + 1', { proof: setU32At(s.proof, po.basefold + 13, vk.params.queries + 1) }, { check: 'basefold.params', location: 'queries' });

  // proof framing
  add('proof version 2', { proof: Uint8Array.of(2, ...s.proof.subarray(1)) }, { malformed: 'mlp.proof.version' });
  add('proof empty', { proof: new Uint8Array(0) }, { malformed: 'mlp.proof.version' });
  add('proof truncated inside the accumulators', { proof: s.proof.subarray(0, 7) }, { malformed: 'mlp.proof.acc[0]' });
  add('proof truncated inside the rounds', { proof: s.proof.subarray(0, po.round(0, 0, 1)) }, { malformed: 'mlp.proof.rounds[0][0]' });
  add('proof truncated before the BaseFold opening', { proof: s.proof.subarray(0, po.basefold) }, { malformed: /^basefold\./ });
  add('proof truncated by one byte', { proof: s.proof.subarray(0, s.proof.length - 1) }, { malformed: /^basefold\./ });
  add('proof with a trailing byte', { proof: withTrailingByte(s.proof) }, { malformed: 'basefold.proof' });
  return cases;
}
