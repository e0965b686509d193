/** Test helper: prove / verify an instance with Sha256 transcripts, with hooks for cheating provers. */
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import {
  absorbLigeroCommitment,
  ligeroCommit,
  ligeroOpen,
  ligeroShape,
  ligeroResponses,
  ligeroVerify,
  seededRng,
  type LigeroParams,
  type LigeroProof,
  type LigeroResponses,
} from '../../src/ligero/index.ts';
import type { LinearConstraint } from '../../src/zk/constraints.ts';
import type { Instance } from './instance.ts';

export interface Proved {
  readonly root: Uint8Array;
  readonly proof: LigeroProof;
}

/** Proves `inst`; `tamper` may rewrite the responses before they are absorbed (a cheating prover). */
export function prove(
  inst: Instance,
  params: LigeroParams,
  opts: { seed?: string; check?: boolean; tamper?: (r: LigeroResponses) => LigeroResponses; constraints?: LinearConstraint[] } = {},
): Proved {
  const { root, state } = ligeroCommit(inst.layout, inst.witness, params, { rng: seededRng(opts.seed ?? 'commit') });
  const t = new Sha256Transcript('vouch-test', 1);
  absorbLigeroCommitment(t, state.shape, root);
  const ctx = { layout: inst.layout, transcript: t, constraints: opts.constraints ?? inst.constraints, witness: inst.witness };
  let r = ligeroResponses(state, ctx, { check: opts.check });
  if (opts.tamper) r = opts.tamper(r);
  return { root, proof: ligeroOpen(state, t, r) };
}

/** Verifies with a fresh transcript; `before` may absorb extra data (a desynchronised verifier). */
export function verify(
  inst: Instance,
  params: LigeroParams,
  p: Proved,
  opts: { constraints?: LinearConstraint[]; before?: (t: Sha256Transcript) => void } = {},
): void {
  const t = new Sha256Transcript('vouch-test', 1);
  absorbLigeroCommitment(t, ligeroShape(params, inst.layout), p.root);
  opts.before?.(t);
  ligeroVerify(p.root, inst.layout, params, { layout: inst.layout, transcript: t, constraints: opts.constraints ?? inst.constraints }, p.proof);
}

/** Runs `fn` and returns the thrown error (fails the test if nothing is thrown). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, got none');
}
