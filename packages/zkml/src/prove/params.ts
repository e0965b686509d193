/**
 * Parameter handles of the inference prover: one code path for both binding modes.
 * - private mode, private parameter: a committed vector in the private-parameter region (weights.ts);
 *   its MLE at a point is a tensor term of a linear constraint (core zk/mle.ts);
 * - open mode, or a public parameter (tables): the verifier holds the data and evaluates the MLE of
 *   the zero-padded tensor itself (O(size) extension-by-base operations).
 */
import { Affine, P, mleConstraint, mleEvalBase, type VectorRef } from '@vouch/core';
import type { IntParamSpec, IntTensor } from '../int/graph.ts';
import { padDims, paddedField } from './tensor.ts';
import type { ParamHandle } from './types.ts';

/** A handle on a committed parameter. */
export function committedParam(spec: IntParamSpec, ref: VectorRef): ParamHandle {
  const { padded, bits } = padDims(spec.shape.length ? spec.shape : [1]);
  return {
    spec,
    dims: spec.shape.length ? spec.shape : [1],
    padded,
    bits,
    ref,
    mle: (layout, point) => mleConstraint(layout, ref, point),
  };
}

/**
 * A handle on a public parameter (the verifier's data).
 * @throws RangeError when the data does not match the declared shape.
 */
export function publicParam(spec: IntParamSpec, data: IntTensor): ParamHandle {
  const dims = spec.shape.length ? spec.shape : [1];
  const { padded, bits } = padDims(dims);
  if (data.data.length !== dims.reduce((a, b) => a * b, 1)) throw new RangeError(`parameter ${spec.name}: expected ${dims.join('×')} values, got ${data.data.length}`);
  // The proof sees v mod p; outside [−(p−1)/2, (p−1)/2] two integers share one field value and the
  // relation proven is not the integer model's (e.g. an int32 bias p + 1000 acts as 1000).
  for (const v of data.data) if (!(Number.isSafeInteger(v) && Math.abs(v) <= (P - 1) / 2)) throw new RangeError(`parameter ${spec.name}: expected integers in [−(p−1)/2, (p−1)/2], got ${v}`);
  let table: Uint32Array | undefined;
  return {
    spec,
    dims,
    padded,
    bits,
    ref: undefined,
    mle: (_layout, point) => {
      table ??= paddedField(dims, data.data);
      return Affine.constant(mleEvalBase(table, point));
    },
    paddedData: () => (table ??= paddedField(dims, data.data)),
  };
}
