/**
 * The op-prover registry: one {@link OpProver} per integer op that can be proven. Authors of new op
 * provers add one line here (see types.ts, "How to add an op prover").
 */
import type { IntOpName } from '../int/graph.ts';
import { linearProver } from './ops/linear.ts';
import { requantProver } from './ops/requant.ts';
import { reluProver } from './ops/relu.ts';
import { reshapeProver } from './ops/reshape.ts';
import type { OpProver } from './types.ts';

/** Op provers by op name (ops without an entry cannot be proven yet). */
export const OP_PROVERS: Partial<Record<IntOpName, OpProver>> = {
  Linear: linearProver,
  Requant: requantProver,
  Relu: reluProver,
  Reshape: reshapeProver,
};
