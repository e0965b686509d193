/** The typed refusal of the static range analysis. */
import { VouchError } from '../int/core.ts';

/**
 * A graph could produce a value outside a bound its proof relies on: the signed field range
 * ±(p−1)/2, the 2^29 bound of the split requantization, a lookup table's domain, or a dtype.
 */
export class RangeAnalysisError extends VouchError {
  override name = 'RangeAnalysisError';
  /** The integer node. */
  readonly node: string;
  /** The quantity, e.g. `accumulator`, `requant.hM+c`, `table input`. */
  readonly quantity: string;
  /** The bound it may exceed, in words. */
  readonly bound: string;
  constructor(node: string, quantity: string, bound: string, got: string) {
    super('RANGE', `node ${node}: ${quantity}: expected ${bound}, got ${got}`);
    this.node = node;
    this.quantity = quantity;
    this.bound = bound;
  }
}
