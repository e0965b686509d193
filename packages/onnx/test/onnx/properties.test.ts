/**
 * Property tests against onnxruntime: random Gemm attribute/operand combinations and random
 * Slice parameters import to canonical form with the same outputs as the original model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeOf, validateGraph } from '@vouch/zkml';
import { readOnnx, writeOnnx } from '@vouch/onnx';
import { GraphBuilder, feedsFor, opsOf, roundTrip } from './helpers.ts';

describe('import properties (vs onnxruntime)', () => {
  it('Gemm: any transA/transB/alpha/beta, constant or computed B, any C broadcast form', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          m: fc.integer({ min: 1, max: 3 }),
          k: fc.integer({ min: 1, max: 3 }),
          n: fc.integer({ min: 1, max: 3 }),
          transA: fc.boolean(),
          transB: fc.boolean(),
          alpha: fc.constantFrom(1, 0.5, -2),
          beta: fc.constantFrom(1, 3),
          constB: fc.boolean(),
          c: fc.constantFrom('none', 'N', '1N', 'MN', 'M1', 'scalar', 'computed'),
        }),
        async (p) => {
          const g = new GraphBuilder();
          g.input('a', p.transA ? [p.k, p.m] : [p.m, p.k]);
          const bShape = p.transB ? [p.n, p.k] : [p.k, p.n];
          if (p.constB) g.const('b', bShape);
          else g.input('b', bShape);
          const ins = ['a', 'b'];
          const cShapes: Record<string, number[]> = {
            N: [p.n],
            '1N': [1, p.n],
            MN: [p.m, p.n],
            M1: [p.m, 1],
            scalar: [],
            computed: [p.m, p.n],
          };
          if (p.c === 'computed') ins.push(g.input('c', [p.m, p.n]));
          else if (p.c !== 'none') ins.push(g.const('c', cShapes[p.c]!));
          g.node('Gemm', ins, 'y', {
            transA: p.transA ? 1 : 0,
            transB: p.transB ? 1 : 0,
            alpha: p.alpha,
            beta: p.beta,
          });
          g.output('y', [p.m, p.n]);
          const r = await roundTrip(g.build(), feedsFor(g.build()));
          validateGraph(r.graph);
          for (const n of r.graph.nodes) if (n.op === 'Gemm') expect(n.attrs).toEqual({});
          expect(r.maxDiff).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('Slice: random starts/ends/axes/steps (negative, out of range) match onnxruntime', async () => {
    const shape = [3, 4, 5];
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: -3, max: 2 }), { minLength: 1, maxLength: 3, selector: (a) => (a + 3) % 3 }),
        fc.array(
          fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 }), fc.constantFrom(-2, -1, 1, 2, 3)),
          { minLength: 3, maxLength: 3 },
        ),
        async (axes, params) => {
          const ps = params.slice(0, axes.length);
          const g = new GraphBuilder();
          g.input('x', shape);
          g.int64(
            'starts',
            ps.map((q) => q[0]),
          );
          g.int64(
            'ends',
            ps.map((q) => q[1]),
          );
          g.int64('axes', axes);
          g.int64(
            'steps',
            ps.map((q) => q[2]),
          );
          g.node('Slice', ['x', 'starts', 'ends', 'axes', 'steps'], 's');
          // Add a constant 0 so that even empty slices produce a computed output.
          g.const('zero', [], [0]);
          g.node('Add', ['s', 'zero'], 'y');
          const expected = shape.map((d, i) => {
            const j = axes.findIndex((a) => (a + 3) % 3 === i);
            if (j < 0) return d;
            const [s0, e0, st] = ps[j]!;
            let s = s0 < 0 ? s0 + d : s0;
            let e = e0 < 0 ? e0 + d : e0;
            if (st > 0) [s, e] = [Math.min(Math.max(s, 0), d), Math.min(Math.max(e, 0), d)];
            else [s, e] = [Math.min(Math.max(s, 0), d - 1), Math.min(Math.max(e, -1), d - 1)];
            return Math.max(0, Math.ceil((e - s) / st));
          });
          g.output('y', expected);
          const r = await roundTrip(g.build(), feedsFor(g.build()));
          expect(r.graph.outputs[0]!.shape).toEqual(expected);
          expect(r.original['y']!.length).toBe(expected.reduce((a, b) => a * b, 1));
          expect(r.maxDiff).toBe(0);
        },
      ),
      { numRuns: 30, seed: 11 },
    );
  });

  it('Conv and pools: random kernels, strides, pads, auto_pad, groups, ceil_mode agree with onnxruntime', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          op: fc.constantFrom('Conv', 'MaxPool', 'AveragePool'),
          h: fc.integer({ min: 3, max: 7 }),
          w: fc.integer({ min: 3, max: 7 }),
          kh: fc.integer({ min: 1, max: 3 }),
          kw: fc.integer({ min: 1, max: 3 }),
          sh: fc.integer({ min: 1, max: 3 }),
          sw: fc.integer({ min: 1, max: 3 }),
          pads: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
          autoPad: fc.constantFrom('NOTSET', 'NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'),
          group: fc.constantFrom(1, 2),
          ceil: fc.constantFrom(0, 1),
          includePad: fc.constantFrom(0, 1),
        }),
        async (p) => {
          const pads = p.pads.map((v, i) => Math.min(v, (i % 2 === 0 ? p.kh : p.kw) - 1));
          const g = new GraphBuilder();
          g.input('x', [1, 4, p.h, p.w]);
          const attrs: Record<string, number | number[] | string> = {
            kernel_shape: [p.kh, p.kw],
            strides: [p.sh, p.sw],
          };
          if (p.autoPad === 'NOTSET') attrs['pads'] = pads;
          else attrs['auto_pad'] = p.autoPad;
          if (p.op === 'Conv') {
            g.const('W', [6, 4 / p.group, p.kh, p.kw]);
            g.const('B', [6]);
            attrs['group'] = p.group;
            g.node('Conv', ['x', 'W', 'B'], 'y', attrs);
          } else {
            attrs['ceil_mode'] = p.ceil;
            if (p.op === 'AveragePool') attrs['count_include_pad'] = p.includePad;
            g.node(p.op, ['x'], 'y', attrs);
          }
          // Declare the output with the importer's inferred shape; onnxruntime's own output size is checked below.
          const inferred = readOnnx(writeOnnx({ ...g.build(), outputs: [{ name: 'y', shape: [1] }] })).outputs[0]!
            .shape;
          g.output('y', [...inferred]);
          const r = await roundTrip(g.build(), feedsFor(g.build()));
          expect(r.original['y']!.length).toBe(sizeOf(inferred));
          expect(r.maxDiff).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });

  it('constant folding of Transpose, Slice, Gather, Concat, Expand and arithmetic matches onnxruntime', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom([0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]),
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.integer({ min: -3, max: 2 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 2 }),
        async (perm, gatherAxis, idx, step) => {
          const g = new GraphBuilder();
          g.const('C', [2, 3, 4]);
          g.const('D', [1, 1, 1]);
          g.node('Transpose', ['C'], 't', { perm });
          const ts = perm.map((p) => [2, 3, 4][p]!);
          const dim = ts[gatherAxis]!;
          g.int64(
            'idx',
            idx.map((v) => (((v % dim) + dim) % dim) - (v < 0 ? dim : 0)),
          );
          g.node('Gather', ['t', 'idx'], 'gt', { axis: gatherAxis });
          const gs = [...ts];
          gs[gatherAxis] = idx.length;
          g.int64('st', [0]);
          g.int64('en', [100]);
          g.int64('ax', [0]);
          g.int64('sp', [step]);
          g.node('Slice', ['gt', 'st', 'en', 'ax', 'sp'], 'sl');
          const ss = [...gs];
          ss[0] = Math.ceil(gs[0]! / step);
          g.int64('eshape', ss);
          g.node('Expand', ['D', 'eshape'], 'ones');
          g.node('Concat', ['sl', 'ones'], 'cc', { axis: 0 });
          const cs = [...ss];
          cs[0] = ss[0]! * 2;
          g.node('Mul', ['cc', 'cc'], 'sq');
          g.input('x', cs);
          g.node('Add', ['x', 'sq'], 'y');
          g.output('y', cs);
          const r = await roundTrip(g.build(), feedsFor(g.build()));
          expect(opsOf(r.graph)).toEqual(['Add']);
          expect(r.maxDiff).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 25, seed: 5 },
    );
  });
});
