/**
 * BatchNormalization folding (inference: y = s·x + t per channel, s and t precomputed at import
 * in ./ops-norm.ts).
 * - After a `Conv` with constant weights whose output has no other reader:
 *   W'[m,…] = s[m]·W[m,…], b'[m] = s[m]·b[m] + t[m].
 * - After a `Gemm` with constant B (and constant or absent C) on [M,N]: B'[k,n] = s[n]·B[k,n],
 *   C' = s·C + t.
 * - After a 2-D `MatMul` with constant B: becomes `Gemm(A, s·B, t)`.
 * - Otherwise lowered to `Mul(x, s)` + `Add(·, t)` with s, t shaped [C, 1, …, 1].
 */
import type { ConstValue } from '../tensor.ts';
import { mapData } from './tensor-ops.ts';
import type { ImportCtx, IrNode } from './context.ts';
import { Uses, replaceNodes } from './uses.ts';

function scaledRows(w: ConstValue, s: Float64Array): Float64Array {
  const per = w.data.length / s.length;
  return mapData(w.data, (v, i) => v * s[Math.floor(i / per)]!);
}

function scaledCols(w: ConstValue, s: Float64Array): Float64Array {
  const n = s.length;
  return mapData(w.data, (v, i) => v * s[i % n]!);
}

function foldInto(ctx: ImportCtx, u: Uses, bn: IrNode, s: Float64Array, t: Float64Array): IrNode | undefined {
  const y = bn.inputs[0]!;
  const p = u.producer.get(y);
  if (!p || !u.soleReader(y)) return undefined;
  const out = bn.outputs[0]!;
  if (p.op === 'Conv') {
    const w = ctx.constOf(p.inputs[1]!);
    const b = ctx.constOf(p.inputs[2]!);
    if (!w || !b) return undefined;
    const w2 = ctx.newConst(`${p.name}_w_bn`, { dtype: 'float32', shape: w.shape, data: scaledRows(w, s) });
    const b2 = ctx.newConst(`${p.name}_b_bn`, {
      dtype: 'float32',
      shape: b.shape,
      data: mapData(b.data, (v, i) => v * s[i]! + t[i]!),
    });
    return { ...p, inputs: [p.inputs[0]!, w2, b2], outputs: [out] };
  }
  if (p.op === 'Gemm' || (p.op === 'MatMul' && ctx.shape(p.inputs[0]!).length === 2)) {
    const w = ctx.constOf(p.inputs[1]!);
    if (!w || w.shape.length !== 2) return undefined;
    const n = w.shape[1]!;
    const c = p.inputs[2] ? ctx.constOf(p.inputs[2]) : undefined;
    if (p.inputs[2] && !c) return undefined;
    const w2 = ctx.newConst(`${p.name}_w_bn`, { dtype: 'float32', shape: w.shape, data: scaledCols(w, s) });
    const cData = c ? mapData(c.data, (v, i) => v * s[i % n]! + t[i % n]!) : new Float64Array(t);
    const c2 = ctx.newConst(`${p.name}_c_bn`, { dtype: 'float32', shape: c ? c.shape : [n], data: cData });
    return { name: p.name, op: 'Gemm', inputs: [p.inputs[0]!, w2, c2], outputs: [out], attrs: {} };
  }
  return undefined;
}

/** Folds or lowers every `BatchNormalization` pattern node in `ctx.nodes`. */
export function fuseBatchNorm(ctx: ImportCtx, graphOutputs: readonly string[]): void {
  for (;;) {
    const bn = ctx.nodes.find((n) => n.op === 'BatchNormalization');
    if (!bn) return;
    const u = new Uses(ctx.nodes, graphOutputs);
    const s = ctx.constOf(bn.inputs[1]!)!.data;
    const t = ctx.constOf(bn.inputs[2]!)!.data;
    const folded = foldInto(ctx, u, bn, s, t);
    if (folded) {
      const p = u.producer.get(bn.inputs[0]!)!;
      ctx.origin.set(folded.name, p.op);
      replaceNodes(ctx.nodes, [p, bn], [folded]);
      continue;
    }
    const rank = ctx.shape(bn.inputs[0]!).length;
    const cshape = [s.length, ...new Array<number>(rank - 2).fill(1)];
    const sName = ctx.newConst(`${bn.name}_scale`, { dtype: 'float32', shape: cshape, data: s });
    const tName = ctx.newConst(`${bn.name}_shift`, { dtype: 'float32', shape: cshape, data: t });
    const mid = ctx.fresh(`${bn.name}_scaled`);
    ctx.values.set(mid, ctx.val(bn.outputs[0]!));
    const mul: IrNode = {
      name: ctx.fresh(`${bn.name}_mul`),
      op: 'Mul',
      inputs: [bn.inputs[0]!, sName],
      outputs: [mid],
      attrs: {},
    };
    const add: IrNode = {
      name: ctx.fresh(`${bn.name}_add`),
      op: 'Add',
      inputs: [mid, tName],
      outputs: [bn.outputs[0]!],
      attrs: {},
    };
    ctx.origin.set(mul.name, 'BatchNormalization');
    ctx.origin.set(add.name, 'BatchNormalization');
    replaceNodes(ctx.nodes, [bn], [mul, add]);
  }
}
