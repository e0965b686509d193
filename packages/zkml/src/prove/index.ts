/** Zero-knowledge inference proofs for integer graphs: the public API (docs/parts/inference.md). */
export { proveInference, verifyInference, inferenceRowWidth, prepareInference, runInferenceProver, runInferenceVerifier, bindIo, INFERENCE_PROOF_VERSION, type PreparedInference } from './graph.ts';
export { serializeInferenceProof, parseInferenceProof, INFERENCE_FORMAT_VERSION } from './format.ts';
export { LocatedMalformedError, LocatedRangeError, atNode, nodeLocation, sectionLocation, valueLocation } from './locate.ts';
export { privateWeightVector, regionLayout, digestInputLength, type RegionLayout, type RegionPlacement } from './region.ts';
export { weightDigestFor, recommendedLanes } from './weights.ts';
export { planGraph, type GraphPlan, type PlanGraphOptions } from './plan.ts';
export { OP_PROVERS } from './registry.ts';
export { checkShape } from './ops/linear.ts';
export * from './types.ts';
export { padDims, paddedIndices, paddedField, maskMle, writeTensor, pow2 } from './tensor.ts';
export { proveGeneration, verifyGeneration, runGeneration, generationShape, prepareGeneration, planGenerationVerifier, runGenerationProver, runGenerationVerifier, absorbGeneration, GENERATION_PROOF_VERSION, type GenerationRun, type GenerationShape, type PreparedGeneration, type ProveGenerationInput, type VerifyGenerationInput } from './generate.ts';
export { sampleSeed, SAMPLE_SEED_DOMAIN } from './generate-seed.ts';
export { stepContext, generationContexts, type StepContext } from './generate-context.ts';
export { type SampleStep } from './ops/sample.ts';
