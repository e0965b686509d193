/**
 * Generation proofs end to end with the Ligero commitment at the zkml level, private weights (the
 * SDK test covers open weights): a tiny GPT greedy generation verifies; another token, another
 * nonce and a host-chosen seed are rejected. With VOUCH_SLOW=1 also B5 (4 layers, 64-token
 * context, V = 83), two greedy tokens in one proof.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript, VerificationError } from '@vouch/core';
import { decodingOf } from '../../../src/int/ops/sample-decoding.ts';
import type { IntGraph, IntParams } from '../../../src/int/graph.ts';
import type { Decoding } from '../../../src/int/ops/sample.ts';
import { proveGeneration, runGeneration, verifyGeneration } from '../../../src/prove/generate.ts';
import { recommendedLanes, weightDigestFor } from '../../../src/prove/index.ts';
import type { InferenceMode } from '../../../src/prove/types.ts';
import { b5, publicParamsOf } from '../transformer/b5.ts';
import { NONCE, tinyPackage } from './harness.ts';

const SALT = Uint32Array.of(9, 8, 7, 6, 5, 4, 3, 2);
const t = () => new Sha256Transcript('gen-e2e', 1);
/**
 * Tokens and seeds are absorbed before the commitment, so another token or nonce changes every
 * challenge and the first failing check is one of the commitment's (which one depends on the
 * challenges); the direct-check tests (generate.test.ts) name the sampling check each change breaks.
 */
const PROOF_CHECK = /^(ligero|merkle)\./;

function rejection(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof VerificationError) return e.check;
    throw e;
  }
  throw new Error('expected a VerificationError, got none');
}

function roundTrip(graph: IntGraph, params: IntParams, mode: InferenceMode, prompt: Int32Array, count: number, dec: Decoding, ligero = LIGERO_TEST) {
  const lanes = mode === 'private' ? recommendedLanes(graph) : undefined;
  const run = runGeneration(graph, params, prompt, count, dec, NONCE);
  const { proof, inputs } = proveGeneration({ graph, params, mode, salt: mode === 'private' ? SALT : undefined, lanes, prompt, tokens: run.tokens, decoding: dec, nonce: NONCE, transcript: t(), ligero });
  const digest = mode === 'private' ? weightDigestFor(graph, params, SALT, lanes!) : undefined;
  const pub = mode === 'private' ? publicParamsOf(graph, params) : params;
  const check = (tokens: Int32Array, nonce = NONCE, ins = inputs) => verifyGeneration({ graph, publicParams: pub, mode, weightDigest: digest, lanes, inputs: ins, tokens, promptLength: prompt.length, nonce, decoding: dec, transcript: t(), ligero, proof });
  return { run, inputs, check };
}

describe('generation end to end (Ligero)', () => {
  it('tiny GPT, private weights: a greedy generation verifies; another last token is rejected', () => {
    const pkg = tinyPackage();
    const dec = decodingOf(undefined, pkg.settings.outputScales[0]);
    const { run, check } = roundTrip(pkg.graph, pkg.params, 'private', Int32Array.of(2, 5), 3, dec);
    check(run.tokens);
    const bad = run.tokens.slice();
    bad[2] = (bad[2] + 1) % 11;
    expect(rejection(() => check(bad))).toMatch(PROOF_CHECK);
  }, 60_000);

  it('tiny GPT, temperature: another nonce (other seeds) is rejected', () => {
    const pkg = tinyPackage();
    const dec = decodingOf({ temperature: 2 }, pkg.settings.outputScales[0]);
    const { run, check } = roundTrip(pkg.graph, pkg.params, 'open', Int32Array.of(2, 5), 2, dec);
    check(run.tokens);
    expect(rejection(() => check(run.tokens, Uint8Array.from(NONCE, (x) => x ^ 1)))).toMatch(PROOF_CHECK);
  }, 60_000);

  it.runIf(process.env.VOUCH_SLOW === '1')('B5: two greedy tokens in one proof (open weights) verify; another token is rejected', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const { graph, params, inputs } = b5(1);
    const dec = decodingOf(undefined, 1);
    const { run, check } = roundTrip(graph, params, 'open', inputs[0].subarray(0, 40), 2, dec);
    check(run.tokens);
    const bad = run.tokens.slice();
    bad[1] = (bad[1] + 1) % 83;
    expect(rejection(() => check(bad))).toMatch(PROOF_CHECK);
  }, 1_200_000);
});
