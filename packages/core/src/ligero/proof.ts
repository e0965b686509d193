/**
 * The Ligero proof object and its strict byte format (docs/parts/ligero.md, "Proof format").
 *
 *   u8    version = 2
 *   7×u32 parameter record: ℓ, witness rows, mask rows, t, n, coset shift, salt bytes
 *         (ligero/record.ts; must equal the verifier's own, else VerificationError('ligero.params'))
 *   extVec proximity   (u32 count = k, then 4k u32 LE canonical coordinates)
 *   extVec linear      (count = ℓ + k)
 *   extVec quadratic   (count = k + t − 1)
 *   baseVec columns    (count = t·R: opened column j's R row values, columns in query order)
 *   bytes  salts       (u32 length = 16·t, then the salts in query order)
 *   bytes  siblings    (u32 length = 32·s, the Merkle multi-proof siblings in canonical order)
 *
 * Every count is fixed by the shape; the parser rejects any other count, a non-canonical field
 * element, truncation or trailing bytes with {@link MalformedError}. The number of siblings depends
 * on the query indices (known only after replaying the transcript); the parser bounds it by
 * t·log2 n and the verifier checks it exactly (MalformedError('merkle.siblings')).
 */
import { MalformedError } from '../errors.ts';
import { P } from '../field/babybear.ts';
import { ByteReader, ByteWriter } from '../serialize/bytes.ts';
import { SALT_BYTES, type LigeroShape } from './params.ts';
import { LIGERO_PARAMS_BYTES, readLigeroParams, writeLigeroParams } from './record.ts';

/** Format version byte (2: the parameter record heads the proof, audit O3). */
export const LIGERO_PROOF_VERSION = 2;

/** A Ligero opening proof: three masked responses and t opened columns with their Merkle proof. */
export interface LigeroProof {
  /** q_P: flat ext, k coefficients. */
  readonly proximity: Uint32Array;
  /** q_L: flat ext, ℓ + k coefficients. */
  readonly linear: Uint32Array;
  /** Q': flat ext, k + t − 1 coefficients. */
  readonly quadratic: Uint32Array;
  /** Opened columns in query order, t × R base values. */
  readonly columns: Uint32Array;
  /** Leaf salts of the opened columns, t × 16 bytes. */
  readonly salts: Uint8Array;
  /** Merkle multi-proof sibling hashes (32 bytes each). */
  readonly siblings: Uint8Array;
}

/**
 * Checks the lengths of a proof object against the shape.
 * @throws MalformedError naming the first field with a wrong length.
 */
export function checkProofShape(proof: LigeroProof, shape: LigeroShape): void {
  const want: [keyof LigeroProof, number][] = [
    ['proximity', 4 * shape.proximityLength],
    ['linear', 4 * shape.linearLength],
    ['quadratic', 4 * shape.quadraticLength],
    ['columns', shape.queries * shape.totalRows],
    ['salts', shape.queries * SALT_BYTES],
  ];
  if (!proof || typeof proof !== 'object') throw new MalformedError('ligero.proof', `expected an object, got ${String(proof)}`);
  for (const [f, len] of want) {
    const v = proof[f];
    const ok = f === 'salts' ? v instanceof Uint8Array : v instanceof Uint32Array;
    if (!ok || v.length !== len) throw new MalformedError(`ligero.${f}`, `expected ${len} entries, got ${ok ? v.length : typeof v}`);
    if (f !== 'salts') {
      const bad = (v as Uint32Array).findIndex((x) => x >= P);
      if (bad >= 0) throw new MalformedError(`ligero.${f}[${bad}]`, `expected a canonical element < ${P}, got ${(v as Uint32Array)[bad]}`);
    }
  }
  if (!(proof.siblings instanceof Uint8Array) || proof.siblings.length % 32 !== 0) {
    throw new MalformedError('ligero.siblings', `expected a multiple of 32 bytes, got ${proof.siblings instanceof Uint8Array ? proof.siblings.length : typeof proof.siblings}`);
  }
}

/**
 * Serializes a proof made for `shape` (see the module header for the format). The shape supplies
 * the parameter record of the header; the proof's fields are written as they are (tests write
 * malformed ones on purpose; {@link parseLigeroProof} is the strict side).
 */
export function serializeLigeroProof(proof: LigeroProof, shape: LigeroShape): Uint8Array {
  const w = new ByteWriter(64 + LIGERO_PARAMS_BYTES + 4 * proof.columns.length + 4 * (proof.proximity.length + proof.linear.length + proof.quadratic.length) + proof.salts.length + proof.siblings.length);
  w.u8(LIGERO_PROOF_VERSION);
  writeLigeroParams(w, shape);
  w.extVec(proof.proximity);
  w.extVec(proof.linear);
  w.extVec(proof.quadratic);
  w.baseVec(proof.columns);
  w.bytes(proof.salts);
  w.bytes(proof.siblings);
  return w.finish();
}

/**
 * Parses a proof for a commitment of the given shape.
 * @throws MalformedError on a wrong version, a count other than the shape's, a non-canonical
 *   element, truncation, or trailing bytes; VerificationError('ligero.params') when the header's
 *   parameter record is not the shape's (a proof made under another parameter set).
 */
export function parseLigeroProof(bytes: Uint8Array, shape: LigeroShape): LigeroProof {
  const r = new ByteReader(bytes);
  const at = r.offset;
  const version = r.u8('ligero.version');
  if (version !== LIGERO_PROOF_VERSION) throw new MalformedError('ligero.version', `expected ${LIGERO_PROOF_VERSION}, got ${version}`, at);
  readLigeroParams(r, shape);
  const exact = (field: string, got: number, want: number, off: number): void => {
    if (got !== want) throw new MalformedError(field, `expected ${want} entries, got ${got}`, off);
  };
  let off = r.offset;
  const proximity = r.extVec('ligero.proximity', shape.proximityLength);
  exact('ligero.proximity', proximity.length / 4, shape.proximityLength, off);
  off = r.offset;
  const linear = r.extVec('ligero.linear', shape.linearLength);
  exact('ligero.linear', linear.length / 4, shape.linearLength, off);
  off = r.offset;
  const quadratic = r.extVec('ligero.quadratic', shape.quadraticLength);
  exact('ligero.quadratic', quadratic.length / 4, shape.quadraticLength, off);
  off = r.offset;
  const nCols = shape.queries * shape.totalRows;
  const columns = r.baseVec('ligero.columns', nCols);
  exact('ligero.columns', columns.length, nCols, off);
  off = r.offset;
  const salts = r.bytes('ligero.salts', shape.queries * SALT_BYTES);
  exact('ligero.salts', salts.length, shape.queries * SALT_BYTES, off);
  off = r.offset;
  const siblings = r.bytes('ligero.siblings', 32 * shape.queries * shape.logCodeLength);
  if (siblings.length % 32 !== 0) throw new MalformedError('ligero.siblings', `expected a multiple of 32 bytes, got ${siblings.length}`, off);
  r.finish('ligero.end');
  return Object.freeze({ proximity, linear, quadratic, columns, salts, siblings });
}
