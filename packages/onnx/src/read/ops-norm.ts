/**
 * Importers of ONNX Softmax (opset 1–13), LayerNormalization (opset 17) and
 * BatchNormalization (opset 9–15, inference mode).
 *
 * Softmax before opset 13 normalizes over the flattened axes [axis:]; unless axis is the last one
 * it is imported as Reshape → Softmax(last axis) → Reshape.
 * BatchNormalization is emitted as a pattern op `BatchNormalization(X, s, t)` with
 * `s = scale/√(var+ε)` and `t = B − mean·s` precomputed; ./fuse-batchnorm.ts folds it into the
 * preceding Conv/Gemm or lowers it to `Mul` + `Add`.
 */
import { formatShape, normalizeAxis, sizeOf } from '@vouch/zkml';
import type { OnnxNode } from './decode.ts';
import { mapData } from './tensor-ops.ts';
import type { ImportCtx } from './context.ts';

type Handler = (ctx: ImportCtx, node: OnnxNode) => void;

function softmax(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const r = ctx.shape(x).length;
  const axis = normalizeAxis(node.name, ctx.int(node, 'axis', ctx.opset < 13 ? 1 : -1), r);
  const s = ctx.shape(x);
  if (ctx.opset < 13 && axis !== r - 1) {
    // Opset < 13 normalizes over the flattened axes [axis, r): Reshape → Softmax(last) → Reshape.
    const flat = ctx.emitTmp(
      'Reshape',
      [x],
      { shape: [sizeOf(s.slice(0, axis)), sizeOf(s.slice(axis))] },
      node,
      `${node.name}_flat`,
    );
    const soft = ctx.emitTmp('Softmax', [flat], { axis: 1 }, node, `${node.name}_soft`);
    ctx.emit('Reshape', [soft], [node.outputs[0]!], { shape: [...s] }, node);
    return;
  }
  ctx.emit('Softmax', [x], [node.outputs[0]!], { axis }, node);
}

function layerNorm(ctx: ImportCtx, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const sx = ctx.shape(x);
  const axis = normalizeAxis(node.name, ctx.int(node, 'axis', -1), sx.length);
  const epsilon = ctx.float(node, 'epsilon', 1e-5);
  const norm = sx.slice(axis);
  const n = sizeOf(norm);
  const param = (k: number, what: string, fill: number): string => {
    const name = node.inputs[k];
    if (!name)
      return ctx.newConst(`${node.name}_${what}`, {
        dtype: 'float32',
        shape: norm,
        data: new Float64Array(n).fill(fill),
      });
    const c = ctx.needConst(node, k, what);
    if (c.data.length === n)
      return formatShape(c.shape) === formatShape(norm)
        ? name
        : ctx.newConst(`${node.name}_${what}`, { ...c, shape: norm });
    if (c.data.length === 1)
      return ctx.newConst(`${node.name}_${what}`, {
        dtype: 'float32',
        shape: norm,
        data: new Float64Array(n).fill(c.data[0]!),
      });
    return ctx.shapeError(node, `expected ${what} of shape ${formatShape(norm)}, got ${formatShape(c.shape)}`, [
      sx,
      c.shape,
    ]);
  };
  const scale = param(1, 'scale', 1);
  const bias = param(2, 'bias', 0);
  ctx.emit('LayerNormalization', [x, scale, bias], [node.outputs[0]!], { axis, epsilon }, node);
}

function batchNorm(ctx: ImportCtx, node: OnnxNode): void {
  if (ctx.int(node, 'training_mode', 0) !== 0)
    ctx.unsupported(node, 'expected inference mode (training_mode 0), got 1');
  const x = node.inputs[0]!;
  const sx = ctx.shape(x);
  if (sx.length < 2) ctx.shapeError(node, `expected an input of rank >= 2 [N,C,…], got ${formatShape(sx)}`, [sx]);
  const c = sx[1]!;
  const eps = ctx.float(node, 'epsilon', 1e-5);
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((k) =>
    ctx.needConst(node, k, ['scale', 'B', 'mean', 'var'][k - 1]!),
  );
  for (const t of [scale!, bias!, mean!, variance!]) {
    if (t.data.length !== c)
      ctx.shapeError(node, `expected per-channel parameters of shape [${c}], got ${formatShape(t.shape)}`, [
        sx,
        t.shape,
      ]);
  }
  const s = mapData(scale!.data, (g, i) => g / Math.sqrt(variance!.data[i]! + eps));
  const t = mapData(bias!.data, (b, i) => b - mean!.data[i]! * s[i]!);
  const sName = ctx.newConst(`${node.name}_scale`, { dtype: 'float32', shape: [c], data: s });
  const tName = ctx.newConst(`${node.name}_shift`, { dtype: 'float32', shape: [c], data: t });
  ctx.emit('BatchNormalization', [x, sName, tName], [node.outputs[0]!], {}, node, [[...sx]]);
}

/** Handlers by ONNX op type. */
export const NORM_HANDLERS: Readonly<Record<string, Handler>> = {
  Softmax: softmax,
  LayerNormalization: layerNorm,
  BatchNormalization: batchNorm,
};
