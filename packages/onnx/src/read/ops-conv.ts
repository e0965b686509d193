/**
 * Importers of ONNX Conv (opset 11, 2-D only, dilations 1), MaxPool (opset 12, 2-D, dilations 1,
 * storage_order 0), AveragePool (opset 11/19, 2-D) and GlobalAveragePool (opset 1).
 * `auto_pad` (SAME_UPPER, SAME_LOWER, VALID) is resolved to explicit pads; a missing Conv bias
 * becomes a zero constant, so canonical Conv always has three inputs.
 */
import { formatShape } from '@vouch/zkml';
import type { OnnxNode } from './decode.ts';
import type { ImportCtx } from './context.ts';

type Handler = (ctx: ImportCtx, node: OnnxNode) => void;

function windowAttrs(
  ctx: ImportCtx,
  node: OnnxNode,
  x: readonly number[],
  k: number[],
): { strides: number[]; pads: number[] } {
  if (x.length !== 4)
    ctx.unsupported(node, `expected a 2-D ${node.op} over an [N,C,H,W] input, got input shape ${formatShape(x)}`);
  const strides = ctx.ints(node, 'strides') ?? [1, 1];
  const dil = ctx.ints(node, 'dilations') ?? [1, 1];
  if (dil.some((d) => d !== 1)) ctx.unsupported(node, `expected dilations [1, 1], got ${formatShape(dil)}`);
  if (strides.length !== 2 || k.length !== 2)
    ctx.shapeError(
      node,
      `expected 2 strides and a 2-D kernel, got strides ${formatShape(strides)} kernel ${formatShape(k)}`,
      [x],
    );
  const autoPad = ctx.str(node, 'auto_pad', 'NOTSET');
  let pads = ctx.ints(node, 'pads') ?? [0, 0, 0, 0];
  if (autoPad === 'VALID') pads = [0, 0, 0, 0];
  else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = [0, 1].map((i) => {
      const out = Math.ceil(x[2 + i]! / strides[i]!);
      return Math.max(0, (out - 1) * strides[i]! + k[i]! - x[2 + i]!);
    });
    const small = total.map((t) => Math.floor(t / 2));
    const big = total.map((t, i) => t - small[i]!);
    pads =
      autoPad === 'SAME_UPPER' ? [small[0]!, small[1]!, big[0]!, big[1]!] : [big[0]!, big[1]!, small[0]!, small[1]!];
  } else if (autoPad !== 'NOTSET')
    ctx.unsupported(node, `expected auto_pad NOTSET, VALID, SAME_UPPER or SAME_LOWER, got ${autoPad}`);
  if (pads.length !== 4)
    ctx.shapeError(node, `expected 4 pads [top, left, bottom, right], got ${formatShape(pads)}`, [x]);
  return { strides, pads };
}

function conv(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const sx = ctx.shape(x);
  const w = ctx.needConst(node, 1, 'the weight W');
  const k = ctx.ints(node, 'kernel_shape') ?? w.shape.slice(2);
  const { strides, pads } = windowAttrs(ctx, node, sx, k);
  const group = ctx.int(node, 'group', 1);
  let b = node.inputs[2];
  if (!b)
    b = ctx.newConst(`${node.name}_zero_bias`, {
      dtype: 'float32',
      shape: [w.shape[0]!],
      data: new Float64Array(w.shape[0]!),
    });
  else if (!ctx.constOf(b)) ctx.unsupported(node, 'expected a constant bias B, got a computed value');
  ctx.emit(
    'Conv',
    [x, node.inputs[1]!, b],
    [node.outputs[0]!],
    { kernel_shape: k, strides, pads, dilations: [1, 1], group },
    node,
  );
}

function pool(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const sx = ctx.shape(x);
  const k = ctx.ints(node, 'kernel_shape');
  if (!k) ctx.unsupported(node, 'expected kernel_shape, got none');
  const { strides, pads } = windowAttrs(ctx, node, sx, k!);
  const attrs: Record<string, number | number[]> = {
    kernel_shape: k!,
    strides,
    pads,
    ceil_mode: ctx.int(node, 'ceil_mode', 0),
  };
  if (node.op === 'MaxPool' && ctx.int(node, 'storage_order', 0) !== 0)
    ctx.unsupported(node, 'expected storage_order 0, got 1');
  if (node.op === 'AveragePool') attrs['count_include_pad'] = ctx.int(node, 'count_include_pad', 0);
  ctx.emit(node.op, [x], [node.outputs[0]!], attrs, node);
}

function globalAveragePool(ctx: ImportCtx, node: OnnxNode): void {
  const sx = ctx.shape(node.inputs[0]!);
  if (sx.length !== 4) ctx.unsupported(node, `expected an [N,C,H,W] input, got ${formatShape(sx)}`);
  ctx.emit('GlobalAveragePool', [node.inputs[0]!], [node.outputs[0]!], {}, node);
}

/** Handlers by ONNX op type. */
export const CONV_HANDLERS: Readonly<Record<string, Handler>> = {
  Conv: conv,
  MaxPool: pool,
  AveragePool: pool,
  GlobalAveragePool: globalAveragePool,
};
