/**
 * Human-readable summaries of float graphs, for `vouch import`.
 */
import { sizeOf, type FloatGraph } from '@vouch/zkml';

/** Number of weights (elements of every constant). */
export function paramCount(g: FloatGraph): number {
  let n = 0;
  for (const t of g.constants.values()) n += sizeOf(t.shape);
  return n;
}

/** Op type → number of nodes, in first-appearance order. */
export function opCounts(g: FloatGraph): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of g.nodes) m.set(n.op, (m.get(n.op) ?? 0) + 1);
  return m;
}

const fmtShape = (s: readonly number[] | undefined): string => (s ? `[${s.join(', ')}]` : '[?]');

/**
 * A multi-line summary: inputs, outputs, parameter count, op table, and optionally every node.
 * @param g - the graph.
 * @param nodes - also list each node with its output shape.
 */
export function summarize(g: FloatGraph, nodes = false): string {
  const lines: string[] = [];
  lines.push(`graph ${g.name}: ${g.nodes.length} nodes, ${paramCount(g).toLocaleString('en-US')} parameters`);
  for (const i of g.inputs)
    lines.push(`  input  ${i.name} ${fmtShape(i.shape)}${i.dtype && i.dtype !== 'float32' ? ` ${i.dtype}` : ''}`);
  for (const o of g.outputs) lines.push(`  output ${o.name} ${fmtShape(o.shape)}`);
  lines.push('ops:');
  const counts = opCounts(g);
  const w = Math.max(...[...counts.keys()].map((k) => k.length));
  for (const [op, c] of counts) lines.push(`  ${op.padEnd(w)}  ${c}`);
  if (nodes) {
    lines.push('nodes:');
    for (const n of g.nodes) {
      lines.push(
        `  ${n.name}: ${n.op}(${n.inputs.join(', ')}) → ${n.outputs.map((o) => `${o} ${fmtShape(g.shapes.get(o))}`).join(', ')}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
