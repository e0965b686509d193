/**
 * The private-parameter region of the witness matrix and the canonical digest input
 * (docs/parts/inference.md §7).
 *
 * Private parameters (IntGraph.params with visibility 'private') are placed, for a row width ℓ
 * (= the digest width D in private mode), in two blocks of whole rows:
 * - the int8 block: every int8 parameter (weights), as its zero-padded tensor (each dim rounded up to
 *   a power of two, tensor.ts), at a power-of-two-aligned offset (largest first, then graph order),
 *   in R8 = ⌈size/ℓ⌉ rows;
 * - the wide block: every other private parameter (int32 bias, multipliers, shifts), the same way,
 *   Rw rows. A Requant `shift` s enters as D = 2^(s − 13) (the divisor of the split requantization,
 *   prove/ops/requant.ts), an injective re-encoding.
 * The digest input x (core poseidon2/digest.ts), n = V + M elements, independent of ℓ:
 *   x[0 .. V) = the V wide parameter values WITHOUT padding — tensors in block order, each in
 *   row-major order of its real dims — each value v as v mod p (shifts as D);
 *   x[V + e] = u_{3e} + 2^8·u_{3e+1} + 2^16·u_{3e+2} for e < M = max(1, ⌈U/3⌉), where u is the
 *   sequence of the U int8 parameters without padding, in the same order, shifted to bytes,
 *   u_t = w_t + 128, and u_t = 128 (w = 0) for t ≥ U (core poseidon2/pack.ts's byte order).
 * Padding is not hashed: the proof constrains it to zero separately (weights.ts).
 */
import { P } from '@vouch/core';
import type { IntGraph, IntParams } from '../int/graph.ts';
import { fieldOf, padDims, paddedIndices, prod } from './tensor.ts';

/** Where one private parameter lives. */
export interface RegionPlacement {
  readonly name: string;
  readonly block: 'int8' | 'wide';
  /** Element offset inside its block (power-of-two aligned). */
  readonly offset: number;
  /** Padded size (power of two). */
  readonly size: number;
  readonly dims: readonly number[];
}

/** The placement of every private parameter for a row width. */
export interface RegionLayout {
  readonly rowWidth: number;
  /** R8: rows of the int8 block (≥ 1; the block's vector is padded to a power of two of rows, unhashed, unused). */
  readonly int8Rows: number;
  /** Rw: rows of the wide block (0 when no wide parameter). */
  readonly wideRows: number;
  /** V: wide parameter values without padding. */
  readonly wideCount: number;
  /** U: int8 parameter values without padding. */
  readonly int8Count: number;
  /** M = max(1, ⌈U / 3⌉): packed elements of the digest input (after the V wide values). */
  readonly packedLength: number;
  readonly placements: ReadonlyMap<string, RegionPlacement>;
}

/** Names of Requant shift parameters (stored as D = 2^(s − 13)). */
export function shiftParams(graph: IntGraph): Set<string> {
  const out = new Set<string>();
  for (const n of graph.nodes) if (n.op === 'Requant' && n.params.shift) out.add(n.params.shift);
  return out;
}

/**
 * The values of a parameter as the proof commits them (shifts re-encoded as D = 2^(s − 13)).
 * @throws RangeError on a shift outside [13, 29].
 */
export function committedValues(graph: IntGraph, name: string, data: ArrayLike<number>): ArrayLike<number> {
  if (!shiftParams(graph).has(name)) return data;
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const s = data[i];
    if (!Number.isInteger(s) || s < 13 || s > 29) throw new RangeError(`parameter ${name}[${i}]: expected a shift in [13, 29], got ${s}`);
    out[i] = 2 ** (s - 13);
  }
  return out;
}

function place(names: { name: string; dims: readonly number[] }[], block: 'int8' | 'wide'): { placements: RegionPlacement[]; total: number } {
  // Largest first, ties by name: the layout (and the digest input order) depends only on the
  // parameter set, never on the map's insertion order — the card's graph lists parameters sorted
  // by name (commit/public-graph.ts), the package's graph in the order the importer met them.
  const items = names.map((p) => ({ ...p, size: prod(padDims(p.dims).padded) }));
  items.sort((a, b) => b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let off = 0;
  const placements = items.map((it) => {
    const pl: RegionPlacement = { name: it.name, block, offset: off, size: it.size, dims: it.dims };
    off += it.size;
    return pl;
  });
  return { placements, total: off };
}

/**
 * Places every private parameter for row width ℓ.
 * @throws RangeError when ℓ is not a power of two ≥ 2.
 */
export function regionLayout(graph: IntGraph, rowWidth: number): RegionLayout {
  if (!Number.isInteger(rowWidth) || rowWidth < 2 || (rowWidth & (rowWidth - 1)) !== 0) throw new RangeError(`regionLayout: expected a power-of-two row width ≥ 2, got ${rowWidth}`);
  const int8: { name: string; dims: readonly number[] }[] = [];
  const wide: { name: string; dims: readonly number[] }[] = [];
  for (const spec of graph.params.values()) {
    if (spec.visibility !== 'private') continue;
    const dims = spec.shape.length ? spec.shape : [1];
    (spec.dtype === 'int8' ? int8 : wide).push({ name: spec.name, dims });
  }
  const a = place(int8, 'int8');
  const b = place(wide, 'wide');
  const int8Rows = Math.max(1, Math.ceil(a.total / rowWidth));
  const wideRows = b.total === 0 ? 0 : Math.ceil(b.total / rowWidth);
  const placements = new Map<string, RegionPlacement>();
  for (const p of [...a.placements, ...b.placements]) placements.set(p.name, p);
  const int8Count = int8.reduce((acc, p) => acc + prod(p.dims), 0);
  const wideCount = wide.reduce((acc, p) => acc + prod(p.dims), 0);
  return { rowWidth, int8Rows, wideRows, wideCount, int8Count, packedLength: Math.max(1, Math.ceil(int8Count / 3)), placements };
}

/** The two blocks as flat field vectors (R8·ℓ and Rw·ℓ entries; int8 block holds w mod p). */
export function regionBlocks(graph: IntGraph, params: IntParams, layout: RegionLayout): { int8: Uint32Array; wide: Uint32Array } {
  const l = layout.rowWidth;
  const int8 = new Uint32Array(layout.int8Rows * l);
  const wide = new Uint32Array(layout.wideRows * l);
  for (const pl of layout.placements.values()) {
    const t = params.get(pl.name);
    if (!t) throw new RangeError(`private parameter ${pl.name}: expected data, got none`);
    const idx = paddedIndices(pl.dims);
    if (t.data.length !== idx.length) throw new RangeError(`private parameter ${pl.name}: expected ${idx.length} values, got ${t.data.length}`);
    const vals = committedValues(graph, pl.name, t.data);
    const dst = pl.block === 'int8' ? int8 : wide;
    for (let j = 0; j < idx.length; j++) {
      const v = vals[j];
      if (pl.block === 'int8' && (v < -128 || v > 127)) throw new RangeError(`private parameter ${pl.name}[${j}]: expected an int8, got ${v}`);
      // v ↦ v mod p is injective only on [−(p−1)/2, (p−1)/2]: outside it two int32 values (b, b − p)
      // would share one digest, i.e. one model id for two different models.
      if (pl.block === 'wide' && !(Number.isSafeInteger(v) && Math.abs(v) <= (P - 1) / 2)) throw new RangeError(`private parameter ${pl.name}[${j}]: expected an integer in [−(p−1)/2, (p−1)/2], got ${v}`);
      dst[pl.offset + idx[j]] = fieldOf(v);
    }
  }
  return { int8, wide };
}

/** Digest input length n = V + M. */
export function digestInputLength(layout: RegionLayout): number {
  return layout.wideCount + layout.packedLength;
}

/** The placements of one block in block order (by offset): the order of its unpadded sequence. */
export function blockPlacements(layout: RegionLayout, block: 'int8' | 'wide'): RegionPlacement[] {
  return [...layout.placements.values()].filter((p) => p.block === block).sort((a, b) => a.offset - b.offset);
}

/**
 * Index in the digest input x of the first value of wide parameter `name` (x starts with the wide
 * values, unpadded, in block order).
 * @throws RangeError when `name` is not a wide private parameter.
 */
export function digestWideIndex(layout: RegionLayout, name: string): number {
  let t = 0;
  for (const pl of blockPlacements(layout, 'wide')) {
    if (pl.name === name) return t;
    t += prod(pl.dims);
  }
  throw new RangeError(`digestWideIndex: expected a wide private parameter, got ${name}`);
}

/**
 * The canonical digest input of a model's private parameters (module header) for `lanes` = ℓ.
 * @throws RangeError on missing data or values outside their dtype (as {@link regionBlocks}).
 * @example weightDigest(privateWeightVector(graph, params, 128), salt, { lanes: 128 })
 */
export function privateWeightVector(graph: IntGraph, params: IntParams, lanes: number): Uint32Array {
  const layout = regionLayout(graph, lanes);
  regionBlocks(graph, params, layout); // validates presence, lengths and value ranges
  const x = new Uint32Array(digestInputLength(layout));
  let v = 0;
  for (const pl of blockPlacements(layout, 'wide')) {
    const vals = committedValues(graph, pl.name, params.get(pl.name)!.data);
    for (let j = 0; j < vals.length; j++) x[v++] = fieldOf(vals[j]);
  }
  const u = new Uint8Array(3 * layout.packedLength).fill(128);
  let t = 0;
  for (const pl of blockPlacements(layout, 'int8')) {
    const data = params.get(pl.name)!.data;
    for (let j = 0; j < data.length; j++) u[t++] = data[j] + 128;
  }
  const base = layout.wideCount;
  for (let e = 0; e < layout.packedLength; e++) x[base + e] = u[3 * e] + 256 * u[3 * e + 1] + 65536 * u[3 * e + 2];
  return x;
}
