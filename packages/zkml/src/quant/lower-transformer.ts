/**
 * Lowering of the transformer ops (I-BERT-style integer-only forms, Kim et al., ICML 2021):
 * - Gather over a constant embedding [V, d] with integer token ids: a private int8 table at one
 *   per-tensor scale; the output is the looked-up row (no requantization);
 * - Add of a constant: a mask (every entry 0 or ≤ −10^4) feeding a Softmax is fused into the
 *   Softmax as a public 0/1 mask; any other constant is quantized per tensor to int8 and added
 *   with ScaledAdd (`other` parameter) + Requant;
 * - Softmax over the last axis: max-subtracted 256-row exp table, integer sum, division with
 *   quotient and remainder to [0, 255] at scale 1/255 (see int/ops/softmax.ts);
 * - LayerNormalization over the last axis: integer mean, variance, 2^16-row rsqrt table,
 *   normalized z at scale 1/32, affine with int8 γ and int32 β, Requant (see int/ops/layernorm.ts);
 * - Concat: inputs requantized to the largest input scale, then moved.
 */
import type { GraphNode } from '../ir/graph.ts';
import { attrNum, normAxis } from '../float/attrs.ts';
import { unsupported } from '../float/errors.ts';
import { roundHalfUp, SHIFT_MIN } from '../int/arith.ts';
import { LN_Z_SHIFT } from '../int/ops/layernorm.ts';
import type { Lowering } from './builder.ts';
import { Q_WORST_LIMIT } from './lower-linear.ts';
import { QUANT_MULTIPLIER_LIMIT, QUANT_SHIFT_MAX } from './multiplier.ts';
import { quantizeWeights } from './weights.ts';

/** A constant added right before a Softmax with entries 0 or at most this is treated as a mask. */
export const MASK_THRESHOLD = -1e4;

/** Gather from a constant embedding table with integer ids. */
export function lowerGather(L: Lowering, node: GraphNode): void {
  const E = L.graph.constants.get(node.inputs[0]);
  if (!E || E.shape.length !== 2 || attrNum(node, 'axis', 0) !== 0) throw unsupported(node, 'expected a constant 2-D table gathered along axis 0');
  const ids = L.q(node.inputs[1], node);
  const { q, scales } = quantizeWeights(E.data, 1, E.data.length);
  const t = L.param(`${node.name}.table`, 'int8', [...E.shape], q, 'private');
  const out = node.outputs[0];
  L.value(out, L.shape(out), 'int8');
  L.node(node.name, 'Gather', [ids.name], out, {}, { table: t });
  L.map.set(out, { name: out, scale: scales[0], lo: -127, hi: 127 });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name], inputScale: 1, outputScale: scales[0], weightScales: [scales[0]] });
}

/** Add / Sub with one constant operand (not after a MatMul). */
export function lowerAddConst(L: Lowering, node: GraphNode): void {
  const ci = L.graph.constants.has(node.inputs[0]) ? 0 : 1;
  if (L.graph.constants.has(node.inputs[1 - ci])) throw unsupported(node, 'expected one activation operand');
  if (node.op === 'Sub' && ci === 0) throw unsupported(node, 'constant − activation is not supported');
  const C = L.graph.constants.get(node.inputs[ci])!;
  const a = L.q(node.inputs[1 - ci], node);
  const out = node.outputs[0];
  const next = L.soleConsumer(out);
  const isMask = node.op === 'Add' && C.data.every((v) => v === 0 || v <= MASK_THRESHOLD);
  if (isMask && next?.op === 'Softmax') {
    L.masks.set(out, Int8Array.from(C.data, (v) => (v <= MASK_THRESHOLD ? 1 : 0)));
    L.map.set(out, a);
    return;
  }
  const shape = L.shape(out);
  const aShape = L.shape(node.inputs[1 - ci]);
  const n = shape.reduce((x, y) => x * y, 1);
  if (aShape.reduce((x, y) => x * y, 1) !== n || n % C.data.length !== 0) throw unsupported(node, 'expected a constant covering trailing dimensions of the activation');
  const { q, scales } = quantizeWeights(C.data, 1, C.data.length);
  const reluOut = L.takeRelu(out);
  const finalName = reluOut ?? out;
  const sOut = L.scaleOf(finalName);
  const ra = a.scale / sOut;
  const rb = scales[0] / sOut;
  const S = Math.min(QUANT_SHIFT_MAX, Math.floor(Math.log2((QUANT_MULTIPLIER_LIMIT - 1) / Math.max(ra, rb))));
  if (S < SHIFT_MIN) throw unsupported(node, `operand scales exceed 4× the output scale (${ra.toFixed(3)}, ${rb.toFixed(3)})`);
  const pa = L.param(`${node.name}.ka`, 'int32', [1], Int32Array.of(roundHalfUp(ra * 2 ** S)), 'private');
  const pb = L.param(`${node.name}.kb`, 'int32', [1], Int32Array.of((node.op === 'Sub' ? -1 : 1) * roundHalfUp(rb * 2 ** S)), 'private');
  const po = L.param(`${node.name}.other`, 'int8', [...C.shape], q, 'private');
  const acc = L.value(`${out}::acc`, shape, 'int32');
  L.node(node.name, 'ScaledAdd', [a.name], acc, {}, { ka: pa, kb: pb, other: po });
  const lo = reluOut ? 0 : -128;
  const rq = `${node.name}.requant`;
  L.value(finalName, shape, 'int8');
  const m = L.param(`${rq}.multiplier`, 'int32', [1], Int32Array.of(1), 'private');
  const s = L.param(`${rq}.shift`, 'int32', [1], Int32Array.of(S), 'private');
  L.node(rq, 'Requant', [acc], finalName, { axis: -1, lo, hi: 127 }, { multiplier: m, shift: s });
  L.map.set(finalName, { name: finalName, scale: sOut, lo, hi: 127 });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name, rq], inputScale: a.scale, outputScale: sOut, multipliers: [{ m: 1, s: S }], fusedRelu: reluOut });
}

/** Softmax over the last axis → integer Softmax, output [0, 255] at scale 1/255 (int16 storage). */
export function lowerSoftmax(L: Lowering, node: GraphNode): void {
  const inShape = L.shape(node.inputs[0]);
  if (normAxis(node, attrNum(node, 'axis', -1), inShape.length) !== inShape.length - 1) throw unsupported(node, 'only Softmax over the last axis is supported');
  const x = L.q(node.inputs[0], node);
  const E = new Int32Array(256);
  for (let k = 0; k < 256; k++) E[k] = roundHalfUp(2 ** 15 * Math.exp((k - 255) * x.scale));
  const params: Record<string, string> = { exp: L.param(`${node.name}.exp`, 'int32', [256], E, 'public') };
  const mask = L.masks.get(node.inputs[0]);
  if (mask) params.mask = L.param(`${node.name}.mask`, 'int8', [mask.length], mask, 'public');
  const out = node.outputs[0];
  L.value(out, L.shape(out), 'int16');
  L.node(node.name, 'Softmax', [x.name], out, {}, params);
  L.map.set(out, { name: out, scale: 1 / 255, lo: 0, hi: 255 });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name], inputScale: x.scale, outputScale: 1 / 255 });
}

/** LayerNormalization over the last axis → LayerNorm (int32 z·γ + β) + Requant. */
export function lowerLayerNorm(L: Lowering, node: GraphNode): void {
  const inShape = L.shape(node.inputs[0]);
  if (normAxis(node, attrNum(node, 'axis', -1), inShape.length) !== inShape.length - 1) throw unsupported(node, 'only LayerNormalization over the last axis is supported');
  const x = L.q(node.inputs[0], node);
  const N = inShape[inShape.length - 1];
  const G = L.graph.constants.get(node.inputs[1]);
  const B = node.inputs[2] ? L.graph.constants.get(node.inputs[2]) : undefined;
  if (!G || G.data.length !== N || (node.inputs[2] && (!B || B.data.length !== N))) throw unsupported(node, `expected constant Scale and B of ${N} values`);
  const eps = attrNum(node, 'epsilon', 1e-5);
  const R = new Int32Array(65026);
  const e = eps / (x.scale * x.scale);
  for (let v = 0; v < R.length; v++) R[v] = Math.min(65535, roundHalfUp(2 ** 16 / Math.sqrt(v + e)));
  const { q: g, scales } = quantizeWeights(G.data, 1, N);
  const sZ = 2 ** LN_Z_SHIFT / 2 ** 16; // z = d·r/2^11 with r ≈ 2^16/σ_int: z ≈ 32·d/σ, scale 1/32
  const sAcc = sZ * scales[0];
  const beta = new Int32Array(N);
  for (let i = 0; i < N; i++) beta[i] = B ? roundHalfUp(B.data[i] / sAcc) : 0;
  const params = {
    rsqrt: L.param(`${node.name}.rsqrt`, 'int32', [65026], R, 'public'),
    gamma: L.param(`${node.name}.gamma`, 'int8', [N], g, 'private'),
    beta: L.param(`${node.name}.beta`, 'int32', [N], beta, 'private'),
  };
  const out = node.outputs[0];
  const shape = L.shape(out);
  const acc = L.value(`${out}::acc`, shape, 'int32');
  L.node(node.name, 'LayerNorm', [x.name], acc, {}, params);
  let sOut = L.scaleOf(out);
  let accMax = 0;
  for (let i = 0; i < N; i++) accMax = Math.max(accMax, 128 * Math.abs(g[i]) + Math.abs(beta[i]));
  let real = sAcc / sOut;
  let widenedBy: number | undefined;
  if (accMax * real > Q_WORST_LIMIT) {
    widenedBy = (accMax * real) / Q_WORST_LIMIT;
    sOut *= widenedBy;
    real /= widenedBy;
  }
  const rq = `${node.name}.requant`;
  const ms = L.requant(rq, acc, out, shape, [real], -1, -128, 127);
  L.map.set(out, { name: out, scale: sOut, lo: -128, hi: 127 });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name, rq], inputScale: x.scale, outputScale: sOut, weightScales: [scales[0]], multipliers: ms, widenedBy });
}

/** Concat: requantize inputs to the largest input scale, then move. */
export function lowerConcat(L: Lowering, node: GraphNode): void {
  const rank = L.shape(node.outputs[0]).length;
  const axis = normAxis(node, attrNum(node, 'axis', 0), rank);
  const ins = node.inputs.map((i) => L.q(i, node));
  const s = Math.max(...ins.map((q) => q.scale));
  const names = ins.map((q, k) => {
    if (q.scale === s) return q.name;
    const name = `${node.name}.in${k}`;
    L.requant(`${name}.requant`, q.name, name, L.shape(node.inputs[k]), [q.scale / s], -1, -128, 127);
    return name;
  });
  const out = node.outputs[0];
  L.value(out, L.shape(out), ins.some((q) => q.hi > 127) ? 'int16' : 'int8');
  L.node(node.name, 'Concat', names, out, { axis });
  L.map.set(out, { name: out, scale: s, lo: Math.min(...ins.map((q) => q.lo)), hi: Math.max(...ins.map((q) => q.hi)) });
  L.layers.push({ node: node.name, op: node.op, intNodes: [node.name], inputScale: s, outputScale: s });
}
