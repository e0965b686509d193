/**
 * BaseFold commitment (docs/parts/basefold.md §1): the Reed–Solomon codeword of the monomial
 * coefficients of f on s_0·⟨ω_N⟩, N = 2^(n+R), hashed in leaves of 2^(a_0) values, one Merkle root.
 */
import { isCanonical } from '../field/babybear.ts';
import { buildMerkleTree, hashLeaves, type MerkleTree } from '../merkle/merkle.ts';
import { basefoldLayers, checkBasefoldParams, type BasefoldParams } from './params.ts';
import { BASEFOLD_SHIFT, codewordLeaves, encodeBase, mobius } from './encode.ts';

/** What the prover keeps between commit and open. */
export interface BasefoldCommitment {
  readonly params: BasefoldParams;
  /** root_0, 32 bytes. */
  readonly root: Uint8Array;
  /** The 2^n hypercube values (base). */
  readonly evals: Uint32Array;
  /** Monomial coefficients (base). */
  readonly coeffs: Uint32Array;
  /** Layer-0 codeword (base, natural order). */
  readonly codeword: Uint32Array;
  /** Layer-0 leaves (contiguous) and their tree. */
  readonly leaves: Uint8Array;
  readonly leafBytes: number;
  readonly tree: MerkleTree;
}

/**
 * Commits to the multilinear polynomial with hypercube values `evals` (2^n canonical base elements,
 * variable k ↔ bit k of the index).
 * @throws RangeError on a length other than 2^params.vars, a non-canonical value or bad parameters.
 * @example
 * const c = basefoldCommit(values, basefoldParams(16));
 * absorbBasefoldCommitment(transcript, c.params, c.root);
 */
export function basefoldCommit(evals: Uint32Array, params: BasefoldParams): BasefoldCommitment {
  checkBasefoldParams(params);
  if (!(evals instanceof Uint32Array) || evals.length !== 2 ** params.vars) {
    throw new RangeError(`basefoldCommit: expected 2^${params.vars} base elements, got ${evals instanceof Uint32Array ? evals.length : typeof evals}`);
  }
  for (let i = 0; i < evals.length; i++) {
    if (!isCanonical(evals[i])) throw new RangeError(`basefoldCommit: expected canonical base elements, got ${evals[i]} at index ${i}`);
  }
  const [layer0] = basefoldLayers(params);
  const coeffs = mobius(evals);
  const codeword = encodeBase(coeffs, BASEFOLD_SHIFT, layer0.logSize);
  const { bytes, leafBytes } = codewordLeaves(codeword, false, layer0.logSize, layer0.vars);
  const tree = buildMerkleTree(hashLeaves(bytes, leafBytes), layer0.depth);
  return { params, root: tree.root, evals: Uint32Array.from(evals), coeffs, codeword, leaves: bytes, leafBytes, tree };
}
