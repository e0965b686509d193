/**
 * `quantizeGraph`: post-training static quantization of a float graph (Jacob et al., CVPR 2018;
 * Krishnamoorthi 2018): calibrate activation ranges on a calibration set with the float executor,
 * lower every node to integer ops (int8 per-channel weights, int8 activations, int32 accumulators,
 * exact split requantization, lookup tables), run the static range analysis, and report per-layer
 * scales and — given a labelled test set — float vs integer accuracy.
 */
import type { FloatGraph, GraphNode } from '../ir/graph.ts';
import { unsupported, InputShapeError } from '../float/errors.ts';
import { UNARY_OPS } from '../float/ops/elementwise.ts';
import type { IntGraph, IntValueInfo } from '../int/graph.ts';
import { analyzeRanges, type RangeReport } from '../range/analyze.ts';
import { PACKAGE_VERSION, type HiddenInputs, type ModelPackage, type QuantSettings } from '../package/types.ts';
import { Lowering, type LayerReport } from './builder.ts';
import { calibrate, type CalibrationMethod } from './calibrate.ts';
import { evaluate, type AccuracyReport } from './evaluate.ts';
import { lowerConv, lowerGemm, lowerMatMul } from './lower-linear.ts';
import { lowerAdd, lowerAvgPool, lowerPassThrough, lowerUnaryTable } from './lower-other.ts';
import { lowerAddConst, lowerConcat, lowerGather, lowerLayerNorm, lowerSoftmax } from './lower-transformer.ts';
import { preprocess } from './preprocess.ts';

/** Options of {@link quantizeGraph}. */
export interface QuantizeOptions {
  /** Calibration method (default `{ kind: 'max' }`). */
  readonly calibration?: CalibrationMethod;
  /** Open hidden inputs to bind (preprocessing is applied to calibration and test inputs). */
  readonly hidden?: HiddenInputs;
  /** A labelled test set for the accuracy report (raw inputs, integer class labels). */
  readonly testSet?: { readonly inputs: readonly Float32Array[]; readonly labels: readonly number[] };
}

/** The quantization report (for the host: it contains private scales and multipliers). */
export interface QuantReport {
  readonly layers: LayerReport[];
  /** Calibrated ranges r (scale = r/127) of the float values. */
  readonly ranges: ReadonlyMap<string, number>;
  readonly droppedSoftmax: boolean;
  /** Range analysis result (intervals of every value and checked quantity). */
  readonly rangeReport: RangeReport;
  /** Present when a test set was given. */
  readonly accuracy?: AccuracyReport;
}

const PASS_THROUGH = new Set(['Relu', 'MaxPool', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Identity', 'Transpose']);

/**
 * Quantizes a single-input float graph.
 * @param graph the float graph
 * @param calibration raw calibration inputs (one Float32Array per sample, the input's exact size)
 * @param opts calibration method, hidden inputs, optional labelled test set
 * @returns the model package and the report
 * @throws {InputShapeError} no calibration samples, a wrong sample size, or a graph with ≠ 1 input
 * @throws {UnsupportedOpError} an op or use the integer IR does not support
 * @throws {RangeAnalysisError} the integer graph could leave a proven bound
 * @example
 * const { pkg, report } = quantizeGraph(graph, samples, { testSet: { inputs, labels } });
 */
export function quantizeGraph(graph: FloatGraph, calibration: readonly Float32Array[], opts: QuantizeOptions = {}): { pkg: ModelPackage; report: QuantReport } {
  if (graph.inputs.length !== 1) throw new InputShapeError('graph inputs', '1 input', String(graph.inputs.length));
  if (calibration.length === 0) throw new InputShapeError('calibration set', 'at least one sample', '0');
  const inInfo = graph.inputs[0];
  const pre = opts.hidden?.preprocessing;
  const samples = calibration.map((x, i) => {
    const n = inInfo.shape.reduce((a, b) => a * b, 1);
    if (!(x instanceof Float32Array) || x.length !== n) throw new InputShapeError(`calibration sample ${i}`, `a Float32Array of ${n} values`, String(x?.length));
    return [preprocess(pre, x, inInfo.shape)];
  });
  const method: CalibrationMethod = opts.calibration ?? { kind: 'max' };
  const ranges = calibrate(graph, samples, method);

  // A Softmax producing a graph output is dropped: the integer outputs are its logits.
  const logitOf = new Map<string, string>();
  const dropped = new Set<string>();
  for (const o of graph.outputs) {
    const prod = graph.nodes.find((n) => n.outputs[0] === o.name);
    if (prod?.op === 'Softmax') {
      logitOf.set(o.name, prod.inputs[0]);
      dropped.add(prod.name);
    } else logitOf.set(o.name, o.name);
  }

  const L = new Lowering(graph, ranges);
  for (const v of logitOf.values()) L.outputValues.add(v);
  let sIn: number;
  if (inInfo.dtype === 'int64') {
    // integer token ids: no scale, range [0, V) from the embedding table that consumes them
    const gather = graph.nodes.find((n) => n.op === 'Gather' && n.inputs[1] === inInfo.name);
    const table = gather && graph.constants.get(gather.inputs[0]);
    if (!table) throw unsupported({ name: inInfo.name, op: 'input' }, 'an integer input must feed a Gather from a constant table');
    sIn = 1;
    L.values.set(inInfo.name, { name: inInfo.name, shape: [...inInfo.shape], dtype: 'int32', range: [0, table.shape[0] - 1] });
    L.map.set(inInfo.name, { name: inInfo.name, scale: 1, lo: 0, hi: table.shape[0] - 1 });
  } else {
    sIn = L.scaleOf(inInfo.name);
    L.value(inInfo.name, inInfo.shape, 'int8');
    L.map.set(inInfo.name, { name: inInfo.name, scale: sIn, lo: -128, hi: 127 });
  }
  for (const node of graph.nodes) {
    if (L.fused.has(node.name) || dropped.has(node.name)) continue;
    lowerNode(L, node);
  }

  const outputs: IntValueInfo[] = graph.outputs.map((o) => {
    const q = L.map.get(logitOf.get(o.name)!);
    if (!q) throw unsupported({ name: o.name, op: 'output' }, 'the output is not produced by a quantized op');
    return L.values.get(q.name)!;
  });
  const intGraph: IntGraph = {
    name: graph.name,
    inputs: [L.values.get(inInfo.name)!],
    outputs,
    values: L.values,
    nodes: L.nodes,
    params: L.specs,
  };
  const settings: QuantSettings = {
    weights: 'int8-symmetric-per-channel',
    activations: 'int8-symmetric-per-tensor',
    rounding: 'half-up',
    calibration: method.kind === 'percentile' ? { method: 'percentile', percentile: method.percentile, samples: calibration.length } : { method: 'max', samples: calibration.length },
    inputScales: [sIn],
    outputScales: graph.outputs.map((o) => L.map.get(logitOf.get(o.name)!)!.scale),
    droppedSoftmax: dropped.size > 0,
  };
  const privateScales = new Map<string, number>();
  for (const [name, q] of L.map) if (name !== inInfo.name && !outputs.some((o) => o.name === name)) privateScales.set(name, q.scale);
  const pkg: ModelPackage = { version: PACKAGE_VERSION, graph: intGraph, settings, params: L.params, privateScales, hidden: opts.hidden ?? {} };
  const rangeReport = analyzeRanges(intGraph, L.params);
  const accuracy = opts.testSet ? evaluate(graph, pkg, opts.testSet, [...logitOf.values()][0]) : undefined;
  return { pkg, report: { layers: L.layers, ranges, droppedSoftmax: settings.droppedSoftmax, rangeReport, accuracy } };
}

function lowerNode(L: Lowering, node: GraphNode): void {
  if (node.op === 'Gemm') return lowerGemm(L, node);
  if (node.op === 'MatMul') return lowerMatMul(L, node);
  if (node.op === 'Conv') return lowerConv(L, node);
  if (node.op === 'AveragePool' || node.op === 'GlobalAveragePool') return lowerAvgPool(L, node);
  if ((node.op === 'Add' || node.op === 'Sub') && node.inputs.some((i) => L.graph.constants.has(i))) return lowerAddConst(L, node);
  if (node.op === 'Add' || node.op === 'Sub') return lowerAdd(L, node);
  if (node.op === 'Gather') return lowerGather(L, node);
  if (node.op === 'Softmax') return lowerSoftmax(L, node);
  if (node.op === 'LayerNormalization') return lowerLayerNorm(L, node);
  if (node.op === 'Concat') return lowerConcat(L, node);
  if (PASS_THROUGH.has(node.op)) return lowerPassThrough(L, node);
  if (UNARY_OPS.includes(node.op)) return lowerUnaryTable(L, node);
  throw unsupported(node, 'not supported by the integer IR yet (supported: Gemm, MatMul, Conv, Relu, MaxPool, AveragePool, GlobalAveragePool, Reshape, Transpose, Add, Sub, Gather, Concat, Softmax, LayerNormalization, element-wise tables)');
}
