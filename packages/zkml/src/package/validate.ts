/**
 * Structural validation of a model package: every name defined once and before use, every op
 * known, every parameter present with data matching its declared shape and dtype, the shapes of
 * each node consistent with its op, the settings and hidden inputs well typed. Numeric safety is
 * the range analysis's job ({@link analyzeRanges}), which decoding runs afterwards.
 */
import { HALF_P } from '../int/core.ts';
import { INT_OPS } from '../int/executor.ts';
import { DTYPE_RANGE, numel, type IntGraph, type IntNode, type IntParams } from '../int/graph.ts';
import { ModelPackageError } from './errors.ts';
import type { HiddenInputs, ModelPackage, QuantSettings } from './types.ts';

const fail = (field: string, msg: string): never => {
  throw new ModelPackageError(field, msg);
};

function isShape(s: unknown): s is number[] {
  return Array.isArray(s) && s.every((d) => Number.isInteger(d) && d >= 1 && d <= 2 ** 31);
}

/** Checks a package's graph, parameters, settings and hidden inputs; throws {@link ModelPackageError}. */
export function validatePackage(pkg: ModelPackage): void {
  validateGraph(pkg.graph, pkg.params);
  validateSettings(pkg.settings, pkg.graph);
  validateHidden(pkg.hidden);
  for (const [name, s] of pkg.privateScales) if (!(Number.isFinite(s) && s > 0)) fail(`privateScales.${name}`, `expected a positive finite scale, got ${s}`);
}

function validateGraph(g: IntGraph, params: IntParams): void {
  for (const [name, v] of g.values) {
    if (v.name !== name) fail(`values.${name}`, `expected name ${name}, got ${v.name}`);
    if (!isShape(v.shape)) fail(`values.${name}.shape`, `expected positive integer dimensions, got ${JSON.stringify(v.shape)}`);
    if (!(v.dtype in DTYPE_RANGE)) fail(`values.${name}.dtype`, `expected int8, int16 or int32, got ${String(v.dtype)}`);
    if (v.range && !(v.range[0] >= DTYPE_RANGE[v.dtype][0] && v.range[1] <= DTYPE_RANGE[v.dtype][1] && v.range[0] <= v.range[1])) fail(`values.${name}.range`, `expected a range inside ${v.dtype}, got [${v.range.join(', ')}]`);
  }
  const defined = new Set<string>();
  for (const v of g.inputs) {
    if (!g.values.has(v.name)) fail(`inputs.${v.name}`, 'expected a declared value, got none');
    defined.add(v.name);
  }
  const nodeNames = new Set<string>();
  for (const n of g.nodes) {
    if (nodeNames.has(n.name)) fail(`nodes.${n.name}`, 'expected a unique node name, got a duplicate');
    nodeNames.add(n.name);
    if (!Object.hasOwn(INT_OPS, n.op)) fail(`nodes.${n.name}.op`, `expected one of ${Object.keys(INT_OPS).join(', ')}, got ${String(n.op)}`);
    for (const i of n.inputs) if (!defined.has(i)) fail(`nodes.${n.name}.inputs`, `expected ${i} to be defined before use, got an undefined value`);
    if (!g.values.has(n.output)) fail(`nodes.${n.name}.output`, `expected a declared value, got ${n.output}`);
    if (defined.has(n.output)) fail(`nodes.${n.name}.output`, `expected ${n.output} to be defined once, got a second definition`);
    defined.add(n.output);
    for (const [role, pname] of Object.entries(n.params)) {
      const spec = g.params.get(pname);
      const t = params.get(pname);
      if (!spec || !t) fail(`nodes.${n.name}.params.${role}`, `expected parameter ${pname} to exist, got none`);
    }
    checkNodeShapes(g, n, params);
  }
  for (const v of g.outputs) if (!defined.has(v.name)) fail(`outputs.${v.name}`, 'expected a value computed by the graph, got none');
  for (const [name, spec] of g.params) {
    const t = params.get(name);
    if (!t) fail(`params.${name}`, 'expected data, got none');
    if (!isShape(spec.shape) || t!.shape.length !== spec.shape.length || t!.shape.some((d, i) => d !== spec.shape[i])) fail(`params.${name}.shape`, `expected [${spec.shape.join(', ')}], got [${t!.shape.join(', ')}]`);
    if (t!.dtype !== spec.dtype) fail(`params.${name}.dtype`, `expected ${spec.dtype}, got ${t!.dtype}`);
    if (t!.data.length !== numel(spec.shape)) fail(`params.${name}`, `expected ${numel(spec.shape)} values, got ${t!.data.length}`);
    if (spec.visibility !== 'private' && spec.visibility !== 'public') fail(`params.${name}.visibility`, `expected private or public, got ${String(spec.visibility)}`);
    const [lo, hi] = spec.dtype === 'int32' ? [-HALF_P, HALF_P] : DTYPE_RANGE[spec.dtype];
    for (let i = 0; i < t!.data.length; i++) {
      const v = t!.data[i];
      if (v < lo || v > hi) fail(`params.${name}[${i}]`, `expected ${spec.dtype} in [${lo}, ${hi}], got ${v}`);
    }
  }
}

function checkNodeShapes(g: IntGraph, n: IntNode, params: IntParams): void {
  const inS = n.inputs.map((i) => g.values.get(i)!.shape);
  const out = g.values.get(n.output)!.shape;
  const p = (role: string): readonly number[] => {
    const t = params.get(n.params[role] ?? '');
    if (!t) return fail(`nodes.${n.name}.params.${role}`, 'expected a parameter, got none');
    return t.shape;
  };
  const want = (cond: boolean, what: string): void => {
    if (!cond) fail(`nodes.${n.name}`, `${n.op}: expected ${what}`);
  };
  const arityOf: Record<IntNode['op'], number> = { Linear: 1, MatMul: 2, Conv: 1, Requant: 1, Relu: 1, MaxPool: 1, SumPool: 1, Reshape: 1, ScaledAdd: n.params.other !== undefined ? 1 : 2, Lookup: 1, Transpose: 1, Gather: 1, Concat: n.inputs.length, Softmax: 1, LayerNorm: 1 };
  const arity = arityOf[n.op];
  want(n.inputs.length === arity && arity >= 1, `${arity} inputs, got ${n.inputs.length}`);
  const same = numel(inS[0]) === numel(out);
  switch (n.op) {
    case 'Linear': {
      const w = p('weight');
      want(w.length === 2 && w[1] === inS[0].at(-1) && out.at(-1) === w[0] && numel(out) === (numel(inS[0]) / w[1]) * w[0], `weight [N, K] matching input [.., ${inS[0].at(-1)}] and output [.., ${out.at(-1)}], got [${w.join(', ')}]`);
      if (n.params.bias !== undefined) want(numel(p('bias')) === w[0], `${w[0]} bias values`);
      break;
    }
    case 'Conv': {
      const w = p('weight');
      want(w.length === 4 && inS[0].length === 4 && out.length === 4 && out[1] === w[0] && out[0] === inS[0][0], `weight [F, C/g, kh, kw] with output [N, F, OH, OW], got weight [${w.join(', ')}]`);
      if (n.params.bias !== undefined) want(numel(p('bias')) === w[0], `${w[0]} bias values`);
      break;
    }
    case 'Requant': {
      const axis = n.attrs.axis;
      const C = typeof axis === 'number' && axis >= 0 ? inS[0][axis] : 1;
      want(same && numel(p('multiplier')) === C && numel(p('shift')) === C, `${C} multipliers and shifts and an output of the input's size`);
      break;
    }
    case 'ScaledAdd': {
      const nb = n.params.other !== undefined ? numel(p('other')) : numel(inS[1]);
      want(same && numel(out) % nb === 0 && (n.params.other !== undefined || nb === numel(out)) && numel(p('ka')) === 1 && numel(p('kb')) === 1, 'operands and output of one size (a constant operand may repeat), one ka and one kb');
      break;
    }
    case 'Gather': {
      const t = p('table');
      want(t.length === 2 && numel(out) === numel(inS[0]) * t[1], `a table [V, d] and an output of ${numel(inS[0])}·d values`);
      break;
    }
    case 'Concat': {
      const axis = n.attrs.axis;
      want(typeof axis === 'number' && axis >= 0 && inS.every((s) => s.length === out.length && s.every((d, i) => i === axis || d === out[i])) && inS.reduce((a, s) => a + s[axis as number], 0) === out[axis as number], 'inputs equal to the output except along axis, summing to it');
      break;
    }
    case 'Softmax': {
      want(same && numel(p('exp')) === 256, 'an exp table of 256 rows and an output of the input size');
      if (n.params.mask !== undefined) want(numel(out) % numel(p('mask')) === 0 && numel(p('mask')) % (out.at(-1) ?? 1) === 0, 'a mask covering whole rows that repeats over the input');
      break;
    }
    case 'LayerNorm': {
      const N = inS[0].at(-1)!;
      want(same && numel(p('rsqrt')) === 65026 && numel(p('gamma')) === N && numel(p('beta')) === N, `an rsqrt table of 65,026 rows, ${N} gammas and betas`);
      break;
    }
    case 'Lookup': {
      const t = p('table');
      want(same && t.length === 1 && t[0] <= 65536, 'a table of at most 2^16 rows and an output of the input size');
      break;
    }
    case 'Relu':
    case 'Reshape':
    case 'Transpose':
      want(same, 'an output of the input size');
      break;
    case 'MaxPool':
    case 'SumPool':
      want(inS[0].length === 4 && out.length === 4 && out[0] === inS[0][0] && out[1] === inS[0][1], 'NCHW input and output with equal N and C');
      break;
    case 'MatMul':
      want(inS[0].at(-1) === inS[1].at(-2) && out.at(-1) === inS[1].at(-1), 'inner dimensions that agree');
      break;
  }
}

function validateSettings(s: QuantSettings, g: IntGraph): void {
  const scales = (x: unknown, n: number, f: string): void => {
    if (!Array.isArray(x) || x.length !== n || !x.every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)) fail(`settings.${f}`, `expected ${n} positive finite scales, got ${JSON.stringify(x)}`);
  };
  scales(s.inputScales, g.inputs.length, 'inputScales');
  scales(s.outputScales, g.outputs.length, 'outputScales');
  if (s.weights !== 'int8-symmetric-per-channel') fail('settings.weights', `expected int8-symmetric-per-channel, got ${String(s.weights)}`);
  if (s.activations !== 'int8-symmetric-per-tensor') fail('settings.activations', `expected int8-symmetric-per-tensor, got ${String(s.activations)}`);
  if (s.rounding !== 'half-up') fail('settings.rounding', `expected half-up, got ${String(s.rounding)}`);
  if (typeof s.droppedSoftmax !== 'boolean') fail('settings.droppedSoftmax', 'expected a boolean');
  const c = s.calibration;
  if (!c || (c.method !== 'max' && c.method !== 'percentile') || !Number.isInteger(c.samples) || c.samples < 1) fail('settings.calibration', `expected a method and a sample count, got ${JSON.stringify(c)}`);
  if (c.method === 'percentile' && !(typeof c.percentile === 'number' && c.percentile > 0 && c.percentile <= 100)) fail('settings.calibration.percentile', `expected a number in (0, 100], got ${String(c.percentile)}`);
}

function validateHidden(h: HiddenInputs): void {
  if (typeof h !== 'object' || h === null) fail('hidden', 'expected an object');
  const nums = (v: unknown, f: string): void => {
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)))) fail(f, 'expected a list of finite numbers');
  };
  if (h.preprocessing !== undefined) {
    const p = h.preprocessing;
    if (p.scale !== undefined && !(typeof p.scale === 'number' && Number.isFinite(p.scale))) fail('hidden.preprocessing.scale', 'expected a finite number');
    nums(p.mean, 'hidden.preprocessing.mean');
    nums(p.std, 'hidden.preprocessing.std');
    if (p.std?.some((x) => x === 0)) fail('hidden.preprocessing.std', 'expected non-zero values');
  }
  if (h.systemPrompt !== undefined && typeof h.systemPrompt !== 'string') fail('hidden.systemPrompt', 'expected a string');
  if (h.vocabulary !== undefined && !(Array.isArray(h.vocabulary) && h.vocabulary.every((t) => typeof t === 'string'))) fail('hidden.vocabulary', 'expected a list of strings');
  if (h.decoding !== undefined) {
    if (typeof h.decoding !== 'object' || h.decoding === null || Array.isArray(h.decoding)) fail('hidden.decoding', 'expected an object');
    for (const [k, v] of Object.entries(h.decoding)) if (!['number', 'string', 'boolean'].includes(typeof v)) fail(`hidden.decoding.${k}`, 'expected a number, string or boolean');
  }
}
