/**
 * SDK generation end to end on a tiny GPT (T = 4, d = 8, V = 11) with the full Ligero proof (default
 * parameters, open weights; ~2 s per proof): greedy
 * and temperature generations verify and return their tokens; a proof is rejected for another
 * requester, another nonce, another token, another prompt, and by the plain inference `verify`.
 */
import { describe, expect, it } from 'vitest';
import { decodeProofFile, encodeProofFile, quantizeGraph, type ModelPackage } from '@vouch/zkml';
import { rng, tinyGpt } from '../../zkml/test/helpers/build.ts';
import { commitModel, generate, verify, verifyGeneration } from '../src/index.ts';

const r = rng(7);
const toks = (): Float32Array => Float32Array.from({ length: 4 }, () => Math.floor(r() * 11));
const base = quantizeGraph(tinyGpt(5, 4, 8, 11), Array.from({ length: 12 }, toks)).pkg;
const vocabulary = ['\n', ' ', 'a', 'b', 'c', 'd', 'e', 'h', 'l', 'o', '!'];
const alice = '0x00000000000000000000000000000000000a11ce';
const bob = '0x0000000000000000000000000000000000000b0b';
const nonce = '0x' + '11'.repeat(32);

function withHidden(hidden: ModelPackage['hidden']): ModelPackage {
  return { ...base, hidden };
}

describe.each([
  ['greedy', undefined],
  ['temperature', { temperature: 1.2 }],
] as const)('generate + verifyGeneration (%s, open weights)', (_name, decoding) => {
  const pkg = withHidden({ vocabulary, ...(decoding ? { decoding } : {}) });
  const { card, secrets } = commitModel(pkg, { mode: 'open' });
  const g = generate(pkg, secrets, 'he', { tokens: 3, requester: alice, nonce });

  it('verifies and returns the generated tokens and text', () => {
    const v = verifyGeneration(JSON.parse(JSON.stringify(card)), g.proofFile, { requester: alice, nonce });
    expect(v.valid ? undefined : v.reason).toBeUndefined();
    if (v.valid) {
      expect(Array.from(v.tokens)).toEqual(Array.from(g.tokens));
      expect(v.text).toBe(g.text);
      expect(Array.from(v.promptTokens)).toEqual([7, 6]);
    }
  });

  it('is rejected for another requester or nonce (statement options) and by the inference verify', () => {
    expect(verifyGeneration(card, g.proofFile, { requester: bob })).toMatchObject({ valid: false, reason: { check: 'statement.requester' } });
    expect(verifyGeneration(card, g.proofFile, { nonce: '0x' + '22'.repeat(32) })).toMatchObject({ valid: false, reason: { check: 'statement.nonce' } });
    expect(verify(card, g.proofFile)).toMatchObject({ valid: false, reason: { check: 'statement.kind' } });
  });

  // a rewritten statement changes every challenge: the proof fails in its commitment checks
  const proofCheck = { valid: false, reason: { check: expect.stringMatching(/^(ligero|merkle|lookup)\./) } };

  it('a statement rewritten for another requester, nonce or last token fails the proof', () => {
    const f = decodeProofFile(g.proofFile);
    const requester = Uint8Array.from(f.statement.requester, (x, i) => (i === 0 ? x ^ 1 : x));
    expect(verifyGeneration(card, encodeProofFile({ ...f.statement, requester }, f.proof))).toMatchObject(proofCheck);
    const n2 = Uint8Array.from(f.statement.nonce, (x) => x ^ 0x5a);
    expect(verifyGeneration(card, encodeProofFile({ ...f.statement, nonce: n2 }, f.proof))).toMatchObject(proofCheck);
    const outputs = f.statement.outputs.map((o) => o.slice());
    outputs[2][0] = (outputs[2][0] + 1) % 11;
    expect(verifyGeneration(card, encodeProofFile({ ...f.statement, outputs }, f.proof))).toMatchObject(proofCheck);
    const early = f.statement.outputs.map((o) => o.slice());
    early[0][0] = (early[0][0] + 1) % 11;
    expect(verifyGeneration(card, encodeProofFile({ ...f.statement, outputs: early }, f.proof))).toMatchObject({ valid: false, reason: { check: 'generation.context' } });
  });
});

describe('generation refusals', () => {
  it('a confidential system prompt is refused by generate and by verifyGeneration', () => {
    const pkg = withHidden({ vocabulary, systemPrompt: 'ha' });
    const { secrets } = commitModel(pkg, { mode: 'open', confidentialPrompt: true });
    expect(() => generate(pkg, secrets, 'e', { tokens: 1, requester: alice })).toThrow(/confidential/);
  });

  it('unsupported decoding is refused', () => {
    const pkg = withHidden({ vocabulary, decoding: { top_k: 3 } });
    const { secrets } = commitModel(pkg, { mode: 'open' });
    expect(() => generate(pkg, secrets, 'e', { tokens: 1, requester: alice })).toThrow(expect.objectContaining({ code: 'GENERATION_UNSUPPORTED' }));
  });

  it('an open system prompt is prepended and checked', () => {
    const pkg = withHidden({ vocabulary, systemPrompt: 'a' });
    const { card, secrets } = commitModel(pkg, { mode: 'open' });
    const g = generate(pkg, secrets, 'b', { tokens: 1, requester: alice, nonce });
    expect(Array.from(g.promptTokens)).toEqual([2, 3]);
    expect(verifyGeneration(card, g.proofFile)).toMatchObject({ valid: true });
    // the same proof against a card whose system prompt differs
    const other = commitModel(withHidden({ vocabulary, systemPrompt: 'b' }), { mode: 'open' }).card;
    const f = decodeProofFile(g.proofFile);
    const v = verifyGeneration(other, encodeProofFile({ ...f.statement, modelId: Uint8Array.from(other.modelId.match(/../g)!.map((h) => parseInt(h, 16))) }, f.proof));
    expect(v).toMatchObject({ valid: false, reason: { check: 'generation.system-prompt' } });
  });
});
