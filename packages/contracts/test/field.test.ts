import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { P, add, sub, mul, inv, eAdd, eSub, eMul, eInv } from '@vouch/core';
import { FieldHarness, packExt, unpackExt, withRevertDecoding } from '../src/index.ts';
import { startChain, deploy, expectRevert, prng, HARDFORK, type Chain } from './chain-helpers.ts';

describe(`BabyBear.sol / Ext4.sol vs packages/core/src/field (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  const rnd = prng(0xba5eba11);
  const el = (): number => {
    const r = rnd() % 8;
    if (r === 0) return [0, 1, P - 1, P - 2, 11][rnd() % 5];
    return rnd() % P;
  };

  beforeAll(async () => {
    ch = await startChain();
    at = await deploy(ch, FieldHarness, 'FieldHarness');
  });
  afterAll(async () => ch?.anvil.stop());

  it('base add, sub, mul, inv agree on 200 random and edge inputs', async () => {
    const a = Array.from({ length: 200 }, el);
    const b = Array.from({ length: 200 }, el);
    const [s, d, m, i] = await ch.c.publicClient.readContract({ address: at, abi: FieldHarness.abi, functionName: 'baseOps', args: [a.map(BigInt), b.map(BigInt)] });
    for (let k = 0; k < a.length; k++) {
      expect(Number(s[k])).toBe(add(a[k], b[k]));
      expect(Number(d[k])).toBe(sub(a[k], b[k]));
      expect(Number(m[k])).toBe(mul(a[k], b[k]));
      expect(Number(i[k])).toBe(a[k] === 0 ? 0 : inv(a[k]));
    }
  });

  it('ext add, sub, mul, inv (X^4 = 11) agree on 100 random inputs', async () => {
    const rndExt = (): Uint32Array => Uint32Array.from({ length: 4 }, el);
    const a = Array.from({ length: 100 }, () => {
      const e = rndExt();
      if (e.every((x) => x === 0)) e[0] = 1;
      return e;
    });
    const b = Array.from({ length: 100 }, rndExt);
    const [s, d, m, i] = await ch.c.publicClient.readContract({ address: at, abi: FieldHarness.abi, functionName: 'extOps', args: [a.map((x) => packExt(x)), b.map((x) => packExt(x))] });
    for (let k = 0; k < a.length; k++) {
      expect(unpackExt(s[k])).toEqual(eAdd(a[k], b[k]));
      expect(unpackExt(d[k])).toEqual(eSub(a[k], b[k]));
      expect(unpackExt(m[k])).toEqual(eMul(a[k], b[k]));
      expect(unpackExt(i[k])).toEqual(eInv(a[k]));
    }
  });

  it('ext inverse of zero reverts Ext4Zero', async () => {
    await expectRevert(withRevertDecoding('extInv', () => ch.c.publicClient.readContract({ address: at, abi: FieldHarness.abi, functionName: 'extInv', args: [0n] })), 'Ext4Zero');
  });

  it('reports per-operation gas', async () => {
    const reps = 64n;
    const g = await ch.c.publicClient.readContract({ address: at, abi: FieldHarness.abi, functionName: 'opGas', args: [12345n, packExt(Uint32Array.of(1, 2, 3, 4)), reps] });
    const per = g.map((x) => Number(x) / Number(reps));
    console.log(`[${HARDFORK}] gas per op (loop included): base mul ${per[0]}, base inv ${per[1]}, ext mul ${per[2]}, ext inv ${per[3]}`);
    for (const x of per) expect(x).toBeGreaterThan(0);
  });
});
