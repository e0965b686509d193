/**
 * The framework of zero-knowledge inference proofs for integer graphs (docs/parts/inference.md).
 *
 * One proof = ONE witness matrix (core zk/layout.ts) committed once with the hiding Ligero
 * commitment (Longfellow: Frigo–shelat 2024; draft-google-cfrg-libzk). Every activation tensor of
 * the graph (inputs and every node output), every op-internal value (requant quotients, remainders,
 * limbs) and, in private mode, every private parameter is a committed vector. Each op proves its own
 * relation between committed vectors, independently of the others (no backward claim chaining):
 * its checks become linear constraints (sumcheck rounds, MLE openings at verifier-chosen points),
 * row triples (element-wise products of hidden values) and range requests (logUp lookups, batched
 * per table by the framework at the end).
 *
 * ## Tensor layout
 * A value with per-sample shape [d_1, …, d_k] in a batch of B samples is the tensor [B, d_1, …, d_k];
 * every dimension is padded to a power of two with zeros and the tensor is stored row-major in the
 * padded shape, so index bits are concatenated per dimension (last dimension = lowest bits) and the
 * MLE of the tensor at a point is one tensor term (zk/mle.ts). Signed integers embed as v mod p.
 * Padding entries of activations are NOT constrained to zero in general; every op relation must
 * make the real entries of its output depend only on real entries of its inputs (e.g. Linear
 * multiplies by weights whose padding is zero), and the graph output is bound to the public output
 * on the whole padded tensor (so its padding is zero).
 *
 * ## How to add an op prover
 * 1. Create `prove/ops/<op>.ts` exporting an {@link OpProver} (the op's integer semantics stay in
 *    `int/ops/<op>.ts`; the prover re-derives internal values from the executor's inputs/outputs).
 * 2. `plan(ctx, node)` (prover AND verifier, public shapes only): call `ctx.output(node)` (or
 *    `ctx.alias` when the output shares its input's layout), allocate op-internal vectors with
 *    `ctx.vector` / `ctx.alignedVector`, products with `ctx.triple`, range checks with `ctx.range`,
 *    sumcheck pads with `planZkSumcheck(ctx.builder, …)` and pad products with `ctx.products`.
 *    Return an {@link OpInstance}.
 * 3. `fill(f)` (prover, before the commitment): write op-internal values and fresh pads. Activation
 *    and parameter vectors are written by the framework.
 * 4. `prove(p)` / `verify(v, proof)` (after the commitment): draw challenges from `ctx.transcript`,
 *    send padded messages, push IDENTICAL constraint lists on both sides. Parameter MLEs come from
 *    `ctx.param(name).mle(point)` (a committed tensor term in private mode, a public constant in
 *    open mode), so one code path serves both modes.
 * 5. `proofShape()` lists the ext-vector lengths of the op's messages (strict parsing).
 * 6. Register it in `prove/registry.ts`.
 * Constraint labels are `<node>/<check>` (e.g. `fc1/linear.final`), so a direct check
 * (zk/direct-check.ts) names the node and the check.
 */
import type {
  Ext,
  LayoutBuilder,
  LigeroParams,
  PadProductPlanner,
  ProverContext,
  Transcript,
  VectorRef,
  VerifierContext,
  Affine,
} from '@vouch/core';
import type { IntGraph, IntNode, IntOpName, IntParamSpec, IntParams } from '../int/graph.ts';

/** Binding mode of the weights: private (salted Poseidon2 digest, proven in-proof) or open (public weights). */
export type InferenceMode = 'private' | 'open';

/** A committed tensor: its layout vector and its (real, padded) shape. Dimension 0 is the batch. */
export interface TensorRef {
  readonly label: string;
  /** Real dims [B, d_1, …]. */
  readonly dims: readonly number[];
  /** Each dim rounded up to a power of two. */
  readonly padded: readonly number[];
  /** log2 of each padded dim. */
  readonly bits: readonly number[];
  readonly ref: VectorRef;
}

/** A parameter tensor as an op sees it (private: committed; open: public data). */
export interface ParamHandle {
  readonly spec: IntParamSpec;
  /** Real and padded dims of the tensor (no batch dimension). */
  readonly dims: readonly number[];
  readonly padded: readonly number[];
  readonly bits: readonly number[];
  /** The committed vector (private parameters in private mode); undefined when public. */
  readonly ref: VectorRef | undefined;
  /**
   * The MLE of the zero-padded tensor at `point` (flat ext, Σ bits variables, last dim lowest):
   * a tensor-term form on the committed vector, or a constant computed from public data.
   */
  mle(layout: VerifierContext['layout'], point: Uint32Array): Affine;
  /** Public parameters only: the zero-padded tensor as field elements (padded row-major). */
  paddedData?(): Uint32Array;
}

/** A range check request: every real element v of `tensor` satisfies lo ≤ v < lo + 2^bits. */
export interface RangeRequest {
  readonly tensor: TensorRef;
  readonly lo: number;
  readonly bits: number;
  readonly label: string;
}

/** What an op sees while planning (both sides). */
export interface PlanContext {
  readonly graph: IntGraph;
  readonly mode: InferenceMode;
  /** Batch size B. */
  readonly batch: number;
  readonly builder: LayoutBuilder;
  readonly products: PadProductPlanner;
  /** The committed tensor of an already defined value (graph input or earlier node output). */
  tensor(value: string): TensorRef;
  /** Allocates the committed tensor of the node's output (shape from the graph). */
  output(node: IntNode): TensorRef;
  /** Declares the node's output to be stored in an existing tensor (same padded layout). */
  alias(node: IntNode, tensor: TensorRef): TensorRef;
  /** Allocates an op-internal tensor of real dims `dims` (batch first) anywhere in the layout. */
  vector(dims: readonly number[], label: string): TensorRef;
  /**
   * Allocates an op-internal tensor in whole rows starting at column 0, so that two tensors of the
   * same padded size allocated this way are column-aligned and can be tied by {@link triple}.
   */
  alignedVector(dims: readonly number[], label: string): TensorRef;
  /** a ⊙ b = c element-wise (all three from {@link alignedVector}, same padded size). */
  triple(a: TensorRef, b: TensorRef, c: TensorRef): void;
  /** Requests a range check (see {@link RangeRequest}); the framework batches one logUp per table. */
  range(tensor: TensorRef, lo: number, bits: number, label: string): void;
  /**
   * Requests that every real element of `tensor` lie in the fixed public set `values` (one logUp
   * per distinct `key`; real entries must be a prefix of the padded layout, e.g. a 1-D parameter).
   */
  member(tensor: TensorRef, key: string, values: readonly number[], label: string): void;
  /** A parameter of the node by role. @throws RangeError when absent. */
  param(node: IntNode, role: string): ParamHandle;
}

/** What an op sees while filling (prover, before the commitment). */
export interface FillContext {
  readonly layout: VerifierContext['layout'];
  readonly witness: Uint32Array;
  readonly batch: number;
  /** The executor's value (all batch samples concatenated, B·numel entries). */
  value(name: string): Int32Array;
  /** Parameter data by name. */
  paramData(name: string): Int32Array;
  /** Writes signed integers (B·Π dims entries, row-major in real dims) into a tensor's padded slots. */
  write(tensor: TensorRef, data: ArrayLike<number>): void;
}

/** Messages of one op: a list of flat ext vectors whose lengths are given by {@link OpInstance.proofShape}. */
export type OpProof = readonly Uint32Array[];

/** One planned node. */
export interface OpInstance {
  readonly node: IntNode;
  /** Ext lengths of the op's message vectors, in order (public: from shapes only). */
  proofShape(): readonly number[];
  /** Prover, before the commitment: op-internal values and fresh pads. */
  fill(f: FillContext): void;
  /** Prover, after the commitment. */
  prove(ctx: ProverContext): OpProof;
  /** Verifier: pushes the same constraints as {@link prove}. @throws VerificationError / MalformedError. */
  verify(ctx: VerifierContext, proof: OpProof): void;
}

/** A per-op prover (one file per op under prove/ops/). */
export interface OpProver {
  readonly op: IntOpName;
  plan(ctx: PlanContext, node: IntNode): OpInstance;
}

/** Progress callback: stage name and fraction done in [0, 1]. */
export type ProgressFn = (stage: string, fraction: number) => void;

/** Inputs of `proveInference`. */
export interface ProveInferenceInput {
  readonly graph: IntGraph;
  readonly params: IntParams;
  /** Batch of quantized inputs (one Int32Array/Int8Array per sample; graphs with one input). */
  readonly inputs: readonly (Int32Array | Int8Array)[];
  readonly mode: InferenceMode;
  /** Private mode: the host's secret salt (8 canonical elements). */
  readonly salt?: Uint32Array;
  /** Private mode: digest lanes L (= the proof's row width); default {@link recommendedLanes}. */
  readonly lanes?: number;
  /** The statement must already be absorbed by the caller. */
  readonly transcript: Transcript;
  readonly ligero?: LigeroParams;
  readonly onProgress?: ProgressFn;
}

/** Inputs of `verifyInference`. */
export interface VerifyInferenceInput {
  readonly graph: IntGraph;
  /** Public parameters (tables); in open mode also every weight. */
  readonly publicParams: IntParams;
  readonly inputs: readonly (Int32Array | Int8Array)[];
  readonly outputs: readonly Int32Array[];
  readonly mode: InferenceMode;
  /** Private mode: the public weight digest (8 elements). */
  readonly weightDigest?: Uint32Array;
  readonly lanes?: number;
  readonly transcript: Transcript;
  readonly ligero?: LigeroParams;
  readonly proof: InferenceProof;
}

/** A proof of a batch of inferences. */
export interface InferenceProof {
  /** Row width ℓ of the witness matrix (checked against the verifier's own derivation). */
  readonly rowWidth: number;
  readonly batch: number;
  readonly root: Uint8Array;
  /** Input/output binding openings (the committed input and output at random points are public). */
  /** Messages of every node, in graph order. */
  readonly ops: readonly OpProof[];
  /** One logUp-GKR proof per range table, in table order. */
  readonly lookups: readonly LookupProofBytes[];
  /** Serialized Ligero proof (core ligero/proof.ts format). */
  readonly ligero: Uint8Array;
}

/** A logUp-GKR proof flattened to ext vectors (root, then per layer: rounds…, finals). */
export type LookupProofBytes = readonly Uint32Array[];

/** An ext element helper type re-exported for op authors. */
export type { Ext };
