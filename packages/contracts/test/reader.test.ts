import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, type Address } from 'viem';
import { ByteWriter, P } from '@vouch/core';
import { ReaderHarness, packExt, withRevertDecoding } from '../src/index.ts';
import { startChain, deploy, expectRevert, prng, HARDFORK, type Chain } from './chain-helpers.ts';

describe(`PackedReader.sol vs ByteWriter (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  const rnd = prng(0x4ead);

  beforeAll(async () => {
    ch = await startChain();
    at = await deploy(ch, ReaderHarness, 'ReaderHarness');
  });
  afterAll(async () => ch?.anvil.stop());

  const read = (data: Uint8Array, kinds: number[]) =>
    withRevertDecoding('read', () => ch.c.publicClient.readContract({ address: at, abi: ReaderHarness.abi, functionName: 'read', args: [bytesToHex(data), bytesToHex(Uint8Array.from(kinds))] }));

  /** A random sequence written by ByteWriter, with the values the reader must return. */
  function sample(n: number) {
    const w = new ByteWriter(64);
    const kinds: number[] = [];
    const values: bigint[] = [];
    for (let i = 0; i < n; i++) {
      const k = rnd() % 4;
      kinds.push(k);
      if (k === 0) {
        const v = rnd() & 255;
        w.u8(v);
        values.push(BigInt(v));
      } else if (k === 1) {
        const v = rnd();
        w.u32(v);
        values.push(BigInt(v));
      } else if (k === 2) {
        const v = rnd() % 3 === 0 ? P - 1 : rnd() % P;
        w.base(v);
        values.push(BigInt(v));
      } else {
        const e = Uint32Array.from({ length: 4 }, () => rnd() % P);
        w.ext(e);
        values.push(packExt(e));
      }
    }
    return { bytes: w.finish(), kinds, values };
  }

  it('reads random u8/u32/base/ext sequences exactly as ByteWriter wrote them', async () => {
    for (let r = 0; r < 8; r++) {
      const s = sample(1 + (rnd() % 40));
      expect(await read(s.bytes, s.kinds)).toEqual(s.values);
    }
  });

  it('truncated input gives Truncated', async () => {
    const s = sample(20);
    for (const cut of [1, 3, 9]) await expectRevert(read(s.bytes.subarray(0, s.bytes.length - cut), s.kinds), 'Truncated');
  });

  it('trailing bytes give TrailingBytes', async () => {
    const s = sample(5);
    const longer = new Uint8Array(s.bytes.length + 1);
    longer.set(s.bytes);
    await expectRevert(read(longer, s.kinds), 'TrailingBytes');
  });

  it('a base or ext coordinate ≥ p gives NonCanonical with its offset', async () => {
    const w = new ByteWriter(32).u32(7).base(5);
    const bytes = w.finish();
    bytes.set([0x01, 0x00, 0x00, 0x78], 4); // p itself
    const e = await expectRevert(read(bytes, [1, 2]), 'NonCanonical');
    expect(e.args).toEqual([4n]);
    const x = new ByteWriter(16).ext(Uint32Array.of(1, 2, 3, 4)).finish();
    x.set([0xff, 0xff, 0xff, 0xff], 8);
    const e2 = await expectRevert(read(x, [3]), 'NonCanonical');
    expect(e2.args).toEqual([8n]);
  });
});
