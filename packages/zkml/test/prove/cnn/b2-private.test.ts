import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript, VerificationError } from '@vouch/core';
import { proveInference, recommendedLanes, verifyInference, weightDigestFor } from '../../../src/prove/index.ts';
import { SALT } from '../mlp.ts';
import { b2 } from './b2.ts';

const t = () => new Sha256Transcript('b2-e2e', 1);

// The in-proof Poseidon2 hash of B2's 61,706 weights makes this file take 15–45 s on the shared
// 2-core machine, over the per-file budget: it runs with VOUCH_SLOW=1 (the small CNN of e2e.test.ts
// covers the private path of every CNN op by default).
describe('B2 LeNet-5 end to end, private mode (Ligero test preset)', () => {
  it.runIf(process.env.VOUCH_SLOW === '1')('honest proof verifies; a changed logit and a changed input are rejected', () => {
    const { graph, params, inputs } = b2(1);
    const mode = 'private' as 'private' | 'open';
    const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
    const { outputs, proof } = proveInference({ graph, params, inputs, mode, salt: SALT, lanes, transcript: t(), ligero: LIGERO_TEST });
    const verify = (ins: Int32Array[], outs: Int32Array[]) =>
      verifyInference({ graph, publicParams: mode === 'open' ? params : new Map(), inputs: ins, outputs: outs, mode, weightDigest: mode === 'private' ? weightDigestFor(graph, params, SALT, lanes!) : undefined, lanes, transcript: t(), ligero: LIGERO_TEST, proof });
    verify(inputs, outputs);
    const bad = [Int32Array.from(outputs[0])];
    bad[0][3] += 1;
    expect(() => verify(inputs, bad)).toThrow(VerificationError);
    const badIn = [Int32Array.from(inputs[0])];
    badIn[0][400] ^= 1;
    expect(() => verify(badIn, outputs)).toThrow(VerificationError);
  });
});
