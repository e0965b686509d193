import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { ZOO, zooEntry, ZooError, zooGraph, zooMeta, zooOnnxPath } from '../src/index.ts';

describe('zoo registry', () => {
  it('lists B1–B6 and both A1 models with unique ids and stems', () => {
    expect(ZOO.map((e) => e.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'A1-cps', 'A1-penguins']);
    expect(new Set(ZOO.map((e) => e.stem)).size).toBe(ZOO.length);
  });

  it('every trained model has a training script and a metadata file that agree with the registry', () => {
    for (const e of ZOO.filter((z) => z.kind === 'trained')) {
      expect(existsSync(e.trainScript!)).toBe(true);
      if (!existsSync(zooOnnxPath(e))) continue; // B2 before its first training run
      const meta = zooMeta(e);
      expect(meta.params).toBe(e.params);
      expect(meta.inputShape).toEqual(e.input.shape);
    }
  });

  it('synthetic models are generated with the registered input shape', () => {
    for (const id of ['B3', 'B4']) {
      const e = zooEntry(id);
      const g = zooGraph(e);
      expect(g.inputs[0].shape).toEqual(e.input.shape);
      expect(g.outputs[0].shape).toEqual([1, 10]);
    }
    expect(zooEntry('B6').large).toBe(true);
  });

  it('resolves ids case-insensitively, A1 to A1-cps, and rejects unknown ids', () => {
    expect(zooEntry('b1').id).toBe('B1');
    expect(zooEntry('A1').id).toBe('A1-cps');
    expect(() => zooEntry('B7')).toThrow(ZooError);
    expect(() => zooEntry('B7')).toThrow(/expected one of B1, B2/);
    expect(() => zooMeta(zooEntry('B3'))).toThrow(/synthetic/);
  });
});
