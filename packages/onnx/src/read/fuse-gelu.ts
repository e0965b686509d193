/**
 * Fusion of the GELU patterns that exporters emit before opset 20 into `Gelu`
 * (ONNX Gelu, opset 20):
 * - exact: `x·0.5·(1 + erf(x/√2))` → `approximate = "none"`;
 * - tanh: `x·0.5·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` → `approximate = "tanh"`, with x³ as
 *   `Pow(x, 3)` or `Mul(Mul(x, x), x)`.
 * The outer product is matched in the three association orders `(x·a)·0.5`, `(x·0.5)·a`,
 * `x·(a·0.5)`, operands in either order; `Div` by a constant is already `Mul` by its reciprocal.
 * Intermediate values must have no other reader.
 */
import type { ImportCtx, IrNode } from './context.ts';
import { Uses, replaceNodes } from './uses.ts';

function scalarNear(ctx: ImportCtx, name: string | undefined, v: number): boolean {
  const c = name === undefined ? undefined : ctx.constOf(name);
  return !!c && c.data.length === 1 && Math.abs(c.data[0]! - v) < 1e-4 * Math.max(1, Math.abs(v));
}

/** The operand of binary `n` other than `v` (undefined if `v` is not an operand). */
function other(n: IrNode | undefined, v: string): string | undefined {
  if (!n) return undefined;
  if (n.inputs[0] === v) return n.inputs[1];
  if (n.inputs[1] === v) return n.inputs[0];
  return undefined;
}

/** `Mul(x, c)` with a scalar constant c ≈ v (either order) → x. */
function mulByScalar(ctx: ImportCtx, n: IrNode | undefined, v: number): string | undefined {
  if (n?.op !== 'Mul') return undefined;
  const [p, q] = n.inputs as [string, string];
  if (scalarNear(ctx, q, v)) return p;
  if (scalarNear(ctx, p, v)) return q;
  return undefined;
}

interface Head {
  x: string;
  nodes: IrNode[];
  /** The Erf or Tanh output that feeds `Add(·, 1)`. */
  out: string;
}

function erfHead(ctx: ImportCtx, u: Uses, erf: IrNode): Head | undefined {
  const scaled = u.from(erf.inputs[0], 'Mul');
  const x = mulByScalar(ctx, scaled, Math.SQRT1_2);
  if (!scaled || !x || ctx.constOf(x) || !u.soleReader(scaled.outputs[0]!)) return undefined;
  return { x, nodes: [scaled, erf], out: erf.outputs[0]! };
}

function cubeOf(ctx: ImportCtx, u: Uses, v: string): { x: string; nodes: IrNode[] } | undefined {
  const pow = u.from(v, 'Pow');
  if (pow && scalarNear(ctx, pow.inputs[1], 3)) return { x: pow.inputs[0]!, nodes: [pow] };
  const m = u.from(v, 'Mul');
  if (!m) return undefined;
  for (const [sq, x] of [
    [m.inputs[0]!, m.inputs[1]!],
    [m.inputs[1]!, m.inputs[0]!],
  ] as const) {
    const s = u.from(sq, 'Mul');
    if (s && s.inputs[0] === x && s.inputs[1] === x && u.soleReader(sq)) return { x, nodes: [s, m] };
  }
  return undefined;
}

function tanhHead(ctx: ImportCtx, u: Uses, tanh: IrNode): Head | undefined {
  const scaled = u.from(tanh.inputs[0], 'Mul');
  const inner = mulByScalar(ctx, scaled, Math.sqrt(2 / Math.PI));
  const add = u.from(inner, 'Add');
  if (!scaled || !add || !u.soleReader(scaled.outputs[0]!) || !u.soleReader(add.outputs[0]!)) return undefined;
  for (const [x, t] of [
    [add.inputs[0]!, add.inputs[1]!],
    [add.inputs[1]!, add.inputs[0]!],
  ] as const) {
    const cm = u.from(t, 'Mul');
    const cube = cm && u.soleReader(t) ? cubeOf(ctx, u, mulByScalar(ctx, cm, 0.044715) ?? '') : undefined;
    if (cube && cube.x === x && !ctx.constOf(x) && u.soleReader(cube.nodes[cube.nodes.length - 1]!.outputs[0]!)) {
      return { x, nodes: [...cube.nodes, cm!, add, scaled, tanh], out: tanh.outputs[0]! };
    }
  }
  return undefined;
}

/** Matches `x·0.5·(1 + h)` around a head; returns the nodes to remove and the final output. */
function tail(ctx: ImportCtx, u: Uses, h: Head): { remove: IrNode[]; out: string } | undefined {
  const { x } = h;
  const add = u.soleReader(h.out);
  if (add?.op !== 'Add' || !scalarNear(ctx, other(add, h.out), 1)) return undefined;
  const m1 = u.soleReader(add.outputs[0]!);
  if (m1?.op !== 'Mul') return undefined;
  const o1 = other(m1, add.outputs[0]!)!;
  const base = [...h.nodes, add, m1];
  if (o1 === x) {
    const m2 = u.soleReader(m1.outputs[0]!);
    return m2?.op === 'Mul' && scalarNear(ctx, other(m2, m1.outputs[0]!), 0.5)
      ? { remove: [...base, m2], out: m2.outputs[0]! }
      : undefined;
  }
  if (scalarNear(ctx, o1, 0.5)) {
    const m2 = u.soleReader(m1.outputs[0]!);
    return m2?.op === 'Mul' && other(m2, m1.outputs[0]!) === x
      ? { remove: [...base, m2], out: m2.outputs[0]! }
      : undefined;
  }
  const half = u.from(o1, 'Mul');
  if (half && u.soleReader(o1) && scalarNear(ctx, other(half, x), 0.5))
    return { remove: [...base, half], out: m1.outputs[0]! };
  return undefined;
}

/** Rewrites every Erf- or tanh-GELU pattern in `ctx.nodes` to a `Gelu` node. */
export function fuseGelu(ctx: ImportCtx, graphOutputs: readonly string[]): void {
  for (;;) {
    const u = new Uses(ctx.nodes, graphOutputs);
    let hit: { head: Head; t: { remove: IrNode[]; out: string }; approximate: string; at: IrNode } | undefined;
    for (const n of ctx.nodes) {
      const head = n.op === 'Erf' ? erfHead(ctx, u, n) : n.op === 'Tanh' ? tanhHead(ctx, u, n) : undefined;
      const t = head && tail(ctx, u, head);
      if (t) {
        hit = { head: head!, t, approximate: n.op === 'Erf' ? 'none' : 'tanh', at: n };
        break;
      }
    }
    if (!hit) return;
    const gelu: IrNode = {
      name: ctx.fresh(`${hit.at.name}_gelu`),
      op: 'Gelu',
      inputs: [hit.head.x],
      outputs: [hit.t.out],
      attrs: { approximate: hit.approximate },
    };
    ctx.origin.set(gelu.name, hit.at.op);
    replaceNodes(ctx.nodes, hit.t.remove, [gelu]);
  }
}
