/**
 * Lookup: y = T[x − lo] for a public table T over the integer domain [lo, lo + |T|), |T| ≤ 2^16.
 * Non-linear element-wise functions (Sigmoid, Tanh, Gelu, Exp, LeakyRelu, …) are tabulated at
 * quantization time over their whole int8 input domain; a proof checks each pair by a lookup
 * argument (logUp). An input outside the domain is an error, never a clamp: the range analysis
 * guarantees honest inputs stay inside.
 */
import { IntExecError } from '../errors.ts';
import { intAttr } from '../graph.ts';
import { param, type IntOpArgs } from './types.ts';

/** Runs a Lookup node. Attributes: lo (first input of the table). Parameter: table. */
export function lookup(args: IntOpArgs): Int32Array {
  const x = args.inputs[0];
  const lo = intAttr(args.node, 'lo');
  const t = param(args, 'table').data;
  const out = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = x[i] - lo;
    if (j < 0 || j >= t.length) throw new IntExecError(args.node.name, `table input: expected [${lo}, ${lo + t.length}), got ${x[i]}`);
    out[i] = t[j];
  }
  return out;
}
