/**
 * Test helpers for the CNN op provers: small seeded integer graphs built directly as IntGraphs
 * (the quantizer's shapes: Conv → Requant with a fused ReLU clamp, pools on int8 activations), and a
 * direct-check harness (core zk/direct-check.ts, a "trivial PCS") that plans, fills, runs every op's
 * prover and returns every unsatisfied check by label.
 */
import { directCheck, Sha256Transcript, type DirectCheckFailure, type LinearConstraint, type ProverContext } from '@vouch/core';
import { runIntGraph } from '../../../src/int/executor.ts';
import type { IntDType, IntGraph, IntNode, IntParamSpec, IntParams, IntTensor, IntValueInfo } from '../../../src/int/graph.ts';
import { planGraph, type GraphPlan } from '../../../src/prove/plan.ts';
import { writeTensor } from '../../../src/prove/tensor.ts';
import type { FillContext, InferenceMode, OpProof } from '../../../src/prove/types.ts';
import { batchedValues, seedWitness } from '../../../src/prove/witness.ts';
import { randInt, rng } from '../mlp.ts';

/** A graph under construction. */
export class CnnBuilder {
  readonly values = new Map<string, IntValueInfo>();
  readonly nodes: IntNode[] = [];
  readonly specs = new Map<string, IntParamSpec>();
  readonly params = new Map<string, IntTensor>();
  private readonly r: () => number;
  private readonly input: IntValueInfo;
  cur: string;

  constructor(shape: readonly number[], seed = 1, dtype: IntDType = 'int8') {
    this.r = rng(seed);
    this.input = { name: 'input', shape, dtype };
    this.values.set('input', this.input);
    this.cur = 'input';
  }

  private shape(): readonly number[] {
    return this.values.get(this.cur)!.shape;
  }

  private param(name: string, shape: number[], dtype: 'int8' | 'int32', data: Int8Array | Int32Array): void {
    this.specs.set(name, { name, shape, dtype, visibility: 'private' });
    this.params.set(name, { shape, dtype, data });
  }

  /** Conv with random int8 weights and int32 bias; output int32. */
  conv(name: string, F: number, k: [number, number], o: { strides?: number[]; pads?: number[]; dilations?: number[]; group?: number; bias?: boolean } = {}): this {
    const [N, C, H, W] = this.shape();
    const group = o.group ?? 1;
    const strides = o.strides ?? [1, 1];
    const pads = o.pads ?? [0, 0, 0, 0];
    const dil = o.dilations ?? [1, 1];
    const OH = Math.floor((H + pads[0] + pads[2] - dil[0] * (k[0] - 1) - 1) / strides[0]) + 1;
    const OW = Math.floor((W + pads[1] + pads[3] - dil[1] * (k[1] - 1) - 1) / strides[1]) + 1;
    const wShape = [F, C / group, k[0], k[1]];
    this.param(`${name}.weight`, wShape, 'int8', new Int8Array(wShape.reduce((a, b) => a * b, 1)).map(() => randInt(this.r, -127, 127)));
    const params: Record<string, string> = { weight: `${name}.weight` };
    if (o.bias !== false) {
      this.param(`${name}.bias`, [F], 'int32', new Int32Array(F).map(() => randInt(this.r, -3000, 3000)));
      params.bias = `${name}.bias`;
    }
    const out = `${name}::acc`;
    this.values.set(out, { name: out, shape: [N, F, OH, OW], dtype: 'int32' });
    this.nodes.push({ name, op: 'Conv', inputs: [this.cur], output: out, attrs: { strides, pads, dilations: dil, group }, params });
    this.cur = out;
    return this;
  }

  /** Requant with a clamp [lo, hi] (lo = 0: fused ReLU), per-channel multipliers. */
  requant(name: string, lo = 0, hi = 127, shift = 17): this {
    const shape = this.shape();
    const C = shape[1];
    this.param(`${name}.multiplier`, [C], 'int32', new Int32Array(C).map(() => randInt(this.r, 1 << 13, (1 << 15) - 1)));
    this.param(`${name}.shift`, [C], 'int32', new Int32Array(C).fill(shift));
    const out = `${name}::q`;
    this.values.set(out, { name: out, shape, dtype: hi > 127 ? 'int16' : 'int8' });
    this.nodes.push({ name, op: 'Requant', inputs: [this.cur], output: out, attrs: { axis: 1, lo, hi }, params: { multiplier: `${name}.multiplier`, shift: `${name}.shift` } });
    this.cur = out;
    return this;
  }

  /** MaxPool or SumPool. */
  pool(name: string, op: 'MaxPool' | 'SumPool', k: [number, number], o: { strides?: number[]; pads?: number[]; dilations?: number[] } = {}): this {
    const [N, C, H, W] = this.shape();
    const strides = o.strides ?? k;
    const pads = o.pads ?? [0, 0, 0, 0];
    const dil = o.dilations ?? [1, 1];
    const OH = Math.floor((H + pads[0] + pads[2] - dil[0] * (k[0] - 1) - 1) / strides[0]) + 1;
    const OW = Math.floor((W + pads[1] + pads[3] - dil[1] * (k[1] - 1) - 1) / strides[1]) + 1;
    const out = `${name}::out`;
    this.values.set(out, { name: out, shape: [N, C, OH, OW], dtype: op === 'MaxPool' ? this.values.get(this.cur)!.dtype : 'int32' });
    this.nodes.push({ name, op, inputs: [this.cur], output: out, attrs: { kernel: k, strides, pads, dilations: dil }, params: {} });
    this.cur = out;
    return this;
  }

  /** Flatten [N, C, H, W] → [N, C·H·W] (a Reshape that changes the padded layout). */
  flatten(name: string): this {
    const [N, ...rest] = this.shape();
    const out = `${name}::flat`;
    this.values.set(out, { name: out, shape: [N, rest.reduce((a, b) => a * b, 1)], dtype: this.values.get(this.cur)!.dtype });
    this.nodes.push({ name, op: 'Reshape', inputs: [this.cur], output: out, attrs: {}, params: {} });
    this.cur = out;
    return this;
  }

  /** The graph; its output is the current value. */
  build(): { graph: IntGraph; params: IntParams } {
    const out = this.values.get(this.cur)!;
    return { graph: { name: 'cnn', inputs: [this.input], outputs: [out], values: this.values, nodes: this.nodes, params: this.specs }, params: this.params };
  }
}

/** n random inputs of a shape in [lo, hi]. */
export function randomTensors(shape: readonly number[], n: number, seed = 9, lo = -128, hi = 127): Int32Array[] {
  const r = rng(seed);
  const k = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => new Int32Array(k).map(() => randInt(r, lo, hi)));
}

/** Options of {@link directRun}. */
export interface DirectOptions {
  readonly mode?: InferenceMode;
  readonly rowWidth?: number;
  /** Changes executor values before the witness is written (a consistent cheating prover). */
  readonly mutate?: (values: Map<string, Int32Array>) => void;
  /** Changes the witness after the ops' provers ran (the committed data differs from what they used). */
  readonly afterProve?: (plan: GraphPlan, witness: Uint32Array) => void;
  /** Replays the verifier with changed messages (node index, messages) and checks its constraints. */
  readonly tamperProof?: (ops: Uint32Array[][]) => void;
}

/** Result of {@link directRun}: the plan, the op messages and every failing check. */
export interface DirectResult {
  readonly plan: GraphPlan;
  readonly ops: OpProof[];
  readonly failures: DirectCheckFailure[];
}

/**
 * Plans, fills and proves every node of a graph (no commitment, no weight binding), then checks all
 * constraints and triples on the witness directly. With `tamperProof`, the check runs on the
 * constraints of a verifier replay over the changed messages.
 */
export function directRun(graph: IntGraph, params: IntParams, inputs: readonly Int32Array[], o: DirectOptions = {}): DirectResult {
  const mode = o.mode ?? 'private';
  const batch = inputs.length;
  const runs = inputs.map((x) => runIntGraph(graph, params, [x]));
  const values = batchedValues(runs);
  o.mutate?.(values);
  const publicParams = mode === 'open' ? params : new Map<string, IntTensor>();
  const plan = planGraph({ graph, mode, batch, rowWidth: o.rowWidth ?? 64, publicParams });
  const { layout } = plan;
  const witness = seedWitness(graph, params, plan, values);
  const f: FillContext = {
    layout,
    witness,
    batch,
    value: (name) => values.get(name)!,
    paramData: (name) => Int32Array.from(params.get(name)!.data),
    write: (t, data) => writeTensor(layout, witness, t, data),
  };
  plan.ops.forEach((op) => op.fill(f));
  plan.ranges.fill(layout, witness);
  const ctx: ProverContext = { layout, transcript: new Sha256Transcript('cnn-test', 1), constraints: [], witness };
  const ops = plan.ops.map((op) => op.prove(ctx) as OpProof);
  plan.ranges.prove(ctx);
  o.afterProve?.(plan, witness);
  let constraints: LinearConstraint[] = ctx.constraints;
  if (o.tamperProof) {
    const copy = ops.map((m) => m.map((v) => Uint32Array.from(v)));
    o.tamperProof(copy);
    const vctx = { layout, transcript: new Sha256Transcript('cnn-test', 1), constraints: [] as LinearConstraint[] };
    plan.ops.forEach((op, i) => op.verify(vctx, copy[i]));
    constraints = vctx.constraints;
  }
  return { plan, ops, failures: directCheck(layout, witness, constraints) };
}

/** The labels of the failures, deduplicated in order. */
export function failedLabels(r: DirectResult): string[] {
  return [...new Set(r.failures.map((f) => (f.kind === 'triple' ? 'zk.triple' : f.label)))];
}
