/**
 * Decoder-only transformers as float graphs in standard ONNX ops, the layout of nanoGPT
 * (Karpathy, github.com/karpathy/nanoGPT, after GPT-2: Radford et al. 2019): token and position
 * embeddings, pre-LayerNorm blocks of causal multi-head self-attention and a GELU MLP, a final
 * LayerNorm and a linear head to vocabulary logits.
 *
 * Graph shape: `tokens` [T] (Gather) or a one-hot `input` [T, V] (MatMul) → `logits` [T, V].
 * Each head has its own Q/K/V projections [d, d/H] (the columns of the fused c_attn weight), so
 * no Reshape of activations is needed; the 1/√(d/H) attention scale is folded into Wq and bq.
 * The causal mask is a constant [T, T] added to the scores (0 on and below the diagonal,
 * {@link MASK_VALUE} above, GPT-2's masked_bias convention). GELU is the exact erf form, one
 * `Gelu` node (written by writeOnnx as the Erf pattern below opset 20).
 * Used by B5 (trained on Moby Dick) and B6 (GPT-2 small dimensions, random weights).
 */
import type { FloatGraph, FloatTensor } from '@vouch/zkml';
import { GraphBuilder, tensor } from './builder.ts';
import { ZooError } from '../data/errors.ts';

/** The additive mask value above the diagonal. */
export const MASK_VALUE = -1e4;

/** Hyper-parameters of a decoder. */
export interface GptConfig {
  readonly vocab: number;
  /** Context length T of the graph (static). */
  readonly ctx: number;
  readonly dModel: number;
  readonly heads: number;
  readonly layers: number;
  /** MLP hidden width (4·d in GPT-2). */
  readonly dMlp: number;
}

/** One block's parameters; matrices are [in, out] (x·W). */
export interface GptBlockParams {
  readonly ln1: { g: FloatTensor; b: FloatTensor };
  readonly wq: FloatTensor;
  readonly bq: FloatTensor;
  readonly wk: FloatTensor;
  readonly bk: FloatTensor;
  readonly wv: FloatTensor;
  readonly bv: FloatTensor;
  readonly wo: FloatTensor;
  readonly bo: FloatTensor;
  readonly ln2: { g: FloatTensor; b: FloatTensor };
  readonly w1: FloatTensor;
  readonly b1: FloatTensor;
  readonly w2: FloatTensor;
  readonly b2: FloatTensor;
}

/**
 * All parameters. `wpe` holds at least `ctx` rows; `head` is [d, V] (no bias), or `'tied'`: the
 * logits are x·wteᵀ, one `Gemm` (transB = 1) reading the token embedding itself, as in GPT-2.
 */
export interface GptParams {
  readonly wte: FloatTensor;
  readonly wpe: FloatTensor;
  readonly blocks: readonly GptBlockParams[];
  readonly lnf: { g: FloatTensor; b: FloatTensor };
  readonly head: FloatTensor | 'tied';
}

/** How tokens enter the graph and how GELU is written. */
export interface GptGraphOptions {
  /** `gather`: int token ids [T]; `onehot`: float one-hot rows [T, V] (default `gather`). */
  readonly embedding?: 'gather' | 'onehot';
  /**
   * `op` (default): one `Gelu` node (approximate none), which writeOnnx expands below opset 20
   * to the standard Erf pattern that readOnnx fuses back; `erf`: explicit x·½·(1 + erf(x/√2)).
   */
  readonly gelu?: 'erf' | 'op';
}

/** Columns [c0, c0 + n) of a row-major [rows, cols] matrix. */
function columns(m: FloatTensor, c0: number, n: number): FloatTensor {
  const [rows, cols] = m.shape;
  const out = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) out.set(m.data.subarray(r * cols + c0, r * cols + c0 + n), r * n);
  return tensor([rows, n], out);
}

function scaled(t: FloatTensor, s: number): FloatTensor {
  return tensor(
    t.shape,
    t.data.map((v) => v * s),
  );
}

/** The causal mask [T, T]. */
export function causalMask(t: number): FloatTensor {
  const m = new Float32Array(t * t);
  for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) m[i * t + j] = MASK_VALUE;
  return tensor([t, t], m);
}

/**
 * Builds the decoder graph.
 * @param name - graph name.
 * @param cfg - hyper-parameters.
 * @param p - parameters.
 * @param opts - input and GELU forms.
 * @returns the float graph with input `tokens` (or `input`) and output `logits` [T, V].
 * @throws {ZooError} when shapes disagree with the config.
 */
export function buildGpt(name: string, cfg: GptConfig, p: GptParams, opts: GptGraphOptions = {}): FloatGraph {
  const { ctx: T, dModel: d, heads: H, vocab: V } = cfg;
  if (d % H !== 0) throw new ZooError(`gpt ${name}: d_model ${d} is not divisible by ${H} heads`);
  if (p.blocks.length !== cfg.layers)
    throw new ZooError(`gpt ${name}: expected ${cfg.layers} blocks, got ${p.blocks.length}`);
  if (p.wpe.shape[0] < T) throw new ZooError(`gpt ${name}: wpe has ${p.wpe.shape[0]} rows, context is ${T}`);
  const hd = d / H;
  const g = new GraphBuilder(name);
  const wte = g.constant('wte', p.wte);
  let x: string;
  if ((opts.embedding ?? 'gather') === 'gather') {
    const ids = g.input('tokens', [T], 'int64');
    x = g.node('Gather', [wte, ids], [T, d], { axis: 0 });
  } else {
    x = g.matmul(g.input('input', [T, V]), wte);
  }
  x = g.binary('Add', x, g.constant('wpe', tensor([T, d], p.wpe.data.subarray(0, T * d))));
  const mask = g.constant('causal_mask', causalMask(T));
  const erfForm = opts.gelu === 'erf';
  const half = erfForm ? g.constant('gelu.half', tensor([], [0.5])) : '';
  const one = erfForm ? g.constant('gelu.one', tensor([], [1])) : '';
  const sqrt2 = erfForm ? g.constant('gelu.sqrt2', tensor([], [Math.SQRT2])) : '';
  const gelu = (h: string): string => {
    if (!erfForm) return g.unary('Gelu', h, { approximate: 'none' });
    const e = g.unary('Erf', g.binary('Div', h, sqrt2));
    return g.binary('Mul', g.binary('Mul', h, half), g.binary('Add', e, one));
  };
  const scale = 1 / Math.sqrt(hd);
  p.blocks.forEach((blk, l) => {
    const pre = `h${l}`;
    const a = g.layerNorm(x, `${pre}.ln_1`, blk.ln1.g, blk.ln1.b);
    const heads: string[] = [];
    for (let h = 0; h < H; h++) {
      const cols = (w: FloatTensor): FloatTensor => columns(w, h * hd, hd);
      const bias = (b: FloatTensor): FloatTensor => tensor([hd], b.data.subarray(h * hd, (h + 1) * hd));
      const q = g.dense(a, `${pre}.attn.q${h}`, scaled(cols(blk.wq), scale), scaled(bias(blk.bq), scale));
      const k = g.dense(a, `${pre}.attn.k${h}`, cols(blk.wk), bias(blk.bk));
      const v = g.dense(a, `${pre}.attn.v${h}`, cols(blk.wv), bias(blk.bv));
      const s = g.binary('Add', g.matmul(q, g.transpose(k, [1, 0])), mask);
      heads.push(g.matmul(g.unary('Softmax', s, { axis: -1 }), v));
    }
    const att = H === 1 ? heads[0] : g.concat(heads, -1);
    x = g.binary('Add', x, g.dense(att, `${pre}.attn.c_proj`, blk.wo, blk.bo));
    const m = g.layerNorm(x, `${pre}.ln_2`, blk.ln2.g, blk.ln2.b);
    const hid = gelu(g.dense(m, `${pre}.mlp.c_fc`, blk.w1, blk.b1));
    x = g.binary('Add', x, g.dense(hid, `${pre}.mlp.c_proj`, blk.w2, blk.b2));
  });
  x = g.layerNorm(x, 'ln_f', p.lnf.g, p.lnf.b);
  const logits =
    p.head === 'tied'
      ? g.node('Gemm', [x, wte], [T, V], { transB: 1 }, 'logits')
      : g.matmul(x, g.constant('lm_head.weight', p.head), 'logits');
  return g.build([logits]);
}

/** Number of parameters (wpe counted in full; a tied head adds nothing). */
export function gptParamCount(p: GptParams): number {
  let n = p.wte.data.length + p.wpe.data.length + p.lnf.g.data.length + p.lnf.b.data.length;
  if (p.head !== 'tied') n += p.head.data.length;
  for (const b of p.blocks) {
    for (const t of [
      b.ln1.g,
      b.ln1.b,
      b.wq,
      b.bq,
      b.wk,
      b.bk,
      b.wv,
      b.bv,
      b.wo,
      b.bo,
      b.ln2.g,
      b.ln2.b,
      b.w1,
      b.b1,
      b.w2,
      b.b2,
    ])
      n += t.data.length;
  }
  return n;
}
