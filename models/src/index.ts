/**
 * @vouch/models — the model zoo: dataset loaders (MNIST, CPS-1985 wages, penguins, Moby Dick),
 * float-graph builders for the zoo architectures, the registry of models, and model-input samples.
 * Training scripts live in ./train and are run by hand (`npx tsx models/src/train/<name>.ts`).
 */
export * from './data/errors.ts';
export * from './data/rng.ts';
export * from './data/mnist.ts';
export * from './data/tabular.ts';
export * from './data/cps.ts';
export * from './data/penguins.ts';
export * from './data/moby.ts';
export * from './graphs/builder.ts';
export * from './graphs/json.ts';
export * from './graphs/mlp.ts';
export * from './graphs/cnn.ts';
export * from './graphs/gpt.ts';
export * from './graphs/synthetic.ts';
export * from './graphs/rebatch.ts';
export * from './samples.ts';
export * from './zoo.ts';
