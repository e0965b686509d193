/**
 * LeNet-style convolutional networks as float graphs, NCHW / OIHW (ONNX layouts):
 * conv → ReLU → pool → conv → ReLU → pool → flatten → dense → ReLU → dense → ReLU → dense.
 *
 * B2 is LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998, "Gradient-based learning applied to
 * document recognition") in its common modern form: 6@5×5 (pad 2) and 16@5×5 convolutions,
 * ReLU instead of scaled tanh, 2×2 pooling, dense 120 → 84 → 10.
 * B3 is DeepProve's cifar-cnn layout: the PyTorch CIFAR-10 tutorial net (conv 5×5 no padding,
 * max-pool 2, dense 120-84-10) with every width scaled by √(264K / 62K) to about 264K
 * parameters: 12@5×5, 33@5×5, dense 247 → 173 → 10 (259,511 parameters).
 */
import type { FloatGraph, FloatTensor } from '@vouch/zkml';
import { GraphBuilder } from './builder.ts';
import type { DenseParams } from './mlp.ts';

/** Convolution parameters: weight [out, in, kh, kw] (OIHW) and bias [out]. */
export interface ConvParams {
  readonly w: FloatTensor;
  readonly b: FloatTensor;
}

/** Parameters and hyper-parameters of a LeNet-style network. */
export interface LenetParams {
  readonly conv1: ConvParams;
  readonly conv2: ConvParams;
  /** Dense layers after the flatten; fc1's rows are in NCHW flatten order (c, h, w). */
  readonly fc: readonly DenseParams[];
  /** Padding of the first convolution (2 for LeNet-5 on 28×28, 0 for the CIFAR net). */
  readonly pad1: number;
  readonly pool: 'MaxPool' | 'AveragePool';
}

/**
 * Builds the graph: input `input` [batch, C, H, W] → logits `output` [batch, classes].
 * @param name - graph name.
 * @param inputShape - [C, H, W] of one image.
 * @param p - the parameters.
 * @param batch - static batch size (default 1).
 * @returns the float graph.
 * @throws {ZooError} when layer shapes do not chain.
 */
export function buildLenet(
  name: string,
  inputShape: readonly [number, number, number],
  p: LenetParams,
  batch = 1,
): FloatGraph {
  const g = new GraphBuilder(name);
  let x = g.input('input', [batch, ...inputShape]);
  x = g.pool(p.pool, g.unary('Relu', g.conv(x, 'conv1', p.conv1.w, p.conv1.b, p.pad1)), 2);
  x = g.pool(p.pool, g.unary('Relu', g.conv(x, 'conv2', p.conv2.w, p.conv2.b, 0)), 2);
  x = g.flatten(x, 1);
  p.fc.forEach((l, i) => {
    const last = i === p.fc.length - 1;
    x = g.dense(x, `fc${i + 1}`, l.w, l.b, last ? 'output' : undefined);
    if (!last) x = g.unary('Relu', x);
  });
  return g.build([x]);
}

/** Number of parameters of a LeNet-style network. */
export function lenetParamCount(p: LenetParams): number {
  const convs = [p.conv1, p.conv2].reduce((s, c) => s + c.w.data.length + c.b.data.length, 0);
  return convs + p.fc.reduce((s, l) => s + l.w.data.length + l.b.data.length, 0);
}
