/**
 * The packed on-chain form of a Ligero statement (contracts/LigeroCircuit.sol, docs/parts/onchain.md §5):
 * the public constraint system (layout shape, column vectors as interpolant coefficients, constraint constants, sparse and tensor
 * terms, row triples) and the Ligero shape (t, n), plus the transcript prefix and proof bytes that
 * LigeroStatementVerifier.sol checks. Everything is u32 little-endian with 16-byte ext elements,
 * written by @vouch/core's ByteWriter; never ABI-encoded arrays.
 */
import { ByteWriter, Sha256Transcript, inttExt, serializeLigeroProof, sha256, type ColumnVector, type Layout, type LigeroProof, type LigeroShape, type LinearConstraint } from '@vouch/core';
import { bytesToHex, hexToBytes, type Address, type Hex } from 'viem';

/** Transcript domain label of on-chain Ligero statements (LigeroStatementVerifier.DOMAIN). */
export const ONCHAIN_LIGERO_DOMAIN = 'vouch/onchain-ligero';
/** Transcript version (LigeroStatementVerifier.VERSION). */
export const ONCHAIN_LIGERO_VERSION = 1;

/**
 * Encodes a circuit: the constraints in order (constraint c gets α_c), tensor column vectors
 * deduplicated by object identity as the Ligero verifier does.
 * @param shape - the Ligero shape the proof was made with (its t and n are part of the circuit).
 * @throws RangeError when the layout and shape disagree.
 * @example const circuit = encodeLigeroCircuit(layout, constraints, ligeroShape(LIGERO_TEST, layout));
 */
export function encodeLigeroCircuit(layout: Layout, constraints: readonly LinearConstraint[], shape: LigeroShape): Uint8Array {
  if (layout.rowWidth !== shape.rowWidth || layout.numRows !== shape.witnessRows) {
    throw new RangeError(`encodeLigeroCircuit: expected a shape for ${layout.numRows}×${layout.rowWidth}, got ${shape.witnessRows}×${shape.rowWidth}`);
  }
  const vectors = new Map<ColumnVector, number>();
  for (const c of constraints) for (const t of c.tensor) if (!vectors.has(t.cols)) vectors.set(t.cols, vectors.size);
  const w = new ByteWriter(1024);
  w.u32(shape.logRowWidth).u32(shape.witnessRows).u32(shape.queries).u32(shape.logCodeLength);
  w.u32(vectors.size);
  // Each column vector as the ℓ coefficients of its interpolant on H (V̄(ζ_i) = V_i): the contract
  // then evaluates V̄(η_j) by Horner instead of building t·ℓ Lagrange values.
  for (const v of vectors.keys()) {
    const coeffs = Uint32Array.from(v.values);
    inttExt(coeffs);
    w.raw(extBytes(coeffs));
  }
  w.u32(constraints.length);
  for (const c of constraints) w.raw(extBytes(c.constant));
  const sparse = constraints.flatMap((c, ci) => [...c.sparse].map(([wire, coef]) => ({ ci, wire, coef })));
  w.u32(sparse.length);
  for (const s of sparse) w.u32(s.ci).u32(s.wire).raw(extBytes(s.coef));
  const tensor = constraints.flatMap((c, ci) => c.tensor.map((t) => ({ ci, t })));
  w.u32(tensor.length);
  for (const { ci, t } of tensor) w.u32(ci).u32(t.row).u32(vectors.get(t.cols)!).u32(t.rowCoeffs.length / 4).raw(extBytes(t.rowCoeffs));
  w.u32(layout.triples.length);
  for (const tr of layout.triples) w.u32(tr.a).u32(tr.b).u32(tr.c);
  return w.finish();
}

function extBytes(flat: Uint32Array): Uint8Array {
  const w = new ByteWriter(4 * flat.length);
  for (let i = 0; i < flat.length; i += 4) w.ext(flat, i / 4);
  return w.finish();
}

/**
 * The transcript the prover must use for an on-chain statement: domain, version, the circuit's
 * SHA-256 and the party's 20 address bytes, absorbed before the commitment root.
 */
export function onchainLigeroTranscript(circuit: Uint8Array, party: Address): Sha256Transcript {
  const t = new Sha256Transcript(ONCHAIN_LIGERO_DOMAIN, ONCHAIN_LIGERO_VERSION);
  t.absorbDigest('statement.circuit', sha256(circuit));
  t.absorbBytes('statement.party', hexToBytes(party));
  return t;
}

/** The proof bytes the contract reads: root ‖ serializeLigeroProof(proof, shape) (v2: parameter record first). */
export function encodeOnchainLigeroProof(root: Uint8Array, proof: LigeroProof, shape: LigeroShape): Uint8Array {
  const body = serializeLigeroProof(proof, shape);
  const out = new Uint8Array(32 + body.length);
  out.set(root, 0);
  out.set(body, 32);
  return out;
}

/** Domain tag of Ligero statement hashes (LigeroStatementVerifier.statementHash). */
export const LIGERO_STATEMENT_TAG = 'vouch/ligero-statement/v1';

/** SHA-256("vouch/ligero-statement/v1" ‖ SHA-256(circuit) ‖ party): the key of isVerified. */
export function onchainStatementHash(circuit: Uint8Array, party: Address): Hex {
  const tag = new TextEncoder().encode(LIGERO_STATEMENT_TAG);
  const p = hexToBytes(party);
  const buf = new Uint8Array(tag.length + 32 + 20);
  buf.set(tag, 0);
  buf.set(sha256(circuit), tag.length);
  buf.set(p, tag.length + 32);
  return bytesToHex(sha256(buf));
}
