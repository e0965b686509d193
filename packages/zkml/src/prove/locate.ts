/**
 * Node attribution of inference-verifier failures (docs/protocol.md, "Rejection reasons").
 *
 * A failure that one node's data explains — a statement input or output outside its declared range,
 * an open-mode Requant parameter out of range, a node's proof messages of the wrong shape or not
 * canonical, a check a node's sub-protocol makes in the clear — is re-thrown with the location
 * `node <name> (<op>)` (the integer graph keeps the ONNX node names). Failures of the final Ligero
 * tests cannot be attributed: they combine every constraint of every node with random coefficients
 * and the verifier never sees the witness.
 */
import { MalformedError, VerificationError } from '@vouch/core';
import type { IntGraph, IntNode } from '../int/graph.ts';

/** `node <name> (<op>)`: the location string of a node. */
export function nodeLocation(node: Pick<IntNode, 'name' | 'op'>): string {
  return `node ${node.name} (${node.op})`;
}

/** A RangeError about a public value of the statement or the model that one node explains. */
export class LocatedRangeError extends RangeError {
  override name = 'LocatedRangeError';
  /** Stable check id, e.g. `statement.io-range`, `model.open-params`. */
  readonly check: string;
  /** Where, e.g. `node fc1 (Linear), input x sample 0 [3]`. */
  readonly location: string;

  constructor(check: string, message: string, location: string) {
    super(message);
    this.check = check;
    this.location = location;
  }
}

/** A MalformedError in a node's proof section, with the node as location. */
export class LocatedMalformedError extends MalformedError {
  override name = 'LocatedMalformedError';
  /** `node <name> (<op>)`. */
  readonly location: string;

  constructor(e: MalformedError, location: string) {
    super(e.field, malformedText(e), e.offset, { details: e.details, cause: e });
    this.location = location;
  }
}

/** The message part of a MalformedError (its shortMessage without field prefix and offset suffix). */
function malformedText(e: MalformedError): string {
  let s = e.shortMessage;
  const pre = `malformed ${e.field}: `;
  if (s.startsWith(pre)) s = s.slice(pre.length);
  const post = e.offset !== undefined ? ` (at byte ${e.offset})` : '';
  if (post && s.endsWith(post)) s = s.slice(0, -post.length);
  return s;
}

/** The message part of a VerificationError (its shortMessage without `check (location): `). */
function verificationText(e: VerificationError): string {
  const pre = `${e.check}${e.location ? ` (${e.location})` : ''}: `;
  return e.shortMessage.startsWith(pre) ? e.shortMessage.slice(pre.length) : e.shortMessage;
}

/**
 * Runs one node's verifier step; a VerificationError or MalformedError it throws is re-thrown with
 * the node as location (an existing location, e.g. `round 2`, is kept after it).
 * @example atNode(op.node, () => op.verify(ctx, proof.ops[i]));
 */
export function atNode<T>(node: Pick<IntNode, 'name' | 'op'>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const where = nodeLocation(node);
    if (e instanceof VerificationError && !e.location?.startsWith('node ')) {
      throw new VerificationError(e.check, verificationText(e), e.location ? `${where}, ${e.location}` : where, { details: e.details, cause: e });
    }
    if (e instanceof MalformedError && !(e instanceof LocatedMalformedError)) throw new LocatedMalformedError(e, where);
    throw e;
  }
}

/**
 * The node a proof-file section belongs to: `inference.ops[i]…` is node i of the graph (one
 * message list per node, in graph order).
 * @returns the node's location, or undefined for sections no single node owns.
 */
export function sectionLocation(graph: IntGraph, field: string): string | undefined {
  const m = /^inference\.ops\[(\d+)\]/.exec(field);
  const node = m ? graph.nodes[Number(m[1])] : undefined;
  return node ? nodeLocation(node) : undefined;
}

/** The node that produces graph value `value`, or the first node that reads it (graph inputs). */
export function valueLocation(graph: IntGraph, value: string): string {
  const node = graph.nodes.find((n) => n.output === value) ?? graph.nodes.find((n) => n.inputs.includes(value));
  return node ? `${nodeLocation(node)}, value ${value}` : `value ${value}`;
}
