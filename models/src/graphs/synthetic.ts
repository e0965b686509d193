/**
 * Timing-only architectures with seeded random weights (proving time does not depend on the
 * weight values; benchmarks.md): B3 DeepProve's cifar-cnn layout, B4 a 4M-parameter dense MLP,
 * B6 the GPT-2 small architecture (Radford et al. 2019) for one token. Weights are He-scaled
 * Gaussians (std √(2/fan_in)) so activations keep a realistic range for calibration.
 */
import type { FloatGraph, FloatTensor } from '@vouch/zkml';
import { gaussian, mulberry32, type Rng } from '../data/rng.ts';
import { tensor } from './builder.ts';
import { buildLenet, type LenetParams } from './cnn.ts';
import { buildGpt, type GptConfig, type GptParams } from './gpt.ts';
import { buildMlp, type DenseParams } from './mlp.ts';

function randn(r: Rng, shape: readonly number[], std: number): FloatTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = gaussian(r) * std;
  return tensor(shape, d);
}

function filled(shape: readonly number[], v: number): FloatTensor {
  return tensor(shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(v));
}

function dense(r: Rng, i: number, o: number): DenseParams {
  return { w: randn(r, [i, o], Math.sqrt(2 / i)), b: randn(r, [o], 0.01) };
}

/** B3 widths: the PyTorch CIFAR-10 tutorial net scaled by √(264K/62K), as DeepProve's cifar-cnn does. */
export const B3_WIDTHS = { conv1: 12, conv2: 33, fc1: 247, fc2: 173, classes: 10 } as const;

/**
 * B3: CIFAR-style CNN, input [1, 3, 32, 32], 259,511 parameters, random weights.
 * @param seed - weight seed (default 3).
 */
export function buildB3(seed = 3): FloatGraph {
  const r = mulberry32(seed);
  const { conv1, conv2, fc1, fc2, classes } = B3_WIDTHS;
  const p: LenetParams = {
    conv1: { w: randn(r, [conv1, 3, 5, 5], Math.sqrt(2 / 75)), b: randn(r, [conv1], 0.01) },
    conv2: { w: randn(r, [conv2, conv1, 5, 5], Math.sqrt(2 / (conv1 * 25))), b: randn(r, [conv2], 0.01) },
    fc: [dense(r, conv2 * 25, fc1), dense(r, fc1, fc2), dense(r, fc2, classes)],
    pad1: 0,
    pool: 'MaxPool',
  };
  return buildLenet('b3-cifar-cnn', [3, 32, 32], p, 1);
}

/** B4 layer widths: four 1024×1024 layers and a 1024×10 head, about 4.2M parameters. */
export const B4_WIDTHS = [1024, 1024, 1024, 1024, 1024, 10] as const;

/**
 * B4: dense MLP 1024-1024-1024-1024-1024-10 (ReLU), 4,208,650 parameters, random weights.
 * @param seed - weight seed (default 4).
 * @param batch - static batch size (default 1).
 */
export function buildB4(seed = 4, batch = 1): FloatGraph {
  const r = mulberry32(seed);
  const layers: DenseParams[] = [];
  for (let i = 0; i + 1 < B4_WIDTHS.length; i++) layers.push(dense(r, B4_WIDTHS[i], B4_WIDTHS[i + 1]));
  return buildMlp('b4-dense-4m', layers, batch);
}

/** GPT-2 small: 12 layers, d 768, 12 heads, vocabulary 50,257, context 1,024. */
export const GPT2_SMALL: GptConfig = { vocab: 50_257, ctx: 1, dModel: 768, heads: 12, layers: 12, dMlp: 3072 };

/** Parameters of GPT-2 small with a tied head (wte, wpe [1024, 768], 12 blocks, ln_f). */
export const GPT2_SMALL_PARAMS = 124_439_808;

/**
 * B6: the GPT-2 small architecture for one token (context 1, so attention is over the token
 * itself), random weights N(0, 0.02) as GPT-2 initializes them; the head is tied to the token
 * embedding (logits = x·wteᵀ, one Gemm). Needs about 2–3 GB of memory; built on demand only.
 * @param seed - weight seed (default 6).
 * @param ctx - context length of the graph (default 1).
 */
export function buildB6(seed = 6, ctx = 1): FloatGraph {
  const r = mulberry32(seed);
  const cfg: GptConfig = { ...GPT2_SMALL, ctx };
  const { vocab: V, dModel: d, dMlp: m } = cfg;
  const std = 0.02;
  const proj = 0.02 / Math.sqrt(2 * cfg.layers);
  const ln = (): { g: FloatTensor; b: FloatTensor } => ({ g: filled([d], 1), b: filled([d], 0) });
  const wte = randn(r, [V, d], std);
  const p: GptParams = {
    wte,
    wpe: randn(r, [ctx, d], 0.01),
    blocks: Array.from({ length: cfg.layers }, () => ({
      ln1: ln(),
      wq: randn(r, [d, d], std),
      bq: filled([d], 0),
      wk: randn(r, [d, d], std),
      bk: filled([d], 0),
      wv: randn(r, [d, d], std),
      bv: filled([d], 0),
      wo: randn(r, [d, d], proj),
      bo: filled([d], 0),
      ln2: ln(),
      w1: randn(r, [d, m], std),
      b1: filled([m], 0),
      w2: randn(r, [m, d], proj),
      b2: filled([d], 0),
    })),
    lnf: ln(),
    head: 'tied',
  };
  return buildGpt('b6-gpt2-small', cfg, p);
}
