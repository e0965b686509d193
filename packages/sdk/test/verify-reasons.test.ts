/**
 * The SDK's rejection reasons: proof version, Ligero parameter record, and node locations for
 * failures one node explains (docs/protocol.md, "Rejection reasons").
 */
import { describe, expect, it } from 'vitest';
import { LIGERO_PARAMS_BYTES, MalformedError, P, VerificationError } from '@vouch/core';
import {
  INFERENCE_PROOF_VERSION,
  LocatedMalformedError,
  LocatedRangeError,
  atNode,
  decodeProofFile,
  encodeProofFile,
  modelIdFromCard,
  parseInferenceProof,
  quantizeGraph,
  serializeInferenceProof,
  statementTranscript,
  verifyInference,
  type InferenceProof,
} from '@vouch/zkml';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';
import { commitModel, prove, verify, type RejectReason } from '../src/index.ts';

const r = rng(11);
const calib = Array.from({ length: 6 }, () => randArray(r, 16, 0, 1));
const { pkg } = quantizeGraph(mlp(9, [16, 8, 4]), calib);
const alice = '0x00000000000000000000000000000000000a11ce';

/** Rejection reason of `file` (fails the test if it verifies). */
function reason(card: Parameters<typeof verify>[0], file: Uint8Array): RejectReason {
  const v = verify(card, file);
  if (v.valid) throw new Error('expected a rejection, got a valid proof');
  return v.reason;
}

/** Byte offset of message j of node i in serialized inference proof bytes. */
function messageOffset(p: InferenceProof, i: number, j: number): number {
  let off = 1 + 4 + 4 + 32 + 4;
  for (let a = 0; a < i; a++) off += 4 + p.ops[a].reduce((s, m) => s + 4 + 4 * m.length, 0);
  off += 4;
  for (let b = 0; b < j; b++) off += 4 + 4 * p.ops[i][b].length;
  return off;
}

describe.each(['private', 'open'] as const)('SDK rejection reasons, %s weights', (mode) => {
  const { card, secrets } = commitModel(pkg, { mode });
  const honest = prove(pkg, secrets, calib[0], { requester: alice }).proofFile;
  const file = decodeProofFile(honest);
  const proof = parseInferenceProof(file.proof);
  const { graph } = modelIdFromCard(card);
  const withProof = (bytes: Uint8Array) => encodeProofFile(file.statement, bytes);
  // A node with messages (a Linear node's sumchecks).
  const li = graph.nodes.findIndex((n) => n.op === 'Linear');
  const lin = graph.nodes[li];

  it('control: the honest proof verifies', () => {
    expect(verify(card, honest).valid).toBe(true);
  });

  it(`a version-1 proof (before inference/graph and the Ligero parameter record) → malformed.inference.version`, () => {
    expect(INFERENCE_PROOF_VERSION).toBe(2);
    expect(file.proof[0]).toBe(2);
    const old = file.proof.slice();
    old[0] = 1;
    const e = (() => {
      try {
        parseInferenceProof(old);
      } catch (x) {
        return x;
      }
    })() as MalformedError;
    expect(e).toBeInstanceOf(MalformedError);
    expect(e.field).toBe('inference.version');
    const why = reason(card, withProof(old));
    expect(why.check).toBe('malformed.inference.version');
    expect(why.message).toContain('expected 2, got 1');
  });

  it('a Ligero proof made under other parameters (header t changed) → ligero.params', () => {
    const lig = proof.ligero.slice();
    lig[1 + 12] += 1; // queries t
    expect(LIGERO_PARAMS_BYTES).toBe(28);
    const why = reason(card, withProof(serializeInferenceProof({ ...proof, ligero: lig })));
    expect(why.check).toBe('ligero.params');
    expect(why.message).toMatch(/expected queries = \d+, got \d+/);
  });

  it('a node’s message list one short → malformed.<node>.proof, location names the node', () => {
    const ops = proof.ops.map((o, i) => (i === li ? o.slice(0, -1) : o));
    const why = reason(card, withProof(serializeInferenceProof({ ...proof, ops })));
    expect(why.check).toBe(`malformed.${lin.name}.proof`);
    expect(why.location).toBe(`node ${lin.name} (Linear)`);
  });

  it('a non-canonical element in a node’s section of the proof bytes → malformed.inference.ops[i][0][0], location names the node', () => {
    const bytes = serializeInferenceProof(proof);
    const at = messageOffset(proof, li, 0) + 4;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, P, true);
    const why = reason(card, withProof(bytes));
    expect(why.check).toBe(`malformed.inference.ops[${li}][0][0]`);
    expect(why.location).toBe(`node ${lin.name} (Linear)`);
  });

  it('a statement output outside its dtype range → statement.io-range at the node producing the output', () => {
    const outputs = file.statement.outputs.map((y) => Int32Array.from(y, (v, i) => (i === 0 ? 1 << 20 : v)));
    const why = reason(card, encodeProofFile({ ...file.statement, outputs }, file.proof));
    const producer = graph.nodes.find((n) => n.output === graph.outputs[0].name)!;
    expect(why.check).toBe('statement.io-range');
    expect(why.location).toBe(`node ${producer.name} (${producer.op}), value ${graph.outputs[0].name}`);
  });

  it('no node explains a failed Ligero/Merkle check: a changed output in range → merkle.path or ligero.*, no node location', () => {
    // The output is absorbed, so every later challenge changes: the query columns first, hence
    // usually merkle.path; a consistent cheating prover would reach ligero.linear-sum instead.
    const outputs = file.statement.outputs.map((y) => Int32Array.from(y, (v, i) => (i === 0 ? (v === 0 ? 1 : 0) : v)));
    const why = reason(card, encodeProofFile({ ...file.statement, outputs }, file.proof));
    expect(why.check).toMatch(/^(merkle\.path|ligero\.)/);
    expect(why.location === undefined || !why.location.startsWith('node ')).toBe(true);
  });

  if (mode === 'open') {
    it('open mode: a Requant multiplier out of range → model.open-params at the Requant node', () => {
      const { publicParams } = modelIdFromCard(card);
      const rq = graph.nodes.find((n) => n.op === 'Requant')!;
      const m = publicParams.get(rq.params.multiplier)!;
      const bad = new Map(publicParams);
      bad.set(rq.params.multiplier, { ...m, data: Int32Array.from(m.data, (v, i) => (i === 0 ? 2 ** 15 : v)) });
      let e: unknown;
      try {
        verifyInference({ graph, publicParams: bad, inputs: file.statement.inputs, outputs: file.statement.outputs, mode, transcript: statementTranscript(file.statement), proof });
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(LocatedRangeError);
      expect((e as LocatedRangeError).check).toBe('model.open-params');
      expect((e as LocatedRangeError).location).toBe(`node ${rq.name} (Requant)`);
    });
  }
});

describe('atNode: a node step’s failure carries the node as location', () => {
  const node = { name: 'fc1', op: 'Linear' as const };
  const caught = (fn: () => void): unknown => {
    try {
      atNode(node, fn);
    } catch (e) {
      return e;
    }
    throw new Error('expected an error');
  };

  it('VerificationError: same check and message, node first, the inner location kept', () => {
    const e = caught(() => {
      throw new VerificationError('sumcheck.round-sum', 'round 2: expected s(0) + s(1) = 1, got 2', 'fc1.matvec round 2');
    }) as VerificationError;
    expect(e).toBeInstanceOf(VerificationError);
    expect(e.check).toBe('sumcheck.round-sum');
    expect(e.location).toBe('node fc1 (Linear), fc1.matvec round 2');
    expect(e.shortMessage).toBe('sumcheck.round-sum (node fc1 (Linear), fc1.matvec round 2): round 2: expected s(0) + s(1) = 1, got 2');
  });

  it('MalformedError: same field, offset and message, located', () => {
    const e = caught(() => {
      throw new MalformedError('fc1.proof[1]', 'expected 9 canonical ext elements', 17);
    }) as LocatedMalformedError;
    expect(e).toBeInstanceOf(LocatedMalformedError);
    expect(e.field).toBe('fc1.proof[1]');
    expect(e.offset).toBe(17);
    expect(e.location).toBe('node fc1 (Linear)');
    expect(e.shortMessage).toBe('malformed fc1.proof[1]: expected 9 canonical ext elements (at byte 17)');
  });

  it('other errors pass through unchanged', () => {
    const x = new TypeError('boom');
    expect(caught(() => {
      throw x;
    })).toBe(x);
  });
});
