/**
 * The frozen BaseFold opening (docs/parts/basefold.md §3): fixed evaluations and claim, n = 6,
 * R = 2, a = 2, f = 2, q = 8, SHA-256 transcript 'vouch-test'. Any change of its bytes is a change of
 * the proof format or the transcript schedule, and must be deliberate (the Solidity verifier reads
 * the same bytes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRng } from '../../src/ligero/rng.ts';
import { mleEvalBase } from '../../src/poly/mle.ts';
import { Sha256Transcript } from '../../src/transcript/transcript.ts';
import { absorbBasefoldCommitment, basefoldCommit, basefoldOpen, type BasefoldClaim, type BasefoldParams } from '../../src/basefold/index.ts';

export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/basefold-proof-v1.hex', import.meta.url));
export const FIXTURE_DOMAIN = 'vouch-test';
export const FIXTURE_PARAMS: BasefoldParams = Object.freeze({ vars: 6, logBlowup: 2, logArity: 2, queries: 8, finalVars: 2 });
export const fixtureEvals: Uint32Array = seededRng('basefold-fixture/evals').field(64);
const point = seededRng('basefold-fixture/point').field(24);
export const fixtureClaims: readonly BasefoldClaim[] = Object.freeze([{ point, value: mleEvalBase(fixtureEvals, point) }]);

/** Regenerates the fixture's bytes (root ‖ proof). */
export function fixtureBytes(): { root: Uint8Array; proof: Uint8Array } {
  const com = basefoldCommit(fixtureEvals, FIXTURE_PARAMS);
  const t = new Sha256Transcript(FIXTURE_DOMAIN, 1);
  absorbBasefoldCommitment(t, FIXTURE_PARAMS, com.root);
  return { root: com.root, proof: basefoldOpen(t, com, fixtureClaims) };
}

export function readFixture(): { root: Uint8Array; proof: Uint8Array } {
  const [root, proof] = readFileSync(FIXTURE_PATH, 'utf8').trim().split('\n');
  return { root: Buffer.from(root, 'hex'), proof: Buffer.from(proof, 'hex') };
}

// `npx tsx packages/core/test/basefold/fixture.ts --write` regenerates the file (only on a deliberate format change).
if (process.argv.includes('--write')) {
  const { root, proof } = fixtureBytes();
  writeFileSync(FIXTURE_PATH, `${Buffer.from(root).toString('hex')}\n${Buffer.from(proof).toString('hex')}\n`);
  console.log(`wrote ${FIXTURE_PATH}: ${proof.length} bytes`);
}
