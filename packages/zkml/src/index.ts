/** @vouch/zkml — graph IR, quantization, the exact integer executor, per-op provers and verifiers. */
export * from './ir/graph.ts';
export * from './ir/errors.ts';
export * from './ir/ops.ts';
export * from './ir/shape.ts';
// quantization, integer graph and executor, range analysis, model packages
export { runFloat, FLOAT_OPS, type FloatRun } from './float/executor.ts';
export { InputShapeError } from './float/errors.ts';
export { quantizeGraph, type QuantizeOptions, type QuantReport } from './quant/quantize.ts';
export type { LayerReport, QValue } from './quant/builder.ts';
export { calibrate, type CalibrationMethod } from './quant/calibrate.ts';
export { evaluate, argmax, type AccuracyReport } from './quant/evaluate.ts';
export { runInteger, quantizeInput, type IntegerResult } from './quant/api.ts';
export { chooseMultiplier, MultiplierError, type FixedMultiplier } from './quant/multiplier.ts';
export { quantizeWeights, quantizeBias, type QuantizedWeights } from './quant/weights.ts';
export { buildTable } from './quant/tables.ts';
export { preprocess } from './quant/preprocess.ts';
export { requantize, requantSplit, floorDivMod, roundHalfUp, REQUANT_LIMB, SHIFT_MIN, SHIFT_MAX, MULTIPLIER_LIMIT, type RequantSplit } from './int/arith.ts';
export { runIntGraph, INT_OPS, type IntRun } from './int/executor.ts';
export { IntExecError } from './int/errors.ts';
export { DTYPE_RANGE, type IntDType, type IntGraph, type IntNode, type IntOpName, type IntParamSpec, type IntParams, type IntTensor, type IntValueInfo } from './int/graph.ts';
export { analyzeRanges, REQUANT_BOUND, CLAMP_DOMAIN, type RangeReport, type ValueRange, type CheckedQuantity } from './range/analyze.ts';
export { RangeAnalysisError } from './range/errors.ts';
export { requantBounds, type RequantBounds } from './range/requant-bounds.ts';
export { encodePackage, decodePackage, PACKAGE_MAGIC } from './package/format.ts';
export { ModelPackageError } from './package/errors.ts';
export { validatePackage } from './package/validate.ts';
export { PACKAGE_VERSION, type ModelPackage, type QuantSettings, type HiddenInputs, type Preprocessing } from './package/types.ts';
