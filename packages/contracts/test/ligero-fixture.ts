/**
 * A small zero-knowledge Ligero statement for the on-chain verifier tests: 6 witness rows of ℓ
 * columns, two row triples (row2 = row0 ⊙ row1, row4 = row3 ⊙ row3), and 4 linear constraints with
 * ext coefficients — sparse terms, tensor terms over one and two rows, one column vector shared by
 * two constraints — whose constants make the random witness satisfy them.
 */
import { LayoutBuilder, P, eNeg, evaluateConstraint, ligeroShape, mul, seededRng, type ColumnVector, type Layout, type LigeroParams, type LigeroProof, type LigeroResponses, type LigeroShape, type LinearConstraint } from '@vouch/core';
import type { Address } from 'viem';
import { encodeLigeroCircuit, proveOnchainLigero } from '../src/index.ts';
import { prng } from './chain.ts';

/** An instance with its encoded circuit and a prover that can tamper with the responses. */
export interface LigeroInstance {
  readonly layout: Layout;
  readonly shape: LigeroShape;
  readonly witness: Uint32Array;
  readonly constraints: LinearConstraint[];
  readonly circuit: Uint8Array;
  /** Proves for `party`; `tamper` may edit the responses before the columns are opened. */
  prove(party: Address, tamper?: (r: LigeroResponses) => void, witness?: Uint32Array): { proof: Uint8Array; ligero: LigeroProof; root: Uint8Array };
}

/**
 * Builds the instance for row width `l` and Ligero parameters `params` (deterministic in `seed`).
 * `mutate` edits the witness after the triple relations are filled and before the constraint
 * constants are derived: a false quadratic statement whose linear constraints still hold.
 */
export function ligeroInstance(l: number, params: LigeroParams, seed = 1, mutate?: (w: Uint32Array) => void): LigeroInstance {
  const rnd = prng(seed);
  const b = new LayoutBuilder(l);
  b.rows(6, 'w');
  b.triple(0, 1, 2);
  b.triple(3, 3, 4);
  const layout = b.finish();
  const shape = ligeroShape(params, layout);
  const witness = new Uint32Array(6 * l);
  for (const r of [0, 1, 3, 5]) for (let i = 0; i < l; i++) witness[r * l + i] = rnd() % P;
  for (let i = 0; i < l; i++) {
    witness[2 * l + i] = mul(witness[i], witness[l + i]);
    witness[4 * l + i] = mul(witness[3 * l + i], witness[3 * l + i]);
  }
  mutate?.(witness);
  const ext = (): Uint32Array => Uint32Array.from({ length: 4 }, () => rnd() % P);
  const vec = (): ColumnVector => ({ values: Uint32Array.from({ length: 4 * l }, () => rnd() % P) });
  const v1 = vec();
  const v2 = vec();
  const raw: Omit<LinearConstraint, 'constant'>[] = [
    { label: 'sparse', sparse: new Map([[3, ext()], [2 * l + 5, ext()], [6 * l - 1, ext()]]), tensor: [] },
    { label: 'tensor row 5', sparse: new Map(), tensor: [{ row: 5, rowCoeffs: ext(), cols: v1 }] },
    { label: 'tensor rows 0-1 + sparse', sparse: new Map([[l + 1, ext()]]), tensor: [{ row: 0, rowCoeffs: Uint32Array.from([...ext(), ...ext()]), cols: v2 }] },
    { label: 'shared vector rows 2-4', sparse: new Map(), tensor: [{ row: 2, rowCoeffs: Uint32Array.from([...ext(), ...ext(), ...ext()]), cols: v1 }] },
  ];
  const constraints: LinearConstraint[] = raw.map((c) => {
    const zero = { ...c, constant: new Uint32Array(4) };
    return { ...c, constant: eNeg(evaluateConstraint(zero, witness, l)) };
  });
  const circuit = encodeLigeroCircuit(layout, constraints, shape);
  return {
    layout,
    shape,
    witness,
    constraints,
    circuit,
    prove(party, tamper, w = witness) {
      const check = !tamper && w === witness && !mutate;
      const s = proveOnchainLigero({ layout, constraints, witness: w, params, party, rng: seededRng(`onchain-${seed}`), check, ...(tamper ? { tamper } : {}) });
      return { proof: s.proof, ligero: s.ligero, root: s.root };
    },
  };
}
