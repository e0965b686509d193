/**
 * Topological order of ONNX nodes (ONNX requires it, onnx/docs/IR.md "Graphs"; we re-derive it
 * to be robust to unsorted exporters) with the structural checks that go with it:
 * every input is a graph input, an initializer, an earlier output or empty (an omitted optional
 * input); every value is produced once; there is no cycle.
 */
import { MalformedOnnxError } from '../errors.ts';
import type { OnnxModel, OnnxNode } from './decode.ts';

/**
 * Sorts the nodes of a model topologically (stable: keeps file order where possible).
 * @throws MalformedOnnxError naming the node for a dangling input, a value produced twice, or a cycle
 */
export function topoSort(model: OnnxModel): OnnxNode[] {
  const producer = new Map<string, OnnxNode>();
  const sources = new Set<string>([...model.inputs.map((v) => v.name), ...model.initializers.keys()]);
  for (const n of model.nodes) {
    for (const o of n.outputs) {
      if (!o) continue;
      if (producer.has(o) || sources.has(o)) {
        throw new MalformedOnnxError(
          `graph.node[${n.index}] (${n.name}).output ${o}`,
          `expected each value to be produced once, got a second producer of ${o}`,
        );
      }
      producer.set(o, n);
    }
  }
  const pending = new Map<OnnxNode, number>();
  const consumers = new Map<OnnxNode, OnnxNode[]>();
  for (const n of model.nodes) {
    let deps = 0;
    n.inputs.forEach((i, k) => {
      if (!i || sources.has(i)) return;
      const p = producer.get(i);
      if (!p) {
        throw new MalformedOnnxError(
          `graph.node[${n.index}] (${n.name}).input[${k}]`,
          `expected ${i} to be a graph input, an initializer or a node output, got a dangling name`,
        );
      }
      deps++;
      consumers.set(p, [...(consumers.get(p) ?? []), n]);
    });
    pending.set(n, deps);
  }
  const ready = model.nodes.filter((n) => pending.get(n) === 0);
  const out: OnnxNode[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a.index - b.index);
    const n = ready.shift()!;
    out.push(n);
    for (const c of consumers.get(n) ?? []) {
      const left = pending.get(c)! - 1;
      pending.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  if (out.length !== model.nodes.length) {
    const stuck = model.nodes.filter((n) => pending.get(n)! > 0).map((n) => n.name);
    throw new MalformedOnnxError(
      `graph (nodes ${stuck.join(', ')})`,
      `expected an acyclic graph, got a cycle through ${stuck.length} nodes`,
    );
  }
  for (const o of model.outputs) {
    if (!producer.has(o.name) && !sources.has(o.name)) {
      throw new MalformedOnnxError(
        `graph.output ${o.name}`,
        `expected a graph output produced by a node, got a dangling name`,
      );
    }
  }
  return out;
}
