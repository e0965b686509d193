/**
 * The optimized integer kernels against plain reference loops, bit for bit, on random shapes and
 * values: Conv (hoisted bounds), Requant (hoisted per-channel powers), activation MatMul (row order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requantize } from '../../src/int/arith.ts';
import type { IntNode, IntTensor } from '../../src/int/graph.ts';
import { conv } from '../../src/int/ops/conv.ts';
import { matmul } from '../../src/int/ops/matmul.ts';
import { requant } from '../../src/int/ops/requant.ts';

const ints = (n: number, lo: number, hi: number, seed: number): Int32Array => {
  let s = seed >>> 0;
  return Int32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + (s % (hi - lo + 1));
  });
};

describe('integer kernels vs reference loops', () => {
  it('Conv equals the per-tap reference for random geometry', () => {
    fc.assert(
      fc.property(
        fc.record({ C: fc.integer({ min: 1, max: 3 }), g: fc.integer({ min: 1, max: 2 }), F: fc.integer({ min: 1, max: 3 }), H: fc.integer({ min: 3, max: 8 }), W: fc.integer({ min: 3, max: 8 }), k: fc.integer({ min: 1, max: 3 }), s: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 2 }), p: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }), seed: fc.nat() }),
        ({ C, g, F, H, W, k, s, d, p, seed }) => {
          const Cin = C * g;
          const Fo = F * g;
          const OH = Math.floor((H + p[0] + p[2] - (d * (k - 1) + 1)) / s) + 1;
          const OW = Math.floor((W + p[1] + p[3] - (d * (k - 1) + 1)) / s) + 1;
          if (OH < 1 || OW < 1) return;
          const x = ints(Cin * H * W, -128, 127, seed);
          const w = Int8Array.from(ints(Fo * C * k * k, -127, 127, seed + 1));
          const b = ints(Fo, -1000, 1000, seed + 2);
          const node: IntNode = { name: 'c', op: 'Conv', inputs: ['x'], output: 'y', attrs: { strides: [s, s], pads: p, dilations: [d, d], group: g }, params: { weight: 'w', bias: 'b' } };
          const params = new Map<string, IntTensor>([
            ['w', { shape: [Fo, C, k, k], dtype: 'int8', data: w }],
            ['b', { shape: [Fo], dtype: 'int32', data: b }],
          ]);
          const got = conv({ node, inputs: [x], inShapes: [[1, Cin, H, W]], outShape: [1, Fo, OH, OW], params });
          for (let f = 0; f < Fo; f++)
            for (let oh = 0; oh < OH; oh++)
              for (let ow = 0; ow < OW; ow++) {
                let acc = b[f];
                const gi = Math.floor(f / F);
                for (let c = 0; c < C; c++)
                  for (let i = 0; i < k; i++)
                    for (let j = 0; j < k; j++) {
                      const ih = oh * s - p[0] + i * d;
                      const iw = ow * s - p[1] + j * d;
                      if (ih >= 0 && ih < H && iw >= 0 && iw < W) acc += x[((gi * C + c) * H + ih) * W + iw] * w[((f * C + c) * k + i) * k + j];
                    }
                expect(got[(f * OH + oh) * OW + ow]).toBe(acc);
              }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('per-channel Requant equals requantize() element by element', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.nat(), (A, C, I, seed) => {
        const x = ints(A * C * I, -(2 ** 24), 2 ** 24, seed);
        const m = ints(C, 0, 65535, seed + 1);
        const sh = ints(C, 13, 29, seed + 2);
        const node: IntNode = { name: 'r', op: 'Requant', inputs: ['x'], output: 'y', attrs: { axis: 1, lo: -32768, hi: 32767 }, params: { multiplier: 'm', shift: 's' } };
        const params = new Map<string, IntTensor>([
          ['m', { shape: [C], dtype: 'int32', data: m }],
          ['s', { shape: [C], dtype: 'int32', data: sh }],
        ]);
        const got = requant({ node, inputs: [x], inShapes: [[A, C, I]], outShape: [A, C, I], params });
        for (let i = 0; i < x.length; i++) {
          const c = Math.floor(i / I) % C;
          expect(got[i]).toBe(requantize(x[i], m[c], sh[c], -32768, 32767));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('batched activation MatMul equals the triple loop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.nat(), (B, M, K, N, seed) => {
        const a = ints(B * M * K, -128, 127, seed);
        const c = ints(K * N, 0, 255, seed + 1);
        const node: IntNode = { name: 'mm', op: 'MatMul', inputs: ['a', 'c'], output: 'y', attrs: {}, params: {} };
        const got = matmul({ node, inputs: [a, c], inShapes: [[B, M, K], [K, N]], outShape: [B, M, N], params: new Map() });
        for (let t = 0; t < B; t++)
          for (let i = 0; i < M; i++)
            for (let j = 0; j < N; j++) {
              let s = 0;
              for (let k = 0; k < K; k++) s += a[(t * M + i) * K + k] * c[k * N + j];
              expect(got[(t * M + i) * N + j]).toBe(s);
            }
      }),
      { numRuns: 200 },
    );
  });
});
