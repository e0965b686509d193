import { describe, it, expect } from 'vitest';
import { P, randomVector, fromInt } from '../../src/field/babybear.ts';
import { eEq, eRandom, eOf } from '../../src/field/ext4.ts';
import { Affine } from '../../src/zk/constraints.ts';
import { mleEvalBase, mleEvalExt } from '../../src/poly/mle.ts';
import { buildLeaves, leafClaims, leafGeometry, writeLeaves } from '../../src/lookup/leaves.ts';
import { combinedTableMle, combineColumns, paddedColumn, tableShape, type LookupTable } from '../../src/lookup/table.ts';
import { randomPoint } from '../sumcheck/helpers.ts';

describe('lookup tables', () => {
  it('the closed-form range MLE matches the materialized table, also zero-extended', () => {
    const t: LookupTable = { kind: 'range', bits: 5, offset: -16 };
    const col = paddedColumn(t, 0);
    expect(col[0]).toBe(fromInt(-16));
    const z = randomPoint(5);
    expect(eEq(combinedTableMle(t, eOf(1), z), mleEvalBase(col, z))).toBe(true);
    const z7 = randomPoint(7);
    const ext = new Uint32Array(128);
    ext.set(col);
    expect(eEq(combinedTableMle(t, eOf(1), z7), mleEvalBase(ext, z7))).toBe(true);
  });
  it('fixed tables are padded by repeating row 0 and combined with powers of β', () => {
    const t: LookupTable = { kind: 'fixed', columns: [Uint32Array.of(5, 6, 7), Uint32Array.of(1, 2, 3)] };
    expect([...paddedColumn(t, 1)]).toEqual([1, 2, 3, 1]);
    const beta = eRandom();
    const z = randomPoint(2);
    const comb = combineColumns([paddedColumn(t, 0), paddedColumn(t, 1)], beta);
    expect(eEq(combinedTableMle(t, beta, z), mleEvalExt(comb, z))).toBe(true);
  });
  it('rejects bad tables', () => {
    expect(() => tableShape({ kind: 'range', bits: 17 })).toThrow(/expected range bits in \[0, 16\], got 17/);
    expect(() => tableShape({ kind: 'fixed', columns: [] })).toThrow(/expected 1..3 columns, got 0/);
    expect(() => tableShape({ kind: 'fixed', columns: [Uint32Array.of(1, 2), Uint32Array.of(1)] })).toThrow(/column 1 to have 2 rows, got 1/);
    expect(() => tableShape({ kind: 'fixed', columns: [Uint32Array.of(P)] })).toThrow(/canonical/);
  });
});

describe('logUp leaves', () => {
  it('leafClaims equals the MLEs of the built leaves at random points', () => {
    const table: LookupTable = { kind: 'fixed', columns: [randomVector(11), randomVector(11)] };
    const groups = [{ length: 5, logLength: 3 }, { length: 30, logLength: 5 }, { length: 1, logLength: 0 }];
    const geom = leafGeometry(groups, 11);
    // blocks 32 (group 1) + 16 (table) + 8 (group 0) + 1 (group 2) = 57 leaves → 2^6
    expect(geom.groupOffsets).toEqual([48, 0, 56]);
    expect(geom.tableOffset).toBe(32);
    expect(geom.numVars).toBe(6);
    const beta = eRandom(), X = eRandom();
    const cols = groups.map((g) => [randomVector(2 ** g.logLength), randomVector(2 ** g.logLength)]);
    const mult = randomVector(16);
    const tableValues = combineColumns([paddedColumn(table, 0), paddedColumn(table, 1)], beta);
    const { p, q } = buildLeaves(geom, cols.map((c) => combineColumns(c, beta)), tableValues, mult, X);
    // writing into arrays holding garbage gives the same leaves
    const p2 = randomVector(p.length), q2 = randomVector(q.length);
    writeLeaves(geom, cols.map((c) => combineColumns(c, beta)), tableValues, mult, X, p2, q2);
    expect(p2).toEqual(p);
    expect(q2).toEqual(q);
    for (let trial = 0; trial < 3; trial++) {
      const z = randomPoint(geom.numVars);
      const got = leafClaims(geom, z, X, {
        groupMle: (g, pt) => Affine.constant(mleEvalExt(combineColumns(cols[g], beta), pt)),
        multiplicityMle: (pt) => Affine.constant(mleEvalBase(mult, pt)),
        tableMle: (pt) => combinedTableMle(table, beta, pt),
      });
      expect(got.p.terms.size + got.p.tensor.length).toBe(0);
      expect(eEq(got.p.constant, mleEvalExt(p, z))).toBe(true);
      expect(eEq(got.q.constant, mleEvalExt(q, z))).toBe(true);
    }
  });
  it('packs blocks by their own sizes: one large group among many small ones', () => {
    const geom = leafGeometry([{ length: 60000, logLength: 16 }, ...Array.from({ length: 15 }, () => ({ length: 200, logLength: 8 }))], 256);
    expect(geom.usedLeaves).toBe(2 ** 16 + 16 * 2 ** 8);
    expect(geom.numVars).toBe(17); // was 16 + ⌈log 17⌉ = 21 with one max-size block per group
    expect(geom.groupOffsets.slice(0, 3)).toEqual([0, 2 ** 16, 2 ** 16 + 256]);
    expect(geom.tableOffset).toBe(2 ** 16 + 15 * 256);
  });
  it('refuses p or more lookups per table', () => {
    expect(() => leafGeometry([{ length: 2 ** 30, logLength: 30 }, { length: 2 ** 30, logLength: 30 }], 16)).toThrow(/fewer than p = 2013265921 lookups per table, got 2147483648/);
    expect(() => leafGeometry([], 16)).toThrow(/at least one lookup group/);
    expect(() => leafGeometry([{ length: 9, logLength: 3 }], 16)).toThrow(/group length in \[1, 2\^3\], got 9/);
  });
});
