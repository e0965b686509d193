/**
 * End-to-end inference proofs through the zero-knowledge Ligero commitment (proveZk/verifyZk), both
 * binding modes, on a small A1-style MLP (insecure LIGERO_TEST parameters keep the file fast; the
 * benchmark uses the 100-bit presets): honest proofs verify after a byte round trip; another output,
 * input, weight digest, weights that do not hash to the digest, a batch with one tampered output,
 * every proof section tampered, and malformed bytes are rejected with their typed reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIGERO_TEST, MalformedError, P, Sha256Transcript, VerificationError } from '@vouch/core';
import { parseInferenceProof, proveInference, serializeInferenceProof, verifyInference, weightDigestFor } from '../../src/prove/index.ts';
import type { InferenceMode, InferenceProof } from '../../src/prove/types.ts';
import type { IntParams } from '../../src/int/graph.ts';
import { makeMlp, randomInputs, SALT } from './mlp.ts';

const { graph, params } = makeMlp([15, 32, 16, 2], 5);
const inputs = randomInputs(15, 3, 9);
const LANES = 128;
const digest = weightDigestFor(graph, params, SALT, LANES);
const tr = () => new Sha256Transcript('vouch/test-inference', 1);

interface Proved {
  outputs: Int32Array[];
  proof: InferenceProof;
  bytes: Uint8Array;
}
const proved: Partial<Record<InferenceMode, Proved>> = {};

function prove(mode: InferenceMode, p: IntParams = params): Proved {
  const { outputs, proof } = proveInference({ graph, params: p, inputs, mode, salt: SALT, lanes: LANES, transcript: tr(), ligero: LIGERO_TEST });
  return { outputs, proof, bytes: serializeInferenceProof(proof) };
}

function verify(mode: InferenceMode, proof: InferenceProof, over: { outputs?: Int32Array[]; inputs?: Int32Array[]; digest?: Uint32Array } = {}): void {
  verifyInference({
    graph,
    publicParams: mode === 'open' ? params : new Map(),
    inputs: over.inputs ?? inputs,
    outputs: over.outputs ?? proved[mode]!.outputs,
    mode,
    weightDigest: mode === 'private' ? (over.digest ?? digest) : undefined,
    lanes: LANES,
    transcript: tr(),
    ligero: LIGERO_TEST,
    proof,
  });
}

function errorOf(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

function expectCheck(f: () => void, check: string | RegExp): void {
  const e = errorOf(f);
  expect(e).toBeInstanceOf(VerificationError);
  expect((e as VerificationError).check).toMatch(check);
}

beforeAll(() => {
  proved.open = prove('open');
  proved.private = prove('private');
});

describe.each(['open', 'private'] as const)('%s mode', (mode) => {
  it('an honest batch proof verifies after a byte round trip', () => {
    const p = proved[mode]!;
    verify(mode, parseInferenceProof(p.bytes));
    expect(p.outputs.length).toBe(3);
  });
  it('another output is rejected', () => {
    const outs = proved[mode]!.outputs.map((o) => o.slice());
    outs[2][1] += 1;
    expectCheck(() => verify(mode, proved[mode]!.proof, { outputs: outs }), /^(ligero|merkle)\./);
  });
  it('another input is rejected', () => {
    const ins = inputs.map((x) => x.slice());
    ins[0][0] = ins[0][0] === 5 ? 6 : 5;
    expectCheck(() => verify(mode, proved[mode]!.proof, { inputs: ins }), /^(ligero|merkle)\./);
  });
  it('a tampered root is rejected', () => {
    const p = proved[mode]!.proof;
    const root = p.root.slice();
    root[0] ^= 1;
    expectCheck(() => verify(mode, { ...p, root }), /^(ligero|merkle)\./);
  });
  it('a tampered op message is rejected', () => {
    const p = proved[mode]!.proof;
    const ops = p.ops.map((o) => o.map((m) => m.slice()));
    ops[0][0][0] = (ops[0][0][0] + 1) % P;
    expectCheck(() => verify(mode, { ...p, ops }), /^(ligero|merkle)\./);
  });
  it('a tampered lookup message is rejected', () => {
    const p = proved[mode]!.proof;
    const lookups = p.lookups.map((l) => l.map((m) => m.slice()));
    lookups[0][1][0] = (lookups[0][1][0] + 1) % P;
    expectCheck(() => verify(mode, { ...p, lookups }), /^(ligero|merkle)\./);
  });
  it('tampered Ligero bytes are rejected', () => {
    const p = proved[mode]!.proof;
    const ligero = p.ligero.slice();
    ligero[40] ^= 1;
    const e = errorOf(() => verify(mode, { ...p, ligero }));
    expect(e instanceof VerificationError || e instanceof MalformedError).toBe(true);
  });
  it('a proof of the wrong batch size or shape is malformed', () => {
    const p = proved[mode]!.proof;
    expect(errorOf(() => verify(mode, { ...p, rowWidth: p.rowWidth * 2 }))).toBeInstanceOf(MalformedError);
    expect(errorOf(() => verify(mode, { ...p, ops: p.ops.slice(1) }))).toBeInstanceOf(MalformedError);
    expect(errorOf(() => verify(mode, { ...p, ops: [p.ops[0].slice(1), ...p.ops.slice(1)] }))).toBeInstanceOf(MalformedError);
  });
});

describe('private mode binding', () => {
  it('another weight digest is rejected', () => {
    const d = digest.slice();
    d[3] = (d[3] + 1) % P;
    expectCheck(() => verify('private', proved.private!.proof, { digest: d }), /^(ligero|merkle)\./);
  });
  it('weights that do not hash to the digest are rejected', () => {
    const p2 = new Map(params);
    const w = params.get('fc2.weight')!;
    const data = Int8Array.from(w.data);
    data[7] = data[7] === 1 ? 2 : 1;
    p2.set('fc2.weight', { ...w, data });
    const cheat = prove('private', p2);
    expectCheck(() => verify('private', cheat.proof, { outputs: cheat.outputs }), /^(ligero|merkle)\./);
  });
});

describe('statement shape', () => {
  it('inputs or outputs outside their dtype are refused before any check', () => {
    const outs = proved.open!.outputs.map((o) => o.slice());
    outs[0][0] = 40000;
    expect(() => verify('open', proved.open!.proof, { outputs: outs })).toThrow(RangeError);
    const ins = inputs.map((x) => x.slice());
    ins[1][2] = 200;
    expect(() => verify('open', proved.open!.proof, { inputs: ins })).toThrow(RangeError);
  });
});

describe('bytes', () => {
  it('truncated bytes, a wrong version and trailing bytes are malformed', () => {
    const b = proved.open!.bytes;
    for (const cut of [0, 1, 20, 60, b.length - 1]) expect(errorOf(() => parseInferenceProof(b.subarray(0, cut)))).toBeInstanceOf(MalformedError);
    const v = b.slice();
    v[0] = 9;
    expect((errorOf(() => parseInferenceProof(v)) as MalformedError).field).toBe('inference.version');
    const t = new Uint8Array(b.length + 1);
    t.set(b);
    expect(errorOf(() => parseInferenceProof(t))).toBeInstanceOf(MalformedError);
  });
});
