/**
 * The nanoGPT-style decoder (Karpathy, github.com/karpathy/nanoGPT) written with tfjs ops for
 * training: variables, forward pass to logits, and conversion of the trained variables to the
 * {@link GptParams} of the float-graph builder (models/src/graphs/gpt.ts), which computes the
 * same function in ONNX ops.
 */
import * as tf from '@tensorflow/tfjs';
import type { GptConfig, GptParams } from '../graphs/gpt.ts';
import { fromTf } from './common.ts';

/** Trainable variables of the decoder. */
export interface GptVars {
  readonly wte: tf.Variable;
  readonly wpe: tf.Variable;
  readonly blocks: readonly Record<
    | 'ln1g'
    | 'ln1b'
    | 'wq'
    | 'bq'
    | 'wk'
    | 'bk'
    | 'wv'
    | 'bv'
    | 'wo'
    | 'bo'
    | 'ln2g'
    | 'ln2b'
    | 'w1'
    | 'b1'
    | 'w2'
    | 'b2',
    tf.Variable
  >[];
  readonly lnfg: tf.Variable;
  readonly lnfb: tf.Variable;
  readonly head: tf.Variable;
}

/**
 * Initializes variables as nanoGPT does: N(0, 0.02) weights, N(0, 0.02/√(2L)) residual
 * projections, zero biases, unit LayerNorm gains; seeded.
 */
export function initGpt(cfg: GptConfig, seed: number): GptVars {
  let s = seed;
  const normal = (shape: number[], std = 0.02): tf.Variable =>
    tf.variable(tf.randomNormal(shape, 0, std, 'float32', s++));
  const zeros = (n: number): tf.Variable => tf.variable(tf.zeros([n]));
  const ones = (n: number): tf.Variable => tf.variable(tf.ones([n]));
  const { dModel: d, dMlp: m } = cfg;
  const proj = 0.02 / Math.sqrt(2 * cfg.layers);
  return {
    wte: normal([cfg.vocab, d]),
    wpe: normal([cfg.ctx, d]),
    blocks: Array.from({ length: cfg.layers }, () => ({
      ln1g: ones(d),
      ln1b: zeros(d),
      wq: normal([d, d]),
      bq: zeros(d),
      wk: normal([d, d]),
      bk: zeros(d),
      wv: normal([d, d]),
      bv: zeros(d),
      wo: normal([d, d], proj),
      bo: zeros(d),
      ln2g: ones(d),
      ln2b: zeros(d),
      w1: normal([d, m]),
      b1: zeros(m),
      w2: normal([m, d], proj),
      b2: zeros(d),
    })),
    lnfg: ones(d),
    lnfb: zeros(d),
    head: normal([d, cfg.vocab]),
  };
}

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
}

function gelu(x: tf.Tensor): tf.Tensor {
  return x.mul(0.5).mul(tf.erf(x.div(Math.SQRT2)).add(1));
}

/**
 * Forward pass.
 * @param ids - token ids [B, T] (int32).
 * @returns logits [B·T, V].
 */
export function gptForward(cfg: GptConfig, v: GptVars, ids: tf.Tensor2D): tf.Tensor2D {
  const [B, T] = ids.shape;
  const { dModel: d, heads: H } = cfg;
  const hd = d / H;
  const mask = tf.linalg
    .bandPart(tf.ones([T, T]), -1, 0)
    .sub(1)
    .mul(1e4); // 0 on/below diagonal, -1e4 above
  let x = tf
    .gather(v.wte, ids.reshape([B * T]))
    .reshape([B, T, d])
    .add(v.wpe.slice([0, 0], [T, d]))
    .reshape([B * T, d]);
  const heads = (t: tf.Tensor): tf.Tensor => t.reshape([B, T, H, hd]).transpose([0, 2, 1, 3]);
  for (const blk of v.blocks) {
    const a = layerNorm(x, blk.ln1g, blk.ln1b);
    const q = heads(a.matMul(blk.wq).add(blk.bq));
    const k = heads(a.matMul(blk.wk).add(blk.bk));
    const val = heads(a.matMul(blk.wv).add(blk.bv));
    const s = tf
      .matMul(q, k, false, true)
      .mul(1 / Math.sqrt(hd))
      .add(mask);
    const o = tf
      .matMul(tf.softmax(s, -1), val)
      .transpose([0, 2, 1, 3])
      .reshape([B * T, d]);
    x = x.add(o.matMul(blk.wo).add(blk.bo));
    const mm = layerNorm(x, blk.ln2g, blk.ln2b);
    x = x.add(gelu(mm.matMul(blk.w1).add(blk.b1)).matMul(blk.w2).add(blk.b2));
  }
  return layerNorm(x, v.lnfg, v.lnfb).matMul(v.head) as tf.Tensor2D;
}

/** The trained variables as float-graph parameters. */
export function gptParamsFromVars(v: GptVars): GptParams {
  return {
    wte: fromTf(v.wte),
    wpe: fromTf(v.wpe),
    blocks: v.blocks.map((b) => ({
      ln1: { g: fromTf(b.ln1g), b: fromTf(b.ln1b) },
      wq: fromTf(b.wq),
      bq: fromTf(b.bq),
      wk: fromTf(b.wk),
      bk: fromTf(b.bk),
      wv: fromTf(b.wv),
      bv: fromTf(b.bv),
      wo: fromTf(b.wo),
      bo: fromTf(b.bo),
      ln2: { g: fromTf(b.ln2g), b: fromTf(b.ln2b) },
      w1: fromTf(b.w1),
      b1: fromTf(b.b1),
      w2: fromTf(b.w2),
      b2: fromTf(b.b2),
    })),
    lnf: { g: fromTf(v.lnfg), b: fromTf(v.lnfb) },
    head: fromTf(v.head),
  };
}
