/**
 * Importers of ONNX elementwise ops (opset 7–21, numpy broadcasting): Add, Sub, Mul, Div,
 * Relu, LeakyRelu, Sigmoid, Tanh, Gelu (opset 20), and the pattern-only ops Erf, Sqrt, Pow,
 * Neg/ReduceMean helpers that fusion consumes (./fuse-gelu.ts, ./fuse-layernorm.ts).
 * With all inputs constant they fold. `Div` by a constant becomes `Mul` by its reciprocal.
 */
import { broadcastShapes, normalizeAxis } from '@vouch/zkml';
import type { OnnxNode } from './decode.ts';
import type { ImportCtx } from './context.ts';
import { binary, mapData } from './tensor-ops.ts';

type Handler = (ctx: ImportCtx, node: OnnxNode) => void;

const out0 = (n: OnnxNode): string => n.outputs[0]!;

const BIN: Record<string, (x: number, y: number) => number> = {
  Add: (x, y) => x + y,
  Sub: (x, y) => x - y,
  Mul: (x, y) => x * y,
  Div: (x, y) => x / y,
  Pow: (x, y) => x ** y,
};

function binaryOp(ctx: ImportCtx, node: OnnxNode): void {
  const [a, b] = [node.inputs[0]!, node.inputs[1]!];
  if (!a || !b) ctx.unsupported(node, `expected two inputs, got ${node.inputs.length}`);
  const ca = ctx.constOf(a);
  const cb = ctx.constOf(b);
  if (ca && cb) {
    const intDiv = node.op === 'Div' && ca.dtype === 'int64' && cb.dtype === 'int64';
    const f = intDiv ? (x: number, y: number): number => Math.trunc(x / y) : BIN[node.op]!;
    ctx.setConst(out0(node), binary(node.name, ca, cb, f));
    return;
  }
  const shape = broadcastShapes(node.name, ctx.shape(a), ctx.shape(b));
  if (node.op === 'Div' && cb) {
    const inv = ctx.newConst(`${node.name}_reciprocal`, {
      dtype: 'float32',
      shape: cb.shape,
      data: mapData(cb.data, (v) => 1 / v),
    });
    ctx.emit('Mul', [a, inv], [out0(node)], {}, node);
  } else if (node.op === 'Div' || node.op === 'Pow') {
    ctx.emit(node.op, [a, b], [out0(node)], {}, node, [shape]);
  } else {
    ctx.emit(node.op, [a, b], [out0(node)], {}, node);
  }
}

const UNARY: Record<string, (x: number) => number> = {
  Relu: (x) => Math.max(0, x),
  Sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  Tanh: Math.tanh,
  Sqrt: Math.sqrt,
  Neg: (x) => -x,
};

function unary(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const c = ctx.constOf(x);
  const f = UNARY[node.op];
  if (c && f) {
    ctx.setConst(out0(node), { ...c, dtype: node.op === 'Neg' ? c.dtype : 'float32', data: mapData(c.data, f) });
    return;
  }
  if (node.op === 'Neg') {
    const m1 = ctx.newConst(`${node.name}_minus1`, { dtype: 'float32', shape: [], data: Float64Array.of(-1) });
    ctx.emit('Mul', [x, m1], [out0(node)], {}, node);
    return;
  }
  const attrs: Record<string, number | string> = {};
  if (node.op === 'LeakyRelu') attrs['alpha'] = ctx.float(node, 'alpha', 0.01);
  if (node.op === 'Gelu') {
    const approx = ctx.str(node, 'approximate', 'none');
    if (approx !== 'none' && approx !== 'tanh')
      ctx.unsupported(node, `expected approximate "none" or "tanh", got "${approx}"`);
    attrs['approximate'] = approx;
  }
  const pattern = node.op === 'Erf' || node.op === 'Sqrt';
  ctx.emit(node.op, [x], [out0(node)], attrs, node, pattern ? [[...ctx.shape(x)]] : undefined);
}

function reduceMean(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const axesRaw = ctx.intsAttrOrInput(node, 'axes', 1) ?? s.map((_, i) => i);
  const axes = axesRaw.map((a) => normalizeAxis(node.name, a, s.length)).sort((p, q) => p - q);
  const keepdims = ctx.int(node, 'keepdims', 1);
  if (ctx.constOf(x)) ctx.unsupported(node, 'expected ReduceMean of an activation, got a constant');
  const shape = keepdims ? s.map((d, i) => (axes.includes(i) ? 1 : d)) : s.filter((_, i) => !axes.includes(i));
  ctx.emit('ReduceMean', [x], [out0(node)], { axes, keepdims }, node, [shape]);
}

/** Handlers by ONNX op type. */
export const ELEMENTWISE_HANDLERS: Readonly<Record<string, Handler>> = {
  Add: binaryOp,
  Sub: binaryOp,
  Mul: binaryOp,
  Div: binaryOp,
  Pow: binaryOp,
  Relu: unary,
  LeakyRelu: unary,
  Sigmoid: unary,
  Tanh: unary,
  Gelu: unary,
  Erf: unary,
  Sqrt: unary,
  Neg: unary,
  ReduceMean: reduceMean,
};
