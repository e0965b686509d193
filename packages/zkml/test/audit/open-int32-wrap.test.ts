/**
 * Audit: open mode, a public int32 parameter outside (−p/2, p/2).
 *
 * Attack (before the fix): the verifier evaluated public parameters as v mod p. For a public bias
 * b = p + 1000 (a valid int32, 2,013,266,921) the integer executor refuses the model (accumulator
 * beyond (p−1)/2: there is no correct output), but a prover that runs the model with b' = 1000 (≡ b mod p) produces a proof that
 * verifyInference accepted FOR THE PUBLIC MODEL WITH b: a false statement about an open model.
 * Fix: publicParam (prove/params.ts, used by prover and verifier plans) refuses values outside
 * [−(p−1)/2, (p−1)/2], where the field embedding is injective (RangeError: the statement is refused).
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, P, Sha256Transcript } from '@vouch/core';
import { proveInference, verifyInference } from '../../src/prove/index.ts';
import { runIntGraph } from '../../src/int/executor.ts';
import type { IntParams } from '../../src/int/graph.ts';
import { makeMlp, randomInputs } from '../prove/mlp.ts';

function withBias(params: IntParams, name: string, v: number): IntParams {
  const out = new Map(params);
  const t = params.get(name)!;
  const data = Int32Array.from(t.data);
  data.fill(v);
  out.set(name, { ...t, data });
  return out;
}

describe('audit: open-mode public int32 parameters and the field embedding', () => {
  const { graph, params } = makeMlp([6, 8, 2], 3);
  const inputs = randomInputs(6, 1, 5);
  const big = P + 1000; // valid int32
  const publicModel = withBias(params, 'fc2.bias', big);
  const aliasModel = withBias(params, 'fc2.bias', 1000);
  const tr = () => new Sha256Transcript('vouch/audit-open', 1);

  it('a proof made with b ≡ b (mod p) does not verify for the public model with b', () => {
    expect(big).toBeLessThan(2 ** 31);
    // the integer executor has NO output for the public model (its accumulator leaves (−p/2, p/2)) ...
    expect(() => runIntGraph(graph, publicModel, [inputs[0]])).toThrow(/accumulator/);
    const { outputs, proof } = proveInference({ graph, params: aliasModel, inputs, mode: 'open', transcript: tr(), ligero: LIGERO_TEST });
    // ... so no claimed output may verify for it
    expect(() => verifyInference({ graph, publicParams: publicModel, inputs, outputs, mode: 'open', transcript: tr(), ligero: LIGERO_TEST, proof })).toThrow(/fc2\.bias/);
  });
});
