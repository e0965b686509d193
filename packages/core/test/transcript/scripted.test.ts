import { describe, expect, it } from 'vitest';
import { P } from '../../src/field/babybear.ts';
import { eOf } from '../../src/field/ext4.ts';
import { ScriptedTranscript, Sha256Transcript } from '../../src/transcript/transcript.ts';

describe('ScriptedTranscript', () => {
  it('answers challenges from its queue, in order, and records everything', () => {
    const t = new ScriptedTranscript([{ label: 'r', value: eOf(5, 6, 7, 8) }, 42]);
    t.push({ label: 'q', value: [3, 1, 2] }, Uint32Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    t.absorbDigest('root', new Uint8Array(32).fill(9));
    t.absorbBase('xs', [1, 2]);
    expect([...t.challengeExt('r')]).toEqual([5, 6, 7, 8]);
    expect(t.challengeBase('b')).toBe(42);
    expect(t.challengeIndices('q', 4, 3)).toEqual([3, 1, 2]);
    expect([...t.challengeExts('g', 2)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.remaining).toBe(0);
    expect(t.absorbed.map((e) => [e.kind, e.label, e.bytes.length])).toEqual([
      ['digest', 'root', 32],
      ['base', 'xs', 8],
    ]);
    expect(t.absorbed[1].bytes).toEqual(Uint8Array.of(1, 0, 0, 0, 2, 0, 0, 0));
    expect(t.events.map((e) => `${e.op}:${e.label}`)).toEqual([
      'absorb:root',
      'absorb:xs',
      'challenge:r',
      'challenge:b',
      'challenge:q',
      'challenge:g',
    ]);
  });

  it('returned values are copies: mutating them does not change the record', () => {
    const v = eOf(1, 2, 3, 4);
    const t = new ScriptedTranscript([v]);
    const r = t.challengeExt('r');
    r[0] = 99;
    v[1] = 99;
    const ev = t.events[0];
    expect(ev.op === 'challenge' && [...(ev.value as Uint32Array)]).toEqual([1, 2, 3, 4]);
  });

  it('rejects a label mismatch, an empty queue, and values of the wrong shape', () => {
    expect(() => new ScriptedTranscript([{ label: 'r', value: eOf(1) }]).challengeExt('s')).toThrow(/labelled 'r'/);
    expect(() => new ScriptedTranscript().challengeBase('b')).toThrow(/empty queue/);
    expect(() => new ScriptedTranscript([eOf(1)]).challengeExts('g', 2)).toThrow(RangeError);
    expect(() => new ScriptedTranscript([Uint32Array.of(P, 0, 0, 0)]).challengeExt('r')).toThrow(RangeError);
    expect(() => new ScriptedTranscript([P]).challengeBase('b')).toThrow(RangeError);
    expect(() => new ScriptedTranscript([eOf(1)]).challengeBase('b')).toThrow(RangeError);
    expect(() => new ScriptedTranscript([[1, 1]]).challengeIndices('q', 4, 2)).toThrow(/distinct/);
    expect(() => new ScriptedTranscript([[1, 4]]).challengeIndices('q', 4, 2)).toThrow(RangeError);
    expect(() => new ScriptedTranscript([[1]]).challengeIndices('q', 4, 2)).toThrow(RangeError);
    expect(() => new ScriptedTranscript().absorbBase('x', [P])).toThrow(RangeError);
  });

  it('falls back to a real transcript once the queue is empty, forwarding every absorb', () => {
    const real = new Sha256Transcript('vouch/sim', 1);
    real.absorbU32('n', 7);
    const expected = real.challengeExt('r2');

    const t = new ScriptedTranscript([{ label: 'r1', value: eOf(3) }], new Sha256Transcript('vouch/sim', 1));
    t.absorbU32('n', 7);
    expect([...t.challengeExt('r1')]).toEqual([3, 0, 0, 0]);
    // the fallback never saw r1 (it was scripted), so its next challenge equals the real one
    expect([...t.challengeExt('r2')]).toEqual([...expected]);
  });
});
