/**
 * Gather (embedding lookup, ONNX Gather with axis 0): y[t, :] = E[ids[t], :] for a private int8
 * table E [V, d] at one per-tensor scale. Token ids are an integer graph input in [0, V); an id
 * outside is an error (the range analysis requires the input's declared range inside [0, V)).
 */
import { IntExecError } from '../errors.ts';
import { param, type IntOpArgs } from './types.ts';

/** Runs a Gather node. Parameter: table [V, d]. */
export function gather(args: IntOpArgs): Int32Array {
  const ids = args.inputs[0];
  const t = param(args, 'table');
  const [V, d] = t.shape;
  const out = new Int32Array(ids.length * d);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < 0 || id >= V) throw new IntExecError(args.node.name, `index: expected [0, ${V}), got ${id}`);
    for (let k = 0; k < d; k++) out[i * d + k] = t.data[id * d + k];
  }
  return out;
}
