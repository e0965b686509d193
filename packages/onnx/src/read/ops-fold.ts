/**
 * Ops accepted only on constant inputs, where they are folded (ONNX opset 13–21 semantics):
 * comparison and logic (Equal, Less, Greater, LessOrEqual, GreaterOrEqual, Not, And, Or, Where),
 * Min, Max, and unary math (Abs, Floor, Ceil, Exp, Log, Reciprocal). They appear in exported
 * graphs as mask or position computations over constants; on activations they are unsupported.
 * Booleans are held as int64 0/1.
 */
import type { ConstValue } from '../tensor.ts';
import type { OnnxNode } from './decode.ts';
import type { ImportCtx } from './context.ts';
import { broadcastShapes } from '@vouch/zkml';
import { binary, broadcastTo, mapData } from './tensor-ops.ts';

type Handler = (ctx: ImportCtx, node: OnnxNode) => void;

function consts(ctx: ImportCtx, node: OnnxNode): ConstValue[] {
  return node.inputs
    .filter((i) => i)
    .map((i, k) => {
      const c = ctx.constOf(i);
      if (!c)
        ctx.unsupported(node, `expected constant inputs (${node.op} is only folded), got a computed input ${k} (${i})`);
      return c!;
    });
}

const BOOL: Record<string, (x: number, y: number) => number> = {
  Equal: (x, y) => +(x === y),
  Less: (x, y) => +(x < y),
  Greater: (x, y) => +(x > y),
  LessOrEqual: (x, y) => +(x <= y),
  GreaterOrEqual: (x, y) => +(x >= y),
  And: (x, y) => +(x !== 0 && y !== 0),
  Or: (x, y) => +(x !== 0 || y !== 0),
};

const UNARY: Record<string, (x: number) => number> = {
  Not: (x) => +(x === 0),
  Abs: Math.abs,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Exp: Math.exp,
  Log: Math.log,
  Reciprocal: (x) => 1 / x,
};

function compare(ctx: ImportCtx, node: OnnxNode): void {
  const [a, b] = consts(ctx, node);
  ctx.setConst(node.outputs[0]!, { ...binary(node.name, a!, b!, BOOL[node.op]!), dtype: 'int64' });
}

function unary(ctx: ImportCtx, node: OnnxNode): void {
  const [a] = consts(ctx, node);
  const dtype =
    node.op === 'Not' || (a!.dtype === 'int64' && (node.op === 'Abs' || node.op === 'Floor' || node.op === 'Ceil'))
      ? 'int64'
      : 'float32';
  ctx.setConst(node.outputs[0]!, { dtype, shape: a!.shape, data: mapData(a!.data, UNARY[node.op]!) });
}

function minMax(ctx: ImportCtx, node: OnnxNode): void {
  const cs = consts(ctx, node);
  const f = node.op === 'Min' ? Math.min : Math.max;
  ctx.setConst(
    node.outputs[0]!,
    cs.slice(1).reduce((acc, c) => binary(node.name, acc, c, f), cs[0]!),
  );
}

function where(ctx: ImportCtx, node: OnnxNode): void {
  const [cond, x, y] = consts(ctx, node);
  const shape = broadcastShapes(node.name, broadcastShapes(node.name, cond!.shape, x!.shape), y!.shape);
  const [c, a, b] = [cond!, x!, y!].map((t) => broadcastTo(t, shape).data) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const data = mapData(c, (v, i) => (v !== 0 ? a[i]! : b[i]!));
  ctx.setConst(node.outputs[0]!, {
    dtype: x!.dtype === 'int64' && y!.dtype === 'int64' ? 'int64' : 'float32',
    shape,
    data,
  });
}

/** Handlers by ONNX op type. */
export const FOLD_HANDLERS: Readonly<Record<string, Handler>> = {
  ...Object.fromEntries(Object.keys(BOOL).map((op) => [op, compare])),
  ...Object.fromEntries(Object.keys(UNARY).map((op) => [op, unary])),
  Min: minMax,
  Max: minMax,
  Where: where,
};
