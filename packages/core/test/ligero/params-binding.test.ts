/**
 * Audit O3: the Ligero parameters are bound to the proof. The canonical record (ℓ, rows, mask rows,
 * t, n, coset shift, salt bytes) is absorbed before the root, so every challenge depends on it, and
 * heads the serialized proof, so a proof made under one parameter set is rejected under another as
 * `ligero.params`.
 */
import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.ts';
import {
  LIGERO_PARAMS_DOMAIN,
  LIGERO_TEST,
  ligeroParamsRecord,
  ligeroShape,
  parseLigeroProof,
  seededRng,
  serializeLigeroProof,
  type LigeroParams,
} from '../../src/ligero/index.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import { proveZk, verifyZk } from '../../src/zk/prove.ts';
import { randomInstance } from './instance.ts';
import { thrown } from './harness.ts';

const inst = randomInstance({ rowWidth: 16, seed: 'params-binding', triples: 1, sparse: 1 });
const A: LigeroParams = LIGERO_TEST; // t = 4, blowup 2
const moreQueries: LigeroParams = { name: 'q5', queries: 5, blowup: 2 };
const lowerRate: LigeroParams = { name: 'b4', queries: 4, blowup: 4 };

function proveUnder(params: LigeroParams) {
  return proveZk({
    layout: inst.layout,
    witness: inst.witness,
    transcript: new Sha256Transcript('vouch-test', 1),
    params,
    rng: seededRng('pb'),
    run: (ctx) => {
      ctx.constraints.push(...inst.constraints);
      return ctx.transcript.challengeExt('sub.challenge');
    },
  });
}

function verifyUnder(params: LigeroParams, proved: ReturnType<typeof proveUnder>, ligero = proved.ligero): Uint32Array {
  let r = new Uint32Array(4);
  verifyZk({
    layout: inst.layout,
    transcript: new Sha256Transcript('vouch-test', 1),
    params,
    root: proved.root,
    ligero,
    run: (ctx) => {
      r = Uint32Array.from(ctx.transcript.challengeExt('sub.challenge'));
      ctx.constraints.push(...inst.constraints);
    },
  });
  return r;
}

describe('audit O3: Ligero parameters bound to the proof', () => {
  const proved = proveUnder(A);
  const shapeA = ligeroShape(A, inst.layout);
  const bytes = serializeLigeroProof(proved.ligero, shapeA);

  it('control: verifies under its own parameters, bytes and object', () => {
    verifyUnder(A, proved);
    verifyUnder(A, proved, parseLigeroProof(bytes, shapeA));
  });

  it('the record is the domain string and the seven u32 fields (frozen vector)', () => {
    const rec = ligeroParamsRecord(shapeA);
    const domain = new TextEncoder().encode(LIGERO_PARAMS_DOMAIN);
    expect(Buffer.from(rec.subarray(0, domain.length)).toString()).toBe('vouch/ligero-params/v1');
    // ℓ = 16, rows, 20, t = 4, n = nextPow2(2·(2·20 − 1)) = 128, 31, 16
    const v = new DataView(rec.buffer, rec.byteOffset + domain.length);
    expect(Array.from({ length: 7 }, (_, i) => v.getUint32(4 * i, true))).toEqual([16, inst.layout.numRows, 20, 4, 128, 31, 16]);
  });

  it('proof bytes made with more queries → ligero.params (queries) before any other check', () => {
    const e = thrown(() => parseLigeroProof(bytes, ligeroShape(moreQueries, inst.layout))) as VerificationError;
    expect(e).toBeInstanceOf(VerificationError);
    expect(e.check).toBe('ligero.params');
    expect(e.shortMessage).toContain('expected queries = 5, got 4');
  });

  it('proof bytes made at another rate → ligero.params (codeLength)', () => {
    const e = thrown(() => parseLigeroProof(bytes, ligeroShape(lowerRate, inst.layout))) as VerificationError;
    expect(e).toBeInstanceOf(VerificationError);
    expect(e.check).toBe('ligero.params');
    expect(e.shortMessage).toContain('expected codeLength = 256, got 128');
  });

  it('the transcript binds the record: a relabelled proof (header rewritten to the other rate) still fails, with different challenges', () => {
    // A cheater rewrites the header to the verifier's parameters; the object has valid lengths for
    // both rates (only n differs), so parsing succeeds and the Fiat–Shamir binding has to reject it.
    const shapeB = ligeroShape(lowerRate, inst.layout);
    const relabelled = parseLigeroProof(serializeLigeroProof(proved.ligero, shapeB), shapeB);
    const e = thrown(() => verifyUnder(lowerRate, proved, relabelled)) as VerificationError;
    expect(e).toBeInstanceOf(VerificationError);
    expect(e.check).toBe('merkle.path');
    // The first sub-protocol challenge already differs from the prover's.
    let seen: Uint32Array | undefined;
    thrown(() =>
      verifyZk({
        layout: inst.layout,
        transcript: new Sha256Transcript('vouch-test', 1),
        params: lowerRate,
        root: proved.root,
        ligero: relabelled,
        run: (ctx) => {
          seen = ctx.transcript.challengeExt('sub.challenge');
          ctx.constraints.push(...inst.constraints);
        },
      }),
    );
    expect(Array.from(seen!)).not.toEqual(Array.from(proved.messages));
    expect(Array.from(verifyUnder(A, proved))).toEqual(Array.from(proved.messages));
  });
});
