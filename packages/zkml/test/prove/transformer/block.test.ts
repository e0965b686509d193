/**
 * End to end: a quantized decoder block (token ids → Gather, positional ScaledAdd, LayerNorm,
 * attention with Transpose/MatMul/masked Softmax/Concat, GELU Lookup MLP) proven with the Ligero
 * commitment in private mode and verified; a proof for another output is rejected.
 * About 5 s on the shared 2-core machine since the range-lookup rework (it took about 65 s before and
 * was gated behind VOUCH_E2E=1), so it runs by default; the full B5 is in b5.test.ts (VOUCH_SLOW=1).
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript, VerificationError } from '@vouch/core';
import { quantizeGraph } from '../../../src/quant/quantize.ts';
import { quantizeInput } from '../../../src/quant/api.ts';
import { proveInference, verifyInference, weightDigestFor } from '../../../src/prove/index.ts';
import { rng, tinyGpt } from '../../helpers/build.ts';

const SALT = Uint32Array.of(1, 2, 3, 4, 5, 6, 7, 8);

describe('decoder block end to end', () => {
  it('proves and verifies a tiny GPT block in private mode; a changed output is rejected', () => {
    const graph = tinyGpt(5);
    const r = rng(3);
    const toks = (): Float32Array => Float32Array.from({ length: 8 }, () => Math.floor(r() * 11));
    const { pkg } = quantizeGraph(graph, Array.from({ length: 12 }, toks));
    const ops = new Set(pkg.graph.nodes.map((n) => n.op));
    expect(ops).toEqual(new Set(['Gather', 'ScaledAdd', 'Requant', 'LayerNorm', 'Linear', 'Transpose', 'MatMul', 'Softmax', 'Concat', 'Lookup']));
    const x = quantizeInput(pkg, toks());
    const lanes = 128;
    const { outputs, proof } = proveInference({ graph: pkg.graph, params: pkg.params, inputs: [x], mode: 'private', salt: SALT, lanes, transcript: new Sha256Transcript('block', 1), ligero: LIGERO_TEST });
    const digest = weightDigestFor(pkg.graph, pkg.params, SALT, lanes);
    const pub = new Map([...pkg.params].filter(([k]) => pkg.graph.params.get(k)!.visibility === 'public'));
    const verify = (outs: Int32Array[]) => verifyInference({ graph: pkg.graph, publicParams: pub, inputs: [x], outputs: outs, mode: 'private', weightDigest: digest, lanes, transcript: new Sha256Transcript('block', 1), ligero: LIGERO_TEST, proof });
    verify(outputs);
    const bad = outputs.map((o) => o.slice());
    bad[0][0] += 1;
    expect(() => verify(bad)).toThrow(VerificationError);
  }, 300_000);
});
