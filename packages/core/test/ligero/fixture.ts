/** The frozen-proof fixture: a deterministic proof (seeded prover randomness, SHA-256 transcript). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIGERO_TEST, ligeroShape, serializeLigeroProof } from '../../src/ligero/index.ts';
import { randomInstance } from './instance.ts';
import { prove } from './harness.ts';

export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/ligero-proof-v2.hex', import.meta.url));
export const fixtureInstance = randomInstance({ rowWidth: 8, seed: 'fixture', triples: 1, sparse: 1, tensor: 2, vectorRows: 1 });
export const FIXTURE_PARAMS = LIGERO_TEST;

/** Regenerates the fixture's bytes (root ‖ proof). */
export function fixtureBytes(): { root: Uint8Array; proof: Uint8Array } {
  const p = prove(fixtureInstance, FIXTURE_PARAMS, { seed: 'fixture-commit' });
  return { root: p.root, proof: serializeLigeroProof(p.proof, ligeroShape(FIXTURE_PARAMS, fixtureInstance.layout)) };
}

export function readFixture(): { root: Uint8Array; proof: Uint8Array } {
  const [root, proof] = readFileSync(FIXTURE_PATH, 'utf8').trim().split('\n');
  return { root: Buffer.from(root, 'hex'), proof: Buffer.from(proof, 'hex') };
}

// `npx tsx packages/core/test/ligero/fixture.ts --write` regenerates the file (only on a deliberate format change).
if (process.argv.includes('--write')) {
  const { root, proof } = fixtureBytes();
  writeFileSync(FIXTURE_PATH, `${Buffer.from(root).toString('hex')}\n${Buffer.from(proof).toString('hex')}\n`);
  console.log(`wrote ${FIXTURE_PATH}: ${proof.length} bytes`);
}
