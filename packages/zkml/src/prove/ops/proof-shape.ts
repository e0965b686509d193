/**
 * Strict parsing of an op's messages (docs/parts/inference.md §Proof format): every op proof is a
 * list of flat ext vectors whose lengths the verifier derives from public shapes alone
 * (OpInstance.proofShape), and every element must be canonical (< p) before anything is absorbed.
 */
import { isCanonical, MalformedError } from '@vouch/core';
import type { OpProof } from '../types.ts';

/**
 * Checks an op proof against its shape.
 * @param node the node name (the error's location).
 * @param shape the ext length of each message, in order.
 * @throws MalformedError naming the node and the message index.
 * @example
 * checkShape('fc1', proof, [3, 3, 2]);
 */
export function checkShape(node: string, proof: OpProof, shape: readonly number[]): void {
  if (!Array.isArray(proof) || proof.length !== shape.length) throw new MalformedError(`${node}.proof`, `expected ${shape.length} messages, got ${Array.isArray(proof) ? proof.length : typeof proof}`);
  proof.forEach((m, i) => {
    if (!(m instanceof Uint32Array) || m.length !== 4 * shape[i] || !m.every(isCanonical)) throw new MalformedError(`${node}.proof[${i}]`, `expected ${shape[i]} canonical ext elements`);
  });
}
