/**
 * Private weights through the SDK on a transformer package (tiny GPT, T = 4, d = 8, V = 11): the
 * prover lays out the package's graph, the verifier the card's graph, whose parameters are sorted
 * by name — the private-parameter region must not depend on the order a graph lists its
 * parameters (regression: it once followed insertion order and every such proof failed
 * `ligero.linear-column`).
 */
import { describe, expect, it } from 'vitest';
import { quantizeGraph, regionLayout, type ModelPackage } from '@vouch/zkml';
import { rng, tinyGpt } from '../../zkml/test/helpers/build.ts';
import { commitModel, generate, prove, verify, verifyGeneration } from '../src/index.ts';

const r = rng(11);
const toks = (): Float32Array => Float32Array.from({ length: 4 }, () => Math.floor(r() * 11));
const base = quantizeGraph(tinyGpt(5, 4, 8, 11), Array.from({ length: 12 }, toks)).pkg;
const vocabulary = ['\n', ' ', 'a', 'b', 'c', 'd', 'e', 'h', 'l', 'o', '!'];
const alice = '0x00000000000000000000000000000000000a11ce';
const nonce = '0x' + '33'.repeat(32);

describe('private weights, transformer package, through the SDK', () => {
  const pkg: ModelPackage = { ...base, hidden: { vocabulary } };
  const { card, secrets } = commitModel(pkg, { mode: 'private' });

  it('the region layout is the same for the package graph and for its parameters in reverse order', () => {
    const specs = [...pkg.graph.params.entries()];
    const reversed = { ...pkg.graph, params: new Map(specs.reverse()) };
    const a = regionLayout(pkg.graph, 128);
    const b = regionLayout(reversed, 128);
    expect([...b.placements.values()]).toEqual([...a.placements.values()]);
  });

  it('one inference verifies against the card', () => {
    const p = prove(pkg, secrets, Float32Array.from([7, 6, 2, 9]), { requester: alice });
    const v = verify(JSON.parse(JSON.stringify(card)), p.proofFile, { requester: alice });
    expect(v.valid ? undefined : v.reason).toBeUndefined();
  });

  it('a greedy generation verifies against the card', () => {
    const g = generate(pkg, secrets, 'he', { tokens: 2, requester: alice, nonce });
    const v = verifyGeneration(JSON.parse(JSON.stringify(card)), g.proofFile, { requester: alice, nonce });
    expect(v.valid ? undefined : v.reason).toBeUndefined();
  });
});
