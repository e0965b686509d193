import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, P, Sha256Transcript, VerificationError } from '@vouch/core';
import { proveInference, verifyInference, weightDigestFor } from '../../../src/prove/index.ts';
import { SALT } from '../mlp.ts';
import { CnnBuilder, randomTensors } from './build.ts';

/** A LeNet-like CNN without the dense head: conv(pad 1) → requant/ReLU → maxpool → conv → requant/ReLU → sumpool → requant. */
function miniCnn() {
  return new CnnBuilder([1, 1, 6, 6], 21)
    .conv('conv1', 2, [3, 3], { pads: [1, 1, 1, 1] })
    .requant('conv1.requant', 0, 127, 15)
    .pool('pool1', 'MaxPool', [2, 2])
    .conv('conv2', 3, [2, 2])
    .requant('conv2.requant', 0, 127, 16)
    .pool('pool2', 'SumPool', [2, 2])
    .requant('pool2.requant', -32768, 32767, 13)
    .build();
}

const t = () => new Sha256Transcript('cnn-e2e', 1);

describe('CNN end to end (proveInference / verifyInference, Ligero test preset)', () => {
  const { graph, params } = miniCnn();
  const inputs = randomTensors([1, 1, 6, 6], 2, 5);

  it('open mode: honest proof verifies, a changed output is rejected', () => {
    const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'open', transcript: t(), ligero: LIGERO_TEST });
    verifyInference({ graph, publicParams: params, inputs, outputs, mode: 'open', transcript: t(), ligero: LIGERO_TEST, proof });
    const bad = outputs.map((o) => Int32Array.from(o));
    bad[1][2] += 1;
    expect(() => verifyInference({ graph, publicParams: params, inputs, outputs: bad, mode: 'open', transcript: t(), ligero: LIGERO_TEST, proof })).toThrow(VerificationError);
    // a changed Conv sumcheck round / final message changes every later challenge, so the opened
    // columns no longer match the commitment (the constraint-level checks are in conv.test.ts)
    for (const [node, msg] of [[0, 0], [0, 5], [3, 4]] as const) {
      const ops = proof.ops.map((m) => m.map((v) => Uint32Array.from(v)));
      ops[node][msg][1] = (ops[node][msg][1] + 1) % P;
      let err: unknown;
      try {
        verifyInference({ graph, publicParams: params, inputs, outputs, mode: 'open', transcript: t(), ligero: LIGERO_TEST, proof: { ...proof, ops } });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(VerificationError);
    }
  });

  it('private mode: honest proof verifies, a changed output is rejected', () => {
    const lanes = 64;
    const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'private', salt: SALT, lanes, transcript: t(), ligero: LIGERO_TEST });
    const digest = weightDigestFor(graph, params, SALT, lanes);
    const v = (outs: Int32Array[]) => verifyInference({ graph, publicParams: new Map(), inputs, outputs: outs, mode: 'private', weightDigest: digest, lanes, transcript: t(), ligero: LIGERO_TEST, proof });
    v(outputs);
    const bad = outputs.map((o) => Int32Array.from(o));
    bad[0][0] -= 1;
    expect(() => v(bad)).toThrow(VerificationError);
  });
});
