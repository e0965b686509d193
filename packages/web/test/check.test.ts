/**
 * check.ts in Node: the page's action reports exactly verify()'s verdict, and turns input that
 * verify() refuses to read into `unreadable` outcomes with a stable check id. Small MLP, fast.
 */
import { describe, expect, it } from 'vitest';
import { quantizeGraph } from '@vouch/zkml';
import { commitModel, prove, verify } from '@vouch/sdk';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';
import { checkFiles, runtimeInfo } from '../src/check.ts';
import { hex, outcomeOf, withoutTiming } from '../src/outcome.ts';

const r = rng(11);
const calib = Array.from({ length: 4 }, () => randArray(r, 16, 0, 1));
const { pkg } = quantizeGraph(mlp(3, [16, 8, 4]), calib);
const { card, secrets } = commitModel(pkg);
const cardText = JSON.stringify(card);
const alice = '0x00000000000000000000000000000000000a11ce';
const { proofFile } = prove(pkg, secrets, calib[0], { requester: alice });

describe('checkFiles', () => {
  it('an honest proof: valid, the same record as outcomeOf(verify())', () => {
    const o = checkFiles(cardText, proofFile);
    expect(o.status).toBe('valid');
    expect(withoutTiming(o)).toEqual(withoutTiming(outcomeOf(verify(card, proofFile))));
    if (o.status === 'valid') expect(o.requester).toBe(alice.slice(2));
  });

  it('passes the expected requester on (and accepts it with or without 0x, padded with spaces)', () => {
    expect(checkFiles(cardText, proofFile, { requester: ` ${alice.slice(2)} ` }).status).toBe('valid');
    expect(checkFiles(cardText, proofFile, { requester: '0x0b0b' })).toMatchObject({
      status: 'invalid',
      check: 'statement.requester',
    });
  });

  it('a tampered output is invalid with verify()’s reason', () => {
    const bad = proofFile.slice();
    // The last i32 of the statement is the last output (formats.md); flip its low bit.
    const stLen = new DataView(bad.buffer).getUint32(8, true);
    bad[12 + stLen - 4] ^= 1;
    const o = checkFiles(cardText, bad);
    expect(o.status).toBe('invalid');
    expect(withoutTiming(o)).toEqual(withoutTiming(outcomeOf(verify(card, bad))));
  });

  it('input that is not a card or not a proof file is unreadable, with a stable check id', () => {
    expect(checkFiles('{ nope', proofFile)).toMatchObject({ status: 'unreadable', check: 'card.json' });
    expect(checkFiles('[1, 2]', proofFile)).toMatchObject({ status: 'unreadable', check: 'card.invalid' });
    expect(checkFiles('{"format": "vouch-model-card", "cardVersion": 1, "mode": "private"}', proofFile)).toMatchObject({
      status: 'unreadable',
      check: 'card.invalid',
    });
    expect(checkFiles(JSON.stringify({ ...card, modelId: '00'.repeat(32) }), proofFile)).toMatchObject({
      status: 'unreadable',
      check: 'card.invalid',
    });
    expect(checkFiles(cardText, proofFile, { requester: 'xyz' })).toMatchObject({
      status: 'unreadable',
      check: 'requester.hex',
    });
    const o = checkFiles(cardText, proofFile.subarray(0, 10));
    expect(o.status).toBe('unreadable');
    expect(o.status === 'unreadable' && o.check.startsWith('malformed.')).toBe(true);
  });

  it('hex and the Node runtime paths', () => {
    expect(hex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(runtimeInfo()).toMatchObject({ sha256: 'node', wasm: true });
  });
});
