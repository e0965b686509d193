import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript } from '@vouch/core';
import { proveInference, verifyInference, weightDigestFor } from '../../src/prove/index.ts';
import { makeMlp, randomInputs, SALT } from './mlp.ts';

describe('smoke', () => {
  it('open', () => {
    const { graph, params } = makeMlp([15, 32, 16, 2]);
    const inputs = randomInputs(15, 2);
    const t0 = performance.now();
    const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'open', transcript: new Sha256Transcript('t', 1), ligero: LIGERO_TEST });
    console.log('prove', performance.now() - t0);
    verifyInference({ graph, publicParams: params, inputs, outputs, mode: 'open', transcript: new Sha256Transcript('t', 1), ligero: LIGERO_TEST, proof });
  });
  it('private', () => {
    const { graph, params } = makeMlp([15, 32, 16, 2]);
    const inputs = randomInputs(15, 2);
    const lanes = 128;
    const t0 = performance.now();
    const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'private', salt: SALT, lanes, transcript: new Sha256Transcript('t', 1), ligero: LIGERO_TEST });
    console.log('prove', performance.now() - t0);
    verifyInference({ graph, publicParams: new Map(), inputs, outputs, mode: 'private', weightDigest: weightDigestFor(graph, params, SALT, lanes), lanes, transcript: new Sha256Transcript('t', 1), ligero: LIGERO_TEST, proof });
    expect(outputs.length).toBe(2);
  });
});
