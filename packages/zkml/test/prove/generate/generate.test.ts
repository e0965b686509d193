/**
 * Generation proofs on a tiny GPT, checked directly on the witness (no Ligero; the full proof is in
 * generate-e2e.test.ts): honest greedy and temperature generations satisfy every constraint; a
 * different token, a host-chosen seed, another nonce and tampered sampling values fail exactly the
 * sampling check they break; step inputs that are not the prompt and earlier tokens are refused.
 */
import { describe, expect, it } from 'vitest';
import { VerificationError } from '@vouch/core';
import { runIntGraph } from '../../../src/int/executor.ts';
import { sampleTemperature } from '../../../src/int/ops/sample.ts';
import { generationShape, runGeneration } from '../../../src/prove/generate.ts';
import { GenerationUnsupportedError } from '../../../src/int/ops/sample-decoding.ts';
import { IntGraphBuilder } from '../transformer/graphs.ts';
import { stepContext } from '../../../src/prove/generate-context.ts';
import { sampleSeed } from '../../../src/prove/generate-seed.ts';
import { NONCE, PROMPT, decoding, directFailures, prepared, tinyPackage } from './harness.ts';

const K = 3;

describe('generation (direct check)', () => {
  it('an honest greedy generation satisfies every constraint', () => {
    const pkg = tinyPackage();
    const dec = decoding(pkg, 0);
    const pg = prepared(pkg, dec, K);
    expect(pg.steps.map((s) => s.token)).toEqual(Array.from(runGeneration(pkg.graph, pkg.params, PROMPT, K, dec, NONCE).tokens));
    expect(directFailures(pkg, pg, { tokens: Int32Array.from(pg.steps, (s) => s.token), decoding: dec })).toEqual([]);
  }, 60_000);

  it('greedy: another token at any step fails sample.greedy', () => {
    const pkg = tinyPackage();
    const dec = decoding(pkg, 0);
    const pg = prepared(pkg, dec, K);
    const honest = Int32Array.from(pg.steps, (s) => s.token);
    // the last step's token changes: the step inputs stay those of the honest tokens
    const bad = honest.slice();
    bad[K - 1] = (bad[K - 1] + 1) % 11;
    expect(directFailures(pkg, pg, { tokens: bad, decoding: dec })).toEqual(['sample.greedy']);
    // an earlier token changes: the verifier's rebuilt inputs differ from the statement's
    const early = honest.slice();
    early[0] = (early[0] + 1) % 11;
    expect(() => directFailures(pkg, pg, { tokens: early, decoding: dec })).toThrow(expect.objectContaining({ check: 'generation.context' }));
  }, 60_000);

  it('an honest temperature generation satisfies every constraint', () => {
    const pkg = tinyPackage();
    const dec = decoding(pkg, 1.5);
    const pg = prepared(pkg, dec, K);
    expect(directFailures(pkg, pg, { tokens: Int32Array.from(pg.steps, (s) => s.token), decoding: dec })).toEqual([]);
  }, 60_000);

  it('temperature: a token sampled with a host-chosen U, or for another nonce, fails sample.threshold', () => {
    const pkg = tinyPackage();
    const dec = decoding(pkg, 1.5);
    if (dec.kind !== 'temperature') throw new Error('expected temperature decoding');
    // the host samples step 0 with its own seed and proves that (consistently)
    const seed = (sampleSeed(NONCE, 0) + 0x9e3779b9) >>> 0;
    const { input, position } = stepContext(PROMPT, 4);
    const logits = runIntGraph(pkg.graph, pkg.params, [input]).outputs[0];
    const tok = sampleTemperature(logits.subarray(position * 11, position * 11 + 11), dec.table, seed).token;
    const host = prepared(pkg, dec, 1, { seeds: [seed], tokens: Int32Array.of(tok) });
    expect(directFailures(pkg, host, { tokens: Int32Array.of(tok), decoding: dec })).toEqual(['sample.threshold']);
    // an honest proof checked against another nonce
    const honest = prepared(pkg, dec, 2);
    const other = Uint8Array.from(NONCE, (x) => x ^ 0xff);
    expect(directFailures(pkg, honest, { tokens: Int32Array.from(honest.steps, (s) => s.token), nonce: other, decoding: dec })).toEqual(['sample.threshold']);
  }, 60_000);
});

describe('generation statement checks', () => {
  it('refuses graphs whose logits are not proven int16 (no Requant producer), wide vocabularies and unranged ids', () => {
    const b = new IntGraphBuilder();
    const ids = b.input('ids', [4], 'int32', [0, 10]);
    const table = b.param('emb', [11, 11], 'int8', new Int8Array(121), 'private');
    const g1 = b.build([b.node('emb', 'Gather', [ids], [4, 11], 'int8', {}, { table })]).graph;
    expect(() => generationShape(g1)).toThrow(/produced by a Requant/);
    const pkg = tinyPackage();
    expect(generationShape(pkg.graph)).toEqual({ context: 4, vocab: 11 });
    const unranged = { ...pkg.graph, inputs: [{ ...pkg.graph.inputs[0], range: undefined }] };
    expect(() => generationShape(unranged)).toThrow(GenerationUnsupportedError);
  });

  it('U derives from the nonce and the step only', () => {
    expect(sampleSeed(NONCE, 0)).not.toBe(sampleSeed(NONCE, 1));
    expect(sampleSeed(NONCE, 0)).toBe(sampleSeed(Uint8Array.from(NONCE), 0));
    expect(() => sampleSeed(new Uint8Array(31), 0)).toThrow(RangeError);
  });

  it('a prompt token outside the vocabulary or a token outside [0, V) is refused in the clear', () => {
    const pkg = tinyPackage();
    const dec = decoding(pkg, 0);
    const pg = prepared(pkg, dec, 2);
    const toks = Int32Array.from(pg.steps, (s) => s.token);
    const bad = toks.slice();
    bad[1] = 11;
    expect(() => directFailures(pkg, pg, { tokens: bad, decoding: dec })).toThrow(expect.objectContaining({ check: 'generation.token' }));
    const inputs = pg.inputs.map((x) => x.slice());
    inputs[1][3] = (inputs[1][3] + 1) % 11;
    expect(() => directFailures(pkg, pg, { tokens: toks, inputs, decoding: dec })).toThrow(expect.objectContaining({ check: 'generation.context' }));
    expect(new VerificationError('generation.context', 'x')).toBeInstanceOf(VerificationError);
  }, 60_000);
});
