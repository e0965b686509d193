/**
 * The example on-chain statement of `vouch chain prove-example`: "I know vectors a, b (hidden) whose
 * entry-wise product is the public vector c", for a named party. One Ligero layout of three rows of
 * width ℓ (a, b, c = a ⊙ b as a row triple) and ℓ linear constraints pinning row c to the public
 * values. It exercises the on-chain verifier and the record end to end; it says nothing about any
 * model (over a field, anyone can find such a and b: the statement is not hard to prove). A full
 * inference proof is not verifiable on chain yet (docs/parts/onchain.md §8).
 */
import { LayoutBuilder, P, eNeg, evaluateConstraint, ligeroSecurity, ligeroShape, mul, randomVector, type LigeroParams, type LinearConstraint } from '@vouch/core';
import { proveOnchainLigero } from '@vouch/contracts';
import type { Address } from 'viem';
import type { LigeroStatement } from './statement.ts';

/** Options of {@link proveExampleStatement}. */
export interface ExampleStatementOptions {
  /** Row width ℓ (power of two, ≥ t − 1); default 16. */
  readonly rowWidth?: number;
  /** Ligero parameters; they are part of the circuit, hence of the statement. */
  readonly params: LigeroParams;
  /** The public vector c is derived from these hidden a, b (default: fresh random). */
  readonly a?: Uint32Array;
  readonly b?: Uint32Array;
}

/**
 * Proves the example statement for `party`.
 * @throws RangeError when ℓ is not a power of two or the parameters do not fit ℓ (t ≤ ℓ + 1).
 * @example const s = proveExampleStatement('0x…', { params: LIGERO_TEST });
 */
export function proveExampleStatement(party: Address, opts: ExampleStatementOptions): LigeroStatement {
  const l = opts.rowWidth ?? 16;
  const b = new LayoutBuilder(l);
  b.rows(3, 'a, b, c');
  b.triple(0, 1, 2);
  const layout = b.finish();
  const shape = ligeroShape(opts.params, layout);
  if (shape.queries > l + 1) throw new RangeError(`example statement: ${shape.queries} queries need ℓ ≥ ${shape.queries - 1}, got ℓ = ${l}`);
  const va = opts.a ?? randomVector(l);
  const vb = opts.b ?? randomVector(l);
  if (va.length !== l || vb.length !== l) throw new RangeError(`example statement: expected a and b of ${l} values`);
  const witness = new Uint32Array(3 * l);
  for (let i = 0; i < l; i++) {
    witness[i] = va[i] % P;
    witness[l + i] = vb[i] % P;
    witness[2 * l + i] = mul(witness[i], witness[l + i]);
  }
  const one = Uint32Array.of(1, 0, 0, 0);
  const constraints: LinearConstraint[] = Array.from({ length: l }, (_, i) => {
    const c = { label: `c[${i}]`, sparse: new Map([[2 * l + i, one]]), tensor: [], constant: new Uint32Array(4) };
    return { ...c, constant: eNeg(evaluateConstraint(c, witness, l)) };
  });
  const s = proveOnchainLigero({ layout, constraints, witness, params: opts.params, party });
  const sec = ligeroSecurity(shape);
  return {
    circuit: s.circuit,
    party,
    proof: s.proof,
    statementHash: s.statementHash,
    description: `example: knowledge of a, b with a ⊙ b = c (public, ${l} values); Ligero ${opts.params.name}, t = ${shape.queries}, n = ${shape.codeLength}`,
    security: { provenBits: sec.provenBits, conjecturedBits: sec.conjecturedBits },
  };
}
