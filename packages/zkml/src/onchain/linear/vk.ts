/**
 * The verification key of an on-chain linear statement (docs/parts/onchain.md §11.3): the shape of
 * the registered int8 weight matrix W, the bound on the inputs, the BaseFold parameters and the root
 * of the BaseFold commitment to W (docs/parts/basefold.md) padded to 2^(rb + cb) entries with
 * index row·2^cb + col (column variables low, as in `proveMatVec`'s W~(j, r)).
 *
 * Bytes (65, all integers u32 LE):
 *   u8 version = 1 ‖ rows ‖ cols ‖ inputBound ‖ n ‖ R ‖ a ‖ q ‖ f ‖ root (32)
 * model id = SHA-256("vouch/linear-vk/v1" ‖ vk bytes). The root determines W (the Reed–Solomon
 * encoding is deterministic and the tree is binding), so the model id names the weights.
 *
 * Range argument (why the field equation is the integer one): entries are read as their signed
 * representatives in [−(p−1)/2, (p−1)/2]. The verifier checks |x_j| ≤ inputBound and the key
 * requires cols·128·inputBound ≤ (p−1)/2; W is int8 (|w| ≤ 128, enforced when the key is built from
 * the published weights, which anyone can re-commit). Then every (W·x)_i is an integer of absolute
 * value ≤ (p−1)/2, i.e. its own signed representative, and y_i ≡ (W·x)_i (mod p) forces
 * y_i = (W·x)_i over the integers.
 */
import { ByteReader, ByteWriter, MalformedError, P, basefoldParamsBytes, checkBasefoldParams, log2Ceil, sha256Concat, type BasefoldParams } from '@vouch/core';

/** Version byte of the key format. */
export const LINEAR_VK_VERSION = 1;
/** Bytes of an encoded key. */
export const LINEAR_VK_BYTES = 65;
/** Domain of the model id. */
export const LINEAR_VK_DOMAIN = 'vouch/linear-vk/v1';
/** Largest |w| of an int8 weight. */
export const LINEAR_WEIGHT_BOUND = 128;
/** Largest |value| with a unique signed representative: (p − 1)/2. */
export const LINEAR_VALUE_LIMIT = (P - 1) / 2;

/** A linear statement's verification key. */
export interface LinearVk {
  readonly rows: number;
  readonly cols: number;
  /** Largest |x_j| accepted (checked by the verifier). */
  readonly inputBound: number;
  /** BaseFold parameters of the weight commitment; `vars` = ⌈log2 rows⌉ + ⌈log2 cols⌉. */
  readonly params: BasefoldParams;
  /** root_0 of the weight commitment (32 bytes). */
  readonly root: Uint8Array;
}

/** Row variables rb = ⌈log2 rows⌉ and column variables cb = ⌈log2 cols⌉. */
export function linearVars(vk: Pick<LinearVk, 'rows' | 'cols'>): { rb: number; cb: number } {
  return { rb: log2Ceil(vk.rows), cb: log2Ceil(vk.cols) };
}

/**
 * Checks a key's fields; the message names the first field out of range.
 * @throws MalformedError `linear.vk.<field>`.
 */
export function checkLinearVk(vk: LinearVk): void {
  const bad = (field: string, msg: string): never => {
    throw new MalformedError(`linear.vk.${field}`, msg);
  };
  const int = (x: unknown): x is number => Number.isInteger(x);
  if (!int(vk.rows) || vk.rows < 1 || vk.rows > 2 ** 24) bad('rows', `expected 1 … 2^24, got ${vk.rows}`);
  if (!int(vk.cols) || vk.cols < 1 || vk.cols > 2 ** 24) bad('cols', `expected 1 … 2^24, got ${vk.cols}`);
  if (!int(vk.inputBound) || vk.inputBound < 1 || vk.cols * LINEAR_WEIGHT_BOUND * vk.inputBound > LINEAR_VALUE_LIMIT) {
    bad('inputBound', `expected 1 ≤ inputBound with cols·128·inputBound ≤ (p−1)/2 = ${LINEAR_VALUE_LIMIT}, got ${vk.inputBound} (cols ${vk.cols})`);
  }
  const { rb, cb } = linearVars(vk);
  try {
    checkBasefoldParams(vk.params);
  } catch (e) {
    bad('params', (e as Error).message);
  }
  if (vk.params.vars !== rb + cb) bad('params', `expected vars = ⌈log2 rows⌉ + ⌈log2 cols⌉ = ${rb + cb}, got ${vk.params.vars}`);
  if (!(vk.root instanceof Uint8Array) || vk.root.length !== 32) bad('root', 'expected 32 bytes');
}

/** The 65 key bytes. @throws MalformedError on an invalid key. */
export function encodeLinearVk(vk: LinearVk): Uint8Array {
  checkLinearVk(vk);
  return new ByteWriter(LINEAR_VK_BYTES).u8(LINEAR_VK_VERSION).u32(vk.rows).u32(vk.cols).u32(vk.inputBound).raw(basefoldParamsBytes(vk.params)).raw(vk.root).finish();
}

/**
 * Parses and checks key bytes.
 * @throws MalformedError `linear.vk.version`, truncation, trailing bytes or a field out of range.
 */
export function decodeLinearVk(bytes: Uint8Array): LinearVk {
  const rd = new ByteReader(bytes);
  const version = rd.u8('linear.vk.version');
  if (version !== LINEAR_VK_VERSION) throw new MalformedError('linear.vk.version', `expected ${LINEAR_VK_VERSION}, got ${version}`, 0);
  const rows = rd.u32('linear.vk.rows');
  const cols = rd.u32('linear.vk.cols');
  const inputBound = rd.u32('linear.vk.inputBound');
  const f = [0, 1, 2, 3, 4].map(() => rd.u32('linear.vk.params'));
  const params: BasefoldParams = { vars: f[0], logBlowup: f[1], logArity: f[2], queries: f[3], finalVars: f[4] };
  const root = rd.digest('linear.vk.root');
  rd.finish('linear.vk');
  const vk: LinearVk = { rows, cols, inputBound, params, root };
  checkLinearVk(vk);
  return vk;
}

/** model id = SHA-256("vouch/linear-vk/v1" ‖ vk bytes). */
export function linearModelId(vkBytes: Uint8Array): Uint8Array {
  return sha256Concat(new TextEncoder().encode(LINEAR_VK_DOMAIN), vkBytes);
}
