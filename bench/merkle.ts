/**
 * Benchmarks for hashing, Merkle trees and the transcript (docs/parts/transcript-merkle.md §5):
 * SHA-256 node hashing per backend, leaf hashing throughput, 2^20-leaf tree build, multi-opening
 * verification, transcript challenges per second.
 */
import { median, timeMs, type BenchCase, type BenchRow } from './harness.ts';
import { sha256PrefixedBatch, withSha256Backend, type Sha256BackendName } from '../packages/core/src/hash/sha256.ts';
import { sha256TaggedPairsJs } from '../packages/core/src/hash/sha256-kernel.ts';
import { buildMerkleTree, hashLeaves, openMulti, verifyMulti } from '../packages/core/src/merkle/merkle.ts';
import { Sha256Transcript } from '../packages/core/src/transcript/transcript.ts';

const GROUP = 'merkle';

function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

function row(name: string, values: Record<string, number | string>): BenchRow {
  return { group: GROUP, name, values };
}

export const cases: BenchCase[] = [
  {
    group: GROUP,
    name: 'inner-node hashing H(0x01‖l‖r), per backend',
    async run({ quick }) {
      const n = quick ? 1 << 14 : 1 << 17;
      const input = pseudoRandomBytes(64 * n, 1);
      const out = new Uint8Array(32 * n);
      const rows: BenchRow[] = [];
      for (const b of ['node', 'noble'] as Sha256BackendName[]) {
        const t = median(
          await timeMs(() => withSha256Backend(b, () => sha256PrefixedBatch(1, input, 64, n, out)), quick ? 1 : 5),
        );
        rows.push(row(`node hash (${b})`, { nodes: n, median_ms: t, hashes_per_s: Math.round((n / t) * 1e3) }));
      }
      const tj = median(await timeMs(() => sha256TaggedPairsJs(1, input, n, out), quick ? 1 : 5));
      rows.push(
        row('node hash (plain-TS kernel, used by buildMerkleTree)', {
          nodes: n,
          median_ms: tj,
          hashes_per_s: Math.round((n / tj) * 1e3),
        }),
      );
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'salted leaf hashing',
    async run({ quick }) {
      const rows: BenchRow[] = [];
      for (const leafBytes of [32, 512]) {
        const n = quick ? 1 << 12 : 1 << 16;
        const leaves = pseudoRandomBytes(leafBytes * n, 2);
        const salts = pseudoRandomBytes(16 * n, 3);
        const t = median(await timeMs(() => hashLeaves(leaves, leafBytes, salts), quick ? 1 : 5));
        rows.push(
          row(`hashLeaves ${leafBytes}-byte leaves + 16-byte salt`, {
            nodes: n,
            median_ms: t,
            hashes_per_s: Math.round((n / t) * 1e3),
            mb_per_s: Math.round(((leafBytes * n) / t) * 1e-3),
          }),
        );
      }
      return rows;
    },
  },
  {
    group: GROUP,
    name: 'tree build and multi-opening verification',
    async run({ quick }) {
      const logN = quick ? 16 : 20;
      const n = 1 << logN;
      const leaves = pseudoRandomBytes(32 * n, 4);
      let tree = buildMerkleTree(leaves, logN);
      const tb = median(await timeMs(() => (tree = buildMerkleTree(leaves, logN)), quick ? 1 : 3, 0));
      const idx = new Sha256Transcript('bench', 1).challengeIndices('q', n, 128);
      const proof = openMulti(tree, idx);
      const lh = idx.map((i) => leaves.subarray(32 * i, 32 * i + 32));
      const to = median(await timeMs(() => openMulti(tree, idx), quick ? 3 : 10));
      const tv = median(await timeMs(() => verifyMulti(tree.root, logN, idx, lh, proof), quick ? 3 : 10));
      return [
        row(`build 2^${logN} leaves (from leaf hashes)`, {
          nodes: n - 1,
          median_ms: tb,
          hashes_per_s: Math.round(((n - 1) / tb) * 1e3),
        }),
        row(`open 128 of 2^${logN}`, { median_ms: to, proof_bytes: proof.siblings.length }),
        row(`verify 128 of 2^${logN}`, { median_ms: tv, proof_bytes: proof.siblings.length }),
      ];
    },
  },
  {
    group: GROUP,
    name: 'transcript',
    async run({ quick }) {
      const n = quick ? 2000 : 20000;
      const t = new Sha256Transcript('bench', 1);
      const e = new Uint32Array(4).fill(7);
      const tc = median(
        await timeMs(
          () => {
            for (let i = 0; i < n; i++) t.challengeExt('r');
          },
          quick ? 1 : 5,
        ),
      );
      const ta = median(
        await timeMs(
          () => {
            for (let i = 0; i < n; i++) t.absorbExt('m', e);
          },
          quick ? 1 : 5,
        ),
      );
      const ti = median(await timeMs(() => t.challengeIndices('q', 1 << 20, 256), quick ? 3 : 10));
      return [
        row('challengeExt', { median_ms: tc / n, ops_per_s: Math.round((n / tc) * 1e3) }),
        row('absorbExt (1 element)', { median_ms: ta / n, ops_per_s: Math.round((n / ta) * 1e3) }),
        row('challengeIndices 256 of 2^20', { median_ms: ti, ops_per_s: Math.round(1e3 / ti) }),
      ];
    },
  },
];
