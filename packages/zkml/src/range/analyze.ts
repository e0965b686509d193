/**
 * Static range analysis of an integer graph (interval arithmetic over the graph, with the actual
 * parameters): bounds every accumulator, every product with a requantization multiplier, every
 * split-requantization intermediate and every lookup-table input, and refuses a graph that could
 * leave
 * - the signed field range ±(p−1)/2 of BabyBear (p = 2013265921) for any accumulator or partial
 *   sum, both for the actual weights and for any int8 weights of the same shapes (the verifier does
 *   not see the weights; they are range-checked to int8 in the proof);
 * - 2^29 for l·M + 2^(s−1) and |h·M + c| of the split requantization (proof-system.md);
 * - the clamp table's domain [−2^15, 2^15) for the unclamped requantized q;
 * - a Lookup table's domain for its input; a value's declared dtype.
 * Inputs are assumed to be anywhere in their dtype range.
 */
import { MULTIPLIER_LIMIT, SHIFT_MAX, SHIFT_MIN } from '../int/arith.ts';
import { HALF_P } from '../int/core.ts';
import { DTYPE_RANGE, intAttr, intAttrs, numel, type IntGraph, type IntNode, type IntParams, type IntTensor } from '../int/graph.ts';
import { RangeAnalysisError } from './errors.ts';
import { dotBounds } from './intervals.ts';
import { requantBounds } from './requant-bounds.ts';

/** 2^29: the bound on split-requantization intermediates. */
export const REQUANT_BOUND = 2 ** 29;
/** The clamp table's domain: unclamped requantized values lie in [−2^15, 2^15). */
export const CLAMP_DOMAIN: readonly [number, number] = [-(2 ** 15), 2 ** 15 - 1];

/** The interval of one value, optionally per channel (accumulators before requantization). */
export interface ValueRange {
  readonly lo: number;
  readonly hi: number;
  /** Per-channel intervals along `axis`, when known. */
  readonly channels?: { readonly axis: number; readonly lo: Float64Array; readonly hi: Float64Array };
}

/** One checked quantity: its interval and the bound it was checked against. */
export interface CheckedQuantity {
  readonly node: string;
  readonly quantity: string;
  readonly lo: number;
  readonly hi: number;
  readonly bound: string;
}

/** Result of {@link analyzeRanges}. */
export interface RangeReport {
  /** Interval of every value. */
  readonly values: Map<string, ValueRange>;
  /** Every quantity checked, with its interval. */
  readonly checks: CheckedQuantity[];
}

/**
 * Runs the range analysis.
 * @param graph the integer graph
 * @param params its parameters (weights, multipliers, tables)
 * @returns intervals of every value and every checked quantity
 * @throws {RangeAnalysisError} naming the node, the quantity and the bound on the first violation
 * @example
 * const { checks } = analyzeRanges(pkg.graph, pkg.params);
 */
export function analyzeRanges(graph: IntGraph, params: IntParams): RangeReport {
  const values = new Map<string, ValueRange>();
  const checks: CheckedQuantity[] = [];
  const check = (node: string, quantity: string, lo: number, hi: number, min: number, max: number, bound: string): void => {
    if (!(lo >= min && hi <= max)) throw new RangeAnalysisError(node, quantity, bound, `[${lo}, ${hi}]`);
    checks.push({ node, quantity, lo, hi, bound });
  };
  for (const vi of graph.inputs) {
    const [lo, hi] = vi.range ?? DTYPE_RANGE[vi.dtype];
    values.set(vi.name, { lo, hi });
  }
  for (const node of graph.nodes) {
    const ins = node.inputs.map((n) => {
      const r = values.get(n);
      if (!r) throw new RangeAnalysisError(node.name, `input ${n}`, 'a value defined before use', 'undefined');
      return r;
    });
    const out = analyzeNode(graph, node, ins, params, check);
    const vi = graph.values.get(node.output);
    if (!vi) throw new RangeAnalysisError(node.name, 'output', 'a declared value', 'undefined');
    const [dlo, dhi] = DTYPE_RANGE[vi.dtype];
    check(node.name, `output ${vi.name} (${vi.dtype})`, out.lo, out.hi, dlo, dhi, `within [${dlo}, ${dhi}]`);
    values.set(node.output, out);
  }
  return { values, checks };
}

type Check = (node: string, quantity: string, lo: number, hi: number, min: number, max: number, bound: string) => void;

function getParam(node: IntNode, params: IntParams, role: string): IntTensor {
  const name = node.params[role];
  const t = name === undefined ? undefined : params.get(name);
  if (!t) throw new RangeAnalysisError(node.name, `parameter ${role}`, 'a tensor', 'none');
  return t;
}

const FIELD = `|v| ≤ (p−1)/2 = ${HALF_P}`;

function analyzeNode(graph: IntGraph, node: IntNode, ins: ValueRange[], params: IntParams, check: Check): ValueRange {
  const shapeOf = (n: string): readonly number[] => graph.values.get(n)!.shape;
  switch (node.op) {
    case 'Linear':
    case 'Conv': {
      const w = getParam(node, params, 'weight');
      const b = node.params.bias !== undefined ? getParam(node, params, 'bias') : undefined;
      const channels = w.shape[0];
      const per = numel(w.shape) / channels;
      const x = ins[0];
      const bd = dotBounds(w.data, b?.data, channels, per, x.lo, x.hi);
      const xAbs = Math.max(Math.abs(x.lo), Math.abs(x.hi));
      let lo = Infinity;
      let hi = -Infinity;
      let absMax = 0;
      let bMax = 0;
      for (let c = 0; c < channels; c++) {
        lo = Math.min(lo, bd.lo[c]);
        hi = Math.max(hi, bd.hi[c]);
        absMax = Math.max(absMax, bd.abs[c]);
        bMax = Math.max(bMax, b ? Math.abs(b.data[c]) : 0);
      }
      check(node.name, 'accumulator partial sums', -absMax, absMax, -HALF_P, HALF_P, FIELD);
      const anyW = per * 128 * xAbs + bMax;
      check(node.name, `accumulator for any int8 weights (${per} terms)`, -anyW, anyW, -HALF_P, HALF_P, FIELD);
      const axis = node.op === 'Linear' ? shapeOf(node.output).length - 1 : 1;
      return { lo, hi, channels: { axis, lo: bd.lo, hi: bd.hi } };
    }
    case 'MatMul': {
      const K = shapeOf(node.inputs[0]).at(-1)!;
      const a = Math.max(Math.abs(ins[0].lo), Math.abs(ins[0].hi));
      const c = Math.max(Math.abs(ins[1].lo), Math.abs(ins[1].hi));
      const bound = K * a * c;
      check(node.name, `accumulator (${K} terms)`, -bound, bound, -HALF_P, HALF_P, FIELD);
      return { lo: -bound, hi: bound };
    }
    case 'Requant': {
      const axis = intAttr(node, 'axis');
      const lo = intAttr(node, 'lo');
      const hi = intAttr(node, 'hi');
      check(node.name, 'clamp bounds', lo, hi, CLAMP_DOMAIN[0], CLAMP_DOMAIN[1], `within the clamp table [${CLAMP_DOMAIN[0]}, ${CLAMP_DOMAIN[1]}]`);
      const m = getParam(node, params, 'multiplier').data;
      const s = getParam(node, params, 'shift').data;
      const x = ins[0];
      const C = m.length;
      if (s.length !== C) throw new RangeAnalysisError(node.name, 'shift', `${C} values`, String(s.length));
      if (axis >= 0 && shapeOf(node.inputs[0])[axis] !== C) throw new RangeAnalysisError(node.name, 'multiplier', `${shapeOf(node.inputs[0])[axis]} channels`, String(C));
      const perChannel = x.channels && axis >= 0 && x.channels.axis === axis && x.channels.lo.length === C;
      let qlo = Infinity;
      let qhi = -Infinity;
      for (let c = 0; c < C; c++) {
        check(node.name, `multiplier[${c}]`, m[c], m[c], 0, MULTIPLIER_LIMIT - 1, 'an integer in [0, 2^16)');
        check(node.name, `shift[${c}]`, s[c], s[c], SHIFT_MIN, SHIFT_MAX, `an integer in [${SHIFT_MIN}, ${SHIFT_MAX}]`);
        const alo = perChannel ? x.channels!.lo[c] : x.lo;
        const ahi = perChannel ? x.channels!.hi[c] : x.hi;
        const rb = requantBounds(alo, ahi, m[c], s[c]);
        check(node.name, `requant l·M + 2^(s−1) [channel ${c}]`, 0, rb.lowMax, 0, REQUANT_BOUND - 1, '< 2^29');
        check(node.name, `requant h·M + c [channel ${c}]`, rb.highLo, rb.highHi, -(REQUANT_BOUND - 1), REQUANT_BOUND - 1, '|v| < 2^29');
        check(node.name, `requant q before clamp [channel ${c}]`, rb.qLo, rb.qHi, CLAMP_DOMAIN[0], CLAMP_DOMAIN[1], `within the clamp table [${CLAMP_DOMAIN[0]}, ${CLAMP_DOMAIN[1]}]`);
        qlo = Math.min(qlo, rb.qLo);
        qhi = Math.max(qhi, rb.qHi);
      }
      return { lo: Math.min(Math.max(qlo, lo), hi), hi: Math.max(Math.min(qhi, hi), lo) };
    }
    case 'Relu':
      return { lo: Math.max(ins[0].lo, 0), hi: Math.max(ins[0].hi, 0) };
    case 'MaxPool':
    case 'Reshape':
    case 'Transpose':
      return { lo: ins[0].lo, hi: ins[0].hi };
    case 'SumPool': {
      const [kh, kw] = intAttrs(node, 'kernel');
      const lo = Math.min(0, ins[0].lo) * kh * kw;
      const hi = Math.max(0, ins[0].hi) * kh * kw;
      check(node.name, `window sum (${kh * kw} terms)`, lo, hi, -HALF_P, HALF_P, FIELD);
      return { lo, hi };
    }
    case 'ScaledAdd': {
      const ka = getParam(node, params, 'ka').data[0];
      const kb = getParam(node, params, 'kb').data[0];
      let bRange: ValueRange = ins[1];
      if (node.params.other !== undefined) {
        const o = getParam(node, params, 'other').data;
        let mn = Infinity;
        let mx = -Infinity;
        for (let i = 0; i < o.length; i++) {
          mn = Math.min(mn, o[i]);
          mx = Math.max(mx, o[i]);
        }
        bRange = { lo: mn, hi: mx };
      }
      const ta = [ins[0].lo * ka, ins[0].hi * ka];
      const tb = [bRange.lo * kb, bRange.hi * kb];
      const lo = Math.min(...ta) + Math.min(...tb);
      const hi = Math.max(...ta) + Math.max(...tb);
      check(node.name, 'scaled sum', lo, hi, -HALF_P, HALF_P, FIELD);
      return { lo, hi };
    }
    case 'Lookup': {
      const t = getParam(node, params, 'table').data;
      const lo = intAttr(node, 'lo');
      check(node.name, 'table size', t.length, t.length, 1, 65536, 'at most 2^16 rows');
      check(node.name, 'table input', ins[0].lo, ins[0].hi, lo, lo + t.length - 1, `within the table domain [${lo}, ${lo + t.length - 1}]`);
      let mn = Infinity;
      let mx = -Infinity;
      for (let i = ins[0].lo - lo; i <= ins[0].hi - lo; i++) {
        mn = Math.min(mn, t[i]);
        mx = Math.max(mx, t[i]);
      }
      return { lo: mn, hi: mx };
    }
    case 'Gather': {
      const t = getParam(node, params, 'table');
      check(node.name, 'index', ins[0].lo, ins[0].hi, 0, t.shape[0] - 1, `within the table rows [0, ${t.shape[0] - 1}]`);
      let mn = 0;
      let mx = 0;
      for (let i = 0; i < t.data.length; i++) {
        mn = Math.min(mn, t.data[i]);
        mx = Math.max(mx, t.data[i]);
      }
      return { lo: mn, hi: mx };
    }
    case 'Concat': {
      return { lo: Math.min(...ins.map((r) => r.lo)), hi: Math.max(...ins.map((r) => r.hi)) };
    }
    case 'Softmax': {
      const N = shapeOf(node.inputs[0]).at(-1)!;
      const E = getParam(node, params, 'exp').data;
      check(node.name, 'exp table size', E.length, E.length, 256, 256, 'exactly 256 rows');
      check(node.name, 'x − max (exp table input)', ins[0].lo - ins[0].hi, 0, -255, 0, 'within [−255, 0]');
      let eMax = 0;
      for (let i = 0; i < E.length; i++) eMax = Math.max(eMax, E[i]);
      check(node.name, 'exp values', 0, eMax, 0, 2 ** 15, 'within [0, 2^15]');
      check(node.name, `row sum (${N} terms)`, 0, N * eMax, 0, REQUANT_BOUND - 1, '< 2^29');
      check(node.name, '2·255·e + S', 0, 510 * eMax + N * eMax, 0, REQUANT_BOUND - 1, '< 2^29');
      return { lo: 0, hi: 255 };
    }
    case 'LayerNorm': {
      const N = shapeOf(node.inputs[0]).at(-1)!;
      const R = getParam(node, params, 'rsqrt').data;
      const g = getParam(node, params, 'gamma').data;
      const b = getParam(node, params, 'beta').data;
      const x = ins[0];
      const dMax = x.hi - x.lo;
      check(node.name, `row sum (${N} terms)`, N * x.lo, N * x.hi, -HALF_P, HALF_P, FIELD);
      check(node.name, `Σ d² (${N} terms)`, 0, N * dMax * dMax, 0, HALF_P, FIELD);
      check(node.name, 'variance (rsqrt table input)', 0, dMax * dMax, 0, R.length - 1, `within the table domain [0, ${R.length - 1}]`);
      let rMax = 0;
      for (let i = 0; i < R.length; i++) rMax = Math.max(rMax, R[i]);
      check(node.name, 'rsqrt values', 0, rMax, 0, 65535, 'within [0, 2^16)');
      check(node.name, 'd·r + 2^10', -dMax * rMax, dMax * rMax + 1024, -(REQUANT_BOUND - 1), REQUANT_BOUND - 1, '|v| < 2^29');
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < N; i++) {
        lo = Math.min(lo, -128 * Math.abs(g[i]) + b[i]);
        hi = Math.max(hi, 128 * Math.abs(g[i]) + b[i]);
      }
      check(node.name, 'z·γ + β', lo, hi, -HALF_P, HALF_P, FIELD);
      return { lo, hi };
    }
    default:
      throw new RangeAnalysisError(node.name, `op ${String(node.op)}`, 'a known integer op', 'unknown');
  }
}
