import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, type Address, type Hex } from 'viem';
import { ByteWriter, Sha256Transcript, P } from '@vouch/core';
import { TranscriptHarness, packExt, withRevertDecoding } from '../src/index.ts';
import { startChain, deploy, expectRevert, prng, HARDFORK, type Chain } from './chain-helpers.ts';

type Op =
  | { op: 'bytes'; label: string; data: Uint8Array }
  | { op: 'u32'; label: string; n: number }
  | { op: 'base'; label: string; xs: number[] }
  | { op: 'ext'; label: string; xs: Uint32Array }
  | { op: 'digest'; label: string; d: Uint8Array }
  | { op: 'exts'; label: string; n: number }
  | { op: 'bases'; label: string; n: number }
  | { op: 'indices'; label: string; d: number; count: number };

const CODE = { bytes: 1, u32: 2, base: 3, ext: 4, digest: 5, exts: 6, bases: 7, indices: 8 } as const;

/** Encodes a conversation in the TranscriptHarness program format. */
function program(ops: Op[]): Uint8Array {
  const w = new ByteWriter(256);
  for (const o of ops) {
    const label = new TextEncoder().encode(o.label);
    w.u8(CODE[o.op]).u32(label.length).raw(label);
    if (o.op === 'bytes') w.u32(o.data.length).raw(o.data);
    else if (o.op === 'u32') w.u32(o.n);
    else if (o.op === 'base') w.baseVec(o.xs);
    else if (o.op === 'ext') w.extVec(o.xs);
    else if (o.op === 'digest') w.raw(o.d);
    else if (o.op === 'exts' || o.op === 'bases') w.u32(o.n);
    else w.u32(o.d).u32(o.count);
  }
  return w.finish();
}

/** Runs the conversation through the TS transcript: challenge outputs in the contract's form and final state. */
function runTs(domain: string, version: number, ops: Op[]): { out: bigint[]; state: Hex } {
  const t = new Sha256Transcript(domain, version);
  const out: bigint[] = [];
  for (const o of ops) {
    if (o.op === 'bytes') t.absorbBytes(o.label, o.data);
    else if (o.op === 'u32') t.absorbU32(o.label, o.n);
    else if (o.op === 'base') t.absorbBase(o.label, o.xs);
    else if (o.op === 'ext') t.absorbExt(o.label, o.xs);
    else if (o.op === 'digest') t.absorbDigest(o.label, o.d);
    else if (o.op === 'exts') {
      const e = t.challengeExts(o.label, o.n);
      for (let i = 0; i < o.n; i++) out.push(packExt(e, i));
    } else if (o.op === 'bases') out.push(...Array.from(t.challengeBases(o.label, o.n), BigInt));
    else out.push(...t.challengeIndices(o.label, o.d, o.count).map(BigInt));
  }
  return { out, state: bytesToHex(t.stateDigest()) };
}

describe(`Transcript.sol vs packages/core/src/transcript (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  const run = (domain: string, version: number, ops: Op[]) =>
    ch.c.publicClient.readContract({
      address: at,
      abi: TranscriptHarness.abi,
      functionName: 'run',
      args: [bytesToHex(new TextEncoder().encode(domain)), BigInt(version), bytesToHex(program(ops))],
    });

  beforeAll(async () => {
    ch = await startChain();
    at = await deploy(ch, TranscriptHarness, 'TranscriptHarness');
  });
  afterAll(async () => ch?.anvil.stop());

  it('reproduces the frozen test vector of docs/parts/transcript-merkle.md §2.3', async () => {
    const ops: Op[] = [
      { op: 'bytes', label: 'statement', data: new TextEncoder().encode('hello vouch') },
      { op: 'u32', label: 'n', n: 1234567 },
      { op: 'base', label: 'xs', xs: [0, 1, 2013265920] },
      { op: 'ext', label: 'e', xs: Uint32Array.of(1, 2, 3, 4) },
      { op: 'digest', label: 'root', d: Uint8Array.from({ length: 32 }, (_, i) => i) },
    ];
    const [s1] = await run('vouch/test-vector', 1, ops);
    expect(s1).toBe('0x013972cf514e05a907bd2363c45b5288fc741471ba7ae0d5da14e705b0316906');
    const all: Op[] = [
      ...ops,
      { op: 'exts', label: 'alpha', n: 1 },
      { op: 'bases', label: 'beta', n: 1 },
      { op: 'indices', label: 'queries', d: 1000, count: 8 },
      { op: 'exts', label: 'gammas', n: 2 },
    ];
    const [s, out, gas] = await run('vouch/test-vector', 1, all);
    expect(s).toBe('0xb362d4157dcafb9121ae57590e5e2e4ae784f878541862e547ff8105efc77eb9');
    expect(out).toEqual([
      packExt([1889777288, 352367174, 588538233, 1422452634]),
      1482790075n,
      ...[297, 628, 107, 496, 4, 239, 827, 87].map(BigInt),
      packExt([1304000167, 1034644063, 1208359754, 854638739]),
      packExt([188327400, 1561823149, 1928590683, 51062327]),
    ]);
    console.log(`[${HARDFORK}] frozen-vector conversation (5 absorbs, 4 challenge calls): ${gas} gas`);
  });

  it('agrees with the TS transcript on 12 random conversations', async () => {
    const rnd = prng(0x7e57);
    for (let conv = 0; conv < 12; conv++) {
      const ops: Op[] = [];
      const nOps = 1 + (rnd() % 10);
      for (let i = 0; i < nOps; i++) {
        const label = 'l'.repeat(rnd() % 40) + String(i);
        const kind = rnd() % 8;
        if (kind === 0) ops.push({ op: 'bytes', label, data: Uint8Array.from({ length: rnd() % 100 }, () => rnd() & 255) });
        else if (kind === 1) ops.push({ op: 'u32', label, n: rnd() });
        else if (kind === 2) ops.push({ op: 'base', label, xs: Array.from({ length: rnd() % 12 }, () => rnd() % P) });
        else if (kind === 3) ops.push({ op: 'ext', label, xs: Uint32Array.from({ length: 4 * (rnd() % 5) }, () => rnd() % P) });
        else if (kind === 4) ops.push({ op: 'digest', label, d: Uint8Array.from({ length: 32 }, () => rnd() & 255) });
        else if (kind === 5) ops.push({ op: 'exts', label, n: rnd() % 6 });
        else if (kind === 6) ops.push({ op: 'bases', label, n: rnd() % 20 });
        else {
          const d = 1 + (rnd() % (rnd() % 2 ? 70 : 1 << 20));
          ops.push({ op: 'indices', label, d, count: rnd() % Math.min(d + 1, 40) });
        }
      }
      const domain = `vouch/random-${conv}`;
      const version = rnd() % 5;
      const ts = runTs(domain, version, ops);
      const [state, out] = await run(domain, version, ops);
      expect(out).toEqual(ts.out);
      expect(state).toBe(ts.state);
    }
  });

  it('rejects a non-canonical base element in absorbed data with NonCanonical', async () => {
    const prog = program([{ op: 'base', label: 'xs', xs: [5] }]);
    prog.set([0x01, 0x00, 0x00, 0x78], prog.length - 4); // 0x78000001 = p
    await expectRevert(
      withRevertDecoding('run', () => ch.c.publicClient.readContract({ address: at, abi: TranscriptHarness.abi, functionName: 'run', args: ['0x', 0n, bytesToHex(prog)] })),
      'NonCanonical',
    );
  });

  it('rejects an index request with count > d with BadIndexRequest', async () => {
    const prog = program([{ op: 'indices', label: 'q', d: 4, count: 5 }]);
    await expectRevert(
      withRevertDecoding('run', () => ch.c.publicClient.readContract({ address: at, abi: TranscriptHarness.abi, functionName: 'run', args: ['0x', 0n, bytesToHex(prog)] })),
      'BadIndexRequest',
    );
  });
});
