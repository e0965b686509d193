/**
 * The hiding Ligero commitment to a witness matrix (Ames et al. CCS 2017 §4; Longfellow,
 * draft-google-cfrg-libzk "Ligero commitment").
 *
 * Rows: the layout's witness rows, then {@link MASK_ROWS} masking rows (masks.ts). Each row is a
 * polynomial of degree < k (encode.ts) evaluated on D = 31·⟨ω_n⟩. Leaf j of the Merkle tree is
 * SHA-256(0x00 ‖ salt_j ‖ column_j) with column_j the R values U_r[j] as u32 little-endian in row
 * order and salt_j 16 fresh random bytes; the tree has depth log2 n.
 *
 * The caller absorbs the parameter record and then the returned root into the transcript
 * (`absorbLigeroCommitment` in record.ts: labels `ligero.params`, `ligero.root`; done by zk/prove.ts)
 * before any sub-protocol message.
 */
import { P, mul } from '../field/babybear.ts';
import { WASM_NTT_MIN_SIZE, getNttBackend, log2Exact, ntt, powers } from '../ntt/ntt.ts';
import { toMontgomery, wasmKernels } from '../wasm/kernels.ts';
import { buildMerkleTree, hashLeaves, type MerkleTree } from '../merkle/merkle.ts';
import type { Layout } from '../zk/layout.ts';
import { columnBytes } from './column-bytes.ts';
import { rowPolynomial } from './encode.ts';
import { sampleMaskRows } from './masks.ts';
import { COSET_SHIFT, SALT_BYTES, ligeroShape, type LigeroParams, type LigeroShape } from './params.ts';
import { cryptoRng, type LigeroRng } from './rng.ts';

/** Everything the prover keeps between commit and prove. Never sent; holds the witness. */
export interface LigeroProverState {
  readonly layout: Layout;
  readonly params: LigeroParams;
  readonly shape: LigeroShape;
  readonly witness: Uint32Array;
  /** Row polynomials, R × k coefficients row-major (witness rows then masking rows). */
  readonly coeffs: Uint32Array;
  /** Codewords row-major: codewords[r·n + j] = f_r(η_j), η_j = 31·ω_n^j. */
  readonly codewords: Uint32Array;
  /** n × {@link SALT_BYTES} leaf salts. */
  readonly salts: Uint8Array;
  readonly tree: MerkleTree;
  readonly rng: LigeroRng;
}

/** Result of {@link ligeroCommit}. */
export interface LigeroCommitment {
  /** 32-byte Merkle root: the only thing the verifier learns at commit time. */
  readonly root: Uint8Array;
  readonly state: LigeroProverState;
}

/** Options of {@link ligeroCommit}. */
export interface LigeroCommitOptions {
  /** Randomness (default: the platform CSPRNG). Inject {@link seededRng} only for fixtures/tests. */
  readonly rng?: LigeroRng;
}

export { columnBytes } from './column-bytes.ts';

/**
 * Commits to `witness` (numRows × rowWidth values, row-major) with fresh hiding randomness.
 * @throws RangeError if the witness has the wrong length or a non-canonical value, or the shape is invalid.
 * @example
 * const { root, state } = ligeroCommit(layout, witness, LIGERO_CONJECTURED);
 * absorbLigeroCommitment(transcript, state.shape, root);
 */
export function ligeroCommit(layout: Layout, witness: Uint32Array, params: LigeroParams, opts: LigeroCommitOptions = {}): LigeroCommitment {
  const shape = ligeroShape(params, layout);
  const rng = opts.rng ?? cryptoRng;
  const l = shape.rowWidth;
  const k = shape.degreeBound;
  const t = shape.queries;
  const n = shape.codeLength;
  const R = shape.totalRows;
  const W = shape.witnessRows;
  if (!(witness instanceof Uint32Array) || witness.length !== W * l) {
    throw new RangeError(`ligeroCommit: expected a Uint32Array witness of ${W}×${l} = ${W * l} values, got ${witness instanceof Uint32Array ? witness.length : typeof witness}`);
  }
  for (let i = 0; i < witness.length; i++) {
    if (witness[i] >= P) throw new RangeError(`ligeroCommit: expected canonical witness values < p, got ${witness[i]} at wire ${i}`);
  }
  const coeffs = new Uint32Array(R * k);
  for (let r = 0; r < W; r++) {
    coeffs.set(rowPolynomial(witness.subarray(r * l, (r + 1) * l), rng.field(t), k), r * k);
  }
  coeffs.set(sampleMaskRows(shape, rng), W * k);
  const codewords = encodeRows(coeffs, R, k, n);
  const salts = rng.bytes(n * SALT_BYTES);
  const tree = buildMerkleTree(hashColumnLeaves(codewords, R, n, salts), shape.logCodeLength);
  const state: LigeroProverState = Object.freeze({ layout, params, shape, witness, coeffs, codewords, salts, tree, rng });
  return Object.freeze({ root: tree.root, state });
}

/**
 * Encodes R coefficient rows (R × k) on D = 31·⟨ω_n⟩; returns the codewords row-major (R × n).
 * f(31·ω^j) = Σ_i (c_i·31^i)·ω^{ij}: only the k non-zero coefficients are scaled by the shift
 * powers, then one in-place NTT of size n per row (equal to `cosetNtt(row, 31, n)`, tested).
 * With the WASM kernels (NTT backend 'auto'), each row is scaled, zero-padded and transformed in
 * one resident scratch row of linear memory and copied out once, so the n-word output row is
 * written exactly once (no read of the freshly allocated matrix, no per-call copy in and out).
 * Same values as {@link encodeRowsReference} (tested on random inputs).
 */
export function encodeRows(coeffs: Uint32Array, R: number, k: number, n: number): Uint32Array {
  const kern = getNttBackend() === 'auto' && n >= WASM_NTT_MIN_SIZE && k <= n ? wasmKernels() : undefined;
  if (!kern) return encodeRowsReference(coeffs, R, k, n);
  const out = new Uint32Array(R * n);
  const logN = log2Exact(n, 'encodeRows');
  const [fwd] = kern.nttTables(logN);
  const [pa] = kern.scratch(n);
  const x = kern.raw;
  // Shift powers as Montgomery multipliers for vec_mul_powers: lanes 31^0..31^3, step 31^4.
  const g = COSET_SHIFT;
  const g2 = mul(g, g), g3 = mul(g2, g), g4 = mul(g3, g);
  const m0 = toMontgomery(1), m1 = toMontgomery(g), m2 = toMontgomery(g2), m3 = toMontgomery(g3), m4 = toMontgomery(g4);
  const row = new Uint32Array(kern.memory.buffer, pa, n);
  for (let r = 0; r < R; r++) {
    row.set(coeffs.subarray(r * k, (r + 1) * k));
    row.fill(0, k);
    x.vec_mul_powers(pa, k, m0, m1, m2, m3, m4);
    x.ntt(pa, logN, fwd);
    out.set(row, r * n);
  }
  return out;
}

/** Plain reference of {@link encodeRows}: scale by the shift powers in TypeScript, then {@link ntt}. */
export function encodeRowsReference(coeffs: Uint32Array, R: number, k: number, n: number): Uint32Array {
  const out = new Uint32Array(R * n);
  const shiftPowers = powers(COSET_SHIFT, k);
  for (let r = 0; r < R; r++) {
    const row = out.subarray(r * n, (r + 1) * n);
    const src = r * k;
    for (let i = 0; i < k; i++) row[i] = mul(coeffs[src + i], shiftPowers[i]);
    ntt(row);
  }
  return out;
}

/** Leaves per gathered tile: a tile of TILE columns × R rows stays in cache while it is hashed. */
const TILE = 64;

/**
 * Leaf hashes SHA-256(0x00 ‖ salt_j ‖ column_j) of the n columns of row-major codewords (R × n),
 * n × 32 bytes. Columns are gathered tile by tile (TILE at a time) instead of transposing the whole
 * matrix, so the gather reads TILE contiguous values per row and writes into a cache-resident buffer.
 */
export function hashColumnLeaves(codewords: Uint32Array, R: number, n: number, salts: Uint8Array): Uint8Array {
  const out = new Uint8Array(n * 32);
  const tile = new Uint32Array(TILE * R);
  const saltBytes = salts.length / n;
  for (let j0 = 0; j0 < n; j0 += TILE) {
    const w = Math.min(TILE, n - j0);
    for (let r = 0; r < R; r++) {
      const src = r * n + j0;
      for (let c = 0, o = r; c < w; c++, o += R) tile[o] = codewords[src + c];
    }
    const hashes = hashLeaves(columnBytes(tile.subarray(0, w * R)), 4 * R, salts.subarray(j0 * saltBytes, (j0 + w) * saltBytes));
    out.set(hashes, j0 * 32);
  }
  return out;
}

/** Column j of row-major codewords (R × n). */
export function columnOf(codewords: Uint32Array, R: number, n: number, j: number, out: Uint32Array = new Uint32Array(R), at = 0): Uint32Array {
  for (let r = 0; r < R; r++) out[at + r] = codewords[r * n + j];
  return out;
}
