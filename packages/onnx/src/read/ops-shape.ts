/**
 * Importers of ONNX shape and data-movement ops (opset 1–21 forms): Constant, Identity,
 * Dropout, Cast, Shape, Size, ConstantOfShape, Range, Flatten, Reshape, Squeeze, Unsqueeze,
 * Transpose, Concat, Slice, Gather, Expand.
 * On constant inputs they fold (static shape subgraphs vanish); on activations they emit the
 * canonical `Reshape` (resolved shape), `Transpose`, `Concat`, `Slice` (normalized) or `Gather`.
 */
import { formatShape, normalizeAxis, sizeOf } from '@vouch/zkml';
import type { ConstValue } from '../tensor.ts';
import type { OnnxNode } from './decode.ts';
import type { ImportCtx } from './context.ts';
import { broadcastTo, concat, cv, gather, slice, transpose, mapData } from './tensor-ops.ts';

type Handler = (ctx: ImportCtx, node: OnnxNode) => void;

const out0 = (n: OnnxNode): string => n.outputs[0]!;

/** Emits a Reshape (or folds it) of input `x` to the resolved `shape`. */
function reshapeTo(ctx: ImportCtx, node: OnnxNode, x: string, shape: number[]): void {
  const c = ctx.constOf(x);
  ctx.sameSize(node, ctx.shape(x), shape);
  if (c) ctx.setConst(out0(node), { ...c, shape });
  else ctx.emit('Reshape', [x], [out0(node)], { shape }, node);
}

function constantNode(ctx: ImportCtx, node: OnnxNode): void {
  const a = node.attrs;
  let c: ConstValue | undefined;
  const v = a.get('value');
  if (v && typeof v === 'object' && 'data' in v) c = v;
  else if (typeof a.get('value_float') === 'number') c = cv('float32', [], [a.get('value_float') as number]);
  else if (Array.isArray(a.get('value_floats')))
    c = cv('float32', [(a.get('value_floats') as number[]).length], a.get('value_floats') as number[]);
  else if (typeof a.get('value_int') === 'number') c = cv('int64', [], [a.get('value_int') as number]);
  else if (Array.isArray(a.get('value_ints')))
    c = cv('int64', [(a.get('value_ints') as number[]).length], a.get('value_ints') as number[]);
  if (!c)
    ctx.unsupported(
      node,
      `expected a value, value_float(s) or value_int(s) attribute, got ${[...a.keys()].join(', ') || 'none'}`,
    );
  ctx.setConst(out0(node), c!);
}

function identity(ctx: ImportCtx, node: OnnxNode): void {
  ctx.alias(out0(node), node.inputs[0]!);
}

const FLOAT_TYPES = new Set([1, 10, 11, 16]);
const INT_TYPES = new Set([2, 3, 4, 5, 6, 7, 9, 12, 13]);

function cast(ctx: ImportCtx, node: OnnxNode): void {
  const to = ctx.int(node, 'to');
  const x = node.inputs[0]!;
  const c = ctx.constOf(x);
  if (c) {
    if (FLOAT_TYPES.has(to))
      ctx.setConst(out0(node), { ...c, dtype: 'float32', data: mapData(c.data, (v) => Math.fround(v)) });
    else if (INT_TYPES.has(to))
      ctx.setConst(out0(node), { ...c, dtype: 'int64', data: mapData(c.data, (v) => Math.trunc(v)) });
    else ctx.unsupported(node, `expected a cast to a float or integer type, got type ${to}`);
    return;
  }
  const v = ctx.val(x);
  const isFloat = v.kind === 'dyn' && v.dtype === 'float32';
  if ((isFloat && FLOAT_TYPES.has(to)) || (!isFloat && INT_TYPES.has(to))) identity(ctx, node);
  else
    ctx.unsupported(
      node,
      `expected a cast of an activation that keeps its kind (float→float, int→int), got a cast to type ${to}`,
    );
}

function shapeOp(ctx: ImportCtx, node: OnnxNode): void {
  const s = ctx.shape(node.inputs[0]!);
  const r = s.length;
  const clamp = (v: number): number => Math.min(r, Math.max(0, v < 0 ? v + r : v));
  const start = clamp(ctx.int(node, 'start', 0));
  const end = clamp(ctx.int(node, 'end', r));
  const dims = s.slice(start, Math.max(start, end));
  ctx.setConst(out0(node), cv('int64', [dims.length], dims));
}

function size(ctx: ImportCtx, node: OnnxNode): void {
  ctx.setConst(out0(node), cv('int64', [], [sizeOf(ctx.shape(node.inputs[0]!))]));
}

function constantOfShape(ctx: ImportCtx, node: OnnxNode): void {
  const shape = Array.from(ctx.needConst(node, 0, 'shape').data);
  const v = node.attrs.get('value');
  const fill = v && typeof v === 'object' && 'data' in v ? v : cv('float32', [1], [0]);
  ctx.setConst(out0(node), { dtype: fill.dtype, shape, data: new Float64Array(sizeOf(shape)).fill(fill.data[0] ?? 0) });
}

function range(ctx: ImportCtx, node: OnnxNode): void {
  const [s, l, d] = [0, 1, 2].map((k) => ctx.needConst(node, k, ['start', 'limit', 'delta'][k]!));
  const start = s!.data[0]!;
  const delta = d!.data[0]!;
  const n = Math.max(0, Math.ceil((l!.data[0]! - start) / delta));
  ctx.setConst(
    out0(node),
    cv(
      s!.dtype,
      [n],
      Array.from({ length: n }, (_, i) => start + i * delta),
    ),
  );
}

function flatten(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const axis = ctx.int(node, 'axis', 1);
  const a = axis < 0 ? axis + s.length : axis;
  if (a < 0 || a > s.length) ctx.shapeError(node, `expected axis in [${-s.length}, ${s.length}], got ${axis}`, [s]);
  reshapeTo(ctx, node, x, [sizeOf(s.slice(0, a)), sizeOf(s.slice(a))]);
}

function reshape(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const target = ctx.intsAttrOrInput(node, 'shape', 1);
  if (!target) ctx.unsupported(node, 'expected a shape input, got none');
  const allowzero = ctx.int(node, 'allowzero', 0);
  const shape = target!.map((d, i) =>
    d === 0 && allowzero === 0
      ? (s[i] ??
        ctx.shapeError(node, `expected dim ${i} to exist in ${formatShape(s)} for a 0 in the target shape`, [s]))
      : d,
  );
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1 || shape.some((d) => d < -1))
    ctx.shapeError(node, `expected at most one -1 and no other negative dims, got ${formatShape(target!)}`, [s]);
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || sizeOf(s) % known !== 0)
      ctx.shapeError(node, `expected ${sizeOf(s)} elements to fill ${formatShape(target!)}, got a remainder`, [
        s,
        target!,
      ]);
    shape[shape.indexOf(-1)] = sizeOf(s) / known;
  }
  reshapeTo(ctx, node, x, shape);
}

function squeeze(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const axes = ctx.intsAttrOrInput(node, 'axes', 1);
  const drop = new Set(
    axes ? axes.map((a) => normalizeAxis(node.name, a, s.length)) : s.flatMap((d, i) => (d === 1 ? [i] : [])),
  );
  for (const a of drop)
    if (s[a] !== 1)
      ctx.shapeError(node, `expected dim ${a} of ${formatShape(s)} to be 1 to squeeze it, got ${s[a]}`, [s]);
  reshapeTo(
    ctx,
    node,
    x,
    s.filter((_, i) => !drop.has(i)),
  );
}

function unsqueeze(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const axes = ctx.intsAttrOrInput(node, 'axes', 1);
  if (!axes) ctx.unsupported(node, 'expected axes, got none');
  const r = s.length + axes!.length;
  const ins = new Set(axes!.map((a) => normalizeAxis(node.name, a, r)));
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < r; i++) shape.push(ins.has(i) ? 1 : s[k++]!);
  reshapeTo(ctx, node, x, shape);
}

function transposeOp(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const perm = ctx.ints(node, 'perm') ?? s.map((_, i) => s.length - 1 - i);
  const c = ctx.constOf(x);
  if (c) {
    if (perm.length !== s.length)
      ctx.shapeError(node, `expected perm of length ${s.length}, got ${formatShape(perm)}`, [s]);
    ctx.setConst(out0(node), transpose(c, perm));
  } else ctx.emit('Transpose', [x], [out0(node)], { perm }, node);
}

function concatOp(ctx: ImportCtx, node: OnnxNode): void {
  const ins = node.inputs.filter((i) => i);
  const s = ctx.shape(ins[0]!);
  const axis = normalizeAxis(node.name, ctx.int(node, 'axis'), s.length);
  const consts = ins.map((i) => ctx.constOf(i));
  if (consts.every((c) => c)) {
    for (const c of consts) {
      if (c!.shape.length !== s.length || c!.shape.some((d, i) => i !== axis && d !== s[i])) {
        ctx.shapeError(
          node,
          `expected shapes equal except on axis ${axis}, got ${formatShape(s)} and ${formatShape(c!.shape)}`,
          [s, c!.shape],
        );
      }
    }
    ctx.setConst(out0(node), concat(consts as ConstValue[], axis));
  } else ctx.emit('Concat', ins, [out0(node)], { axis }, node);
}

/** Normalizes ONNX Slice parameters to one clamped (start, end, step) per axis. */
export function normalizeSlice(
  ctx: ImportCtx,
  node: OnnxNode,
  s: readonly number[],
  starts: number[],
  ends: number[],
  axesIn: number[] | undefined,
  stepsIn: number[] | undefined,
): { starts: number[]; ends: number[]; steps: number[]; shape: number[] } {
  const r = s.length;
  const axes = (axesIn ?? starts.map((_, i) => i)).map((a) => normalizeAxis(node.name, a, r));
  const steps = stepsIn ?? starts.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) {
    ctx.shapeError(
      node,
      `expected starts, ends, axes and steps of equal length, got ${starts.length}, ${ends.length}, ${axes.length}, ${steps.length}`,
    );
  }
  const o = { starts: s.map(() => 0), ends: [...s], steps: s.map(() => 1), axes: s.map((_, i) => i), shape: [...s] };
  axes.forEach((a, k) => {
    const d = s[a]!;
    const st = steps[k]!;
    if (st === 0) ctx.shapeError(node, `expected non-zero steps, got 0 on axis ${a}`);
    let b = starts[k]!;
    let e = ends[k]!;
    if (b < 0) b += d;
    if (e < 0) e += d;
    if (st > 0) {
      b = Math.min(Math.max(b, 0), d);
      e = Math.min(Math.max(e, 0), d);
    } else {
      b = Math.min(Math.max(b, 0), d - 1);
      e = Math.min(Math.max(e, -1), d - 1);
    }
    o.starts[a] = b;
    o.steps[a] = st;
    o.shape[a] = Math.max(0, Math.ceil((e - b) / st));
    o.ends[a] = st < 0 && e === -1 ? -d - 1 : e;
  });
  return o;
}

function sliceOp(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const s = ctx.shape(x);
  const starts = ctx.intsAttrOrInput(node, 'starts', 1);
  const ends = ctx.intsAttrOrInput(node, 'ends', 2);
  if (!starts || !ends) ctx.unsupported(node, 'expected starts and ends, got none');
  const n = normalizeSlice(
    ctx,
    node,
    s,
    starts!,
    ends!,
    ctx.intsAttrOrInput(node, 'axes', 3),
    ctx.intsAttrOrInput(node, 'steps', 4),
  );
  const c = ctx.constOf(x);
  if (c) ctx.setConst(out0(node), slice(c, n.starts, n.steps, n.shape));
  else
    ctx.emit(
      'Slice',
      [x],
      [out0(node)],
      { starts: n.starts, ends: n.ends, axes: s.map((_, i) => i), steps: n.steps },
      node,
    );
}

function gatherOp(ctx: ImportCtx, node: OnnxNode): void {
  const [data, idx] = [node.inputs[0]!, node.inputs[1]!];
  const s = ctx.shape(data);
  const axis = normalizeAxis(node.name, ctx.int(node, 'axis', 0), s.length);
  const ci = ctx.constOf(idx);
  const dim = s[axis]!;
  let fixed: ConstValue | undefined;
  if (ci) {
    const bad = ci.data.find((v) => v < -dim || v >= dim);
    if (bad !== undefined) ctx.shapeError(node, `expected indices in [${-dim}, ${dim - 1}], got ${bad}`, [s]);
    fixed = { dtype: 'int64', shape: ci.shape, data: mapData(ci.data, (v) => (v < 0 ? v + dim : v)) };
  }
  const cd = ctx.constOf(data);
  if (cd && fixed) {
    ctx.setConst(out0(node), gather(cd, fixed, axis));
    return;
  }
  const idxName = fixed ? ctx.newConst(`${node.name}_indices`, fixed) : idx;
  const v = ctx.val(idx);
  if (v.kind === 'dyn' && v.dtype !== 'int64')
    ctx.unsupported(node, `expected int64 indices, got a ${v.dtype} activation ${idx}`);
  ctx.emit('Gather', [data, idxName], [out0(node)], { axis }, node);
}

function expand(ctx: ImportCtx, node: OnnxNode): void {
  const c = ctx.constOf(node.inputs[0]!);
  const target = Array.from(ctx.needConst(node, 1, 'shape').data);
  if (!c) ctx.unsupported(node, 'expected a constant input to expand (Expand of activations is not supported)');
  const r = Math.max(target.length, c!.shape.length);
  const shape = Array.from({ length: r }, (_, i) => {
    const a = c!.shape[c!.shape.length - r + i] ?? 1;
    const b = target[target.length - r + i] ?? 1;
    return a === 1 ? b : a;
  });
  ctx.setConst(out0(node), broadcastTo(c!, shape));
}

/** Handlers by ONNX op type. */
export const SHAPE_HANDLERS: Readonly<Record<string, Handler>> = {
  Constant: constantNode,
  Identity: identity,
  Dropout: identity,
  Cast: cast,
  Shape: shapeOp,
  Size: size,
  ConstantOfShape: constantOfShape,
  Range: range,
  Flatten: flatten,
  Reshape: reshape,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Transpose: transposeOp,
  Concat: concatOp,
  Slice: sliceOp,
  Gather: gatherOp,
  Expand: expand,
};
