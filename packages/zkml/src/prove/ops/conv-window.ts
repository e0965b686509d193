/**
 * Window geometry of the CNN op provers (Conv, MaxPool, SumPool; ONNX Conv/MaxPool/AveragePool
 * semantics as run by int/ops/conv.ts and int/ops/maxpool.ts): along one spatial axis, output
 * position o reads input position h = s·o + d·i − pad for kernel tap i, when 0 ≤ h < H ("valid";
 * padding taps read zeros for Conv/SumPool and never win for MaxPool).
 *
 * The proofs use the *selector matrix* of an axis at a challenge: for eq weights e over the output
 * positions (eq(r_y) of a random point, possibly masked),
 *   S[i][h] = Σ_{o < O} e[o]·[h = s·o + d·i − pad, 0 ≤ h < H]        (i < K, zero rows for i ≥ K),
 * i.e. the MLE in the output variable of "tap i of output o reads input h". A window access
 * X[…, s·o + d·i − pad, …] at a random output point is then Σ_h S[i][h]·X[…, h, …]: a linear form
 * with one vector per dimension (conv-tensor.ts). Cost O(K·O) per axis.
 */
import { eAdd, eMul, eqTable, type Ext } from '@vouch/core';
import { intAttr, intAttrs, type IntNode } from '../../int/graph.ts';
import { pow2 } from '../tensor.ts';

/** One spatial axis of a window op. */
export interface WindowAxis {
  /** Input size H and output size O (real). */
  readonly input: number;
  readonly output: number;
  /** Kernel size K, stride s, dilation d, leading pad. */
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly pad: number;
}

/** The two spatial axes (height, width) of a Conv/MaxPool/SumPool node. */
export interface Window2d {
  readonly y: WindowAxis;
  readonly x: WindowAxis;
}

/** Input position of output o, tap i, or −1 when the tap reads padding. */
export function tapInput(a: WindowAxis, o: number, i: number): number {
  const h = a.stride * o + a.dilation * i - a.pad;
  return h >= 0 && h < a.input ? h : -1;
}

/**
 * Reads the window of a node: kernel from `kernelDims` (Conv: the weight's [KH, KW]) or the
 * `kernel` attribute (pools), strides, pads [t, l, b, r], dilations.
 * @throws RangeError on malformed attributes, or when some output position reads only padding.
 */
export function readWindow(node: IntNode, inHW: readonly number[], outHW: readonly number[], kernelDims?: readonly number[]): Window2d {
  const kernel = kernelDims ?? intAttrs(node, 'kernel');
  const strides = intAttrs(node, 'strides');
  const pads = intAttrs(node, 'pads');
  const dil = intAttrs(node, 'dilations');
  const ok = (v: readonly number[], n: number, min: number) => v.length >= n && v.slice(0, n).every((x) => Number.isInteger(x) && x >= min);
  if (!ok(kernel, 2, 1) || !ok(strides, 2, 1) || !ok(pads, 2, 0) || !ok(dil, 2, 1)) {
    throw new RangeError(`node ${node.name}: expected a 2-D window (kernel, strides ≥ 1, pads ≥ 0, dilations ≥ 1), got kernel [${kernel.join(', ')}], strides [${strides.join(', ')}], pads [${pads.join(', ')}], dilations [${dil.join(', ')}]`);
  }
  const axis = (k: number): WindowAxis => ({ input: inHW[k], output: outHW[k], kernel: kernel[k], stride: strides[k], dilation: dil[k], pad: pads[k] });
  const w = { y: axis(0), x: axis(1) };
  for (const [name, a] of [['height', w.y], ['width', w.x]] as const) {
    for (let o = 0; o < a.output; o++) {
      let any = false;
      for (let i = 0; i < a.kernel && !any; i++) any = tapInput(a, o, i) >= 0;
      if (!any) throw new RangeError(`node ${node.name}: expected every ${name} window to read an input element, output ${o} reads only padding`);
    }
  }
  return w;
}

/** The `group` attribute of a Conv node (default 1). */
export function convGroups(node: IntNode): number {
  return node.attrs.group === undefined ? 1 : intAttr(node, 'group');
}

/**
 * The selector matrix S (module header) for eq weights `e` over the padded output positions:
 * flat ext, pow2(K) rows × pow2(H) columns.
 */
export function selectorMatrix(a: WindowAxis, e: Uint32Array): Uint32Array {
  const Kp = pow2(a.kernel);
  const Hp = pow2(a.input);
  const S = new Uint32Array(4 * Kp * Hp);
  for (let o = 0; o < a.output; o++) {
    const eo = e.subarray(4 * o, 4 * o + 4);
    for (let i = 0; i < a.kernel; i++) {
      const h = tapInput(a, o, i);
      if (h < 0) continue;
      const at = 4 * (i * Hp + h);
      S.set(eAdd(S.subarray(at, at + 4), eo), at);
    }
  }
  return S;
}

/** Row i of a selector matrix (flat ext, pow2(H) entries). */
export function selectorRow(a: WindowAxis, S: Uint32Array, i: number): Uint32Array {
  const Hp = pow2(a.input);
  return S.subarray(4 * i * Hp, 4 * (i + 1) * Hp);
}

/** Σ_i S[i][·]: how often input h is read, weighted (SumPool). */
export function selectorColumnSums(a: WindowAxis, S: Uint32Array): Uint32Array {
  const Hp = pow2(a.input);
  const Kp = pow2(a.kernel);
  const out = new Uint32Array(4 * Hp);
  for (let i = 0; i < Kp; i++) for (let h = 0; h < Hp; h++) out.set(eAdd(out.subarray(4 * h, 4 * h + 4), S.subarray(4 * (i * Hp + h), 4 * (i * Hp + h) + 4)), 4 * h);
  return out;
}

/** S'(i) = Σ_h S[i][h]·eq(z)[h]: the selector evaluated at an input point z (flat ext, pow2(K) entries). */
export function selectorAtInput(a: WindowAxis, S: Uint32Array, z: Uint32Array): Uint32Array {
  const Hp = pow2(a.input);
  const Kp = pow2(a.kernel);
  const ez = eqTable(z);
  const out = new Uint32Array(4 * Kp);
  for (let i = 0; i < a.kernel; i++) {
    let acc: Ext = new Uint32Array(4);
    for (let h = 0; h < a.input; h++) acc = eAdd(acc, eMul(S.subarray(4 * (i * Hp + h), 4 * (i * Hp + h) + 4), ez.subarray(4 * h, 4 * h + 4)));
    out.set(acc, 4 * i);
  }
  return out;
}

/** e[o]·[o < O]·[tap i of o is valid] over the padded outputs (MaxPool: which (o, i) pairs exist). */
export function validWeights(a: WindowAxis, e: Uint32Array, i: number): Uint32Array {
  const out = new Uint32Array(e.length);
  for (let o = 0; o < a.output; o++) if (tapInput(a, o, i) >= 0) out.set(e.subarray(4 * o, 4 * o + 4), 4 * o);
  return out;
}
