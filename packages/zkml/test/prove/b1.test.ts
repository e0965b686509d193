/**
 * The B1 fixture (MLP 784-56-10, models/fixtures/b1-mlp-mnist.onnx) through readOnnx + quantizeGraph,
 * proven end to end in open mode (insecure LIGERO_TEST parameters for speed; bench/inference.ts
 * measures both modes with the 100-bit preset): the honest proof verifies, another logit is rejected.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIGERO_TEST, Sha256Transcript, VerificationError } from '@vouch/core';
import { readOnnx } from '@vouch/onnx';
import { quantizeGraph, quantizeInput } from '../../src/index.ts';
import { proveInference, verifyInference } from '../../src/prove/index.ts';
import { rng } from './mlp.ts';

const path = fileURLToPath(new URL('../../../../models/fixtures/b1-mlp-mnist.onnx', import.meta.url));

describe('B1 (MLP 784-56-10)', () => {
  it('proves and verifies an inference in open mode; another output is rejected', () => {
    const r = rng(2);
    const sample = () => Float32Array.from({ length: 784 }, () => (r() < 0.8 ? 0 : r()));
    const { pkg } = quantizeGraph(readOnnx(new Uint8Array(readFileSync(path))), Array.from({ length: 8 }, sample));
    const x = quantizeInput(pkg, sample());
    const tr = () => new Sha256Transcript('vouch/test-b1', 1);
    const { outputs, proof } = proveInference({ graph: pkg.graph, params: pkg.params, inputs: [x], mode: 'open', transcript: tr(), ligero: LIGERO_TEST });
    const verify = (outs: Int32Array[]) => verifyInference({ graph: pkg.graph, publicParams: pkg.params, inputs: [x], outputs: outs, mode: 'open', transcript: tr(), ligero: LIGERO_TEST, proof });
    verify(outputs);
    const bad = outputs.map((o) => o.slice());
    bad[0][4] += 1;
    expect(() => verify(bad)).toThrow(VerificationError);
  });
});
