/**
 * prove / proveBatch: run the committed model on inputs and prove, in zero knowledge, that the
 * outputs are exactly the integer graph applied to them, for a named requester.
 */
import { randomVector, VouchError } from '@vouch/core';
import {
  PROTOCOL_VERSION,
  encodeProofFile,
  proveInference,
  quantizeInput,
  runIntGraph,
  serializeInferenceProof,
  statementTranscript,
  type ModelPackage,
  type Statement,
} from '@vouch/zkml';
import type { ModelSecrets } from './secrets.ts';
import { hexToBytes } from './hex.ts';

/** Options of {@link prove} and {@link proveBatch}. */
export interface ProveOptions {
  /** The party the result is for: 20-byte Ethereum address (hex) or 1–64 bytes. */
  readonly requester: string | Uint8Array;
  /** 32 bytes chosen by the requester (hex or bytes); fresh random when absent. */
  readonly nonce?: string | Uint8Array;
  /** Progress callback for long work (stage name, fraction done). */
  readonly onProgress?: (stage: string, fraction: number) => void;
}

/** Result of a proof. */
export interface ProveResult {
  readonly statement: Statement;
  /** The proof file (statement + proof), to hand to the requester. */
  readonly proofFile: Uint8Array;
  /** Integer outputs, one per sample. */
  readonly outputs: readonly Int32Array[];
  /** Proving time (ms). */
  readonly proveMs: number;
}

/** An input: raw floats (preprocessed and quantized with the package's public settings) or already quantized integers. */
export type ModelInput = Float32Array | Int8Array | Int32Array;

function toBytes(x: string | Uint8Array, field: string, len?: number): Uint8Array {
  const b = typeof x === 'string' ? hexToBytes(x, field) : x;
  if (len !== undefined && b.length !== len) throw new RangeError(`${field}: expected ${len} bytes, got ${b.length}`);
  return b;
}

/** The quantized form of an input. */
export function quantized(pkg: ModelPackage, x: ModelInput): Int32Array {
  if (x instanceof Float32Array) return Int32Array.from(quantizeInput(pkg, x));
  return Int32Array.from(x);
}

/**
 * Proves a batch of inferences in one proof.
 * @throws VouchError('SECRETS_MISMATCH') when the secrets belong to another model; RangeError on bad options.
 */
export function proveBatch(pkg: ModelPackage, secrets: ModelSecrets, inputs: readonly ModelInput[], opts: ProveOptions): ProveResult {
  const t0 = performance.now();
  const xs = inputs.map((x) => quantized(pkg, x));
  const outputs = xs.map((x) => runIntGraph(pkg.graph, pkg.params, [x]).outputs[0]);
  const nonce = opts.nonce === undefined ? randomBytes(32) : toBytes(opts.nonce, 'nonce', 32);
  const statement: Statement = {
    version: PROTOCOL_VERSION,
    modelId: hexToBytes(secrets.modelId, 'secrets.modelId'),
    requester: toBytes(opts.requester, 'requester'),
    nonce,
    inputs: xs,
    outputs,
  };
  const mode = secrets.salt ? 'private' : 'open';
  const transcript = statementTranscript(statement);
  const { outputs: proved, proof } = proveInference({
    graph: pkg.graph,
    params: pkg.params,
    inputs: xs,
    mode,
    salt: secrets.salt ? Uint32Array.from(secrets.salt) : undefined,
    lanes: secrets.lanes,
    transcript,
    onProgress: opts.onProgress,
  });
  proved.forEach((y, b) => {
    if (y.length !== outputs[b].length || y.some((v, i) => v !== outputs[b][i])) {
      throw new VouchError('PROVER_MISMATCH', `the prover's output for sample ${b} differs from the executor's`);
    }
  });
  const proofFile = encodeProofFile(statement, serializeInferenceProof(proof));
  return { statement, proofFile, outputs, proveMs: performance.now() - t0 };
}

/** Proves one inference. */
export function prove(pkg: ModelPackage, secrets: ModelSecrets, input: ModelInput, opts: ProveOptions): ProveResult {
  return proveBatch(pkg, secrets, [input], opts);
}

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

// re-exported for callers that want the raw vector helpers
export { randomVector };
