/**
 * Importers of ONNX Gemm (opset 11–13) and MatMul (opset 13).
 *
 * Gemm `Y = alpha·A'·B' + beta·C` (A' = Aᵀ if transA, B' = Bᵀ if transB) becomes the canonical
 * `Gemm` `Y = A·B + C` with B stored [K,N]: a constant B is transposed and scaled by alpha at
 * import; a constant C is scaled by beta and stored as [N] when it is the same for every row,
 * else as [M,N]. Computed A/B operands get explicit `Transpose` / `Mul` nodes instead.
 */
import { formatShape } from '@vouch/zkml';
import type { OnnxNode } from './decode.ts';
import type { ImportCtx } from './context.ts';
import { broadcastTo, transpose, mapData } from './tensor-ops.ts';

type Handler = (ctx: ImportCtx, node: OnnxNode) => void;

function scalarConst(ctx: ImportCtx, base: string, v: number): string {
  return ctx.newConst(base, { dtype: 'float32', shape: [], data: Float64Array.of(v) });
}

function gemm(ctx: ImportCtx, node: OnnxNode): void {
  const alpha = ctx.float(node, 'alpha', 1);
  const beta = ctx.float(node, 'beta', 1);
  const transA = ctx.int(node, 'transA', 0);
  const transB = ctx.int(node, 'transB', 0);
  let a = node.inputs[0]!;
  let b = node.inputs[1]!;
  const sa = ctx.shape(a);
  const sb = ctx.shape(b);
  if (sa.length !== 2 || sb.length !== 2)
    ctx.shapeError(node, `expected 2-D A and B, got ${formatShape(sa)} and ${formatShape(sb)}`, [sa, sb]);
  const ca = ctx.constOf(a);
  if (transA)
    a = ca
      ? ctx.newConst(`${node.name}_A`, transpose(ca, [1, 0]))
      : ctx.emitTmp('Transpose', [a], { perm: [1, 0] }, node, `${node.name}_At`);
  const cb = ctx.constOf(b);
  if (cb) {
    const bt = transB ? transpose(cb, [1, 0]) : cb;
    if (transB || alpha !== 1) {
      b = ctx.newConst(`${node.name}_B`, {
        ...bt,
        dtype: 'float32',
        data: alpha === 1 ? bt.data : mapData(bt.data, (v) => v * alpha),
      });
    }
  } else if (transB) {
    b = ctx.emitTmp('Transpose', [b], { perm: [1, 0] }, node, `${node.name}_Bt`);
  }
  const m = ctx.shape(a)[0]!;
  const n = ctx.shape(b)[1]!;
  const out = node.outputs[0]!;
  const c = node.inputs[2];
  let cTerm: string | undefined;
  if (c) {
    const cc = ctx.constOf(c);
    if (cc) {
      let full;
      try {
        full = broadcastTo(cc, [m, n]);
      } catch {
        ctx.shapeError(node, `expected C broadcastable to [${m}, ${n}], got ${formatShape(cc.shape)}`, [cc.shape]);
      }
      const rowsEqual = cc.shape.length < 2 || cc.shape[0] === 1;
      const data = mapData(rowsEqual ? full!.data.subarray(0, n) : full!.data, (v) => v * beta);
      cTerm = ctx.newConst(`${node.name}_C`, { dtype: 'float32', shape: rowsEqual ? [n] : [m, n], data });
    } else {
      cTerm =
        beta !== 1
          ? ctx.emitTmp('Mul', [c, scalarConst(ctx, `${node.name}_beta`, beta)], {}, node, `${node.name}_betaC`)
          : c;
    }
  }
  if (cb || alpha === 1) {
    ctx.emit('Gemm', cTerm ? [a, b, cTerm] : [a, b], [out], {}, node);
    return;
  }
  // alpha·(A·B) with a computed B: the product is scaled by an explicit Mul, then C is added.
  const ab = ctx.emitTmp('Gemm', [a, b], {}, node, `${node.name}_AB`);
  const alphaName = scalarConst(ctx, `${node.name}_alpha`, alpha);
  if (!cTerm) {
    ctx.emit('Mul', [ab, alphaName], [out], {}, node);
    return;
  }
  const sab = ctx.emitTmp('Mul', [ab, alphaName], {}, node, `${node.name}_aAB`);
  ctx.emit('Add', [sab, cTerm], [out], {}, node);
}

function matmul(ctx: ImportCtx, node: OnnxNode): void {
  ctx.emit('MatMul', [node.inputs[0]!, node.inputs[1]!], [node.outputs[0]!], {}, node);
}

/** Handlers by ONNX op type. */
export const LINEAR_HANDLERS: Readonly<Record<string, Handler>> = { Gemm: gemm, MatMul: matmul };
