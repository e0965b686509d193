/**
 * Fusion of the decomposed layer normalization that exporters emit before opset 17
 * (e.g. PyTorch `F.layer_norm` at opset ≤ 16, tf2onnx):
 * `mean = ReduceMean(x, axes)`, `d = Sub(x, mean)`, `var = ReduceMean(Pow(d, 2) | Mul(d, d), axes)`,
 * `y = Div(d, Sqrt(Add(var, ε)))`, optionally followed by `Mul(y, γ)` and `Add(·, β)`,
 * into `LayerNormalization(x, γ, β, axis, epsilon)` (ONNX opset 17). The reduced axes must be
 * the trailing axes [axis, rank); keepdims must be 1.
 */
import { formatShape, sizeOf } from '@vouch/zkml';
import type { ImportCtx, IrNode } from './context.ts';
import { Uses, replaceNodes } from './uses.ts';

function trailingAxis(n: IrNode, rank: number): number | undefined {
  const axes = n.attrs['axes'] as number[];
  if (n.attrs['keepdims'] !== 1 || axes.length === 0) return undefined;
  const first = rank - axes.length;
  return axes.every((a, i) => a === first + i) ? first : undefined;
}

function other(n: IrNode, v: string): string | undefined {
  if (n.inputs[0] === v) return n.inputs[1];
  if (n.inputs[1] === v) return n.inputs[0];
  return undefined;
}

function match(ctx: ImportCtx, u: Uses, mean: IrNode): { remove: IrNode[]; node: IrNode } | undefined {
  const x = mean.inputs[0]!;
  const sx = ctx.shape(x);
  const axis = trailingAxis(mean, sx.length);
  if (axis === undefined) return undefined;
  const sub = u.soleReader(mean.outputs[0]!);
  if (sub?.op !== 'Sub' || sub.inputs[0] !== x || sub.inputs[1] !== mean.outputs[0]) return undefined;
  const d = sub.outputs[0]!;
  const readers = u.readers.get(d) ?? [];
  const sq = readers.find(
    (n) =>
      (n.op === 'Pow' && n.inputs[0] === d && ctx.constOf(n.inputs[1]!)?.data[0] === 2) ||
      (n.op === 'Mul' && n.inputs[0] === d && n.inputs[1] === d),
  );
  const div = readers.find((n) => n.op === 'Div' && n.inputs[0] === d);
  if (!sq || !div || !u.readOnlyBy(d, [sq, div])) return undefined;
  const mean2 = u.soleReader(sq.outputs[0]!);
  if (mean2?.op !== 'ReduceMean' || trailingAxis(mean2, sx.length) !== axis) return undefined;
  const addEps = u.soleReader(mean2.outputs[0]!);
  const epsName = addEps?.op === 'Add' ? other(addEps, mean2.outputs[0]!) : undefined;
  const eps = epsName ? ctx.constOf(epsName) : undefined;
  if (!addEps || !eps || eps.data.length !== 1) return undefined;
  const sqrt = u.soleReader(addEps.outputs[0]!);
  if (sqrt?.op !== 'Sqrt' || u.soleReader(sqrt.outputs[0]!) !== div || div.inputs[1] !== sqrt.outputs[0])
    return undefined;
  const remove = [mean, sub, sq, mean2, addEps, sqrt, div];
  const norm = sx.slice(axis);
  const n = sizeOf(norm);
  let out = div.outputs[0]!;
  let gamma: Float64Array = new Float64Array(n).fill(1);
  let beta: Float64Array = new Float64Array(n);
  const param = (v: string | undefined): Float64Array | undefined => {
    const c = v ? ctx.constOf(v) : undefined;
    if (!c) return undefined;
    if (
      c.data.length === n &&
      formatShape(c.shape.slice(-norm.length).filter((q) => q !== 1)) === formatShape(norm.filter((q) => q !== 1)) &&
      c.shape.length <= sx.length
    )
      return c.data;
    if (c.data.length === 1) return new Float64Array(n).fill(c.data[0]!);
    return undefined;
  };
  const mul = u.soleReader(out);
  const g = mul?.op === 'Mul' ? param(other(mul, out)) : undefined;
  if (mul && g) {
    gamma = g;
    remove.push(mul);
    out = mul.outputs[0]!;
    const add = u.soleReader(out);
    const b = add?.op === 'Add' ? param(other(add, out)) : undefined;
    if (add && b) {
      beta = b;
      remove.push(add);
      out = add.outputs[0]!;
    }
  }
  const scale = ctx.newConst(`${mean.name}_ln_scale`, { dtype: 'float32', shape: norm, data: gamma });
  const bias = ctx.newConst(`${mean.name}_ln_bias`, { dtype: 'float32', shape: norm, data: beta });
  const node: IrNode = {
    name: ctx.fresh(`${mean.name}_layernorm`),
    op: 'LayerNormalization',
    inputs: [x, scale, bias],
    outputs: [out],
    attrs: { axis, epsilon: eps.data[0]! },
  };
  return { remove, node };
}

/** Rewrites every decomposed LayerNorm pattern in `ctx.nodes` to `LayerNormalization`. */
export function fuseLayerNorm(ctx: ImportCtx, graphOutputs: readonly string[]): void {
  for (;;) {
    const u = new Uses(ctx.nodes, graphOutputs);
    let hit: ReturnType<typeof match>;
    for (const n of ctx.nodes) if (n.op === 'ReduceMean' && (hit = match(ctx, u, n))) break;
    if (!hit) return;
    ctx.origin.set(hit.node.name, 'ReduceMean');
    replaceNodes(ctx.nodes, hit.remove, [hit.node]);
  }
}
