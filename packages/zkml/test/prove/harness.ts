/**
 * Direct-check harness: runs the inference prover and verifier sides on an uncommitted witness
 * and evaluates the verifier's constraints in the clear (core zk/direct-check.ts, a "trivial PCS"),
 * so a test sees exactly which labelled check fails.
 */
import { directCheck, Sha256Transcript, type DirectCheckFailure, type ProverContext, type VerifierContext } from '@vouch/core';
import { prepareInference, runInferenceProver, runInferenceVerifier, type PreparedInference } from '../../src/prove/index.ts';
import type { IntGraph, IntParams } from '../../src/int/graph.ts';
import type { InferenceMode, LookupProofBytes, OpProof } from '../../src/prove/types.ts';

/** Messages a test may tamper with. */
export interface Messages {
  ops: Uint32Array[][];
  lookups: Uint32Array[][];
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** Edit the witness before the prover runs (a consistent cheating prover). */
  readonly tamperWitness?: (prep: PreparedInference) => void;
  /** Edit the messages between prover and verifier. */
  readonly tamperMessages?: (m: Messages) => void;
  /** Outputs the verifier is given (default: the honest ones). */
  readonly outputs?: Int32Array[];
  readonly inputs?: Int32Array[];
  readonly digest?: Uint32Array;
}

/** Prepares a witness. */
export function prepare(graph: IntGraph, params: IntParams, inputs: Int32Array[], mode: InferenceMode, salt?: Uint32Array, lanes?: number): PreparedInference {
  return prepareInference({ graph, params, inputs, mode, salt, lanes });
}

/** Runs prover then verifier constraints; returns the failing checks' labels. */
export function check(prep: PreparedInference, inputs: Int32Array[], opts: CheckOptions = {}): DirectCheckFailure[] {
  opts.tamperWitness?.(prep);
  const layout = prep.plan.layout;
  const pctx: ProverContext = { layout, transcript: new Sha256Transcript('test', 1), constraints: [], witness: prep.witness };
  const m = runInferenceProver(pctx, prep, inputs, prep.outputs);
  const msgs: Messages = { ops: m.ops.map((o: OpProof) => o.map((x) => x.slice())), lookups: m.lookups.map((l: LookupProofBytes) => l.map((x) => x.slice())) };
  opts.tamperMessages?.(msgs);
  const vctx: VerifierContext = { layout, transcript: new Sha256Transcript('test', 1), constraints: [] };
  runInferenceVerifier(vctx, prep.plan, prep.binding, opts.inputs ?? inputs, opts.outputs ?? prep.outputs, opts.digest ?? prep.digest, msgs);
  return directCheck(layout, prep.witness, vctx.constraints);
}

/** Labels of failures. */
export function labels(f: readonly DirectCheckFailure[]): string[] {
  return f.map((x) => x.label);
}

/** Witness index of element i (padded index) of the tensor holding `value`. */
export function wireOf(prep: PreparedInference, value: string, i: number): number {
  const t = prep.plan.tensors.get(value);
  if (!t) throw new Error(`no tensor ${value}`);
  return (t.ref.row << prep.plan.layout.logRowWidth) + t.ref.col + i;
}
