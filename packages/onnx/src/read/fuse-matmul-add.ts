/**
 * Fusion of `Add(MatMul(A, B), c)` into canonical `Gemm(A, B, c)` when A is 2-D, B is a
 * constant [K,N], c is a constant of shape [N] or [1,N], and the MatMul output has no other
 * reader (the Linear layer as exporters emit it without Gemm).
 */
import type { ImportCtx, IrNode } from './context.ts';
import { Uses, replaceNodes } from './uses.ts';

/** Rewrites MatMul + bias Add pairs to `Gemm`. */
export function fuseMatMulAdd(ctx: ImportCtx, graphOutputs: readonly string[]): void {
  for (;;) {
    const u = new Uses(ctx.nodes, graphOutputs);
    let hit: { mm: IrNode; add: IrNode; bias: string } | undefined;
    for (const mm of ctx.nodes) {
      if (mm.op !== 'MatMul' || ctx.shape(mm.inputs[0]!).length !== 2) continue;
      const b = ctx.constOf(mm.inputs[1]!);
      if (!b || b.shape.length !== 2) continue;
      const add = u.soleReader(mm.outputs[0]!);
      if (add?.op !== 'Add') continue;
      const biasName = add.inputs[0] === mm.outputs[0] ? add.inputs[1]! : add.inputs[0]!;
      const c = ctx.constOf(biasName);
      const n = b.shape[1]!;
      if (!c || c.data.length !== n || !(c.shape.length === 1 || (c.shape.length === 2 && c.shape[0] === 1))) continue;
      hit = { mm, add, bias: ctx.newConst(`${mm.name}_bias`, { dtype: 'float32', shape: [n], data: c.data }) };
      break;
    }
    if (!hit) return;
    const gemm: IrNode = {
      name: hit.mm.name,
      op: 'Gemm',
      inputs: [hit.mm.inputs[0]!, hit.mm.inputs[1]!, hit.bias],
      outputs: [hit.add.outputs[0]!],
      attrs: {},
    };
    ctx.origin.set(gemm.name, 'MatMul');
    replaceNodes(ctx.nodes, [hit.mm, hit.add], [gemm]);
  }
}
