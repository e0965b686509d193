/**
 * The BaseFold opening prover (docs/parts/basefold.md §2–§3; Zeilberger–Chen–Fisch, BaseFold,
 * CRYPTO 2024, Protocol 3): the batched evaluation sumcheck interleaved with folding — each round's
 * challenge fixes one variable in the sumcheck tables and in the coefficient vector; after every
 * layer's a variables the folded codeword is committed; after n − f variables the 2^f remaining
 * coefficients are sent; then the queried leaves of every layer are opened.
 */
import { ByteWriter } from '../serialize/bytes.ts';
import { buildMerkleTree, hashLeaves, openMulti, type MerkleTree } from '../merkle/merkle.ts';
import { writeMultiProof } from '../merkle/proof-bytes.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { basefoldLayers, basefoldParamsBytes } from './params.ts';
import { codewordLeaves, encodeExt, foldCoefficients, layerShift } from './encode.ts';
import type { BasefoldCommitment } from './commit.ts';
import { absorbClaims, checkClaims, weightTable, type BasefoldClaim } from './claims.ts';
import { foldLow, interpolateRound, roundMessage } from './rounds.ts';
import { queryLeafIndices } from './queries.ts';

/** Version byte of the proof format. */
export const BASEFOLD_PROOF_VERSION = 1;

interface CommittedLayer {
  leaves: Uint8Array;
  leafBytes: number;
  tree: MerkleTree;
}

/**
 * Proves f(z_j) = v_j for every claim, continuing `tr` after {@link absorbBasefoldCommitment}.
 * @returns the serialized proof (docs/parts/basefold.md §3).
 * @throws RangeError on malformed claims. A false claim is not detected here: the proof then fails
 *   verification (`basefold.sumcheck`).
 */
export function basefoldOpen(tr: Transcript, com: BasefoldCommitment, claims: readonly BasefoldClaim[]): Uint8Array {
  const p = com.params;
  const n = p.vars;
  checkClaims(claims, n);
  const layers = basefoldLayers(p);
  const { rho, target } = absorbClaims(tr, claims);
  let f: Uint32Array = new Uint32Array(4 * com.evals.length);
  for (let i = 0; i < com.evals.length; i++) f[4 * i] = com.evals[i];
  let g: Uint32Array = weightTable(claims, rho);
  let coeffs: Uint32Array = com.coeffs;
  let coeffsExt = false;
  let claim = target;
  const rounds = new Uint32Array(8 * n);
  const committed: CommittedLayer[] = [{ leaves: com.leaves, leafBytes: com.leafBytes, tree: com.tree }];
  let finalCoeffs: Uint32Array = new Uint32Array(0);
  for (let i = 0; i < n; i++) {
    const msg = roundMessage(f, g);
    rounds.set(msg, 8 * i);
    tr.absorbExt('basefold.round', msg);
    const r = tr.challengeExt('basefold.r');
    claim = interpolateRound(claim, msg.subarray(0, 4), msg.subarray(4, 8), r);
    f = foldLow(f, r);
    g = foldLow(g, r);
    if (i < n - p.finalVars) {
      coeffs = foldCoefficients(coeffs, r, coeffsExt);
      coeffsExt = true;
    }
    const l = layers.findIndex((x) => x.firstVar + x.vars === i + 1);
    if (l >= 0 && l < layers.length - 1) {
      const next = layers[l + 1];
      const codeword = encodeExt(coeffs, layerShift(next.firstVar), next.logSize);
      const { bytes, leafBytes } = codewordLeaves(codeword, true, next.logSize, next.vars);
      const tree = buildMerkleTree(hashLeaves(bytes, leafBytes), next.depth);
      committed.push({ leaves: bytes, leafBytes, tree });
      tr.absorbDigest('basefold.root', tree.root);
    }
    if (i + 1 === n - p.finalVars) {
      finalCoeffs = coeffs;
      tr.absorbExt('basefold.final', finalCoeffs);
    }
  }
  const queries = tr.challengeIndices('basefold.queries', 2 ** layers[0].depth, p.queries);
  const w = new ByteWriter(1024);
  w.u8(BASEFOLD_PROOF_VERSION);
  w.raw(basefoldParamsBytes(p));
  for (let l = 1; l < committed.length; l++) w.raw(committed[l].tree.root);
  for (const x of rounds) w.base(x);
  for (const x of finalCoeffs) w.base(x);
  const perLayer = queryLeafIndices(layers, queries);
  perLayer.forEach((idx, l) => {
    const c = committed[l];
    const sorted = [...new Set(idx)].sort((x, y) => x - y);
    for (const m of sorted) w.raw(c.leaves.subarray(m * c.leafBytes, (m + 1) * c.leafBytes));
    writeMultiProof(w, openMulti(c.tree, sorted));
  });
  return w.finish();
}
