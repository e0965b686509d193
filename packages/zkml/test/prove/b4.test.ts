/**
 * B4 (benchmarks.md: dense MLP 1024-1024-1024-1024-1024-10, 4,208,650 seeded random weights,
 * models/src/graphs/synthetic.ts) quantized on 16 random inputs and proven end to end in open mode
 * with the 100-bit conjectured preset: the honest proof verifies; another logit, another input and
 * one changed public weight are rejected. Generating and quantizing the 4.2M weights and proving
 * take tens of seconds on the shared 2-core machine, so the file runs with VOUCH_SLOW=1.
 * bench/inference-large.ts measures it.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_CONJECTURED, Sha256Transcript, VerificationError } from '@vouch/core';
import { example, loadSamples, zooEntry, zooGraph } from '@vouch/models';
import { quantizeGraph, quantizeInput, sizeOf } from '../../src/index.ts';
import type { IntParams } from '../../src/int/graph.ts';
import { proveInference, verifyInference } from '../../src/prove/index.ts';

const SLOW = process.env.VOUCH_SLOW === '1';

describe('B4 (dense MLP, 4.2M parameters), open weights', () => {
  it.runIf(SLOW)('honest proof verifies; a changed logit, input or weight is rejected', () => {
    const e = zooEntry('B4');
    const width = sizeOf(e.input.shape);
    const cal = loadSamples(e.calibration, { limit: 16, width });
    const { pkg } = quantizeGraph(zooGraph(e), Array.from({ length: cal.count }, (_, i) => Float32Array.from(example(cal, i))));
    const x = Int32Array.from(quantizeInput(pkg, Float32Array.from(example(loadSamples(e.test, { limit: 1, width }), 0))));
    const tr = () => new Sha256Transcript('vouch/test-b4', 1);
    const { outputs, proof } = proveInference({ graph: pkg.graph, params: pkg.params, inputs: [x], mode: 'open', transcript: tr(), ligero: LIGERO_CONJECTURED });
    expect(proof.rowWidth).toBeGreaterThanOrEqual(64);
    const verify = (inputs: Int32Array[], outs: Int32Array[], params: IntParams = pkg.params) =>
      verifyInference({ graph: pkg.graph, publicParams: params, inputs, outputs: outs, mode: 'open', transcript: tr(), ligero: LIGERO_CONJECTURED, proof });
    verify([x], outputs);

    const badOut = outputs.map((o) => o.slice());
    badOut[0][3] += badOut[0][3] < 127 ? 1 : -1;
    expect(() => verify([x], badOut)).toThrow(VerificationError);

    const badIn = x.slice();
    badIn[500] = badIn[500] < 127 ? badIn[500] + 1 : badIn[500] - 1;
    expect(() => verify([badIn], outputs)).toThrow(VerificationError);

    // one weight of the third layer changed: the graph statement hash (and the verifier's W~) differ
    const name = pkg.graph.nodes.filter((n) => n.op === 'Linear')[2].params.weight;
    const w = pkg.params.get(name)!;
    const data = w.data.slice();
    data[12345] = data[12345] < 127 ? data[12345] + 1 : data[12345] - 1;
    const changed = new Map(pkg.params);
    changed.set(name, { ...w, data });
    expect(() => verify([x], outputs, changed)).toThrow(VerificationError);
  }, 600_000);
});
