/**
 * LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998) forward and backward passes written directly
 * over typed arrays, in ONNX layouts (NCHW activations, OIHW kernels, dense kernels [in, out],
 * flatten in (c, h, w) order), so the trained weights go into the float graph unchanged.
 *
 * Written because tfjs' pure-JS CPU convolutions (and their gradients) allocate a tensor per
 * op and run ~10× slower than these loops on a shared CPU. Layers: conv 6@5×5 pad 2 → ReLU →
 * avg-pool 2 → conv 16@5×5 → ReLU → avg-pool 2 → dense 400→120 → ReLU → 120→84 → ReLU → 84→10.
 * Loss: softmax cross-entropy. Optimizer: Adam (Kingma & Ba 2015).
 */
import { mulberry32 } from '../data/rng.ts';

/** The parameter tensors, flat; their order is the order of {@link PARAM_SHAPES}. */
export type LenetWeights = Float32Array[];

/** Shapes of the parameters: conv1 w, b; conv2 w, b; fc1 w, b; fc2 w, b; fc3 w, b. */
export const PARAM_SHAPES: readonly (readonly number[])[] = [
  [6, 1, 5, 5],
  [6],
  [16, 6, 5, 5],
  [16],
  [400, 120],
  [120],
  [120, 84],
  [84],
  [84, 10],
  [10],
];

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Glorot-uniform weights and zero biases, seeded. */
export function initLenet(seed: number): LenetWeights {
  const r = mulberry32(seed);
  const fans: [number, number][] = [
    [25, 150],
    [150, 400],
    [400, 120],
    [120, 84],
    [84, 10],
  ];
  return PARAM_SHAPES.map((s, i) => {
    const t = new Float32Array(size(s));
    if (i % 2 === 0) {
      const [fi, fo] = fans[i / 2];
      const lim = Math.sqrt(6 / (fi + fo));
      for (let k = 0; k < t.length; k++) t[k] = (2 * r() - 1) * lim;
    }
    return t;
  });
}

/** Activations of one forward pass, kept for the backward pass. */
interface Trace {
  x: Float32Array;
  c1: Float32Array; // 6×28×28 pre-ReLU
  p1: Float32Array; // 6×14×14
  c2: Float32Array; // 16×10×10 pre-ReLU
  p2: Float32Array; // 400
  h1: Float32Array; // 120 post-ReLU
  h2: Float32Array; // 84 post-ReLU
  z: Float32Array; // 10 logits
}

function dense(x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array, relu: boolean): void {
  const n = out.length;
  out.set(b);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) out[j] += xi * w[row + j];
  }
  if (relu) for (let j = 0; j < n; j++) if (out[j] < 0) out[j] = 0;
}

/**
 * Forward pass of one 28×28 image.
 * @returns the trace (its `z` are the logits).
 */
export function lenetForward(wts: LenetWeights, x: Float32Array): Trace {
  const [w1, b1, w2, b2, w3, b3, w4, b4, w5, b5] = wts;
  const c1 = new Float32Array(6 * 784);
  for (let o = 0; o < 6; o++) {
    for (let y = 0; y < 28; y++)
      for (let xx = 0; xx < 28; xx++) {
        let s = b1[o];
        for (let ky = 0; ky < 5; ky++) {
          const iy = y + ky - 2;
          if (iy < 0 || iy >= 28) continue;
          for (let kx = 0; kx < 5; kx++) {
            const ix = xx + kx - 2;
            if (ix < 0 || ix >= 28) continue;
            s += w1[o * 25 + ky * 5 + kx] * x[iy * 28 + ix];
          }
        }
        c1[o * 784 + y * 28 + xx] = s;
      }
  }
  const p1 = new Float32Array(6 * 196);
  for (let o = 0; o < 6; o++)
    for (let y = 0; y < 14; y++)
      for (let xx = 0; xx < 14; xx++) {
        const base = o * 784 + 2 * y * 28 + 2 * xx;
        p1[o * 196 + y * 14 + xx] =
          (Math.max(0, c1[base]) +
            Math.max(0, c1[base + 1]) +
            Math.max(0, c1[base + 28]) +
            Math.max(0, c1[base + 29])) /
          4;
      }
  const c2 = new Float32Array(16 * 100);
  for (let o = 0; o < 16; o++) {
    for (let y = 0; y < 10; y++)
      for (let xx = 0; xx < 10; xx++) {
        let s = b2[o];
        for (let i = 0; i < 6; i++) {
          const wb = (o * 6 + i) * 25;
          const pb = i * 196;
          for (let ky = 0; ky < 5; ky++) {
            const prow = pb + (y + ky) * 14 + xx;
            const wrow = wb + ky * 5;
            s +=
              w2[wrow] * p1[prow] +
              w2[wrow + 1] * p1[prow + 1] +
              w2[wrow + 2] * p1[prow + 2] +
              w2[wrow + 3] * p1[prow + 3] +
              w2[wrow + 4] * p1[prow + 4];
          }
        }
        c2[o * 100 + y * 10 + xx] = s;
      }
  }
  const p2 = new Float32Array(400);
  for (let o = 0; o < 16; o++)
    for (let y = 0; y < 5; y++)
      for (let xx = 0; xx < 5; xx++) {
        const base = o * 100 + 2 * y * 10 + 2 * xx;
        p2[o * 25 + y * 5 + xx] =
          (Math.max(0, c2[base]) +
            Math.max(0, c2[base + 1]) +
            Math.max(0, c2[base + 10]) +
            Math.max(0, c2[base + 11])) /
          4;
      }
  const h1 = new Float32Array(120);
  dense(p2, w3, b3, h1, true);
  const h2 = new Float32Array(84);
  dense(h1, w4, b4, h2, true);
  const z = new Float32Array(10);
  dense(h2, w5, b5, z, false);
  return { x, c1, p1, c2, p2, h1, h2, z };
}

/**
 * Backward pass of one example: adds d(loss)/d(param) into `grads` and returns the loss.
 * @param label - the class 0–9.
 */
export function lenetBackward(wts: LenetWeights, t: Trace, label: number, grads: LenetWeights): number {
  const [w1, , w2, , w3, , w4, , w5] = wts;
  const [gw1, gb1, gw2, gb2, gw3, gb3, gw4, gb4, gw5, gb5] = grads;
  const m = Math.max(...t.z);
  let se = 0;
  const dz = new Float32Array(10);
  for (let k = 0; k < 10; k++) se += dz[k] = Math.exp(t.z[k] - m);
  for (let k = 0; k < 10; k++) dz[k] /= se;
  const loss = -Math.log(Math.max(dz[label], 1e-30));
  dz[label] -= 1;
  const back = (
    x: Float32Array,
    w: Float32Array,
    gw: Float32Array,
    gb: Float32Array,
    dy: Float32Array,
    dx: Float32Array | undefined,
    reluOut: Float32Array | undefined,
  ): void => {
    const n = dy.length;
    for (let j = 0; j < n; j++) gb[j] += dy[j];
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      const row = i * n;
      let acc = 0;
      for (let j = 0; j < n; j++) {
        gw[row + j] += xi * dy[j];
        acc += w[row + j] * dy[j];
      }
      if (dx) dx[i] = reluOut && reluOut[i] <= 0 ? 0 : acc;
    }
  };
  const dh2 = new Float32Array(84);
  back(t.h2, w5, gw5, gb5, dz, dh2, t.h2);
  const dh1 = new Float32Array(120);
  back(t.h1, w4, gw4, gb4, dh2, dh1, t.h1);
  const dp2 = new Float32Array(400);
  back(t.p2, w3, gw3, gb3, dh1, dp2, undefined);
  // avg-pool 2 and ReLU of conv2
  const dc2 = new Float32Array(1600);
  for (let o = 0; o < 16; o++)
    for (let y = 0; y < 10; y++)
      for (let xx = 0; xx < 10; xx++) {
        const k = o * 100 + y * 10 + xx;
        dc2[k] = t.c2[k] > 0 ? dp2[o * 25 + (y >> 1) * 5 + (xx >> 1)] / 4 : 0;
      }
  const dp1 = new Float32Array(6 * 196);
  for (let o = 0; o < 16; o++) {
    for (let y = 0; y < 10; y++)
      for (let xx = 0; xx < 10; xx++) {
        const d = dc2[o * 100 + y * 10 + xx];
        if (d === 0) continue;
        gb2[o] += d;
        for (let i = 0; i < 6; i++) {
          const wb = (o * 6 + i) * 25;
          const pb = i * 196;
          for (let ky = 0; ky < 5; ky++)
            for (let kx = 0; kx < 5; kx++) {
              const pi = pb + (y + ky) * 14 + xx + kx;
              gw2[wb + ky * 5 + kx] += d * t.p1[pi];
              dp1[pi] += d * w2[wb + ky * 5 + kx];
            }
        }
      }
  }
  for (let o = 0; o < 6; o++)
    for (let y = 0; y < 28; y++)
      for (let xx = 0; xx < 28; xx++) {
        const k = o * 784 + y * 28 + xx;
        if (t.c1[k] <= 0) continue;
        const d = dp1[o * 196 + (y >> 1) * 14 + (xx >> 1)] / 4;
        if (d === 0) continue;
        gb1[o] += d;
        for (let ky = 0; ky < 5; ky++) {
          const iy = y + ky - 2;
          if (iy < 0 || iy >= 28) continue;
          for (let kx = 0; kx < 5; kx++) {
            const ix = xx + kx - 2;
            if (ix < 0 || ix >= 28) continue;
            gw1[o * 25 + ky * 5 + kx] += d * t.x[iy * 28 + ix];
          }
        }
      }
  void w1;
  return loss;
}

/** Adam state over a list of tensors. */
export class Adam {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;

  constructor(
    shapes: readonly Float32Array[],
    private readonly lr: number,
    private readonly b1 = 0.9,
    private readonly b2 = 0.999,
    private readonly eps = 1e-7,
  ) {
    this.m = shapes.map((s) => new Float32Array(s.length));
    this.v = shapes.map((s) => new Float32Array(s.length));
  }

  /** One step with gradients averaged over `batch` examples. */
  step(params: Float32Array[], grads: Float32Array[], batch: number): void {
    this.t++;
    const c1 = 1 - this.b1 ** this.t;
    const c2 = 1 - this.b2 ** this.t;
    params.forEach((p, k) => {
      const g = grads[k];
      const m = this.m[k];
      const v = this.v[k];
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] / batch;
        m[i] = this.b1 * m[i] + (1 - this.b1) * gi;
        v[i] = this.b2 * v[i] + (1 - this.b2) * gi * gi;
        p[i] -= (this.lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    });
  }
}
