import { describe, expect, it } from 'vitest';
import { sha256 } from '@vouch/core';
import { runInteger } from '../../src/quant/api.ts';
import { quantizeGraph } from '../../src/quant/quantize.ts';
import { decodePackage, encodePackage } from '../../src/package/format.ts';
import { ModelPackageError } from '../../src/package/errors.ts';
import type { ModelPackage } from '../../src/package/types.ts';
import { RangeAnalysisError } from '../../src/range/errors.ts';
import { MalformedError } from '../../src/int/core.ts';
import { GraphBuilder, lenet, mlp, randArray, rng } from '../helpers/build.ts';

const r = rng(77);
const calib = Array.from({ length: 4 }, () => randArray(r, 784, 0, 1));
const hidden = { preprocessing: { scale: 1 / 255, mean: [0.1307], std: [0.3081] }, systemPrompt: 'You are a careful assistant.', vocabulary: ['<eos>', 'a', 'b'], decoding: { temperature: 0.7, topK: 40, greedy: false } };
const { pkg } = quantizeGraph(mlp(5, [784, 24, 10], true), calib.map((x) => x.map((v) => v * 255)), { hidden });
const bytes = encodePackage(pkg);

/** Re-seals a modified body with a fresh checksum, so the parser's deeper checks are reached. */
function reseal(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 32);
  out.set(body);
  out.set(sha256(body), body.length);
  return out;
}

/** Rewrites one JSON section through `edit` and reseals. */
function editJson(tag: 'PUBJ' | 'PRVJ', edit: (j: Record<string, unknown>) => void): Uint8Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  let o = 12;
  const parts: Uint8Array[] = [bytes.subarray(0, 12)];
  for (const t of ['PUBJ', 'PUBB', 'PRVJ', 'PRVB']) {
    const len = dv.getUint32(o + 4, true);
    let payload = bytes.subarray(o + 8, o + 8 + len);
    if (t === tag) {
      const j = JSON.parse(new TextDecoder().decode(payload));
      edit(j);
      payload = new TextEncoder().encode(JSON.stringify(j));
    }
    const head = new Uint8Array(8);
    head.set(new TextEncoder().encode(t));
    new DataView(head.buffer).setUint32(4, payload.length, true);
    parts.push(head, payload);
    o += 8 + len;
  }
  const body = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let k = 0;
  for (const p of parts) {
    body.set(p, k);
    k += p.length;
  }
  return reseal(body);
}

function expectRefused(b: Uint8Array, field: RegExp): void {
  try {
    decodePackage(b);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelPackageError);
    expect(e).toBeInstanceOf(MalformedError);
    expect((e as ModelPackageError).field).toMatch(field);
    return;
  }
  throw new Error('expected a ModelPackageError, got none');
}

describe('model package format', () => {
  it('round-trips exactly: same graph, settings, hidden inputs, parameters and outputs', () => {
    const back = decodePackage(bytes);
    expect(back.graph.nodes).toEqual(pkg.graph.nodes);
    expect([...back.graph.values.values()]).toEqual([...pkg.graph.values.values()]);
    expect(back.settings).toEqual(pkg.settings);
    expect(back.hidden).toEqual(hidden);
    expect([...back.privateScales]).toEqual([...pkg.privateScales]);
    for (const [name, t] of pkg.params) expect(Array.from(back.params.get(name)!.data)).toEqual(Array.from(t.data));
    const x = calib[1].map((v) => v * 255);
    expect(Array.from(runInteger(back, x).raw)).toEqual(Array.from(runInteger(pkg, x).raw));
    expect(encodePackage(back)).toEqual(bytes);
  });

  it('round-trips a CNN, and a graph with a public lookup table, keeping public and private bytes apart', () => {
    const { pkg: p2 } = quantizeGraph(lenet(9), calib.slice(0, 2));
    const back = decodePackage(encodePackage(p2));
    expect(back.graph.nodes.map((n) => n.op)).toEqual(p2.graph.nodes.map((n) => n.op));
    const g = new GraphBuilder();
    const x = g.input('x', [1, 8]);
    const w = g.constant('w', [8, 4], randArray(r, 32));
    const b = g.constant('b', [4], randArray(r, 4));
    const y = g.node('Sigmoid', [g.node('Gemm', [x, w, b], [1, 4])], [1, 4]);
    const { pkg: p3 } = quantizeGraph(g.build([y]), [randArray(r, 8), randArray(r, 8)]);
    const b3 = encodePackage(p3);
    const pubLen = new DataView(b3.buffer, b3.byteOffset).getUint32(16, true);
    const pub = JSON.parse(new TextDecoder().decode(b3.subarray(20, 20 + pubLen)));
    expect(pub.tensors.map((t: { name: string }) => t.name)).toEqual(['sigmoid_1.table']);
    expect(Object.keys(pub)).not.toContain('scales');
    expect(Array.from(decodePackage(b3).params.get('sigmoid_1.table')!.data)).toEqual(Array.from(p3.params.get('sigmoid_1.table')!.data));
  });

  it('refuses wrong magic, wrong version, truncation, trailing bytes and any flipped byte', () => {
    const bad = bytes.slice();
    bad[0] ^= 1;
    expectRefused(bad, /magic/);
    const v2 = bytes.slice();
    v2[8] = 2;
    expectRefused(v2, /version/);
    expectRefused(bytes.subarray(0, 30), /header/);
    expectRefused(bytes.subarray(0, bytes.length - 1), /section|trailer|checksum/);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expectRefused(longer, /trailer|checksum/);
    const step = Math.max(1, Math.floor(bytes.length / 97));
    for (let i = 12; i < bytes.length; i += step) {
      const c = bytes.slice();
      c[i] ^= 0x40;
      expectRefused(c, /.+/);
    }
  });

  it('refuses inconsistent contents even with a valid checksum', () => {
    expectRefused(editJson('PUBJ', (j) => ((j.graph as { values: { shape: number[] }[] }).values[0].shape = [1, 785])), /nodes|values/);
    expectRefused(editJson('PUBJ', (j) => ((j.graph as { nodes: { op: string }[] }).nodes[0].op = 'Bogus')), /op/);
    expectRefused(editJson('PUBJ', (j) => ((j.graph as { nodes: { inputs: string[] }[] }).nodes[0].inputs = ['nowhere'])), /inputs/);
    expectRefused(editJson('PUBJ', (j) => ((j.settings as { inputScales: number[] }).inputScales = [-1])), /inputScales/);
    expectRefused(editJson('PUBJ', (j) => ((j.hidden as { systemPrompt: unknown }).systemPrompt = 42)), /systemPrompt/);
    expectRefused(editJson('PUBJ', (j) => delete j.hidden), /PUBJ/);
    expectRefused(editJson('PRVJ', (j) => ((j.tensors as { length: number }[])[0].length += 1)), /PRVB/);
    expectRefused(editJson('PUBJ', (j) => ((j.graph as { params: { visibility: string }[] }).params[0].visibility = 'public')), /PUBB|PRVB/);
    const notJson = editJson('PRVJ', () => undefined);
    const dv = new DataView(notJson.buffer);
    let o = 12;
    for (let k = 0; k < 2; k++) o += 8 + dv.getUint32(o + 4, true);
    notJson[o + 8] = 0x7b + 1; // '|' instead of '{'
    expectRefused(reseal(notJson.subarray(0, notJson.length - 32)), /PRVJ/);
  });

  it('refuses a well-formed package whose integer graph could overflow (range analysis)', () => {
    const big: ModelPackage = decodePackage(bytes);
    const shiftName = [...big.graph.params.keys()].find((n) => n.endsWith('.shift'))!;
    (big.params.get(shiftName)!.data as Int32Array)[0] = 29;
    const mName = [...big.graph.params.keys()].find((n) => n.endsWith('.multiplier'))!;
    (big.params.get(mName)!.data as Int32Array)[0] = 65535;
    expect(() => decodePackage(encodePackage(big))).toThrow(RangeAnalysisError);
  });
});
