import { eRandom } from '../../src/field/ext4.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';

/** A fresh transcript with the test domain. */
export function newTranscript(tag = 'sumcheck-test'): Sha256Transcript {
  return new Sha256Transcript(`vouch/test/${tag}`, 1);
}

/** A random ext point of v variables (flat). */
export function randomPoint(v: number): Uint32Array {
  const p = new Uint32Array(4 * v);
  for (let k = 0; k < v; k++) p.set(eRandom(), 4 * k);
  return p;
}

/** Runs fn and returns the thrown error (fails the test if nothing is thrown). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw, got none');
}
