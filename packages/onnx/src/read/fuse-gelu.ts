/**
 * Fusion of the exact (Erf) GELU pattern `x·0.5·(1 + erf(x/√2))` into `Gelu`
 * (ONNX Gelu, opset 20, approximate = "none"), as PyTorch and tf2onnx export it before opset 20.
 * Accepted forms (after Div-by-constant became Mul-by-reciprocal at import):
 * `Mul(Mul(x, Add(Erf(Mul(x, 1/√2)), 1)), 0.5)`, `Mul(Mul(x, 0.5), Add(…))` and
 * `Mul(x, Mul(Add(…), 0.5))`, operands in either order. Intermediate values must have no other reader.
 */
import type { ImportCtx, IrNode } from './context.ts';
import { Uses, replaceNodes } from './uses.ts';

function scalarNear(ctx: ImportCtx, name: string, v: number): boolean {
  const c = ctx.constOf(name);
  return !!c && c.data.length === 1 && Math.abs(c.data[0]! - v) < 1e-4;
}

/** The operand of binary `n` other than `v` (undefined if `v` is not an operand). */
function other(n: IrNode, v: string): string | undefined {
  if (n.inputs[0] === v) return n.inputs[1];
  if (n.inputs[1] === v) return n.inputs[0];
  return undefined;
}

function matchOne(ctx: ImportCtx, u: Uses, erf: IrNode): { remove: IrNode[]; x: string; out: string } | undefined {
  const scaled = u.from(erf.inputs[0], 'Mul');
  if (!scaled || !u.soleReader(scaled.outputs[0]!)) return undefined;
  const [p, q] = scaled.inputs as [string, string];
  const x = scalarNear(ctx, q, Math.SQRT1_2) ? p : scalarNear(ctx, p, Math.SQRT1_2) ? q : undefined;
  if (!x || ctx.constOf(x)) return undefined;
  const add = u.soleReader(erf.outputs[0]!);
  if (add?.op !== 'Add' || !scalarNear(ctx, other(add, erf.outputs[0]!) ?? '', 1)) return undefined;
  const m1 = u.soleReader(add.outputs[0]!);
  if (m1?.op !== 'Mul') return undefined;
  const o1 = other(m1, add.outputs[0]!)!;
  const base = [scaled, erf, add, m1];
  if (o1 === x) {
    const m2 = u.soleReader(m1.outputs[0]!);
    if (m2?.op === 'Mul' && scalarNear(ctx, other(m2, m1.outputs[0]!) ?? '', 0.5)) return { remove: [...base, m2], x, out: m2.outputs[0]! };
    return undefined;
  }
  if (scalarNear(ctx, o1, 0.5)) {
    const m2 = u.soleReader(m1.outputs[0]!);
    if (m2?.op === 'Mul' && other(m2, m1.outputs[0]!) === x) return { remove: [...base, m2], x, out: m2.outputs[0]! };
    return undefined;
  }
  const h = u.from(o1, 'Mul');
  if (h && u.soleReader(o1) && other(h, x) !== undefined && scalarNear(ctx, other(h, x)!, 0.5)) return { remove: [...base, h], x, out: m1.outputs[0]! };
  return undefined;
}

/** Rewrites every Erf-GELU pattern in `ctx.nodes` to a `Gelu` node. */
export function fuseGelu(ctx: ImportCtx, graphOutputs: readonly string[]): void {
  for (;;) {
    const u = new Uses(ctx.nodes, graphOutputs);
    const hit = ctx.nodes.filter((n) => n.op === 'Erf').map((e) => [e, matchOne(ctx, u, e)] as const).find(([, m]) => m);
    if (!hit) return;
    const [erf, m] = hit;
    const gelu: IrNode = { name: `${erf.name}_gelu`, op: 'Gelu', inputs: [m!.x], outputs: [m!.out], attrs: { approximate: 'none' } };
    ctx.origin.set(gelu.name, 'Erf');
    replaceNodes(ctx.nodes, m!.remove, [gelu]);
  }
}
