/**
 * Typed errors of the graph IR: shapes that do not fit an op, and ops outside the supported set.
 *
 * Both extend the shared {@link VouchError} (packages/core/src/errors.ts) with a stable `code`.
 */
import { VouchError } from '@vouch/core';

/**
 * A value's shape does not fit the op that consumes it (or a declared input shape is wrong).
 * `node` names the node (or graph input), `shapes` lists the offending shapes.
 */
export class ShapeError extends VouchError {
  override name = 'ShapeError';
  /** The node or graph input where the mismatch was found. */
  readonly node: string;
  /** The shapes involved, in the order the message mentions them. */
  readonly shapes: readonly (readonly number[])[];

  /**
   * @param node - node name (or `input <name>`)
   * @param message - "expected X, got Y" wording
   * @param shapes - the shapes involved
   */
  constructor(node: string, message: string, shapes: readonly (readonly number[])[] = []) {
    super('SHAPE', `shape error at ${node}: ${message}`, {
      details: shapes.length ? `shapes: ${shapes.map((s) => `[${s.join(', ')}]`).join(' ')}` : undefined,
    });
    this.node = node;
    this.shapes = shapes;
  }
}

/**
 * An op (or an attribute value of a supported op) that Vouch does not support.
 * `op` and `node` say which, `supported` lists what is supported.
 */
export class UnsupportedOpError extends VouchError {
  override name = 'UnsupportedOpError';
  /** The op type, e.g. `NonMaxSuppression`. */
  readonly op: string;
  /** The node name. */
  readonly node: string;
  /** The supported op types. */
  readonly supported: readonly string[];

  /**
   * @param op - op type
   * @param node - node name
   * @param supported - the supported op list
   * @param reason - why, when the op itself is supported but this use is not
   */
  constructor(op: string, node: string, supported: readonly string[], reason?: string) {
    super(
      'UNSUPPORTED_OP',
      reason ? `unsupported use of ${op} in node ${node}: ${reason}` : `unsupported op ${op} in node ${node}`,
      { details: `supported ops: ${supported.join(', ')}` },
    );
    this.op = op;
    this.node = node;
    this.supported = supported;
  }
}
