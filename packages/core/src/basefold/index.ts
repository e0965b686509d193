/** BaseFold multilinear polynomial commitment (docs/parts/basefold.md); not hiding. */
export * from './params.ts';
export { basefoldCommit, type BasefoldCommitment } from './commit.ts';
export { type BasefoldClaim } from './claims.ts';
export { basefoldOpen, BASEFOLD_PROOF_VERSION } from './open.ts';
export { basefoldVerify } from './verify.ts';
export { mobius, foldCoefficients, codewordLeaves, layerShift, BASEFOLD_SHIFT } from './encode.ts';
export { foldLeaf, leafPoint, evalFinalUnivariate, evalFinalMultilinear } from './fold.ts';
export { queryLeafIndices } from './queries.ts';
