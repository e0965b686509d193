/** Typed errors of the integer executor. */
import { VouchError } from './core.ts';

/**
 * The integer executor met a value outside what its node allows: an accumulator beyond (p−1)/2, a
 * table index outside its table, a parameter of the wrong shape. With a graph that passed the range
 * analysis and inputs in range this never happens; it is checked so a bad package cannot silently
 * produce wrapped results.
 */
export class IntExecError extends VouchError {
  override name = 'IntExecError';
  /** The node that failed. */
  readonly node: string;
  constructor(node: string, message: string) {
    super('INT_EXEC', `node ${node}: ${message}`);
    this.node = node;
  }
}
