/**
 * The BaseFold verifier (docs/parts/basefold.md §2–§4): reads the whole proof (every count follows
 * from the parameters and the transcript), then checks, in order, the end of the batched sumcheck
 * against the final coefficients, the Merkle openings of every layer, and each query's chain of
 * local folds down to the final polynomial.
 */
import { MalformedError, VerificationError } from '../errors.ts';
import { type Ext, eEq, eMul, eToString } from '../field/ext4.ts';
import { hashLeaf, verifyMulti, type MerkleMultiProof } from '../merkle/merkle.ts';
import { readMultiProof } from '../merkle/proof-bytes.ts';
import { ByteReader } from '../serialize/bytes.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { basefoldLayers, checkBasefoldHeader, checkBasefoldParams, type BasefoldParams } from './params.ts';
import { absorbClaims, checkClaims, weightAt, type BasefoldClaim } from './claims.ts';
import { interpolateRound } from './rounds.ts';
import { queryLeafIndices } from './queries.ts';
import { evalFinalMultilinear, evalFinalUnivariate, foldLeaf, leafPoint } from './fold.ts';
import { layerShift } from './encode.ts';
import { BASEFOLD_PROOF_VERSION } from './open.ts';
import { mul, pow, rootOfUnity } from '../field/babybear.ts';

interface OpenedLayer {
  indices: number[];
  values: Map<number, Uint32Array>;
  hashes: Uint8Array[];
  proof: MerkleMultiProof;
}

/**
 * Verifies a BaseFold opening of the commitment `root` (absorbed with
 * {@link absorbBasefoldCommitment} before) for `claims`, continuing `tr`.
 * @throws MalformedError on a malformed proof (`basefold.version`, truncation, non-canonical
 *   values, trailing bytes); VerificationError `basefold.params`, `basefold.sumcheck`,
 *   `basefold.merkle` (layer l), `basefold.fold` (layer l, query j), `basefold.final-fold` (query j).
 * @throws RangeError on caller misuse (bad parameters or claims).
 */
export function basefoldVerify(tr: Transcript, params: BasefoldParams, root: Uint8Array, claims: readonly BasefoldClaim[], proof: Uint8Array): void {
  checkBasefoldParams(params);
  const n = params.vars;
  checkClaims(claims, n);
  if (!(proof instanceof Uint8Array)) throw new MalformedError('basefold.proof', `expected bytes, got ${typeof proof}`);
  const layers = basefoldLayers(params);
  const rd = new ByteReader(proof);
  const version = rd.u8('basefold.version');
  if (version !== BASEFOLD_PROOF_VERSION) throw new MalformedError('basefold.version', `expected version ${BASEFOLD_PROOF_VERSION}, got ${version}`, 0);
  const header: number[] = [];
  for (let i = 0; i < 5; i++) header.push(rd.u32('basefold.params'));
  checkBasefoldHeader(params, header);
  const roots = [root];
  for (let l = 1; l < layers.length; l++) roots.push(rd.digest(`basefold.roots[${l}]`));
  const rounds: Ext[] = [];
  for (let i = 0; i < 2 * n; i++) rounds.push(rd.ext(`basefold.rounds[${i >> 1}]`));
  const finalCoeffs = new Uint32Array(4 * 2 ** params.finalVars);
  for (let k = 0; k < 2 ** params.finalVars; k++) finalCoeffs.set(rd.ext(`basefold.final[${k}]`), 4 * k);

  const { rho, target } = absorbClaims(tr, claims);
  let claim = target;
  const rs = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const msg = new Uint32Array(8);
    msg.set(rounds[2 * i], 0);
    msg.set(rounds[2 * i + 1], 4);
    tr.absorbExt('basefold.round', msg);
    const r = tr.challengeExt('basefold.r');
    rs.set(r, 4 * i);
    claim = interpolateRound(claim, rounds[2 * i], rounds[2 * i + 1], r);
    const l = layers.findIndex((x) => x.firstVar + x.vars === i + 1);
    if (l >= 0 && l < layers.length - 1) tr.absorbDigest('basefold.root', roots[l + 1]);
    if (i + 1 === n - params.finalVars) tr.absorbExt('basefold.final', finalCoeffs);
  }
  const queries = tr.challengeIndices('basefold.queries', 2 ** layers[0].depth, params.queries);
  const perLayer = queryLeafIndices(layers, queries);
  const opened: OpenedLayer[] = perLayer.map((idx, l) => {
    const ext = l > 0;
    const arity = 2 ** layers[l].vars;
    const sorted = [...new Set(idx)].sort((x, y) => x - y);
    const values = new Map<number, Uint32Array>();
    const hashes: Uint8Array[] = [];
    for (const m of sorted) {
      const start = rd.offset;
      const v = new Uint32Array(4 * arity);
      for (let k = 0; k < arity; k++) {
        if (ext) v.set(rd.ext(`basefold.layers[${l}].leaf[${m}]`), 4 * k);
        else v[4 * k] = rd.base(`basefold.layers[${l}].leaf[${m}]`);
      }
      values.set(m, v);
      hashes.push(hashLeaf(proof.subarray(start, rd.offset)));
    }
    return { indices: sorted, values, hashes, proof: readMultiProof(rd, `basefold.layers[${l}].siblings`, layers[l].depth, sorted) };
  });
  rd.finish('basefold.proof');

  // 2. the end of the sumcheck
  const tail = rs.subarray(4 * (n - params.finalVars));
  const expected = eMul(evalFinalMultilinear(finalCoeffs, tail), weightAt(claims, rho, rs));
  if (!eEq(claim, expected)) throw new VerificationError('basefold.sumcheck', `the last round gives ${eToString(claim)}, f(r)·g(r) = ${eToString(expected)}`);
  // 3. Merkle openings
  opened.forEach((o, l) => {
    try {
      verifyMulti(roots[l], layers[l].depth, o.indices, o.hashes, o.proof);
    } catch (e) {
      if (e instanceof VerificationError) throw new VerificationError('basefold.merkle', 'the opened leaves do not hash to the layer root', `layer ${l}`);
      throw e;
    }
  });
  // 4–5. fold chains
  const last = layers.length - 1;
  const finalShift = layerShift(n - params.finalVars);
  const finalLogSize = layers[last].logSize - layers[last].vars;
  for (let j = 0; j < queries.length; j++) {
    for (let l = 0; l <= last; l++) {
      const layer = layers[l];
      const m = perLayer[l][j];
      const x = leafPoint(layerShift(layer.firstVar), layer.logSize, m);
      const u = foldLeaf(opened[l].values.get(m)!, x, rs.subarray(4 * layer.firstVar, 4 * (layer.firstVar + layer.vars)));
      if (l < last) {
        const nextM = perLayer[l + 1][j];
        const slot = m >>> layers[l + 1].depth;
        const got = opened[l + 1].values.get(nextM)!.subarray(4 * slot, 4 * slot + 4);
        if (!eEq(u, got)) throw new VerificationError('basefold.fold', `folding gives ${eToString(u)}, the opened value is ${eToString(got)}`, `layer ${l + 1}, query ${j}`);
      } else {
        const y = mul(finalShift, pow(rootOfUnity(finalLogSize), m));
        const want = evalFinalUnivariate(finalCoeffs, y);
        if (!eEq(u, want)) throw new VerificationError('basefold.final-fold', `folding gives ${eToString(u)}, the final polynomial ${eToString(want)}`, `query ${j}`);
      }
    }
  }
}
