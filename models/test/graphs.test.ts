import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { sizeOf } from '@vouch/zkml';
import { readOnnx, runFloatReference, writeOnnx } from '@vouch/onnx';
import {
  B3_WIDTHS,
  buildB3,
  buildB4,
  buildGpt,
  buildMlp,
  causalMask,
  graphFromJson,
  graphToJson,
  gptParamCount,
  MASK_VALUE,
  mulberry32,
  rebatch,
  tensor,
  ZooError,
} from '../src/index.ts';
import { convKernelToOihw, nhwcRowsToNchw } from '../src/train/common.ts';

const rnd = (seed: number, n: number): Float32Array => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() - 0.5);
};

describe('tfjs → ONNX layout conversions', () => {
  it('Conv2D kernels [kh, kw, in, out] become OIHW', () => {
    const src = rnd(1, 3 * 2 * 4 * 5);
    const w = convKernelToOihw(tf.tensor(src, [3, 2, 4, 5]));
    expect(w.shape).toEqual([5, 4, 3, 2]);
    // element (o=4, i=1, y=2, x=0) of OIHW is element (y=2, x=0, i=1, o=4) of HWIO
    expect(w.data[((4 * 4 + 1) * 3 + 2) * 2 + 0]).toBe(src[((2 * 2 + 0) * 4 + 1) * 5 + 4]);
  });

  it('dense rows after an NHWC flatten are reordered to NCHW order', () => {
    const h = 2;
    const wd = 3;
    const c = 4;
    const w = tensor([h * wd * c, 2], rnd(2, h * wd * c * 2));
    const out = nhwcRowsToNchw(w, h, wd, c);
    // The NHWC row (y=1, x=2, k=3) must land at the NCHW row (k=3, y=1, x=2).
    const src = ((1 * wd + 2) * c + 3) * 2;
    const dst = ((3 * h + 1) * wd + 2) * 2;
    expect([out.data[dst], out.data[dst + 1]]).toEqual([w.data[src], w.data[src + 1]]);
  });
});

describe('graph builders', () => {
  it('an MLP graph has static shapes and named logits', () => {
    const g = buildMlp('t', [
      { w: tensor([4, 3], rnd(3, 12)), b: tensor([3], rnd(4, 3)) },
      { w: tensor([3, 2], rnd(5, 6)), b: tensor([2], rnd(6, 2)) },
    ]);
    expect(g.inputs).toEqual([{ name: 'input', shape: [1, 4] }]);
    expect(g.outputs).toEqual([{ name: 'output', shape: [1, 2] }]);
    expect(g.nodes.map((n) => n.op)).toEqual(['MatMul', 'Add', 'Relu', 'MatMul', 'Add']);
  });

  it('rejects layers that do not chain', () => {
    expect(() =>
      buildMlp('t', [
        { w: tensor([4, 3], rnd(3, 12)), b: tensor([3], rnd(4, 3)) },
        { w: tensor([5, 2], rnd(5, 10)), b: tensor([2], rnd(6, 2)) },
      ]),
    ).toThrow(ZooError);
    expect(() => tensor([2, 2], [1, 2, 3])).toThrow(/expected 4 values/);
  });

  it('B3 has the DeepProve cifar-cnn widths and 259,511 parameters; B4 has 4,208,650', () => {
    const b3 = buildB3();
    let n = 0;
    for (const t of b3.constants.values()) n += sizeOf(t.shape);
    expect(n).toBe(259_511);
    expect(b3.inputs[0].shape).toEqual([1, 3, 32, 32]);
    expect(b3.shapes.get(b3.nodes.find((x) => x.op === 'Flatten')!.outputs[0])).toEqual([1, B3_WIDTHS.conv2 * 25]);
    let m = 0;
    for (const t of buildB4().constants.values()) m += sizeOf(t.shape);
    expect(m).toBe(4_208_650);
    expect(buildB3().constants.get('conv1.weight')!.data).toEqual(b3.constants.get('conv1.weight')!.data);
  });

  it('a GPT graph has per-head attention, a causal mask and [T, V] logits', () => {
    const cfg = { vocab: 7, ctx: 5, dModel: 8, heads: 2, layers: 1, dMlp: 16 };
    const t = (shape: number[], s: number): ReturnType<typeof tensor> =>
      tensor(
        shape,
        rnd(
          s,
          shape.reduce((a, b) => a * b, 1),
        ),
      );
    const ln = { g: t([8], 1), b: t([8], 2) };
    const p = {
      wte: t([7, 8], 3),
      wpe: t([5, 8], 4),
      blocks: [
        {
          ln1: ln,
          wq: t([8, 8], 5),
          bq: t([8], 6),
          wk: t([8, 8], 7),
          bk: t([8], 8),
          wv: t([8, 8], 9),
          bv: t([8], 10),
          wo: t([8, 8], 11),
          bo: t([8], 12),
          ln2: ln,
          w1: t([8, 16], 13),
          b1: t([16], 14),
          w2: t([16, 8], 15),
          b2: t([8], 16),
        },
      ],
      lnf: ln,
      head: t([8, 7], 17),
    };
    const g = buildGpt('tiny', cfg, p);
    expect(g.inputs[0]).toEqual({ name: 'tokens', shape: [5], dtype: 'int64' });
    expect(g.outputs[0]).toEqual({ name: 'logits', shape: [5, 7] });
    expect(g.nodes.filter((n) => n.op === 'Softmax').length).toBe(2);
    expect(g.nodes.filter((n) => n.op === 'Gelu').length).toBe(1);
    // wte + wpe + ln_f + head + one block (ln_1, q/k/v, c_proj, ln_2, c_fc, mlp c_proj)
    expect(gptParamCount(p)).toBe(56 + 40 + 16 + 56 + (16 + 3 * 72 + 72 + 16 + 144 + 136));
    expect(gptParamCount({ ...p, head: 'tied' })).toBe(768 - 56);
    const mask = causalMask(3);
    expect(Array.from(mask.data)).toEqual([0, MASK_VALUE, MASK_VALUE, 0, 0, MASK_VALUE, 0, 0, 0]);
    expect(() => buildGpt('bad', { ...cfg, heads: 3 }, p)).toThrow(/not divisible/);
  });

  it('graph JSON round-trips exactly and rejects a wrong format tag', () => {
    const g = buildB3();
    const back = graphFromJson(graphToJson(g));
    expect(back.nodes).toEqual(g.nodes);
    expect(back.inputs).toEqual(g.inputs);
    expect([...back.shapes]).toEqual([...g.shapes]);
    for (const [k, t] of g.constants) expect(back.constants.get(k)!.data).toEqual(t.data);
    expect(() => graphFromJson('{"format":"other"}')).toThrow(/malformed/);
  });

  it('rebatch changes the batch of per-row graphs and refuses others', () => {
    const g = rebatch(buildB3(), 16);
    expect(g.inputs[0].shape).toEqual([16, 3, 32, 32]);
    expect(g.outputs[0].shape).toEqual([16, 10]);
    const gpt = { ...buildMlp('t', [{ w: tensor([2, 2], [1, 0, 0, 1]), b: tensor([2], [0, 0]) }]) };
    expect(rebatch(gpt, 3).shapes.get('output')).toEqual([3, 2]);
    expect(() => rebatch({ ...gpt, nodes: [{ ...gpt.nodes[0], op: 'Transpose' }] }, 2)).toThrow(
      /not known to act per batch row/,
    );
  });

  it('a tied GPT head (Gemm transB over wte) computes the same logits as an explicit transposed head', async () => {
    const cfg = { vocab: 6, ctx: 4, dModel: 4, heads: 2, layers: 1, dMlp: 8 };
    const t = (shape: number[], s: number): ReturnType<typeof tensor> =>
      tensor(
        shape,
        rnd(
          s,
          shape.reduce((a, b) => a * b, 1),
        ),
      );
    const ln = { g: t([4], 1), b: t([4], 2) };
    const blk = {
      ln1: ln,
      wq: t([4, 4], 5),
      bq: t([4], 6),
      wk: t([4, 4], 7),
      bk: t([4], 8),
      wv: t([4, 4], 9),
      bv: t([4], 10),
      wo: t([4, 4], 11),
      bo: t([4], 12),
      ln2: ln,
      w1: t([4, 8], 13),
      b1: t([8], 14),
      w2: t([8, 4], 15),
      b2: t([4], 16),
    };
    const wte = t([6, 4], 3);
    const headT = new Float32Array(24);
    for (let v = 0; v < 6; v++) for (let j = 0; j < 4; j++) headT[j * 6 + v] = wte.data[v * 4 + j];
    const base = { wte, wpe: t([4, 4], 4), blocks: [blk], lnf: ln };
    const tied = buildGpt('tied', cfg, { ...base, head: 'tied' });
    const untied = buildGpt('untied', cfg, { ...base, head: tensor([4, 6], headT) });
    expect(tied.nodes.at(-1)!.op).toBe('Gemm');
    const feed = { tokens: { shape: [4], data: Float32Array.from([1, 5, 0, 3]) } };
    const a = (await runFloatReference(writeOnnx(tied), feed)).logits;
    const b = (await runFloatReference(writeOnnx(untied), feed)).logits;
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
    expect(readOnnx(writeOnnx(tied)).outputs[0].shape).toEqual([4, 6]);
  });
});
