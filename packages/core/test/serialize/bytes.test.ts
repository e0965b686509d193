import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { P } from '../../src/field/babybear.ts';
import { MalformedError } from '../../src/errors.ts';
import { ByteReader, ByteWriter } from '../../src/serialize/bytes.ts';

/** A small proof-like object exercising every read. */
interface Obj {
  tag: number;
  n: number;
  x: number;
  e: Uint32Array;
  xs: Uint32Array;
  es: Uint32Array;
  root: Uint8Array;
  blob: Uint8Array;
}

const MAX = 64;

function write(o: Obj): Uint8Array {
  return new ByteWriter(8)
    .u8(o.tag)
    .u32(o.n)
    .base(o.x)
    .ext(o.e)
    .baseVec(o.xs)
    .extVec(o.es)
    .digest(o.root)
    .bytes(o.blob)
    .finish();
}

function read(b: Uint8Array): Obj {
  const r = new ByteReader(b);
  const o: Obj = {
    tag: r.u8('tag'),
    n: r.u32('n'),
    x: r.base('x'),
    e: r.ext('e'),
    xs: r.baseVec('xs', MAX),
    es: r.extVec('es', MAX),
    root: r.digest('root'),
    blob: r.bytes('blob', MAX),
  };
  r.finish();
  return o;
}

const felt = fc.integer({ min: 0, max: P - 1 });
const objArb: fc.Arbitrary<Obj> = fc.record({
  tag: fc.integer({ min: 0, max: 255 }),
  n: fc.integer({ min: 0, max: 0xffffffff }),
  x: felt,
  e: fc.array(felt, { minLength: 4, maxLength: 4 }).map((a) => Uint32Array.from(a)),
  xs: fc.array(felt, { maxLength: 10 }).map((a) => Uint32Array.from(a)),
  es: fc.array(felt, { maxLength: 12 }).map((a) => Uint32Array.from(a.slice(0, a.length - (a.length % 4)))),
  root: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  blob: fc.uint8Array({ maxLength: 20 }),
});

/** Expects a MalformedError on `field` (optionally at `offset`). */
function expectMalformed(fn: () => unknown, field: string | RegExp, offset?: number): MalformedError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedError);
    const m = e as MalformedError;
    if (typeof field === 'string') expect(m.field).toBe(field);
    else expect(m.field).toMatch(field);
    if (offset !== undefined) expect(m.offset).toBe(offset);
    return m;
  }
  throw new Error(`expected MalformedError on ${String(field)}, got no error`);
}

describe('ByteWriter / ByteReader', () => {
  it('round-trips random objects, byte-exactly', () => {
    fc.assert(
      fc.property(objArb, (o) => {
        const b = write(o);
        const back = read(b);
        expect(back).toEqual(o);
        expect(write(back)).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it('uses the documented little-endian layout', () => {
    const b = new ByteWriter()
      .u8(7)
      .u32(0x01020304)
      .base(P - 1)
      .extVec(Uint32Array.of(1, 2, 3, 4))
      .bytes(Uint8Array.of(9))
      .finish();
    expect([...b]).toEqual([
      7, 4, 3, 2, 1, 0x00, 0x00, 0x00, 0x78, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 9,
    ]);
  });

  it('truncation names the field and offset', () => {
    const b = new ByteWriter().u32(5).base(3).finish();
    expectMalformed(
      () => {
        const r = new ByteReader(b.subarray(0, 6));
        r.u32('count');
        r.base('value');
      },
      'value',
      4,
    );
  });

  it('a non-canonical base element (≥ p) is rejected, in scalars and vectors', () => {
    const bad = new ByteWriter().u32(P).finish();
    expectMalformed(() => new ByteReader(bad).base('x'), 'x', 0);
    const v = new ByteWriter().u32(2).u32(1).u32(0xffffffff).finish();
    expectMalformed(() => new ByteReader(v).baseVec('xs', 10), 'xs[1]', 8);
    const e = new ByteWriter().u32(0).u32(0).u32(P).u32(0).finish();
    expectMalformed(() => new ByteReader(e).ext('e'), 'e[2]', 8);
  });

  it('a length above the caller maximum is rejected before allocating', () => {
    const b = new ByteWriter().u32(0xffffffff).finish();
    expectMalformed(() => new ByteReader(b).baseVec('xs', 1000), 'xs', 0);
    expectMalformed(() => new ByteReader(b).extVec('es', 1000), 'es', 0);
    expectMalformed(() => new ByteReader(b).bytes('blob', 1000), 'blob', 0);
    expectMalformed(() => new ByteReader(new ByteWriter().u32(11).finish()).u32('n', 10), 'n', 0);
  });

  it('a length within the maximum but beyond the input is a truncation', () => {
    const b = new ByteWriter().u32(100).u32(1).finish();
    expectMalformed(() => new ByteReader(b).baseVec('xs', 1000), 'xs', 4);
  });

  it('finish() rejects trailing bytes', () => {
    const r = new ByteReader(Uint8Array.of(1, 2, 3));
    r.u8('a');
    expectMalformed(() => r.finish(), 'end of input', 1);
  });

  it('the writer rejects invalid values with RangeError', () => {
    const w = new ByteWriter();
    expect(() => w.base(P)).toThrow(RangeError);
    expect(() => w.u8(256)).toThrow(RangeError);
    expect(() => w.u32(-1)).toThrow(RangeError);
    expect(() => w.extVec(new Uint32Array(3))).toThrow(RangeError);
    expect(() => w.digest(new Uint8Array(31))).toThrow(RangeError);
    expect(() => w.ext(new Uint32Array(4), 1)).toThrow(RangeError);
  });

  it('fuzz: random truncations never throw anything but MalformedError', () => {
    fc.assert(
      fc.property(objArb, fc.nat(), (o, cut) => {
        const b = write(o);
        const t = b.subarray(0, cut % b.length);
        expectMalformed(() => read(t), /.*/);
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: random byte flips parse or throw MalformedError, never another error', () => {
    fc.assert(
      fc.property(
        objArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (o, flips) => {
          const b = write(o).slice();
          for (const [pos, x] of flips) b[pos % b.length] ^= x;
          try {
            const back = read(b);
            // if it parsed, re-encoding reproduces the bytes exactly (strict, canonical format)
            expect(write(back)).toEqual(b);
          } catch (e) {
            expect(e).toBeInstanceOf(MalformedError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('fuzz: random garbage never throws anything but MalformedError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        try {
          read(b);
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
