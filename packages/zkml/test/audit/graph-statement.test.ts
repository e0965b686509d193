/**
 * Audit O4: proveInference / verifyInference bind the graph and its public parameters themselves.
 *
 * Finding (before the fix): absorbStatement absorbed mode, batch, row width, node count, inputs,
 * outputs and the digest, but not the graph: binding to the model relied on the caller absorbing a
 * Statement first. A direct API user who forgot got proofs not bound to the model: a proof made for
 * graph G verified for another graph G′ with the same constraints (here: another name, another
 * declared output dtype, another declared input range) — a statement about a different model.
 * Fix: absorbStatement also absorbs graphStatementHash = SHA-256 of the canonical public graph JSON
 * (commit/public-graph.ts) and, in open mode, of every parameter, computed alike on both sides.
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_TEST, Sha256Transcript, VerificationError } from '@vouch/core';
import { proveInference, verifyInference, weightDigestFor } from '../../src/prove/index.ts';
import { graphStatementHash } from '../../src/prove/graph.ts';
import type { IntGraph, IntValueInfo } from '../../src/int/graph.ts';
import { makeMlp, randomInputs, SALT } from '../prove/mlp.ts';

function variant(graph: IntGraph, edit: { name?: string; output?: Partial<IntValueInfo>; input?: Partial<IntValueInfo> }): IntGraph {
  const values = new Map(graph.values);
  const input = { ...graph.inputs[0], ...edit.input };
  const output = { ...graph.outputs[0], ...edit.output };
  values.set(input.name, input);
  values.set(output.name, output);
  return { ...graph, name: edit.name ?? graph.name, inputs: [input], outputs: [output], values };
}

describe('audit O4: inference proofs are bound to the graph without a caller statement', () => {
  const { graph, params } = makeMlp([6, 8, 2], 5);
  const inputs = randomInputs(6, 1, 3).map((x) => x.map((v) => Math.max(0, v)));
  const pub = new Map([...params].filter(([k]) => graph.params.get(k)!.visibility === 'public'));
  const others: [string, IntGraph][] = [
    ['another name', variant(graph, { name: 'other-model' })],
    ['another declared output dtype', variant(graph, { output: { dtype: 'int32' } })],
    ['another declared input range', variant(graph, { input: { range: [0, 127] } })],
  ];
  const tr = () => new Sha256Transcript('vouch/audit-o4', 1); // no statement absorbed by the caller

  it('private mode: a proof for G does not verify for G′ with the same constraints', () => {
    const lanes = 128;
    const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'private', salt: SALT, lanes, transcript: tr(), ligero: LIGERO_TEST });
    const weightDigest = weightDigestFor(graph, params, SALT, lanes);
    const verify = (g: IntGraph) => verifyInference({ graph: g, publicParams: pub, inputs, outputs, mode: 'private', weightDigest, lanes, transcript: tr(), ligero: LIGERO_TEST, proof });
    verify(graph);
    for (const [what, g] of others) expect(() => verify(g), what).toThrow(VerificationError);
  });

  it('open mode: a proof for G does not verify for G′ with the same constraints', () => {
    const { outputs, proof } = proveInference({ graph, params, inputs, mode: 'open', transcript: tr(), ligero: LIGERO_TEST });
    const verify = (g: IntGraph) => verifyInference({ graph: g, publicParams: params, inputs, outputs, mode: 'open', transcript: tr(), ligero: LIGERO_TEST, proof });
    verify(graph);
    for (const [what, g] of others) expect(() => verify(g), what).toThrow(VerificationError);
  });

  it('the graph hash is canonical: independent of parameter storage and map order, sensitive to every open weight', () => {
    const h = graphStatementHash(graph, 'open', params);
    const reordered = new Map([...params].reverse().map(([k, t]) => [k, { ...t, data: Int32Array.from(t.data) }] as const));
    expect(graphStatementHash(graph, 'open', reordered)).toEqual(h);
    const w = params.get('fc1.weight')!;
    const changed = new Map(params);
    const data = Int8Array.from(w.data);
    data[0] = data[0] === 1 ? 2 : 1;
    changed.set('fc1.weight', { ...w, data });
    expect(graphStatementHash(graph, 'open', changed)).not.toEqual(h);
    // private mode: only public parameters enter (private ones are bound by the weight digest)
    expect(graphStatementHash(graph, 'private', pub)).toEqual(graphStatementHash(graph, 'private', new Map()));
  });
});
