/** Step inputs of generation (generate-context.ts): padding while the sequence fits, sliding after. */
import { describe, expect, it } from 'vitest';
import { generationContexts, stepContext } from '../../../src/prove/generate-context.ts';

describe('generation step contexts', () => {
  it('pads with 0 while the sequence fits and reads its last position; slides after', () => {
    expect(stepContext([5, 6], 4)).toEqual({ input: Int32Array.of(5, 6, 0, 0), position: 1 });
    expect(stepContext([5, 6, 7, 8], 4)).toEqual({ input: Int32Array.of(5, 6, 7, 8), position: 3 });
    expect(stepContext([5, 6, 7, 8, 9], 4)).toEqual({ input: Int32Array.of(6, 7, 8, 9), position: 3 });
    const cs = generationContexts([1, 2, 3], [4, 5, 6], 4);
    expect(cs.map((c) => Array.from(c.input))).toEqual([
      [1, 2, 3, 0],
      [1, 2, 3, 4],
      [2, 3, 4, 5],
    ]);
    expect(cs.map((c) => c.position)).toEqual([2, 3, 3]);
    expect(() => stepContext([], 4)).toThrow(RangeError);
  });
});
