/**
 * Audit: "a proof verifies only for its exact statement" (requirement 4) for the public input and
 * output values.
 *
 * Attack (before the fix): verifyInference absorbed and bound the public values through
 * Int32Array.from, which silently maps 2^32 + y to y and 1.5 to 1. A proof of output y therefore
 * also verified for the claimed output 2^32 + y (or y + 0.5): the verifier accepted a statement whose
 * output is not the executor's. Same for inputs.
 * Fix: verifyInference refuses (RangeError) input and output values that are not integers in the
 * declared range (input `range`, else the dtype range) of the graph's input / output — written by the
 * prove/ owner concurrently with this audit (graph.ts `checkValues`); this test pins it.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript } from '@vouch/core';
import { proveInference, verifyInference } from '../../src/prove/index.ts';
import { makeMlp, randomInputs } from '../prove/mlp.ts';

describe('audit: public input / output values are bound exactly', () => {
  const { graph, params } = makeMlp([6, 8, 2], 3);
  const inputs = randomInputs(6, 1, 5);
  const tr = () => new Sha256Transcript('vouch/audit-io', 1);
  const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'open', transcript: tr(), ligero: LIGERO_TEST });
  const verify = (ins: ArrayLike<number>[], outs: ArrayLike<number>[]) =>
    verifyInference({ graph, publicParams: params, inputs: ins as Int32Array[], outputs: outs as Int32Array[], mode: 'open', transcript: tr(), ligero: LIGERO_TEST, proof });

  it('control: the honest statement verifies', () => {
    expect(() => verify(inputs, outputs)).not.toThrow();
  });
  it('an output value 2^32 + y (not the executor output) is refused', () => {
    const claimed = Array.from(outputs[0]);
    claimed[0] += 2 ** 32;
    expect(() => verify(inputs, [claimed])).toThrow(RangeError);
  });
  it('a non-integer output value is refused', () => {
    const claimed = Array.from(outputs[0]);
    claimed[1] += 0.5;
    expect(() => verify(inputs, [claimed])).toThrow(RangeError);
  });
  it('an input value outside int8 that wraps to the proven one is refused', () => {
    const x = Array.from(inputs[0]);
    x[0] += 2 ** 32;
    expect(() => verify([x], outputs)).toThrow(RangeError);
  });
});
