/**
 * The planner's no-wrap check (audit O6): the static argument that no field value of an inference
 * proof wraps around p, from PUBLIC data only (the graph's declared dtypes and public parameters),
 * so that the prover's and the verifier's plans refuse the same graphs.
 *
 * Per-op relations are proven over F_p; they are integer relations only because every committed
 * activation lies in a known interval. Those intervals are the values' declared ranges (dtype, or
 * `range` for a graph input), which hold by induction along the graph once every op that FIXES a
 * range proves one inside its output's declared range:
 * - Requant: y ∈ [lo, hi] (clamp, range-checked) — refused unless [lo, hi] ⊆ declared(y);
 * - Relu: y = max(x, 0) ∈ [0, min(2^k − 1, hi_x)] (k = 8 for int8 inputs, else 16) — refused unless
 *   inside declared(y);
 * - Lookup: y is a table value — refused unless every table value lies in declared(y).
 * (Graph inputs are checked against their declared range by the verifier; Reshape, Transpose,
 * Concat and MaxPool copy or select input values of the same dtype.)
 * Accumulators: Linear / Conv / MatMul prove acc ≡ Σ_k x_k·w_k (+ b) mod p, and the following
 * Requant's split forces the committed acc into [−2^28, 2^28). With S = K·max|x|·max|w| from the
 * declared ranges (public weights: their actual max|w|) and |b| ≤ (p−1)/2 (checked for public and
 * private parameters, prove/params.ts and region.ts), the integer accumulator satisfies
 * |acc| ≤ S + (p−1)/2; if S < (p−1)/2 − 2^28 then |acc| < p − 2^28, and an integer of that size
 * congruent to a value in [−2^28, 2^28) equals it. So the planner refuses S ≥ (p−1)/2 − 2^28.
 * Refusals are {@link RangeAnalysisError}s naming the node, the quantity and the bound.
 */
import { HALF_P } from '../int/core.ts';
import { DTYPE_RANGE, numel, type IntGraph, type IntNode, type IntParams } from '../int/graph.ts';
import { RangeAnalysisError } from '../range/errors.ts';

/** Largest K·max|x|·max|w| a Linear / Conv / MatMul may reach: (p−1)/2 − 2^28 (exclusive). */
export const ACCUMULATOR_PRODUCT_LIMIT = HALF_P - 2 ** 28;

function absMax([lo, hi]: readonly [number, number]): number {
  return Math.max(Math.abs(lo), Math.abs(hi));
}

/**
 * Refuses a graph whose no-wrap argument (module header) does not hold.
 * @param graph the integer graph
 * @param publicParams data of the public parameters (open mode: of every parameter)
 * @throws {RangeAnalysisError} naming the first offending node, the quantity and the bound
 */
export function checkNoWrap(graph: IntGraph, publicParams: IntParams): void {
  const declared = (value: string, node: IntNode): readonly [number, number] => {
    const vi = graph.values.get(value);
    if (!vi) throw new RangeAnalysisError(node.name, `value ${value}`, 'a declared value', 'undefined');
    return vi.range ?? DTYPE_RANGE[vi.dtype];
  };
  const inside = (node: IntNode, quantity: string, [lo, hi]: readonly [number, number], value: string): void => {
    const [dlo, dhi] = declared(value, node);
    if (!(lo >= dlo && hi <= dhi)) throw new RangeAnalysisError(node.name, `${quantity} of output ${value}`, `within its declared range [${dlo}, ${dhi}]`, `[${lo}, ${hi}]`);
  };
  const products = (node: IntNode, k: number, x: number, w: number): void => {
    const s = k * x * w;
    if (!(s < ACCUMULATOR_PRODUCT_LIMIT)) throw new RangeAnalysisError(node.name, `accumulator K·max|x|·max|w| (K = ${k}, max|x| = ${x}, max|w| = ${w})`, `< (p−1)/2 − 2^28 = ${ACCUMULATOR_PRODUCT_LIMIT}`, String(s));
  };
  for (const node of graph.nodes) {
    switch (node.op) {
      case 'Requant':
        inside(node, 'clamp [lo, hi]', [node.attrs.lo as number, node.attrs.hi as number], node.output);
        break;
      case 'Relu': {
        const [, hi] = declared(node.inputs[0], node);
        const k = graph.values.get(node.inputs[0])!.dtype === 'int8' ? 8 : 16;
        inside(node, 'proven range', [0, Math.max(0, Math.min(2 ** k - 1, hi))], node.output);
        break;
      }
      case 'Lookup': {
        const t = publicParams.get(node.params.table);
        if (!t) break; // the Lookup prover refuses a private table
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of t.data) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        inside(node, 'table values', [lo, hi], node.output);
        break;
      }
      case 'Linear':
      case 'Conv': {
        const spec = graph.params.get(node.params.weight);
        if (!spec || spec.shape.length < 1) break; // the op prover refuses it
        const data = publicParams.get(spec.name)?.data;
        const dtypeMax = absMax(DTYPE_RANGE[spec.dtype]);
        let w = dtypeMax;
        if (data) {
          w = 0;
          // indexed scan, stopping once the dtype's bound is reached (it cannot grow further)
          for (let i = 0; i < data.length && w < dtypeMax; i++) w = Math.max(w, Math.abs(data[i]));
        }
        products(node, numel(spec.shape) / spec.shape[0], absMax(declared(node.inputs[0], node)), w);
        break;
      }
      case 'MatMul': {
        const K = graph.values.get(node.inputs[0])?.shape.at(-1) ?? 0;
        products(node, K, absMax(declared(node.inputs[0], node)), absMax(declared(node.inputs[1], node)));
        break;
      }
      default:
        break;
    }
  }
}
