/**
 * The op-prover registry: one {@link OpProver} per integer op that can be proven. Authors of new op
 * provers add one line here (see types.ts, "How to add an op prover").
 */
import type { IntOpName } from '../int/graph.ts';
import { linearProver } from './ops/linear.ts';
import { requantProver } from './ops/requant.ts';
import { reluProver } from './ops/relu.ts';
import { reshapeProver } from './ops/reshape.ts';
import { scaledAddProver } from './ops/scaled-add.ts';
import { convProver } from './ops/conv.ts';
import { maxpoolProver } from './ops/maxpool.ts';
import { sumpoolProver } from './ops/sumpool.ts';
import type { OpProver } from './types.ts';
import { lookupProver } from './ops/lookup.ts';
import { transposeProver } from './ops/transpose.ts';
import { concatProver } from './ops/concat.ts';
import { matmulProver } from './ops/matmul.ts';
import { softmaxProver } from './ops/softmax.ts';
import { gatherProver } from './ops/gather.ts';
import { layernormProver } from './ops/layernorm.ts';

/** Op provers by op name (ops without an entry cannot be proven yet). */
export const OP_PROVERS: Partial<Record<IntOpName, OpProver>> = {
  Linear: linearProver,
  Requant: requantProver,
  Relu: reluProver,
  Reshape: reshapeProver,
  ScaledAdd: scaledAddProver,
  Lookup: lookupProver,
  Transpose: transposeProver,
  Concat: concatProver,
  MatMul: matmulProver,
  Softmax: softmaxProver,
  Gather: gatherProver,
  LayerNorm: layernormProver,
  Conv: convProver,
  MaxPool: maxpoolProver,
  SumPool: sumpoolProver,
};
