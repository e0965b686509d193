/** proveZk / verifyZk: the whole life of a proof around sub-protocol callbacks. */
import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/errors.ts';
import { eAdd, eOf } from '../../src/field/ext4.ts';
import { LIGERO_TEST, seededRng } from '../../src/ligero/index.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import { proveZk, verifyZk } from '../../src/zk/prove.ts';
import { randomInstance } from './instance.ts';

const inst = randomInstance({ rowWidth: 16, seed: 'provezk', triples: 1 });

describe('proveZk / verifyZk', () => {
  const proved = proveZk({
    layout: inst.layout,
    witness: inst.witness,
    transcript: new Sha256Transcript('vouch-test', 1),
    params: LIGERO_TEST,
    rng: seededRng('pz'),
    run: (ctx) => {
      ctx.transcript.absorbU32('sub.message', 42);
      const r = ctx.transcript.challengeExt('sub.challenge');
      ctx.constraints.push(...inst.constraints);
      return { message: 42, r };
    },
  });

  it('accepts and returns the verifier callback’s result', () => {
    const out = verifyZk({
      layout: inst.layout,
      transcript: new Sha256Transcript('vouch-test', 1),
      params: LIGERO_TEST,
      root: proved.root,
      ligero: proved.ligero,
      run: (ctx) => {
        ctx.transcript.absorbU32('sub.message', proved.messages.message);
        const r = ctx.transcript.challengeExt('sub.challenge');
        expect(Array.from(r)).toEqual(Array.from(proved.messages.r));
        ctx.constraints.push(...inst.constraints);
        return 'claimed output';
      },
    });
    expect(out).toBe('claimed output');
  });

  it('rejects when the verifier derives a different constraint', () => {
    expect(() =>
      verifyZk({
        layout: inst.layout,
        transcript: new Sha256Transcript('vouch-test', 1),
        params: LIGERO_TEST,
        root: proved.root,
        ligero: proved.ligero,
        run: (ctx) => {
          ctx.transcript.absorbU32('sub.message', 42);
          ctx.transcript.challengeExt('sub.challenge');
          ctx.constraints.push(...inst.constraints.map((c, i) => (i === 0 ? { ...c, constant: eAdd(c.constant, eOf(1)) } : c)));
        },
      }),
    ).toThrow(VerificationError);
  });
});
