/**
 * The graph prover and verifier: zero-knowledge proofs that `outputs` = the integer graph applied
 * to `inputs` (a batch, one proof), bit-exact with the integer executor (int/executor.ts), with the
 * weights bound either to a salted Poseidon2 digest proven in-proof (private mode) or public
 * (open mode). See docs/parts/inference.md for the protocol, and types.ts for the framework.
 *
 * Order of one proof (prover and verifier alike, Fiat–Shamir as in shared/design/proof-system.md):
 *   absorb `inference/*` (mode, batch, row width, graph hash, inputs, outputs, digest) → commit → absorb root →
 *   io binding (`io/input`, `io/output`: committed tensor MLE = public MLE at a random point) →
 *   every node in graph order → weight digest (private) → range decompositions and lookups →
 *   Ligero linear/quadratic/proximity tests.
 */
import {
  Affine,
  LIGERO_CONJECTURED,
  MalformedError,
  chooseRowWidth,
  ligeroShape,
  mleConstraint,
  mleEvalBase,
  parseLigeroProof,
  proveZk,
  serializeLigeroProof,
  sha256,
  verifyZk,
  type LayoutBuilder,
  type LigeroParams,
  type ProverContext,
  type Transcript,
  type VerifierContext,
} from '@vouch/core';
import { canonicalBytes, type Json } from '../commit/canonical-json.ts';
import { bytesToBase64, publicGraphJson, tensorBytes } from '../commit/public-graph.ts';
import { runIntGraph } from '../int/executor.ts';
import { DTYPE_RANGE, type IntGraph, type IntParams, type IntTensor } from '../int/graph.ts';
import { planGraph, type GraphPlan } from './plan.ts';
import type { RangeBook } from './ranges.ts';
import { INFERENCE_PROOF_VERSION } from './format.ts';
import { batchedValues, seedWitness } from './witness.ts';
import { LocatedRangeError, atNode, nodeLocation, valueLocation } from './locate.ts';
import { committedValues } from './region.ts';
import { paddedField, prod, totalBits, writeTensor } from './tensor.ts';
import type { FillContext, InferenceMode, InferenceProof, LookupProofBytes, OpProof, ProveInferenceInput, VerifyInferenceInput } from './types.ts';
import { fillWeightBinding, planWeightBinding, proveWeightBinding, recommendedLanes, verifyWeightBinding, type WeightBindingPlan } from './weights.ts';

/** Protocol version of inference proofs (absorbed and serialized; defined in format.ts). */
export { INFERENCE_PROOF_VERSION };

function publicOnly(graph: IntGraph, params: IntParams): IntParams {
  const out = new Map<string, IntTensor>();
  for (const spec of graph.params.values()) {
    if (spec.visibility === 'public') {
      const t = params.get(spec.name);
      if (t) out.set(spec.name, t);
    }
  }
  return out;
}

/** Public derivation of the row width: private mode = the digest lanes; open mode = the Ligero optimum. */
export function inferenceRowWidth(graph: IntGraph, mode: InferenceMode, batch: number, ligero: LigeroParams, lanes?: number, publicParams?: IntParams): number {
  if (mode === 'private') return lanes ?? recommendedLanes(graph);
  // open: trial plan at ℓ = 64 to count the witness, then the width minimizing the proof
  const trial = planGraph({ graph, mode, batch, rowWidth: 64, publicParams: publicParams ?? new Map() });
  return Math.max(64, chooseRowWidth(trial.layout.numRows * 64, ligero));
}

/**
 * A sub-protocol planned, filled and proven together with the graph (generation's sampling step,
 * prove/generate.ts): `plan` runs after the nodes and the weight digest, before the range lookups;
 * `fill` runs after the ops filled the witness, before the range decompositions.
 */
export interface InferenceExtension {
  plan(b: LayoutBuilder, ranges: RangeBook): void;
  fill(f: FillContext, g: GraphPlan): void;
}

/**
 * Plans an inference proof: the graph, the weight digest (private mode), then `extension` (both sides).
 * @throws RangeError / RangeAnalysisError as {@link planGraph}.
 */
export function planInference(graph: IntGraph, mode: InferenceMode, batch: number, rowWidth: number, publicParams: IntParams, extension?: Pick<InferenceExtension, 'plan'>): { g: GraphPlan; binding?: WeightBindingPlan } {
  return plan(graph, mode, batch, rowWidth, publicParams, extension);
}

function plan(graph: IntGraph, mode: InferenceMode, batch: number, rowWidth: number, publicParams: IntParams, extension?: Pick<InferenceExtension, 'plan'>): { g: GraphPlan; binding?: WeightBindingPlan } {
  let binding: WeightBindingPlan | undefined;
  const g = planGraph({
    graph,
    mode,
    batch,
    rowWidth,
    publicParams,
    beforeRanges: (b, _p, st) => {
      if (mode === 'private' && st.region) {
        const r = st.region;
        st.ranges.request({ label: 'private int8 parameters', dims: [r.int8.length], padded: [r.int8.paddedLength], bits: [r.int8.logLength], ref: r.int8 }, -128, 8, 'weights.int8');
        binding = planWeightBinding(b, r);
      }
      extension?.plan(b, st.ranges);
    },
  });
  return { g, binding };
}

/** Domain separator of {@link graphStatementHash}. */
const GRAPH_STATEMENT_DOMAIN = 'vouch/inference/graph/v2';

/**
 * SHA-256 of the public model data a proof is about (audit O4): "vouch/inference/graph/v2" ‖ 0x00 ‖
 * canonical JSON of { graph: publicGraphJson(graph, publicParams) (structure, shapes, attributes,
 * parameter declarations, public parameter data), open: in open mode, per parameter, base64 of
 * SHA-256 of its data (int32 LE; {} in private mode, where the weight digest binds them) }. Prover
 * and verifier compute it from the same public data, so a proof is bound to the model even when a
 * direct API caller forgets to absorb its statement. v2 hashes each open tensor instead of embedding
 * it (v1 put 22 MB of base64 through canonical JSON for B4's 4.2M weights: ~1 s per side).
 * @throws RangeError when a public parameter (open mode: any parameter) has no data.
 */
export function graphStatementHash(graph: IntGraph, mode: InferenceMode, publicParams: IntParams): Uint8Array {
  const open: Record<string, Json> = {};
  if (mode === 'open') {
    for (const name of [...graph.params.keys()].sort()) {
      const t = publicParams.get(name);
      if (!t) throw new RangeError(`graphStatementHash: expected data for parameter ${name} in open mode, got none`);
      open[name] = bytesToBase64(sha256(tensorBytes(t)));
    }
  }
  const body = canonicalBytes({ graph: publicGraphJson(graph, publicParams), open });
  const dom = new TextEncoder().encode(GRAPH_STATEMENT_DOMAIN);
  const buf = new Uint8Array(dom.length + 1 + body.length);
  buf.set(dom);
  buf.set(body, dom.length + 1);
  return sha256(buf);
}

/**
 * Absorbs the statement of an inference proof (both sides, before the commitment): version and
 * mode, batch, row width, node count, the hash of the graph and its public parameters
 * ({@link graphStatementHash}), inputs, outputs and, in private mode, the weight digest.
 */
export function absorbStatement(t: Transcript, graph: IntGraph, mode: InferenceMode, batch: number, rowWidth: number, inputs: readonly ArrayLike<number>[], outputs: readonly ArrayLike<number>[], digest: Uint32Array | undefined, publicParams: IntParams): void {
  t.absorbBytes('inference/version', Uint8Array.of(INFERENCE_PROOF_VERSION, mode === 'private' ? 1 : 0));
  t.absorbU32('inference/batch', batch);
  t.absorbU32('inference/row-width', rowWidth);
  t.absorbU32('inference/nodes', graph.nodes.length);
  t.absorbBytes('inference/graph', graphStatementHash(graph, mode, publicParams));
  const flat = (xs: readonly ArrayLike<number>[]) => paddedField([xs.reduce((a, x) => a + x.length, 0)], Int32Array.from(xs.flatMap((x) => Array.from(x))));
  t.absorbBase('inference/inputs', flat(inputs));
  t.absorbBase('inference/outputs', flat(outputs));
  if (digest) t.absorbBase('inference/weight-digest', digest);
}

/**
 * Both sides: committed graph inputs and outputs equal the public ones (MLE at a random point).
 * `outputs` undefined: the outputs stay hidden (generation: only the sampled tokens are public).
 */
export function bindIo(ctx: VerifierContext, g: GraphPlan, inputs: readonly ArrayLike<number>[], outputs: readonly ArrayLike<number>[] | undefined): void {
  const bind = (kind: string, name: string, rows: readonly ArrayLike<number>[]) => {
    const t = g.tensors.get(name)!;
    const data = new Int32Array(prod(t.dims));
    const per = data.length / g.batch;
    rows.forEach((x, b) => data.set(Int32Array.from(x), b * per));
    const r = ctx.transcript.challengeExts(`io/${kind}/${name}`, totalBits(t.bits));
    const pub = mleEvalBase(paddedField(t.dims, data), r);
    ctx.constraints.push(mleConstraint(ctx.layout, t.ref, r).equals(Affine.constant(pub), `io/${kind}:${name}`));
  };
  g.graph.inputs.forEach((vi) => bind('input', vi.name, inputs));
  if (outputs) g.graph.outputs.forEach((vi) => bind('output', vi.name, outputs));
}

/** A filled, uncommitted inference witness (prover side; also used by tests with the direct checker). */
export interface PreparedInference {
  readonly plan: GraphPlan;
  readonly binding: WeightBindingPlan | undefined;
  readonly witness: Uint32Array;
  readonly outputs: Int32Array[];
  /** Private mode: the digest the witness computes. */
  readonly digest: Uint32Array | undefined;
  readonly rowWidth: number;
}

/**
 * Plans and fills the witness of a batch (no commitment).
 * @throws RangeError on bad arguments or honest values outside a proof table.
 */
export function prepareInference(input: Omit<ProveInferenceInput, 'transcript'>, extension?: InferenceExtension): PreparedInference {
  const { graph, params, inputs, mode } = input;
  const ligero = input.ligero ?? LIGERO_CONJECTURED;
  const progress = input.onProgress ?? (() => {});
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) throw new RangeError(`proveInference: expected a graph with one input and one output, got ${graph.inputs.length} and ${graph.outputs.length}`);
  if (!Array.isArray(inputs) || inputs.length < 1) throw new RangeError(`proveInference: expected a non-empty batch of inputs, got ${Array.isArray(inputs) ? 0 : typeof inputs}`);
  if (mode !== 'private' && mode !== 'open') throw new RangeError(`proveInference: expected mode 'private' or 'open', got ${String(mode)}`);
  if (mode === 'private' && (!(input.salt instanceof Uint32Array) || input.salt.length !== 8)) throw new RangeError('proveInference: expected an 8-element Uint32Array salt in private mode');
  const batch = inputs.length;
  progress('execute', 0);
  const runs = inputs.map((x) => runIntGraph(graph, params, [x]));
  const values = batchedValues(runs);
  const outputs = runs.map((r) => r.outputs[0]);
  const pub = mode === 'open' ? params : publicOnly(graph, params);
  const rowWidth = inferenceRowWidth(graph, mode, batch, ligero, input.lanes, pub);
  progress('plan', 0);
  const { g, binding } = plan(graph, mode, batch, rowWidth, pub, extension);
  const layout = g.layout;
  progress('fill', 0);
  const witness = seedWitness(graph, params, g, values);
  const f: FillContext = {
    layout,
    witness,
    batch,
    value: (name) => {
      const v = values.get(name);
      if (!v) throw new RangeError(`fill: expected a value ${name}`);
      return v;
    },
    paramData: (name) => {
      const t = params.get(name);
      if (!t) throw new RangeError(`fill: expected parameter ${name}`);
      return Int32Array.from(t.data);
    },
    write: (t, data) => writeTensor(layout, witness, t, data),
  };
  g.ops.forEach((op, i) => {
    op.fill(f);
    progress('fill', (i + 1) / g.ops.length);
  });
  let digest: Uint32Array | undefined;
  if (binding) digest = fillWeightBinding(binding, witness, graph, params, input.salt!);
  extension?.fill(f, g);
  g.ranges.fill(layout, witness);
  return { plan: g, binding, witness, outputs, digest, rowWidth };
}

/**
 * Prover after the commitment (or with a direct checker): absorbs nothing itself; pushes every
 * constraint and returns the messages.
 */
export function runInferenceProver(ctx: ProverContext, prep: PreparedInference, inputs: readonly ArrayLike<number>[], outputs: readonly ArrayLike<number>[] | undefined): { ops: OpProof[]; lookups: LookupProofBytes[] } {
  bindIo(ctx, prep.plan, inputs, outputs);
  const ops = prep.plan.ops.map((op) => op.prove(ctx));
  if (prep.binding) proveWeightBinding(ctx, prep.binding, prep.digest!);
  const lookups = prep.plan.ranges.prove(ctx);
  return { ops, lookups };
}

/**
 * Verifier after the commitment (or with a direct checker): pushes the same constraints as
 * {@link runInferenceProver}, reading the proof's messages.
 * @throws MalformedError on messages of the wrong shape.
 */
export function runInferenceVerifier(ctx: VerifierContext, g: GraphPlan, binding: WeightBindingPlan | undefined, inputs: readonly ArrayLike<number>[], outputs: readonly ArrayLike<number>[] | undefined, digest: Uint32Array | undefined, proof: Pick<InferenceProof, 'ops' | 'lookups'>): void {
  bindIo(ctx, g, inputs, outputs);
  g.ops.forEach((op, i) => atNode(op.node, () => op.verify(ctx, proof.ops[i])));
  if (binding) verifyWeightBinding(ctx, binding, digest!);
  g.ranges.verify(ctx, proof.lookups);
}

/**
 * Proves a batch of inferences.
 * @returns the outputs (one Int32Array per sample, the graph's single output) and the proof.
 * @throws RangeError on bad arguments (missing salt, empty batch, graphs with several inputs or
 *   outputs, ops without a prover, honest values outside a proof table).
 * @example
 * const { outputs, proof } = proveInference({ graph, params, inputs: [x], mode: 'private', salt, transcript });
 */
export function proveInference(input: ProveInferenceInput): { outputs: Int32Array[]; proof: InferenceProof } {
  const ligero = input.ligero ?? LIGERO_CONJECTURED;
  const progress = input.onProgress ?? (() => {});
  const prep = prepareInference(input);
  const { plan: g, witness, outputs, digest, rowWidth } = prep;
  const pub = input.mode === 'open' ? input.params : publicOnly(input.graph, input.params);
  absorbStatement(input.transcript, input.graph, input.mode, g.batch, rowWidth, input.inputs, outputs, digest, pub);
  progress('commit', 0);
  const zk = proveZk({
    layout: g.layout,
    witness,
    transcript: input.transcript,
    params: ligero,
    run: (ctx: ProverContext) => {
      progress('prove', 0);
      const m = runInferenceProver(ctx, prep, input.inputs, outputs);
      progress('ligero', 0);
      return m;
    },
  });
  progress('done', 1);
  return {
    outputs,
    proof: { rowWidth, batch: g.batch, root: zk.root, ops: zk.messages.ops, lookups: zk.messages.lookups, ligero: serializeLigeroProof(zk.ligero, ligeroShape(ligero, g.layout)) },
  };
}

/**
 * Verifies a batch inference proof. Deterministic; needs only public data.
 * @throws VerificationError naming the failed check (`ligero.linear` for any violated constraint,
 *   `inference.row-width`, `inference.batch`, …) and MalformedError naming the bad section.
 */
export function verifyInference(input: VerifyInferenceInput): void {
  const { graph, inputs, outputs, mode, proof } = input;
  const ligero = input.ligero ?? LIGERO_CONJECTURED;
  if (!proof || typeof proof !== 'object') throw new MalformedError('inference.proof', `expected an object, got ${String(proof)}`);
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) throw new RangeError(`verifyInference: expected a graph with one input and one output, got ${graph.inputs.length} and ${graph.outputs.length}`);
  if (!Array.isArray(inputs) || !Array.isArray(outputs) || inputs.length < 1 || inputs.length !== outputs.length) throw new RangeError(`verifyInference: expected equally many inputs and outputs (≥ 1), got ${inputs?.length} and ${outputs?.length}`);
  const batch = inputs.length;
  const inN = prod(graph.inputs[0].shape);
  const outN = prod(graph.outputs[0].shape);
  const inRange = graph.inputs[0].range ?? DTYPE_RANGE[graph.inputs[0].dtype];
  const outRange = DTYPE_RANGE[graph.outputs[0].dtype];
  const checkValues = (kind: string, value: string, xs: readonly ArrayLike<number>[], n: number, [lo, hi]: readonly [number, number]) =>
    xs.forEach((x, b) => {
      if (x.length !== n) throw new RangeError(`verifyInference: ${kind} ${b}: expected ${n} values, got ${x.length}`);
      for (let i = 0; i < x.length; i++) if (!Number.isInteger(x[i]) || x[i] < lo || x[i] > hi) throw new LocatedRangeError('statement.io-range', `verifyInference: ${kind} ${b}[${i}]: expected an integer in [${lo}, ${hi}], got ${x[i]}`, valueLocation(graph, value));
    });
  checkValues('input', graph.inputs[0].name, inputs, inN, inRange);
  checkValues('output', graph.outputs[0].name, outputs, outN, outRange);
  if (mode === 'private' && (!(input.weightDigest instanceof Uint32Array) || input.weightDigest.length !== 8)) throw new RangeError('verifyInference: expected an 8-element weight digest in private mode');
  if (proof.batch !== batch) throw new MalformedError('inference.batch', `expected a proof for ${batch} samples, got ${proof.batch}`);
  const pub = mode === 'open' ? input.publicParams : publicOnly(graph, input.publicParams);
  if (mode === 'open') checkOpenParams(graph, pub);
  const rowWidth = inferenceRowWidth(graph, mode, batch, ligero, input.lanes, pub);
  if (proof.rowWidth !== rowWidth) throw new MalformedError('inference.row-width', `expected ${rowWidth}, got ${proof.rowWidth}`);
  const { g, binding } = plan(graph, mode, batch, rowWidth, pub);
  if (!Array.isArray(proof.ops) || proof.ops.length !== g.ops.length) throw new MalformedError('inference.ops', `expected ${g.ops.length} node proofs, got ${Array.isArray(proof.ops) ? proof.ops.length : typeof proof.ops}`);
  const shape = ligeroShape(ligero, g.layout);
  const ligeroProof = parseLigeroProof(proof.ligero, shape);
  absorbStatement(input.transcript, graph, mode, batch, rowWidth, inputs, outputs, mode === 'private' ? input.weightDigest : undefined, pub);
  verifyZk({
    layout: g.layout,
    transcript: input.transcript,
    params: ligero,
    root: proof.root,
    ligero: ligeroProof,
    run: (ctx) => runInferenceVerifier(ctx, g, binding, inputs, outputs, input.weightDigest, proof),
  });
}

/** Open mode: the verifier checks the public requant parameters' ranges itself. */
function checkOpenParams(graph: IntGraph, params: IntParams): void {
  for (const n of graph.nodes) {
    if (n.op !== 'Requant') continue;
    const bad = (msg: string) => new LocatedRangeError('model.open-params', `verifyInference: ${msg}`, nodeLocation(n));
    const m = params.get(n.params.multiplier);
    const s = params.get(n.params.shift);
    if (!m || !s) throw bad(`expected public multiplier and shift of ${n.name} in open mode`);
    for (const v of m.data) if (v < 0 || v >= 2 ** 15) throw bad(`${n.name} multiplier: expected [0, 2^15), got ${v}`);
    try {
      committedValues(graph, n.params.shift, s.data);
    } catch (e) {
      throw e instanceof RangeError ? bad(e.message) : e;
    }
    for (const v of s.data) if (v > 27) throw bad(`${n.name} shift: expected ≤ 27, got ${v}`);
  }
}
