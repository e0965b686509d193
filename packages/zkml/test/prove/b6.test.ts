/**
 * B6 (benchmarks.md: GPT-2 small shape, 124M seeded random weights, context 1; models/src/graphs/
 * synthetic.ts) quantized on 4 random tokens and proven end to end in open mode with the 100-bit
 * conjectured preset: its 25 LayerNorms have rows of 768 (not a power of two, prove/ops/layernorm.ts
 * masks the padding). Two one-token samples in one proof: with one sample the per-head P·V MatMul
 * ([1, 1] × [1, 64]) has no summed variable and the planner refuses it. The honest proof verifies; a
 * changed logit and a changed token are rejected. About 9–11 min on the shared 2-core machine
 * (generating and quantizing ~30 s, proving ~4–5 min, each of the three verifications ~1.5–2 min;
 * peak RSS ~4.3 GB; run with NODE_OPTIONS=--max-old-space-size=8000), so the file runs with VOUCH_SLOW=1. bench/inference-large.ts measures it.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_CONJECTURED, Sha256Transcript, VerificationError } from '@vouch/core';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { quantizeGraph, quantizeInput, sizeOf } from '../../src/index.ts';
import { proveInference, verifyInference } from '../../src/prove/index.ts';

const SLOW = process.env.VOUCH_SLOW === '1';

/**
 * Yields to the event loop before each long synchronous step, so that vitest's pending task-update
 * RPC is answered first (its 60 s reply timeout would otherwise fire while a proof blocks the worker).
 */
const settle = () => new Promise((r) => setTimeout(r, 500));

describe('B6 (GPT-2 small shape, 124M parameters), open weights', () => {
  it.runIf(SLOW)('honest proof verifies; a changed logit or token is rejected', async () => {
    await settle();
    const e = zooEntry('B6');
    const width = sizeOf(e.input.shape);
    const cal = loadSamples(e.calibration, { limit: 4, width, maxInt: e.vocab });
    const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i))));
    expect(pkg.graph.nodes.filter((n) => n.op === 'LayerNorm').length).toBe(25);
    const test = loadSamples(e.test, { limit: 2, width, maxInt: e.vocab });
    const xs = [0, 1].map((i) => Int32Array.from(quantizeInput(pkg, Float32Array.from(example(test, i)))));
    const tr = () => new Sha256Transcript('vouch/test-b6', 1);
    await settle();
    const { outputs, proof } = proveInference({ graph: pkg.graph, params: pkg.params, inputs: xs, mode: 'open', transcript: tr(), ligero: LIGERO_CONJECTURED });
    const verify = (inputs: Int32Array[], outs: Int32Array[]) =>
      verifyInference({ graph: pkg.graph, publicParams: pkg.params, inputs, outputs: outs, mode: 'open', transcript: tr(), ligero: LIGERO_CONJECTURED, proof });
    await settle();
    verify(xs, outputs);

    const badOut = outputs.map((o) => o.slice());
    badOut[1][4321] += badOut[1][4321] < 0 ? 1 : -1;
    await settle();
    expect(() => verify(xs, badOut)).toThrow(VerificationError);

    await settle();
    const badIn = [xs[0], Int32Array.of((xs[1][0] + 1) % e.vocab!)];
    expect(() => verify(badIn, outputs)).toThrow(VerificationError);
  }, 1_800_000);
});
