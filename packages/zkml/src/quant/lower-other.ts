/**
 * Lowering of the non-linear-layer ops:
 * - Relu, MaxPool, Reshape (Flatten/Squeeze/Unsqueeze), Transpose: exact at the input's scale;
 * - AveragePool / GlobalAveragePool: SumPool + Requant by 1/(window size) at the input's scale
 *   (only when every window has the same divisor);
 * - Add / Sub of two activations: ScaledAdd (a·K_a ± b·K_b, K = round(s/s_out·2^S)) + Requant
 *   (M = 1, shift S), Jacob et al. CVPR 2018 App. A.2; a following Relu is fused;
 * - element-wise non-linear functions (Sigmoid, Tanh, Gelu, LeakyRelu, Exp, Erf, Clip, …): a
 *   256-row public lookup table over the int8 input domain (see tables.ts).
 */
import type { GraphNode } from '../ir/graph.ts';
import { attrInts, attrNum, window2d } from '../float/attrs.ts';
import { unsupported } from '../float/errors.ts';
import { unaryFn } from '../float/ops/elementwise.ts';
import type { Lowering } from './builder.ts';
import { QUANT_MULTIPLIER_LIMIT, QUANT_SHIFT_MAX } from './multiplier.ts';
import { roundHalfUp, SHIFT_MIN } from '../int/arith.ts';
import { buildTable } from './tables.ts';

/** Ops that keep their input's scale and interval. */
export function lowerPassThrough(L: Lowering, node: GraphNode): void {
  const x = L.q(node.inputs[0], node);
  const out = node.outputs[0];
  const shape = L.shape(out);
  L.value(out, shape, 'int8');
  if (node.op === 'Relu') {
    L.node(node.name, 'Relu', [x.name], out);
    L.map.set(out, { ...x, name: out, lo: Math.max(0, x.lo), hi: Math.max(0, x.hi) });
  } else if (node.op === 'MaxPool') {
    const win = window2d(node, attrInts(node, 'kernel_shape', []));
    L.node(node.name, 'MaxPool', [x.name], out, { kernel: [win.kh, win.kw], strides: [win.sh, win.sw], pads: [win.pt, win.pl, win.pb, win.pr], dilations: [win.dh, win.dw] });
    L.map.set(out, { ...x, name: out });
  } else if (node.op === 'Transpose') {
    const perm = attrInts(node, 'perm', L.shape(node.inputs[0]).map((_, i, a) => a.length - 1 - i));
    L.node(node.name, 'Transpose', [x.name], out, { perm: [...perm] });
    L.map.set(out, { ...x, name: out });
  } else {
    L.node(node.name, 'Reshape', [x.name], out);
    L.map.set(out, { ...x, name: out });
  }
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name], inputScale: x.scale, outputScale: x.scale });
}

/** AveragePool / GlobalAveragePool → SumPool + Requant(1/count). */
export function lowerAvgPool(L: Lowering, node: GraphNode): void {
  const x = L.q(node.inputs[0], node);
  const [, , H, W] = L.shape(node.inputs[0]);
  let kernel: number[];
  let strides = [1, 1];
  let pads = [0, 0, 0, 0];
  let dil = [1, 1];
  if (node.op === 'GlobalAveragePool') {
    kernel = [H, W];
  } else {
    const win = window2d(node, attrInts(node, 'kernel_shape', []));
    if (attrNum(node, 'ceil_mode', 0) !== 0) throw unsupported(node, 'ceil_mode 1 is not supported for AveragePool');
    kernel = [win.kh, win.kw];
    strides = [win.sh, win.sw];
    pads = [win.pt, win.pl, win.pb, win.pr];
    dil = [win.dh, win.dw];
    if (pads.some((p) => p !== 0) && attrNum(node, 'count_include_pad', 0) !== 1) {
      throw unsupported(node, 'padded AveragePool needs count_include_pad = 1 (every window must have the same divisor)');
    }
  }
  const out = node.outputs[0];
  const shape = L.shape(out);
  const sum = L.value(`${out}::sum`, shape, 'int32');
  L.node(node.name, 'SumPool', [x.name], sum, { kernel, strides, pads, dilations: dil });
  const rq = `${node.name}.requant`;
  const ms = L.requant(rq, sum, out, shape, [1 / (kernel[0] * kernel[1])], -1, Math.max(-128, x.lo), Math.min(127, x.hi));
  L.map.set(out, { ...x, name: out });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name, rq], inputScale: x.scale, outputScale: x.scale, multipliers: ms });
}

/** Add / Sub of two activations of the same shape → ScaledAdd + Requant (a Relu after it is fused). */
export function lowerAdd(L: Lowering, node: GraphNode): void {
  if (node.inputs.some((i) => L.graph.constants.has(i))) throw unsupported(node, 'an Add/Sub of a constant must follow a MatMul (it is fused as its bias)');
  const a = L.q(node.inputs[0], node);
  const b = L.q(node.inputs[1], node);
  const sa = L.shape(node.inputs[0]);
  const sb = L.shape(node.inputs[1]);
  if (sa.length !== sb.length || sa.some((d, i) => d !== sb[i])) throw unsupported(node, `expected operands of equal shape, got [${sa.join(', ')}] and [${sb.join(', ')}]`);
  const out = node.outputs[0];
  const reluOut = L.takeRelu(out);
  const finalName = reluOut ?? out;
  const sOut = L.scaleOf(finalName);
  const ra = a.scale / sOut;
  const rb = b.scale / sOut;
  const S = Math.min(QUANT_SHIFT_MAX, Math.floor(Math.log2((QUANT_MULTIPLIER_LIMIT - 1) / Math.max(ra, rb))));
  if (S < SHIFT_MIN) throw unsupported(node, `operand scales exceed 4× the output scale (${ra.toFixed(3)}, ${rb.toFixed(3)})`);
  const ka = roundHalfUp(ra * 2 ** S);
  const kb = (node.op === 'Sub' ? -1 : 1) * roundHalfUp(rb * 2 ** S);
  const pa = L.param(`${node.name}.ka`, 'int32', [1], Int32Array.of(ka), 'private');
  const pb = L.param(`${node.name}.kb`, 'int32', [1], Int32Array.of(kb), 'private');
  const shape = L.shape(out);
  const acc = L.value(`${out}::acc`, shape, 'int32');
  L.node(node.name, 'ScaledAdd', [a.name, b.name], acc, {}, { ka: pa, kb: pb });
  const lo = reluOut ? 0 : -128;
  const rq = `${node.name}.requant`;
  L.value(finalName, shape, 'int8');
  const m = L.param(`${rq}.multiplier`, 'int32', [1], Int32Array.of(1), 'private');
  const s = L.param(`${rq}.shift`, 'int32', [1], Int32Array.of(S), 'private');
  L.node(rq, 'Requant', [acc], finalName, { axis: -1, lo, hi: 127 }, { multiplier: m, shift: s });
  L.map.set(finalName, { name: finalName, scale: sOut, lo, hi: 127 });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name, rq], inputScale: Math.max(a.scale, b.scale), outputScale: sOut, multipliers: [{ m: 1, s: S }], fusedRelu: reluOut });
}

/** Element-wise non-linear function → Lookup over [−128, 127]. */
export function lowerUnaryTable(L: Lowering, node: GraphNode): void {
  const x = L.q(node.inputs[0], node);
  const f = unaryFn(node);
  const out = node.outputs[0];
  const sOut = L.scaleOf(out);
  const { table, min, max } = buildTable(f, x.scale, sOut, -128, 127, -128, 127);
  const t = L.param(`${node.name}.table`, 'int32', [256], table, 'public');
  L.value(out, L.shape(out), 'int8');
  L.node(node.name, 'Lookup', [x.name], out, { lo: -128 }, { table: t });
  L.map.set(out, { name: out, scale: sOut, lo: min, hi: max });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name], inputScale: x.scale, outputScale: sOut });
}
