/**
 * Open-weights MLP statements (src/onchain/mlp, docs/parts/onchain.md §12) on the zoo's
 * Linear → Requant chains — B1 (MNIST 784-56-10) on a real MNIST test digit, A1-cps and
 * A1-penguins on real test rows, all quantized on real training rows:
 *  - honest statements: the proven output is the integer executor's (runIntGraph) bit for bit, layer
 *    by layer; the verifier accepts with the prover's statement hash and model id; keys round-trip
 *    and are deterministic;
 *  - every verifier check broken exactly (helpers/onchain-mlp-cases.ts), including cheating provers
 *    that re-derive every challenge (changed accumulators, another model's key);
 *  - graphs that are not Linear → Requant chains refused by name;
 *  - the weight-table layout: aligned, disjoint blocks; blockPoint selects W_k[row][col].
 */
import { describe, expect, it } from 'vitest';
import { MalformedError, P, eFromBase, fromInt, log2Ceil, mleEvalBase, sha256, toSigned } from '@vouch/core';
import { UnsupportedOpError, runIntGraph, type ModelPackage } from '../src/index.ts';
import type { IntGraph, IntNode, IntParams } from '../src/int/graph.ts';
import {
  blockPoint,
  decodeMlpVk,
  encodeMlpVk,
  mlpKey,
  mlpLayout,
  mlpModelId,
  mlpStatementHash,
  proveMlp,
  runMlp,
  verifyMlp,
  type MlpBlock,
  type MlpKey,
} from '../src/onchain/mlp/index.ts';
import { rng } from './helpers/build.ts';
import { tsVerdictMismatch } from './helpers/onchain-linear-cases.ts';
import { forgeMlpProof, mlpFixture, mlpVkOffsets, quantizedTestRow, quantizedZooModel, setU32At, tamperedMlpCases, withTrailingByte, type MlpFixture, type MlpModelId } from './helpers/onchain-mlp-cases.ts';

const party = Uint8Array.from({ length: 20 }, (_, i) => 0xa0 + i);
const other = Uint8Array.from({ length: 20 }, (_, i) => 0x10 + i);

/** The same parameters with weight entry `j` of `name` moved by one (staying int8). */
function withOneWeightChanged(params: IntParams, name: string, j = 0): IntParams {
  const t = params.get(name)!;
  const data = Int8Array.from(t.data);
  data[j] = data[j] === 127 ? 126 : data[j] + 1;
  return new Map(params).set(name, { ...t, data });
}

/** The Linear nodes' weight names, in order. */
const weightNames = (g: IntGraph): string[] => g.nodes.filter((n) => n.op === 'Linear').map((n) => n.params.weight);

/** All rejections of `cases` that differ from the expected one, as readable lines. */
function mismatches(cases: ReturnType<typeof tamperedMlpCases>): string[] {
  return cases.flatMap((c) => {
    const m = tsVerdictMismatch(() => verifyMlp(c.statement), c.ts);
    return m === undefined ? [] : [`${c.name}: ${m}`];
  });
}

describe('on-chain MLP statements (open weights: sumcheck + BaseFold), TS side', () => {
  const b1 = mlpFixture('B1', party);
  const fixtures = new Map<MlpModelId, MlpFixture>([['B1', b1]]);
  const fixture = (id: MlpModelId): MlpFixture => {
    if (!fixtures.has(id)) fixtures.set(id, mlpFixture(id, party));
    return fixtures.get(id)!;
  };

  describe('honest statements', () => {
    it.each(['B1', 'A1-cps', 'A1-penguins'] as const)('%s: proveMlp’s output is runIntGraph’s bit for bit (every layer); verifyMlp accepts with the same hash and model id', (id) => {
      const fx = fixture(id);
      const { pkg, key, x, out } = fx;
      const run = runIntGraph(pkg.graph, pkg.params, [Int32Array.from(x)]);
      expect(Array.from(run.outputs[0])).toEqual(out.outputValues);
      // Layer by layer: the accumulators and requantized outputs the proof publishes are the executor's.
      const { acc, outputs } = runMlp(key, x);
      const linears = pkg.graph.nodes.filter((n) => n.op === 'Linear');
      const requants = pkg.graph.nodes.filter((n) => n.op === 'Requant');
      expect(linears.length).toBe(key.vk.layers.length);
      linears.forEach((n, k) => expect(acc[k], `${id} ${n.name}`).toEqual(Array.from(run.values.get(n.output)!)));
      requants.forEach((n, k) => expect(outputs[k], `${id} ${n.name}`).toEqual(Array.from(run.values.get(n.output)!)));

      const v = verifyMlp(fx.statement);
      expect(v.output).toEqual(out.outputValues);
      expect(v.modelId).toEqual(key.modelId);
      expect(v.modelId).toEqual(mlpModelId(key.vkBytes));
      expect(v.statementHash).toEqual(out.statementHash);
      expect(v.statementHash).toEqual(mlpStatementHash(key.modelId, out.input, out.output, party));
      expect(mlpStatementHash(key.modelId, out.input, out.output, other)).not.toEqual(v.statementHash);
      // The statement bytes are the values as canonical u32 LE.
      const words = (b: Uint8Array) => Array.from(new Uint32Array(b.slice().buffer), toSigned);
      expect(words(out.input)).toEqual(x);
      expect(words(out.output)).toEqual(out.outputValues);
    });

    it('B1 proves a real MNIST test digit (quantized from models/fixtures/b1-mlp-mnist.onnx), shapes 784-56-10 under the conjectured-100 preset', () => {
      expect(b1.key.vk.layers.map((l) => [l.rows, l.cols])).toEqual([[56, 784], [10, 56]]);
      expect(b1.key.vk.params).toEqual({ vars: 17, logBlowup: 4, logArity: 3, queries: 25, finalVars: 4 });
      expect([b1.key.vk.inputLo, b1.key.vk.inputHi]).toEqual([-128, 127]);
      // A digit, not noise: mostly background pixels, some ink.
      const ink = b1.x.filter((v) => v !== b1.x[0]).length;
      expect(ink).toBeGreaterThan(50);
      expect(ink).toBeLessThan(400);
    });

    it.each(['B1', 'A1-cps', 'A1-penguins'] as const)('%s: the key bytes round-trip and mlpKey is deterministic', (id) => {
      const { pkg, key } = fixture(id);
      const vk = decodeMlpVk(key.vkBytes);
      expect(vk).toEqual(key.vk);
      expect(decodeMlpVk(encodeMlpVk(key.vk))).toEqual(key.vk);
      expect(encodeMlpVk(vk)).toEqual(key.vkBytes);
      const again = mlpKey(pkg.graph, pkg.params);
      expect(again.vkBytes).toEqual(key.vkBytes);
      expect(again.modelId).toEqual(key.modelId);
    });

    it('A1-penguins: more test rows; the source option changes the model id only through the key bytes', () => {
      const fx = fixture('A1-penguins');
      for (const index of [1, 2, 3]) {
        const x = quantizedTestRow('A1-penguins', fx.pkg, index);
        const out = proveMlp(fx.key, x, party);
        expect(out.outputValues).toEqual(Array.from(runIntGraph(fx.pkg.graph, fx.pkg.params, [Int32Array.from(x)]).outputs[0]));
        expect(verifyMlp({ vk: fx.key.vkBytes, input: out.input, output: out.output, party, proof: out.proof }).statementHash).toEqual(out.statementHash);
      }
      const src = 'ab'.repeat(32);
      const named = mlpKey(fx.pkg.graph, fx.pkg.params, { source: src });
      expect(named.vk.source).toEqual(new Uint8Array(32).fill(0xab));
      expect(named.vk.root).toEqual(fx.key.vk.root);
      expect(named.modelId).not.toEqual(fx.key.modelId);
      expect(named.modelId).toEqual(mlpModelId(named.vkBytes));
      expect(() => mlpKey(fx.pkg.graph, fx.pkg.params, { source: 'ab' })).toThrow(RangeError);
    });

    it('the cheating-prover harness is faithful: forgeMlpProof without a lie verifies', () => {
      const fx = fixture('A1-penguins');
      const f = forgeMlpProof(fx.key, fx.x, party);
      expect(f.output).toEqual(fx.out.output);
      expect(verifyMlp({ vk: fx.key.vkBytes, party, ...f }).statementHash).toEqual(fx.out.statementHash);
    });
  });

  describe('rejections', () => {
    it('B1: every tampered statement is rejected with exactly its reason (one honest proof reused)', () => {
      const [w0] = weightNames(b1.pkg.graph);
      const otherKey = mlpKey(b1.pkg.graph, withOneWeightChanged(b1.pkg.params, w0));
      expect(otherKey.modelId).not.toEqual(b1.key.modelId);
      const cases = tamperedMlpCases(b1, other, otherKey);
      expect(cases.length).toBeGreaterThanOrEqual(60);
      expect(mismatches(cases)).toEqual([]);
    });

    it.each(['A1-cps', 'A1-penguins'] as const)('%s (3 layers): every tampered statement is rejected with exactly its reason', (id) => {
      const fx = fixture(id);
      const otherKey = mlpKey(fx.pkg.graph, withOneWeightChanged(fx.pkg.params, weightNames(fx.pkg.graph)[2]));
      expect(mismatches(tamperedMlpCases(fx, other, otherKey))).toEqual([]);
    });

    it('another model’s key, proven by a cheater who holds the real weights: the opening (real values) or mlp.final (claimed values) refuses', () => {
      const fx = fixture('A1-penguins');
      for (const [layer, name] of weightNames(fx.pkg.graph).entries()) {
        // A weight the test row actually uses: row 0, a column whose input is not zero.
        const col = (layer === 0 ? fx.x : runMlp(fx.key, fx.x).outputs[layer - 1]).findIndex((v) => v !== 0);
        expect(col, `layer ${layer}`).toBeGreaterThanOrEqual(0);
        const claimed = mlpKey(fx.pkg.graph, withOneWeightChanged(fx.pkg.params, name, col));
        const real = forgeMlpProof(fx.key, fx.x, party, { claimed, opened: 'real' });
        expect(tsVerdictMismatch(() => verifyMlp({ vk: claimed.vkBytes, party, ...real }), { check: 'basefold.sumcheck' }), `layer ${layer}`).toBeUndefined();
        const honest = forgeMlpProof(fx.key, fx.x, party, { claimed, opened: 'claimed' });
        expect(tsVerdictMismatch(() => verifyMlp({ vk: claimed.vkBytes, party, ...honest }), { check: 'mlp.final', location: `layer ${layer}` }), `layer ${layer}`).toBeUndefined();
      }
    });

    it('the prover refuses a wrong input length, inputs outside the key’s range and a malformed party', () => {
      const { key, x } = fixture('A1-penguins');
      expect(() => proveMlp(key, x.slice(1), party)).toThrow(RangeError);
      expect(() => proveMlp(key, [128, ...x.slice(1)], party)).toThrow(RangeError);
      expect(() => proveMlp(key, [0.5, ...x.slice(1)], party)).toThrow(RangeError);
      expect(() => proveMlp(key, x, new Uint8Array(20))).toThrow(RangeError);
      expect(() => proveMlp(key, x, party.subarray(0, 19))).toThrow(RangeError);
    });

    it('a key that is not bytes, or an encoded key with a 19-byte root, is malformed', () => {
      const { key } = fixture('A1-penguins');
      expect(tsVerdictMismatch(() => decodeMlpVk([1, 2] as unknown as Uint8Array), { malformed: 'mlp.vk' })).toBeUndefined();
      expect(tsVerdictMismatch(() => encodeMlpVk({ ...key.vk, root: key.vk.root.subarray(1) }), { malformed: 'mlp.vk.root' })).toBeUndefined();
      expect(tsVerdictMismatch(() => encodeMlpVk({ ...key.vk, source: new Uint8Array(31) }), { malformed: 'mlp.vk.source' })).toBeUndefined();
      expect(tsVerdictMismatch(() => encodeMlpVk({ ...key.vk, layers: [{ ...key.vk.layers[0], bias: [0] }, ...key.vk.layers.slice(1)] }), { malformed: 'mlp.vk.layers[0].bias' })).toBeUndefined();
      // The range argument at its limit: layer 0 (cols 4, |x| ≤ 128) accepts |b| = (p−1)/2 − 4·128·128, not one more.
      const limit = (P - 1) / 2 - 4 * 128 * 128;
      const bias = (b: number) => ({ ...key.vk, layers: [{ ...key.vk.layers[0], bias: [b, ...key.vk.layers[0].bias.slice(1)] }, ...key.vk.layers.slice(1)] });
      expect(() => encodeMlpVk(bias(-limit))).not.toThrow();
      expect(tsVerdictMismatch(() => encodeMlpVk(bias(-limit - 1)), { malformed: 'mlp.vk.layers[0].range' })).toBeUndefined();
    });
  });

  describe('graphs that are not Linear → Requant chains', () => {
    const unsupported = (graph: IntGraph, params: IntParams): UnsupportedOpError => {
      try {
        mlpKey(graph, params);
      } catch (e) {
        if (e instanceof UnsupportedOpError) return e;
        throw e;
      }
      throw new Error('mlpKey accepted the graph');
    };
    const replaceNode = (g: IntGraph, i: number, n: Partial<IntNode>): IntGraph => ({ ...g, nodes: g.nodes.map((m, j) => (j === i ? { ...m, ...n } : m)) });
    let penguins: ModelPackage | undefined;
    const a1 = (): ModelPackage => (penguins ??= fixture('A1-penguins').pkg);

    it('B2 (LeNet-5, quantized from models/fixtures/b2-lenet5-mnist.onnx): refused at its [1, 1, 28, 28] input', () => {
      const pkg = quantizedZooModel('B2', 4);
      expect(pkg.graph.nodes[0].op).toBe('Conv');
      const e = unsupported(pkg.graph, pkg.params);
      expect([e.node, e.op]).toEqual(['graph', 'graph']);
      expect(e.message).toMatch(/\[1, 1, 28, 28\]/);
      expect(e.supported).toEqual(['Linear', 'Requant']);
    });

    it('a ReLU node in place of a Requant, a MatMul in place of a Linear: refused naming the node', () => {
      const g = a1().graph;
      const relu = unsupported(replaceNode(g, 1, { name: 'relu_x', op: 'Relu', attrs: {}, params: {} }), a1().params);
      expect([relu.node, relu.op]).toEqual(['relu_x', 'Relu']);
      const mm = unsupported(replaceNode(g, 2, { op: 'MatMul' }), a1().params);
      expect([mm.node, mm.op]).toEqual([g.nodes[2].name, 'MatMul']);
    });

    it('an odd node count, a broken chain, a requant axis other than 1 / −1, a second output: refused', () => {
      const g = a1().graph;
      const odd = unsupported({ ...g, nodes: g.nodes.slice(0, 3) }, a1().params);
      expect(odd.node).toBe('graph');
      const broken = unsupported(replaceNode(g, 2, { inputs: [g.inputs[0].name] }), a1().params);
      expect([broken.node, broken.op]).toEqual([g.nodes[2].name, 'Linear']);
      const axis = unsupported(replaceNode(g, 1, { attrs: { ...g.nodes[1].attrs, axis: 0 } }), a1().params);
      expect([axis.node, axis.op]).toEqual([g.nodes[1].name, 'Requant']);
      const twoOut = unsupported({ ...g, outputs: [...g.outputs, g.outputs[0]] }, a1().params);
      expect(twoOut.node).toBe('graph');
    });
  });

  describe('the weight-table layout', () => {
    const blockEnd = (b: MlpBlock) => b.offset + 2 ** (b.rb + b.cb);

    it('mlpLayout: blocks of 2^(⌈log rows⌉ + ⌈log cols⌉) entries, aligned to their size, disjoint, inside 2^vars, vars minimal', () => {
      const r = rng(7);
      const dim = () => 1 + Math.floor(r() ** 3 * 600);
      for (let t = 0; t < 300; t++) {
        const shapes = Array.from({ length: 1 + Math.floor(r() * 7) }, () => ({ rows: dim(), cols: dim() }));
        const { blocks, vars } = mlpLayout(shapes);
        expect(blocks.length).toBe(shapes.length);
        blocks.forEach((b, k) => {
          expect(b).toMatchObject({ layer: k, rb: log2Ceil(shapes[k].rows), cb: log2Ceil(shapes[k].cols) });
          expect(b.offset % 2 ** (b.rb + b.cb)).toBe(0);
        });
        const sorted = [...blocks].sort((a, b) => a.offset - b.offset);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i].offset).toBeGreaterThanOrEqual(blockEnd(sorted[i - 1]));
        const end = blockEnd(sorted[sorted.length - 1]);
        expect(vars).toBeGreaterThanOrEqual(1);
        expect(end).toBeLessThanOrEqual(2 ** vars);
        if (vars > 1) expect(end).toBeGreaterThan(2 ** (vars - 1));
        // Largest first: blocks are packed without gaps, so the table is at most twice the weights' padded size.
        expect(sorted.reduce((n, b) => n + 2 ** (b.rb + b.cb), 0)).toBe(end);
      }
    });

    /** The table as mlpKey builds it, from int8 matrices (row-major rows × cols). */
    const table = (ws: readonly { rows: number; cols: number; w: ArrayLike<number> }[]) => {
      const { blocks, vars } = mlpLayout(ws);
      const t = new Uint32Array(2 ** vars);
      ws.forEach((m, k) => {
        for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t[blocks[k].offset + i * 2 ** blocks[k].cb + j] = fromInt(m.w[i * m.cols + j]);
      });
      return { t, blocks, vars };
    };
    const bits = (v: number, n: number) => {
      const out = new Uint32Array(4 * n);
      for (let i = 0; i < n; i++) out.set(eFromBase((v >> i) & 1), 4 * i);
      return out;
    };
    const randExt = (r: () => number, n: number) => Uint32Array.from({ length: 4 * n }, () => Math.floor(r() * P));

    it('blockPoint at a hypercube point (s = bits(col), r = bits(row)) selects W_k[row][col] (0 in the padding); at a random point it is W~_k(s ‖ r)', () => {
      const r = rng(11);
      for (let t = 0; t < 40; t++) {
        const ms = Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
          const rows = 1 + Math.floor(r() * 9);
          const cols = 1 + Math.floor(r() * 9);
          return { rows, cols, w: Array.from({ length: rows * cols }, () => Math.floor(r() * 256) - 128) };
        });
        const { t: tab, blocks, vars } = table(ms);
        ms.forEach((m, k) => {
          const b = blocks[k];
          for (let i = 0; i < 2 ** b.rb; i++) {
            for (let j = 0; j < 2 ** b.cb; j++) {
              const want = i < m.rows && j < m.cols ? fromInt(m.w[i * m.cols + j]) : 0;
              expect(mleEvalBase(tab, blockPoint(b, vars, bits(j, b.cb), bits(i, b.rb)))).toEqual(eFromBase(want));
            }
          }
          // Off the hypercube: the table's MLE at the block point is the block's own MLE at s ‖ r.
          const own = tab.slice(b.offset, blockEnd(b));
          const s = randExt(r, b.cb);
          const rr = randExt(r, b.rb);
          expect(mleEvalBase(tab, blockPoint(b, vars, s, rr))).toEqual(mleEvalBase(own, Uint32Array.of(...s, ...rr)));
        });
      }
    });

    it.each(['A1-cps', 'A1-penguins'] as const)('%s: the committed table is the weight tensors laid out by mlpLayout, and blockPoint selects W_k[row][col]', (id) => {
      const { pkg, key } = fixture(id);
      const ms = weightNames(pkg.graph).map((n) => {
        const w = pkg.params.get(n)!;
        return { rows: w.shape[0], cols: w.shape[1], w: w.data };
      });
      const { t: tab, blocks, vars } = table(ms);
      expect(key.blocks).toEqual(blocks);
      expect(key.commitment.evals).toEqual(tab);
      const r = rng(id.length);
      ms.forEach((m, k) => {
        for (let q = 0; q < 24; q++) {
          const i = Math.floor(r() * m.rows);
          const j = Math.floor(r() * m.cols);
          expect(toSigned(mleEvalBase(key.commitment.evals, blockPoint(key.blocks[k], vars, bits(j, blocks[k].cb), bits(i, blocks[k].rb)))[0])).toBe(m.w[i * m.cols + j]);
        }
      });
    });
  });

  describe('frozen bytes (the key and proof formats change only on purpose)', () => {
    it('A1-penguins, first test row, party 0xa1…a1: SHA-256 of the key and of the proof', () => {
      const fx = mlpFixture('A1-penguins', new Uint8Array(20).fill(0xa1));
      const hex = (b: Uint8Array) => Buffer.from(sha256(b)).toString('hex');
      // Regenerate only when the key or proof format (vk.ts, proof.ts, basefold.md §3) changes on purpose.
      expect(fx.statement.proof.length).toBe(18626);
      expect(hex(fx.statement.vk)).toBe('477a951a226863fca61a62e519a9e535cad6bae1620e70a2ac470f025f7a8a83');
      expect(hex(fx.statement.proof)).toBe('bf3dbf5cad5924061a43866bc5d148f46e1936814f61dcc08fba6eee2c27a872');
      expect(() => verifyMlp(fx.statement)).not.toThrow();
    });
  });

  describe('regressions: int8 weights, and the BaseFold vars of a key', () => {

    it('a key asking for less than 100 conjectured bits (queries·logBlowup) is refused (mlp.vk.params); the presets pass', () => {
      const fx = fixture('A1-cps');
      const weak = { ...fx.key.vk, params: { ...fx.key.vk.params, queries: 1, logBlowup: 1, logArity: 1, finalVars: 0 } };
      expect(() => encodeMlpVk(weak)).toThrow(/queries·logBlowup ≥ 100/);
      const q24 = { ...fx.key.vk, params: { ...fx.key.vk.params, queries: 24 } };
      expect(() => encodeMlpVk(q24)).toThrow(MalformedError);
      expect(() => encodeMlpVk(fx.key.vk)).not.toThrow();
    });
    it('decodeMlpVk refuses a key whose BaseFold vars disagree with its layers (mlp.vk.params), before the statement’s input is read', () => {
      const { key, statement } = fixture('A1-penguins');
      const bad = setU32At(key.vkBytes, mlpVkOffsets(key.vk).params, key.vk.params.vars + 1);
      expect(tsVerdictMismatch(() => decodeMlpVk(bad), { malformed: 'mlp.vk.params' })).toBeUndefined();
      expect(tsVerdictMismatch(() => encodeMlpVk({ ...key.vk, params: { ...key.vk.params, vars: key.vk.params.vars + 1 } }), { malformed: 'mlp.vk.params' })).toBeUndefined();
      // The documented order: key (mlp.vk.*) before the input bytes (mlp.input).
      expect(tsVerdictMismatch(() => verifyMlp({ ...statement, vk: bad, input: withTrailingByte(statement.input) }), { malformed: 'mlp.vk.params' })).toBeUndefined();
    });

    it('mlpKey refuses weights outside int8 (the range argument assumes |w| ≤ 128; runIntGraph would wrap them)', () => {
      const { pkg, key } = fixture('A1-penguins');
      const [, , w2] = weightNames(pkg.graph);
      const t = pkg.params.get(w2)!;
      const data = Int32Array.from(t.data);
      data[0] = 300;
      const params = new Map(pkg.params).set(w2, { shape: t.shape, dtype: 'int32' as const, data });
      let err: unknown;
      let wide: MlpKey | undefined;
      try {
        wide = mlpKey(pkg.graph, params);
      } catch (e) {
        err = e;
      }
      expect(wide?.vk.layers.length, 'mlpKey accepted a weight of 300').toBeUndefined();
      expect(err).toBeInstanceOf(UnsupportedOpError);
      expect((err as UnsupportedOpError).node).toBe(pkg.graph.nodes[4].name);
      expect(key.vk.layers.length).toBe(3);
    });
  });
});
