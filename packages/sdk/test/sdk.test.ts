import { describe, expect, it } from 'vitest';
import { MalformedError } from '@vouch/core';
import { quantizeGraph, decodeProofFile, encodeProofFile, ModelCardError } from '@vouch/zkml';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';
import { commitModel, prove, proveBatch, verify, parseSecrets } from '../src/index.ts';

const r = rng(5);
const calib = Array.from({ length: 6 }, () => randArray(r, 16, 0, 1));
const { pkg } = quantizeGraph(mlp(9, [16, 8, 4]), calib);
const alice = '0x00000000000000000000000000000000000a11ce';
const bob = '0x0000000000000000000000000000000000000b0b';

describe.each(['private', 'open'] as const)('SDK end to end, %s weights', (mode) => {
  const { modelId, card, secrets } = commitModel(pkg, { mode });
  const input = calib[0];
  const p = prove(pkg, secrets, input, { requester: alice });

  it('an honest proof verifies for its requester and reports the outputs', () => {
    const v = verify(JSON.parse(JSON.stringify(card)), p.proofFile, { requester: alice });
    expect(v.valid).toBe(true);
    if (v.valid) {
      expect(v.modelId).toBe(modelId);
      expect(Array.from(v.outputs[0])).toEqual(Array.from(p.outputs[0]));
    }
  });

  it('secrets round trip through JSON', () => {
    expect(parseSecrets(JSON.stringify(secrets))).toEqual(JSON.parse(JSON.stringify(secrets)));
  });

  it('rejects another output', () => {
    const f = decodeProofFile(p.proofFile);
    const out = f.statement.outputs[0].slice();
    out[0] += 1;
    const v = verify(card, encodeProofFile({ ...f.statement, outputs: [out] }, f.proof));
    expect(v.valid).toBe(false);
  });

  it('rejects another input', () => {
    const f = decodeProofFile(p.proofFile);
    const x = f.statement.inputs[0].slice();
    x[3] = x[3] === 5 ? 6 : 5;
    const v = verify(card, encodeProofFile({ ...f.statement, inputs: [x] }, f.proof));
    expect(v.valid).toBe(false);
  });

  it('rejects a replay for another requester (statement rewritten, and the requester check)', () => {
    const f = decodeProofFile(p.proofFile);
    const rewritten = encodeProofFile({ ...f.statement, requester: Uint8Array.from(Buffer.from(bob.slice(2), 'hex')) }, f.proof);
    expect(verify(card, rewritten).valid).toBe(false);
    const v = verify(card, p.proofFile, { requester: bob });
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.reason.check).toBe('statement.requester');
  });

  it('rejects a proof for another model id (statement says another model)', () => {
    const f = decodeProofFile(p.proofFile);
    const other = new Uint8Array(32).fill(1);
    const v = verify(card, encodeProofFile({ ...f.statement, modelId: other }, f.proof));
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.reason.check).toBe('statement.model-id');
  });

  it('truncated proof files are malformed input', () => {
    for (const n of [0, 10, p.proofFile.length >> 1, p.proofFile.length - 1]) {
      expect(() => verify(card, p.proofFile.subarray(0, n))).toThrow(MalformedError);
    }
  });

  it('a card edited after commit is refused', () => {
    expect(() => verify({ ...card, settings: { ...(card.settings as object), inputScales: [1] } }, p.proofFile)).toThrow(ModelCardError);
  });
});

describe('SDK across models', () => {
  it('a proof for one model does not verify against another model with the same architecture', () => {
    const { pkg: other } = quantizeGraph(mlp(10, [16, 8, 4]), calib);
    const a = commitModel(pkg);
    const b = commitModel(other);
    const pa = prove(pkg, a.secrets, calib[1], { requester: alice });
    const f = decodeProofFile(pa.proofFile);
    const relabelled = encodeProofFile({ ...f.statement, modelId: Uint8Array.from(Buffer.from(b.modelId, 'hex')) }, f.proof);
    expect(verify(b.card, relabelled).valid).toBe(false);
  });

  it('a batch proof verifies and carries every output', () => {
    const { card, secrets } = commitModel(pkg);
    const p = proveBatch(pkg, secrets, calib.slice(0, 3), { requester: alice });
    const v = verify(card, p.proofFile);
    expect(v.valid).toBe(true);
    if (v.valid) expect(v.outputs.length).toBe(3);
  });
});
