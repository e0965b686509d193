/**
 * The full B5 transformer (4 decoder layers, 214,784 parameters, one 64-token window) proven end to
 * end with the Ligero commitment in both modes (insecure LIGERO_TEST parameters for speed;
 * bench/inference-transformer.ts measures the 100-bit preset): the honest proof verifies; another
 * output, another input, a changed op message and changed proof bytes are rejected. A direct check
 * (no commitment, constraints evaluated on the witness) names the failing check for each change.
 * Each proof takes minutes on the shared 2-core machine, so the file runs with VOUCH_SLOW=1.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript, VerificationError, directCheck, type ProverContext, type VerifierContext } from '@vouch/core';
import { parseInferenceProof, prepareInference, proveInference, recommendedLanes, runInferenceProver, runInferenceVerifier, serializeInferenceProof, verifyInference, weightDigestFor, type InferenceMode, type InferenceProof } from '../../../src/prove/index.ts';
import { SALT } from '../mlp.ts';
import { b5, publicParamsOf } from './b5.ts';

const SLOW = process.env.VOUCH_SLOW === '1';
const t = () => new Sha256Transcript('b5-e2e', 1);

/**
 * Yields to the event loop for a moment before a test's long synchronous work, so that vitest's
 * pending task-update RPC is answered first (its 60 s reply timeout would otherwise fire while a
 * proof blocks the worker).
 */
const settle = () => new Promise((r) => setTimeout(r, 500));

/** The VerificationError's check of `fn`, or a failure when it does not throw one. */
function rejection(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof VerificationError) return e.check;
    throw e;
  }
  throw new Error('expected a VerificationError, got none');
}

describe('B5 transformer end to end (Ligero test preset)', () => {
  for (const mode of ['private', 'open'] as InferenceMode[]) {
    it.runIf(SLOW)(`${mode} mode: honest proof verifies; another output, another input, a changed message and changed bytes are rejected`, async () => {
      await settle();
      const { graph, params, inputs } = b5(1);
      const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
      const { outputs, proof } = proveInference({ graph, params, inputs, mode, salt: SALT, lanes, transcript: t(), ligero: LIGERO_TEST });
      const digest = mode === 'private' ? weightDigestFor(graph, params, SALT, lanes!) : undefined;
      const pub = mode === 'open' ? params : publicParamsOf(graph, params);
      const verify = (ins: Int32Array[], outs: Int32Array[], p: InferenceProof = proof) =>
        verifyInference({ graph, publicParams: pub, inputs: ins, outputs: outs, mode, weightDigest: digest, lanes, transcript: t(), ligero: LIGERO_TEST, proof: p });
      verify(inputs, outputs);
      // The statement (inputs, outputs) is absorbed before the commitment's root, so any change moves
      // every challenge: the query columns no longer match the opened ones (merkle.path).
      const badOut = [Int32Array.from(outputs[0])];
      badOut[0][17] += badOut[0][17] < 127 ? 1 : -1;
      expect(rejection(() => verify(inputs, badOut))).toBe('merkle.path');
      const badIn = [Int32Array.from(inputs[0])];
      badIn[0][5] = (badIn[0][5] + 1) % 65;
      expect(rejection(() => verify(badIn, outputs))).toBe('merkle.path');
      // a changed op message (the first Softmax's first logUp message)
      const sm = graph.nodes.findIndex((n) => n.op === 'Softmax');
      const ops = proof.ops.map((o) => o.map((m) => m.slice()));
      ops[sm][0][0] = (ops[sm][0][0] + 1) % 2013265921;
      expect(rejection(() => verify(inputs, outputs, { ...proof, ops }))).toBe('merkle.path');
      // changed bytes: the last byte (a Merkle sibling) and a byte of the root
      const bytes = serializeInferenceProof(proof);
      expect(() => verify(inputs, outputs, parseInferenceProof(bytes))).not.toThrow();
      const last = bytes.slice();
      last[last.length - 1] ^= 1;
      expect(rejection(() => verify(inputs, outputs, parseInferenceProof(last)))).toBe('merkle.path');
      const root = bytes.slice();
      root[9] ^= 0x80;
      expect(rejection(() => verify(inputs, outputs, parseInferenceProof(root)))).toBe('merkle.path');
    }, 1_800_000);
  }

  it.runIf(SLOW)('direct check (open mode): the honest witness passes; a changed output, input or Softmax message fails exactly its check first', async () => {
    await settle();
    const { graph, params, inputs } = b5(1);
    const p = prepareInference({ graph, params, inputs, mode: 'open' });
    const layout = p.plan.layout;
    const pctx: ProverContext = { layout, transcript: new Sha256Transcript('b5-direct', 1), constraints: [], witness: p.witness };
    const m = runInferenceProver(pctx, p, inputs, p.outputs);
    const failures = (ins: Int32Array[], outs: Int32Array[], ops: readonly (readonly Uint32Array[])[] = m.ops) => {
      const vctx: VerifierContext = { layout, transcript: new Sha256Transcript('b5-direct', 1), constraints: [] };
      runInferenceVerifier(vctx, p.plan, p.binding, ins, outs, p.digest, { ops, lookups: m.lookups });
      return directCheck(layout, p.witness, vctx.constraints).map((f) => f.label);
    };
    expect(failures(inputs, p.outputs)).toEqual([]);
    const badOut = [Int32Array.from(p.outputs[0])];
    badOut[0][3] += badOut[0][3] < 127 ? 1 : -1;
    expect(failures(inputs, badOut)).toEqual([`io/output:${graph.outputs[0].name}`]);
    const badIn = [Int32Array.from(inputs[0])];
    badIn[0][0] = (badIn[0][0] + 1) % 65;
    expect(failures(badIn, p.outputs)).toEqual([`io/input:${graph.inputs[0].name}`]);
    // a changed GKR round message of the first Softmax's exp lookup: its round check fails first
    // (later challenges then differ from the prover's, so later sumcheck checks fail too)
    const smIndex = graph.nodes.findIndex((n) => n.op === 'Softmax');
    const ops = m.ops.map((o) => o.map((x) => x.slice()));
    ops[smIndex][1][0] = (ops[smIndex][1][0] + 1) % 2013265921;
    const f = failures(inputs, p.outputs, ops);
    expect(f[0]).toMatch(new RegExp(`^${graph.nodes[smIndex].name}/softmax\\.exp`));
  }, 1_800_000);
});
