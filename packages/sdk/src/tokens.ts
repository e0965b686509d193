/**
 * Text ↔ token ids with a package vocabulary (hidden.vocabulary, bound in the model id): greedy
 * longest match from the left (a character-level vocabulary maps each character to its index).
 * Verifier-safe: no Node module.
 */

/**
 * Token ids of `text`: at each position the longest vocabulary entry that matches (first index on ties).
 * @throws RangeError when some character starts no entry.
 * @example
 * tokenize(['a', 'b', 'ab'], 'abb'); // Int32Array [2, 1]
 */
export function tokenize(vocabulary: readonly string[], text: string): Int32Array {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    let best = -1;
    let len = 0;
    vocabulary.forEach((tok, id) => {
      if (tok.length > len && text.startsWith(tok, i)) {
        best = id;
        len = tok.length;
      }
    });
    if (best < 0) throw new RangeError(`tokenize: expected text the vocabulary can spell, got ${JSON.stringify(text.slice(i, i + 8))} at ${i}`);
    out.push(best);
    i += len;
  }
  return Int32Array.from(out);
}

/** The text of token ids (ids outside the vocabulary become U+FFFD). */
export function detokenize(vocabulary: readonly string[], tokens: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) s += vocabulary[tokens[i]] ?? '\uFFFD';
  return s;
}
