/** Zero-knowledge Ligero commitment with linear, quadratic and proximity tests. */
export {
  COSET_SHIFT,
  SALT_BYTES,
  MASK,
  MASK_ROWS,
  MAX_LOG_CODE_LENGTH,
  checkLigeroParams,
  ligeroShape,
  estimateProofBytes,
  chooseRowWidth,
  type LigeroParams,
  type LigeroShape,
} from './params.ts';
export * from './presets.ts';
export * from './security.ts';
export * from './rng.ts';
export { ligeroCommit, type LigeroCommitment, type LigeroCommitOptions, type LigeroProverState } from './commit.ts';
export { ligeroProve, ligeroResponses, ligeroOpen, type LigeroProveOptions, type LigeroResponses } from './prove.ts';
export { ligeroVerify } from './verify.ts';
export { serializeLigeroProof, parseLigeroProof, checkProofShape, LIGERO_PROOF_VERSION, type LigeroProof } from './proof.ts';
export {
  LIGERO_PARAMS_DOMAIN,
  LIGERO_PARAMS_FIELDS,
  LIGERO_PARAMS_BYTES,
  ligeroParamsValues,
  ligeroParamsFieldBytes,
  ligeroParamsRecord,
  absorbLigeroCommitment,
  writeLigeroParams,
  readLigeroParams,
} from './record.ts';
export { sampleLigeroChallenges, sampleLigeroQueries, type LigeroChallenges } from './challenges.ts';
