/**
 * Typed errors of ONNX import: bytes or graph structure that do not form a valid ModelProto
 * (onnx.proto, IR version ≤ 8). Shape and op errors come from the IR (@vouch/zkml).
 */
import { MalformedError } from '@vouch/core';

/**
 * ONNX bytes or graph structure that are not a valid model: undecodable protobuf, a missing
 * graph, a dangling value name, a cycle, a tensor whose data does not match its shape.
 * `field` says where (e.g. `graph.node[3] (conv1).input[1]`), `offset` the byte offset when
 * protobuf decoding failed.
 */
export class MalformedOnnxError extends MalformedError {
  override name = 'MalformedOnnxError';

  /**
   * @param where - the protobuf path or node that is wrong
   * @param message - what is wrong, "expected X, got Y"
   * @param offset - byte offset, for decoding failures
   * @param cause - the underlying decoder error
   */
  constructor(where: string, message: string, offset?: number, cause?: unknown) {
    super(`onnx ${where}`, message, offset, { cause });
  }
}
