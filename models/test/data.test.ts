import { describe, expect, it } from 'vitest';
import {
  CPS_FEATURES,
  DatasetError,
  decode,
  encode,
  loadCpsWages,
  loadMnist,
  loadMobyDick,
  loadPenguins,
  loadSamples,
  MNIST_PIXELS,
  permutation,
  PENGUIN_FEATURES,
} from '../src/index.ts';

describe('MNIST loader', () => {
  it('returns the 10,000 test digits as 784 floats in [0, 1] with labels 0–9', () => {
    const t = loadMnist('test');
    expect(t.count).toBe(10_000);
    expect(t.images.length).toBe(10_000 * MNIST_PIXELS);
    expect(t.labels.length).toBe(10_000);
    let min = Infinity;
    let max = -Infinity;
    for (const v of t.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(new Set(t.labels).size).toBe(10);
    expect(t.labels[0]).toBe(7); // the first MNIST test digit is a 7
  });

  it('slices with offset and limit, and has 60,000 training digits', () => {
    const part = loadMnist('test', { offset: 5, limit: 3 });
    const all = loadMnist('test', { limit: 8 });
    expect(part.count).toBe(3);
    expect(Array.from(part.labels)).toEqual(Array.from(all.labels.subarray(5, 8)));
    expect(part.images).toEqual(all.images.subarray(5 * MNIST_PIXELS, 8 * MNIST_PIXELS));
    expect(loadMnist('train', { offset: 59_990 }).count).toBe(10);
  });
});

describe('CPS-1985 wages loader', () => {
  const ds = loadCpsWages();
  it('splits 534 workers 427/107 with 15 standardized features and sex/race kept aside', () => {
    expect(ds.train.count).toBe(427);
    expect(ds.test.count).toBe(107);
    expect(ds.train.featureNames).toEqual(CPS_FEATURES);
    expect(ds.train.features.length).toBe(427 * 15);
    expect(ds.train.sensitive.sex.length).toBe(427);
    expect(new Set(ds.test.sensitive.sex)).toEqual(new Set(['female', 'male']));
    expect(new Set(ds.train.sensitive.race)).toEqual(new Set(['hispanic', 'other', 'white']));
    expect(new Set(ds.train.labels)).toEqual(new Set([0, 1]));
    for (let j = 0; j < 15; j++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < 427; i++) {
        s += ds.train.features[i * 15 + j];
        s2 += ds.train.features[i * 15 + j] ** 2;
      }
      expect(Math.abs(s / 427)).toBeLessThan(1e-5);
      expect(Math.abs(s2 / 427 - 1)).toBeLessThan(1e-4);
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(loadCpsWages().test.labels).toEqual(ds.test.labels);
    expect(loadCpsWages().test.features).toEqual(ds.test.features);
    expect(loadCpsWages(7).test.features).not.toEqual(ds.test.features);
  });

  it('labels about half the workers above the median wage', () => {
    const ones = [...ds.train.labels, ...ds.test.labels].filter((l) => l === 1).length;
    expect(ones).toBeGreaterThan(240);
    expect(ones).toBeLessThan(280);
  });
});

describe('penguins loader', () => {
  it('drops incomplete rows (333 kept) and splits 266/67 with 4 features and 3 species', () => {
    const ds = loadPenguins();
    expect(ds.train.count + ds.test.count).toBe(333);
    expect(ds.test.count).toBe(67);
    expect(ds.train.featureNames).toEqual(PENGUIN_FEATURES);
    expect(ds.train.features.length).toBe(266 * 4);
    expect(ds.train.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(new Set(ds.train.labels)).toEqual(new Set([0, 1, 2]));
    expect(new Set(ds.train.sensitive.sex)).toEqual(new Set(['female', 'male']));
    expect(ds.train.features.every(Number.isFinite)).toBe(true);
  });
});

describe('Moby Dick corpus', () => {
  it('has an 83-character vocabulary, a 90/10 split and a lossless encoding', () => {
    const c = loadMobyDick();
    expect(c.vocab.chars.length).toBe(83);
    expect(c.train.length + c.val.length).toBe(1_190_317);
    expect(c.train.length).toBe(Math.floor(1_190_317 * 0.9));
    const text = decode(c.vocab, c.train.subarray(0, 200));
    expect(text.startsWith('CHAPTER 1. Loomings.')).toBe(true);
    expect(encode(c.vocab, text)).toEqual(c.train.subarray(0, 200));
    expect(() => encode(c.vocab, '€')).toThrow(DatasetError);
  });
});

describe('samples', () => {
  it('gives flat model inputs with labels for every dataset id', () => {
    expect(loadSamples('mnist-test', { limit: 4 }).width).toBe(784);
    expect(loadSamples('cps-test').count).toBe(107);
    expect(loadSamples('penguins-train', { limit: 10 }).data.length).toBe(40);
    const m = loadSamples('moby-val', { limit: 5 });
    expect(m.width).toBe(64);
    expect(m.data.every((v) => Number.isInteger(v) && v >= 0 && v < 83)).toBe(true);
    const r = loadSamples('random:1', { width: 6, limit: 2, maxInt: 50 });
    expect(r.data.every((v) => Number.isInteger(v) && v < 50)).toBe(true);
    expect(loadSamples('random:1', { width: 6, limit: 2, maxInt: 50 }).data).toEqual(r.data);
  });

  it('rejects unknown ids', () => {
    expect(() => loadSamples('imagenet')).toThrow(/unknown dataset/);
    expect(() => loadSamples('random:x', { width: 3 })).toThrow(DatasetError);
  });

  it('permutation is a seeded permutation', () => {
    const p = permutation(100, 3);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect(permutation(100, 3)).toEqual(p);
    expect(permutation(100, 4)).not.toEqual(p);
  });
});
