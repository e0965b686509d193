/**
 * Lowering of the linear layers (Gemm, MatMul, Conv) to Linear/MatMul/Conv + Requant
 * (Jacob et al., CVPR 2018, §2.2–2.4): int8 per-channel weights, int32 bias at s_in·s_w,c, an int32
 * accumulator, and a per-channel requantization to int8 at the calibrated output scale. A Relu
 * (and for MatMul a following Add of a constant bias vector) is fused. If the worst-case
 * accumulator of a channel could requantize outside the clamp table's domain [−2^15, 2^15), the
 * output scale is widened until it fits (reported as `widenedBy`). A package output (the logits) is
 * requantized to int16 at 2^12 levels per calibrated range instead of int8.
 */
import type { GraphNode } from '../ir/graph.ts';
import { attrInts, attrNum, window2d } from '../float/attrs.ts';
import { unsupported } from '../float/errors.ts';
import { dotBounds } from '../range/intervals.ts';
import type { Lowering } from './builder.ts';
import { quantizeBias, quantizeWeights } from './weights.ts';

/** Largest |q| the quantizer lets a worst-case accumulator reach (below 2^15 − 1 for rounding slack). */
export const Q_WORST_LIMIT = 32000;

/** Shared tail: quantize weights, emit the accumulator op and its Requant. */
function emitLinearLike(
  L: Lowering,
  node: GraphNode,
  op: 'Linear' | 'Conv',
  wFloat: Float32Array,
  wShape: number[],
  bias: Float32Array | undefined,
  attrs: Record<string, number | number[]>,
  outFloat: string,
): void {
  const xq = L.q(node.inputs[0], node);
  const F = wShape[0];
  const per = wFloat.length / F;
  const { q, scales } = quantizeWeights(wFloat, F, per);
  const b = quantizeBias(bias, xq.scale, scales);
  const w = L.param(`${node.name}.weight`, 'int8', wShape, q, 'private');
  const bn = L.param(`${node.name}.bias`, 'int32', [F], b, 'private');
  const outShape = L.shape(outFloat);
  const acc = L.value(`${outFloat}::acc`, outShape, 'int32');
  L.node(node.name, op, [xq.name], acc, attrs, { weight: w, bias: bn });

  const reluOut = L.takeRelu(outFloat);
  const finalName = reluOut ?? outFloat;
  const fmt = L.outFormat(finalName, reluOut !== undefined);
  let sOut = fmt.scale;
  const bd = dotBounds(q, b, F, per, xq.lo, xq.hi);
  let real = Array.from(scales, (sw) => (xq.scale * sw) / sOut);
  let qWorst = 0;
  for (let c = 0; c < F; c++) qWorst = Math.max(qWorst, Math.max(Math.abs(bd.lo[c]), Math.abs(bd.hi[c])) * real[c]);
  let widenedBy: number | undefined;
  if (qWorst > Q_WORST_LIMIT) {
    widenedBy = qWorst / Q_WORST_LIMIT;
    sOut *= widenedBy;
    real = real.map((r) => r / widenedBy!);
  }
  const axis = op === 'Linear' ? outShape.length - 1 : 1;
  const rq = `${node.name}.requant`;
  const ms = L.requant(rq, acc, finalName, outShape, real, axis, fmt.lo, fmt.hi, fmt.dtype);
  L.map.set(finalName, { name: finalName, scale: sOut, lo: fmt.lo, hi: fmt.hi });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name, rq], inputScale: xq.scale, outputScale: sOut, weightScales: Array.from(scales), multipliers: ms, fusedRelu: reluOut, widenedBy });
}

/** Gemm: Y = A·B + C with constant B [K, N] and C of N values (ONNX attributes transA/transB/alpha/beta honoured). */
export function lowerGemm(L: Lowering, node: GraphNode): void {
  const B = L.graph.constants.get(node.inputs[1]);
  if (!B) throw unsupported(node, 'expected a constant B (weights)');
  if (attrNum(node, 'transA', 0) !== 0) throw unsupported(node, 'transA = 1 is not supported');
  const transB = attrNum(node, 'transB', 0) === 1;
  const alpha = attrNum(node, 'alpha', 1);
  const beta = attrNum(node, 'beta', 1);
  const [r, c] = B.shape;
  const K = transB ? c : r;
  const N = transB ? r : c;
  const w = new Float32Array(N * K);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) w[n * K + k] = alpha * (transB ? B.data[n * K + k] : B.data[k * N + n]);
  let bias: Float32Array | undefined;
  if (node.inputs[2]) {
    const C = L.graph.constants.get(node.inputs[2]);
    if (!C) throw unsupported(node, 'expected a constant C (bias)');
    if (C.data.length !== N) throw unsupported(node, `bias: expected ${N} values (one per output), got shape [${C.shape.join(', ')}]`);
    bias = C.data.map((v) => beta * v);
  }
  emitLinearLike(L, node, 'Linear', w, [N, K], bias, {}, node.outputs[0]);
}

/** MatMul: with a constant 2-D right operand (a dense layer, a following constant Add fused as bias) or two activations. */
export function lowerMatMul(L: Lowering, node: GraphNode): void {
  const B = L.graph.constants.get(node.inputs[1]);
  if (!B) return lowerActMatMul(L, node);
  if (B.shape.length !== 2) throw unsupported(node, `expected a 2-D constant right operand, got shape [${B.shape.join(', ')}]`);
  const [K, N] = B.shape;
  const w = new Float32Array(N * K);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) w[n * K + k] = B.data[k * N + n];
  let out = node.outputs[0];
  let bias: Float32Array | undefined;
  const next = L.soleConsumer(out);
  if (next && next.op === 'Add') {
    const other = next.inputs[0] === out ? next.inputs[1] : next.inputs[0];
    const C = L.graph.constants.get(other);
    if (C && C.data.length === N) {
      bias = C.data;
      L.fused.add(next.name);
      out = next.outputs[0];
    }
  }
  emitLinearLike(L, node, 'Linear', w, [N, K], bias, {}, out);
}

/** MatMul of two activations: int32 accumulator, one per-tensor requantization. */
function lowerActMatMul(L: Lowering, node: GraphNode): void {
  const a = L.q(node.inputs[0], node);
  const b = L.q(node.inputs[1], node);
  const out = node.outputs[0];
  const outShape = L.shape(out);
  const acc = L.value(`${out}::acc`, outShape, 'int32');
  L.node(node.name, 'MatMul', [a.name, b.name], acc);
  const reluOut = L.takeRelu(out);
  const finalName = reluOut ?? out;
  const fmt = L.outFormat(finalName, reluOut !== undefined);
  let sOut = fmt.scale;
  const K = L.shape(node.inputs[0]).at(-1)!;
  const accWorst = K * Math.max(-a.lo, a.hi) * Math.max(-b.lo, b.hi);
  let real = (a.scale * b.scale) / sOut;
  let widenedBy: number | undefined;
  if (accWorst * real > Q_WORST_LIMIT) {
    widenedBy = (accWorst * real) / Q_WORST_LIMIT;
    sOut *= widenedBy;
    real /= widenedBy;
  }
  const rq = `${node.name}.requant`;
  const ms = L.requant(rq, acc, finalName, outShape, [real], -1, fmt.lo, fmt.hi, fmt.dtype);
  L.map.set(finalName, { name: finalName, scale: sOut, lo: fmt.lo, hi: fmt.hi });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name, rq], inputScale: a.scale, outputScale: sOut, multipliers: ms, fusedRelu: reluOut, widenedBy });
}

/** Conv (2-D, NCHW) with constant weights and bias. */
export function lowerConv(L: Lowering, node: GraphNode): void {
  const W = L.graph.constants.get(node.inputs[1]);
  if (!W || W.shape.length !== 4) throw unsupported(node, 'expected constant 4-D weights');
  let bias: Float32Array | undefined;
  if (node.inputs[2]) {
    const C = L.graph.constants.get(node.inputs[2]);
    if (!C) throw unsupported(node, 'expected a constant bias');
    bias = C.data;
  }
  const win = window2d(node, attrInts(node, 'kernel_shape', [W.shape[2], W.shape[3]]));
  const attrs = { strides: [win.sh, win.sw], pads: [win.pt, win.pl, win.pb, win.pr], dilations: [win.dh, win.dw], group: attrNum(node, 'group', 1) };
  emitLinearLike(L, node, 'Conv', W.data, [...W.shape], bias, attrs, node.outputs[0]);
}
