import { describe, expect, it } from 'vitest';
import { MalformedError } from '@vouch/core';
import { quantizeGraph } from '../../src/quant/quantize.ts';
import { buildModelCard, computeModelId, modelIdFromCard, ModelCardError, type ModelCard } from '../../src/commit/model-id.ts';
import { canonicalJson } from '../../src/commit/canonical-json.ts';
import type { ModelPackage } from '../../src/package/types.ts';
import { mlp, randArray, rng } from '../helpers/build.ts';

const r = rng(11);
const calib = Array.from({ length: 4 }, () => randArray(r, 16, 0, 1));
const hidden = { preprocessing: { scale: 1 / 255 }, systemPrompt: 'Answer yes or no.', decoding: { temperature: 0 } };
const { pkg } = quantizeGraph(mlp(3, [16, 8, 4]), calib, { hidden });
const digest = { lanes: 64, digest: [1, 2, 3, 4, 5, 6, 7, 8] };

function withParam(p: ModelPackage, name: string, edit: (d: Int8Array | Int32Array) => void): ModelPackage {
  const params = new Map(p.params);
  const t = params.get(name)!;
  const data = t.data.slice();
  edit(data);
  params.set(name, { ...t, data });
  return { ...p, params };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
  });
  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });
});

describe('model id', () => {
  const card = buildModelCard({ pkg, mode: 'private', digest });

  it('is recomputable from the card alone, which also rebuilds the public graph', () => {
    const again = JSON.parse(JSON.stringify(card)) as ModelCard;
    const v = modelIdFromCard(again);
    expect(v.modelId).toBe(card.modelId);
    expect(v.graph.nodes.map((n) => n.op)).toEqual(pkg.graph.nodes.map((n) => n.op));
    expect(card.modelId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('private mode publishes no private parameter data', () => {
    const text = JSON.stringify(card);
    for (const s of pkg.graph.params.values()) {
      if (s.visibility === 'private') expect(JSON.stringify((card.graph as { publicData: object }).publicData)).not.toContain(s.name);
    }
    expect(card.openWeights).toBeUndefined();
    expect(text).not.toContain('privateScales');
  });

  it('changes with the weight digest, its lanes, the settings, the hidden inputs and the graph', () => {
    const base = card.modelId;
    expect(buildModelCard({ pkg, mode: 'private', digest: { ...digest, digest: [1, 2, 3, 4, 5, 6, 7, 9] } }).modelId).not.toBe(base);
    expect(buildModelCard({ pkg, mode: 'private', digest: { ...digest, lanes: 128 } }).modelId).not.toBe(base);
    expect(buildModelCard({ pkg: { ...pkg, settings: { ...pkg.settings, inputScales: [0.5] } }, mode: 'private', digest }).modelId).not.toBe(base);
    expect(buildModelCard({ pkg: { ...pkg, hidden: { ...hidden, systemPrompt: 'Answer yes.' } }, mode: 'private', digest }).modelId).not.toBe(base);
    expect(buildModelCard({ pkg: { ...pkg, hidden: { ...hidden, decoding: { temperature: 1 } } }, mode: 'private', digest }).modelId).not.toBe(base);
    const renamed = { ...pkg, graph: { ...pkg.graph, nodes: pkg.graph.nodes.map((n, i) => (i === 0 ? { ...n, attrs: { ...n.attrs, extra: 1 } } : n)) } };
    expect(buildModelCard({ pkg: renamed, mode: 'private', digest }).modelId).not.toBe(base);
  });

  it('open mode binds the weights: any weight change changes the id; tampered open weights are refused', () => {
    const open = buildModelCard({ pkg, mode: 'open' });
    expect(open.openWeights).toBeDefined();
    const w = [...pkg.graph.params.values()].find((s) => s.visibility === 'private')!.name;
    const changed = buildModelCard({ pkg: withParam(pkg, w, (d) => (d[0] = d[0] === 1 ? 2 : 1)), mode: 'open' });
    expect(changed.modelId).not.toBe(open.modelId);
    const v = modelIdFromCard(open);
    expect(v.publicParams.get(w)?.data).toEqual(pkg.params.get(w)?.data);
    expect(() => modelIdFromCard({ ...open, openWeights: changed.openWeights })).toThrow(ModelCardError);
  });

  it('a confidential system prompt is replaced by a salted commitment', () => {
    const salt = new Uint8Array(32).fill(7);
    const c = buildModelCard({ pkg, mode: 'private', digest, promptSalt: salt });
    expect(JSON.stringify(c)).not.toContain('Answer yes or no.');
    expect(c.modelId).not.toBe(card.modelId);
  });

  it('a card that does not hash to its id is refused', () => {
    expect(() => modelIdFromCard({ ...card, settings: { ...(card.settings as object), inputScales: [9] } })).toThrow(ModelCardError);
    expect(() => modelIdFromCard({ ...card, modelId: computeModelId({ ...card, mode: 'open' }) })).toThrow(ModelCardError);
    expect(() => modelIdFromCard({ ...card, cardVersion: 2 as 1 })).toThrow(ModelCardError);
  });

  it('a malformed graph in a card gives a MalformedError naming the field', () => {
    const bad = { ...card, graph: { ...(card.graph as object), nodes: 'nope' } } as unknown as ModelCard;
    const fixed = { ...bad, modelId: computeModelId(bad) };
    expect(() => modelIdFromCard(fixed)).toThrow(MalformedError);
    try {
      modelIdFromCard(fixed);
    } catch (e) {
      expect((e as MalformedError).field).toContain('nodes');
    }
  });
});
