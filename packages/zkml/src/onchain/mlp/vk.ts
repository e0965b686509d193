/**
 * The verification key of an on-chain MLP statement (docs/parts/onchain.md §12): the layer shapes,
 * the public per-channel bias, requantization multiplier and shift and the clamp of every
 * Linear → Requant layer, the input range, and the BaseFold commitment (docs/parts/basefold.md) of
 * all int8 weight matrices packed in one table (mlpLayout, layout.ts).
 *
 * Bytes (all integers u32 LE; a signed value v is written as v mod p):
 *   u8 version = 1 ‖ L ‖ inputLo ‖ inputHi
 *   L × ( rows ‖ cols ‖ lo ‖ hi ‖ rows × (bias ‖ multiplier ‖ shift) )
 *   n ‖ R ‖ a ‖ q ‖ f ‖ root (32)              the weight commitment
 *   source (32)                                 the off-chain (open-weights) model id, informative
 * model id = SHA-256("vouch/mlp-vk/v1" ‖ vk bytes). The root determines the weights (the encoding
 * is deterministic and the tree binding), so the model id names the whole model.
 *
 * Range argument (why field equations are integer equations): the input of layer 0 is checked in
 * [inputLo, inputHi]; the input of layer k > 0 is the verifier's own requantized and clamped output of
 * layer k − 1, in [lo, hi]. With X_k the largest |input| of layer k, the key requires
 * cols_k·128·X_k + max|bias_k| ≤ (p − 1)/2, so W_k·x + b_k is an integer of absolute value at most
 * (p − 1)/2 and equals the signed representative of its residue: acc ≡ W·x + b (mod p) forces
 * acc = W·x + b over the integers.
 */
import { ByteReader, ByteWriter, MalformedError, P, basefoldParamsBytes, checkBasefoldParams, fromInt, sha256Concat, toSigned, type BasefoldParams } from '@vouch/core';
import { mlpLayout } from './layout.ts';

/** Version byte of the key format. */
export const MLP_VK_VERSION = 1;
/** Domain of the model id. */
export const MLP_VK_DOMAIN = 'vouch/mlp-vk/v1';
/** Largest number of layers. */
export const MLP_MAX_LAYERS = 16;
/** Largest rows or cols of one layer. */
export const MLP_MAX_DIM = 1 << 16;
/**
 * The least conjectured security q·R (queries × log2 of the inverse rate, docs/parts/basefold.md §5)
 * a key may ask for: the key chooses its commitment's parameters, so without a floor anyone could
 * register a model whose openings are nearly free to forge.
 */
export const MLP_MIN_CONJECTURED_BITS = 100;
/** (p − 1)/2: the largest |value| with a unique signed representative. */
export const MLP_VALUE_LIMIT = (P - 1) / 2;

/** One Linear → Requant layer. */
export interface MlpLayer {
  readonly rows: number;
  readonly cols: number;
  /** Clamp of the requantized output. */
  readonly lo: number;
  readonly hi: number;
  /** rows int32 biases. */
  readonly bias: readonly number[];
  /** rows multipliers in [0, 2^16). */
  readonly multiplier: readonly number[];
  /** rows shifts in [13, 29]. */
  readonly shift: readonly number[];
}

/** An MLP statement's verification key. */
export interface MlpVk {
  readonly inputLo: number;
  readonly inputHi: number;
  readonly layers: readonly MlpLayer[];
  /** BaseFold parameters of the weight commitment. */
  readonly params: BasefoldParams;
  /** root_0 of the weight commitment. */
  readonly root: Uint8Array;
  /** The off-chain model id this key was derived from (32 bytes; informative, zeros if none). */
  readonly source: Uint8Array;
}

/**
 * Checks a key: shapes chain (cols_{k+1} = rows_k), requantization parameters, clamps inside int16,
 * the range argument per layer, BaseFold parameters.
 * @throws MalformedError `mlp.vk.<field>` naming the layer.
 */
export function checkMlpVk(vk: MlpVk): void {
  const bad = (field: string, msg: string): never => {
    throw new MalformedError(`mlp.vk.${field}`, msg);
  };
  const int = (x: unknown): x is number => Number.isSafeInteger(x);
  const L = vk.layers.length;
  if (L < 1 || L > MLP_MAX_LAYERS) bad('layers', `expected 1 … ${MLP_MAX_LAYERS} layers, got ${L}`);
  if (!int(vk.inputLo) || !int(vk.inputHi) || vk.inputLo > vk.inputHi || vk.inputLo < -32768 || vk.inputHi > 32767) bad('input', `expected an int16 input range, got [${vk.inputLo}, ${vk.inputHi}]`);
  let xMax = Math.max(Math.abs(vk.inputLo), Math.abs(vk.inputHi));
  vk.layers.forEach((l, k) => {
    const at = `layers[${k}]`;
    if (!int(l.rows) || l.rows < 1 || l.rows > MLP_MAX_DIM) bad(`${at}.rows`, `expected 1 … ${MLP_MAX_DIM}, got ${l.rows}`);
    if (!int(l.cols) || l.cols < 1 || l.cols > MLP_MAX_DIM) bad(`${at}.cols`, `expected 1 … ${MLP_MAX_DIM}, got ${l.cols}`);
    if (k > 0 && l.cols !== vk.layers[k - 1].rows) bad(`${at}.cols`, `expected the previous layer's rows ${vk.layers[k - 1].rows}, got ${l.cols}`);
    if (!int(l.lo) || !int(l.hi) || l.lo > l.hi || l.lo < -32768 || l.hi > 32767) bad(`${at}.clamp`, `expected an int16 clamp range, got [${l.lo}, ${l.hi}]`);
    for (const [name, arr] of [['bias', l.bias], ['multiplier', l.multiplier], ['shift', l.shift]] as const) {
      if (!Array.isArray(arr) || arr.length !== l.rows) bad(`${at}.${name}`, `expected ${l.rows} values, got ${Array.isArray(arr) ? arr.length : typeof arr}`);
    }
    let bMax = 0;
    for (let i = 0; i < l.rows; i++) {
      const b = l.bias[i];
      const m = l.multiplier[i];
      const s = l.shift[i];
      if (!int(b) || Math.abs(b) > MLP_VALUE_LIMIT) bad(`${at}.bias`, `expected an integer of |b| ≤ (p−1)/2, got ${b} at ${i}`);
      if (!int(m) || m < 0 || m >= 65536) bad(`${at}.multiplier`, `expected 0 ≤ M < 2^16, got ${m} at ${i}`);
      if (!int(s) || s < 13 || s > 29) bad(`${at}.shift`, `expected 13 ≤ s ≤ 29, got ${s} at ${i}`);
      bMax = Math.max(bMax, Math.abs(b));
    }
    if (l.cols * 128 * xMax + bMax > MLP_VALUE_LIMIT) bad(`${at}.range`, `cols·128·max|x| + max|b| = ${l.cols * 128 * xMax + bMax} exceeds (p−1)/2: the accumulator could wrap`);
    xMax = Math.max(Math.abs(l.lo), Math.abs(l.hi));
  });
  try {
    checkBasefoldParams(vk.params);
  } catch (e) {
    bad('params', (e as Error).message);
  }
  const { vars } = mlpLayout(vk.layers);
  if (vk.params.vars !== vars) bad('params', `expected vars = ${vars} for these layers (layout.ts), got ${vk.params.vars}`);
  const bits = vk.params.queries * vk.params.logBlowup;
  if (bits < MLP_MIN_CONJECTURED_BITS) bad('params', `expected queries·logBlowup ≥ ${MLP_MIN_CONJECTURED_BITS} conjectured bits, got ${vk.params.queries}·${vk.params.logBlowup} = ${bits}`);
  if (!(vk.root instanceof Uint8Array) || vk.root.length !== 32) bad('root', 'expected 32 bytes');
  if (!(vk.source instanceof Uint8Array) || vk.source.length !== 32) bad('source', 'expected 32 bytes');
}

/** The key bytes. @throws MalformedError on an invalid key. */
export function encodeMlpVk(vk: MlpVk): Uint8Array {
  checkMlpVk(vk);
  const w = new ByteWriter(256);
  w.u8(MLP_VK_VERSION).u32(vk.layers.length).u32(fromInt(vk.inputLo)).u32(fromInt(vk.inputHi));
  for (const l of vk.layers) {
    w.u32(l.rows).u32(l.cols).u32(fromInt(l.lo)).u32(fromInt(l.hi));
    for (let i = 0; i < l.rows; i++) w.u32(fromInt(l.bias[i])).u32(l.multiplier[i]).u32(l.shift[i]);
  }
  return w.raw(basefoldParamsBytes(vk.params)).raw(vk.root).raw(vk.source).finish();
}

/**
 * Parses and checks key bytes.
 * @throws MalformedError `mlp.vk.version`, truncation, trailing bytes or a field out of range.
 */
export function decodeMlpVk(bytes: Uint8Array): MlpVk {
  if (!(bytes instanceof Uint8Array)) throw new MalformedError('mlp.vk', `expected bytes, got ${typeof bytes}`);
  const rd = new ByteReader(bytes);
  const version = rd.u8('mlp.vk.version');
  if (version !== MLP_VK_VERSION) throw new MalformedError('mlp.vk.version', `expected ${MLP_VK_VERSION}, got ${version}`, 0);
  const L = rd.u32('mlp.vk.layers', MLP_MAX_LAYERS);
  const signed = (field: string) => toSigned(rd.base(field));
  const inputLo = signed('mlp.vk.inputLo');
  const inputHi = signed('mlp.vk.inputHi');
  const layers: MlpLayer[] = [];
  for (let k = 0; k < L; k++) {
    const at = `mlp.vk.layers[${k}]`;
    const rows = rd.u32(`${at}.rows`, MLP_MAX_DIM);
    const cols = rd.u32(`${at}.cols`, MLP_MAX_DIM);
    const lo = signed(`${at}.lo`);
    const hi = signed(`${at}.hi`);
    const bias: number[] = [];
    const multiplier: number[] = [];
    const shift: number[] = [];
    for (let i = 0; i < rows; i++) {
      bias.push(signed(`${at}.bias`));
      multiplier.push(rd.u32(`${at}.multiplier`));
      shift.push(rd.u32(`${at}.shift`));
    }
    layers.push({ rows, cols, lo, hi, bias, multiplier, shift });
  }
  const f = [0, 1, 2, 3, 4].map(() => rd.u32('mlp.vk.params'));
  const params: BasefoldParams = { vars: f[0], logBlowup: f[1], logArity: f[2], queries: f[3], finalVars: f[4] };
  const root = rd.digest('mlp.vk.root');
  const source = rd.digest('mlp.vk.source');
  rd.finish('mlp.vk');
  const vk: MlpVk = { inputLo, inputHi, layers, params, root, source };
  checkMlpVk(vk);
  return vk;
}

/** model id = SHA-256("vouch/mlp-vk/v1" ‖ vk bytes). */
export function mlpModelId(vkBytes: Uint8Array): Uint8Array {
  return sha256Concat(new TextEncoder().encode(MLP_VK_DOMAIN), vkBytes);
}
