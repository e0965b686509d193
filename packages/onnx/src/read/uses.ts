/**
 * Use-def helpers over the emitted IR nodes, for the fusion passes: who produces a value,
 * how many times it is read (graph outputs count as reads, so they are never fused away).
 */
import type { IrNode } from './context.ts';

/** Producer and read-count tables of a node list. */
export class Uses {
  readonly producer = new Map<string, IrNode>();
  readonly readers = new Map<string, IrNode[]>();
  private readonly outputs: ReadonlySet<string>;

  constructor(nodes: readonly IrNode[], graphOutputs: readonly string[]) {
    this.outputs = new Set(graphOutputs);
    for (const n of nodes) {
      for (const o of n.outputs) this.producer.set(o, n);
      for (const i of new Set(n.inputs)) this.readers.set(i, [...(this.readers.get(i) ?? []), n]);
    }
  }

  /** The only node reading `v`, if exactly one node reads it and it is not a graph output. */
  soleReader(v: string): IrNode | undefined {
    const r = this.readers.get(v) ?? [];
    return r.length === 1 && !this.outputs.has(v) ? r[0] : undefined;
  }

  /** True if `v` is read only by the given nodes and is not a graph output. */
  readOnlyBy(v: string, nodes: readonly IrNode[]): boolean {
    if (this.outputs.has(v)) return false;
    return (this.readers.get(v) ?? []).every((n) => nodes.includes(n));
  }

  /** The producer of `v` if it has operation `op`. */
  from(v: string | undefined, op: string): IrNode | undefined {
    const p = v === undefined ? undefined : this.producer.get(v);
    return p?.op === op ? p : undefined;
  }
}

/**
 * Replaces `remove` by `add` in `nodes`, placing `add` where the last removed node was
 * (its inputs are all defined before the first removed node or outside the pattern).
 */
export function replaceNodes(nodes: IrNode[], remove: readonly IrNode[], add: readonly IrNode[]): void {
  const last = Math.max(...remove.map((n) => nodes.indexOf(n)));
  nodes.splice(last, 1, ...add);
  for (const r of remove) {
    const i = nodes.indexOf(r);
    if (i >= 0) nodes.splice(i, 1);
  }
}
