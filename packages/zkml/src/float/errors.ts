/**
 * Typed errors of the float executor and the quantizer. Unsupported ops reuse the IR's
 * {@link UnsupportedOpError}; a wrong input (count, length, type, range) is an {@link InputShapeError}.
 */
import { UnsupportedOpError } from '../ir/errors.ts';
import { CANONICAL_OPS } from '../ir/ops.ts';
import { VouchError } from '../int/core.ts';

/** An UnsupportedOpError for a use of `node` this code does not handle (the reason says why). */
export function unsupported(node: { readonly name: string; readonly op: string }, reason: string): UnsupportedOpError {
  return new UnsupportedOpError(node.op, node.name, CANONICAL_OPS, reason);
}

/** An input given to an executor or quantizer has the wrong count, length, type or range. */
export class InputShapeError extends VouchError {
  override name = 'InputShapeError';
  constructor(what: string, expected: string, got: string) {
    super('INPUT_SHAPE', `${what}: expected ${expected}, got ${got}`);
  }
}
