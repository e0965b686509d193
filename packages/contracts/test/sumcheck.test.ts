import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, type Address } from 'viem';
import { ByteWriter, Sha256Transcript, VerificationError, baseTable, extTable, mleEvalBase, proveSumcheck, randomVector, verifySumcheck, type ProductTerm } from '@vouch/core';
import { SumcheckHarness, packExt, unpackExt, withRevertDecoding } from '../src/index.ts';
import { deploy, expectRevert, prng, startChain, HARDFORK, type Chain } from './chain-helpers.ts';

const DOMAIN = 'vouch/sumcheck-harness';

/** Round messages as the proof bytes carry them: v × (d + 1) ext, 16 bytes LE each. */
function roundBytes(rounds: readonly Uint32Array[]): Uint8Array {
  const w = new ByteWriter(64);
  for (const m of rounds) for (let i = 0; i < m.length / 4; i++) w.ext(m, i);
  return w.finish();
}

describe(`Sumcheck.sol and Mle.sol vs packages/core (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  beforeAll(async () => {
    ch = await startChain();
    at = await deploy(ch, SumcheckHarness, 'SumcheckHarness');
  });
  afterAll(async () => ch?.anvil.stop());

  const run = (label: string, numVars: number, degree: number, claim: Uint32Array, rounds: Uint8Array) =>
    ch.c.publicClient.readContract({ address: at, abi: SumcheckHarness.abi, functionName: 'verify', args: [bytesToHex(new TextEncoder().encode(DOMAIN)), bytesToHex(new TextEncoder().encode(label)), BigInt(numVars), BigInt(degree), packExt(claim), bytesToHex(rounds)] });

  /** A random honest proof of degree d over v variables (d product factors, mixed base/ext tables). */
  function randomProof(v: number, d: number, seed: number) {
    const rnd = prng(seed);
    const n = 2 ** v;
    const tables = Array.from({ length: d }, (_, k) => (k % 2 === 0 ? baseTable(randomVector(n)) : extTable(randomVector(4 * n))));
    const terms: ProductTerm[] = [{ factors: tables.map((_, k) => k) }];
    if (d > 1) terms.push({ factors: [rnd() % d] });
    const label = `sc[${v},${d},${seed}]`;
    const out = proveSumcheck(new Sha256Transcript(DOMAIN, 1), tables, terms, label);
    return { label, out };
  }

  it('accepts honest proofs with the same final point, value and transcript state (degrees 1–8, 0–6 variables)', async () => {
    const cases = [[0, 2], [1, 1], [1, 2], [3, 2], [4, 3], [5, 2], [6, 2], [2, 5], [3, 8]];
    for (const [v, d] of cases) {
      const { label, out } = randomProof(v, d, 17 * v + d);
      const tr = new Sha256Transcript(DOMAIN, 1);
      const final = verifySumcheck(tr, { label, numVars: v, degree: d, claim: out.claim }, out.proof);
      const [point, expected, state, gasUsed] = await run(label, v, d, out.claim, roundBytes(out.proof.rounds));
      expect(point.map((p) => unpackExt(p)), `v=${v} d=${d}`).toEqual(Array.from({ length: v }, (_, k) => final.point.slice(4 * k, 4 * k + 4)));
      expect(unpackExt(expected)).toEqual(final.expectedValue);
      expect(state).toBe(bytesToHex(tr.stateDigest()));
      if (v === 5 && d === 2) console.log(`[${HARDFORK}] Sumcheck.verify, 5 rounds of degree 2 (transcript included): ${gasUsed} gas`);
    }
  });

  it('a changed round value fails sumcheck.round-sum at the same round (RoundSumMismatch(j))', async () => {
    const { label, out } = randomProof(4, 2, 99);
    for (const j of [0, 2]) {
      const rounds = out.proof.rounds.map((m) => m.slice());
      rounds[j][0] = (rounds[j][0] + 1) % 2013265921;
      let tsErr: unknown;
      try {
        verifySumcheck(new Sha256Transcript(DOMAIN, 1), { label, numVars: 4, degree: 2, claim: out.claim }, { rounds });
      } catch (e) {
        tsErr = e;
      }
      expect(tsErr).toBeInstanceOf(VerificationError);
      expect((tsErr as VerificationError).check).toBe('sumcheck.round-sum');
      expect((tsErr as VerificationError).location).toBe(`${label} round ${j}`);
      const e = await expectRevert(withDecoding(run(label, 4, 2, out.claim, roundBytes(rounds))), 'RoundSumMismatch');
      expect(e.args).toEqual([BigInt(j)]);
    }
    // s(2) of round 1 changed: round 2's sum fails (round 1's challenge and claim moved).
    const rounds = out.proof.rounds.map((m) => m.slice());
    rounds[1][8] = (rounds[1][8] + 1) % 2013265921;
    const e = await expectRevert(withDecoding(run(label, 4, 2, out.claim, roundBytes(rounds))), 'RoundSumMismatch');
    expect(e.args).toEqual([2n]);
  });

  it('malformed rounds: truncated, trailing, non-canonical; a bad shape', async () => {
    const { label, out } = randomProof(3, 2, 5);
    const b = roundBytes(out.proof.rounds);
    await expectRevert(withDecoding(run(label, 3, 2, out.claim, b.subarray(0, b.length - 1))), 'Truncated');
    await expectRevert(withDecoding(run(label, 3, 2, out.claim, Uint8Array.of(...b, 0))), 'TrailingBytes');
    const nc = b.slice();
    nc.set([0x01, 0x00, 0x00, 0x78], 100); // p, in round 2
    await expectRevert(withDecoding(run(label, 3, 2, out.claim, nc)), 'NonCanonical');
    await expectRevert(withDecoding(run(label, 3, 9, out.claim, b)), 'BadSumcheckShape');
  });

  it('Mle.evalBaseCalldata equals mleEvalBase (zero padding, 0–11 variables)', async () => {
    for (const [v, count] of [[0, 1], [1, 1], [3, 5], [6, 56], [7, 128], [10, 784], [11, 1500]]) {
      const vals = new Uint32Array(2 ** v);
      vals.set(randomVector(count));
      const z = randomVector(4 * v);
      const w = new ByteWriter(4 * count);
      for (let i = 0; i < count; i++) w.base(vals[i]);
      const got = await ch.c.publicClient.readContract({ address: at, abi: SumcheckHarness.abi, functionName: 'mle', args: [bytesToHex(w.finish()), Array.from({ length: v }, (_, k) => packExt(z, k))] });
      expect(unpackExt(got), `v=${v} count=${count}`).toEqual(mleEvalBase(vals, z));
    }
  });
});

/** viem read errors → ContractRevertError (the harness is called with readContract directly). */
function withDecoding<T>(p: Promise<T>): Promise<T> {
  return withRevertDecoding('SumcheckHarness', () => p);
}
