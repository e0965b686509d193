/**
 * Multi-layer perceptrons as float graphs: Dense → ReLU → … → Dense (logits, no softmax).
 * Used by B1 (MNIST 784-56-10), A1 (tabular) and B4 (the 4M-parameter timing MLP).
 */
import type { FloatGraph, FloatTensor } from '@vouch/zkml';
import { GraphBuilder } from './builder.ts';

/** One dense layer: kernel [in, out] (tfjs layout, i.e. x·W) and bias [out]. */
export interface DenseParams {
  readonly w: FloatTensor;
  readonly b: FloatTensor;
}

/**
 * Builds an MLP graph: input `input` [batch, in] → logits `output` [batch, classes].
 * @param name - graph name.
 * @param layers - dense layers in order; ReLU between consecutive layers, none after the last.
 * @param batch - static batch size (default 1).
 * @returns the float graph.
 * @throws {ZooError} when consecutive layer widths do not chain.
 */
export function buildMlp(name: string, layers: readonly DenseParams[], batch = 1): FloatGraph {
  const g = new GraphBuilder(name);
  let x = g.input('input', [batch, layers[0].w.shape[0]]);
  layers.forEach((l, i) => {
    const last = i === layers.length - 1;
    x = g.dense(x, `fc${i + 1}`, l.w, l.b, last ? 'output' : undefined);
    if (!last) x = g.unary('Relu', x);
  });
  return g.build([x]);
}

/** Number of parameters of a list of dense layers. */
export function denseParamCount(layers: readonly DenseParams[]): number {
  return layers.reduce((s, l) => s + l.w.data.length + l.b.data.length, 0);
}
