import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, type Address, type Hex } from 'viem';
import { buildMerkleTree, hashLeaf, hashNode, openMulti, verifyMulti } from '@vouch/core';
import { MerkleHarness, withRevertDecoding } from '../src/index.ts';
import { startChain, deploy, expectRevert, prng, HARDFORK, type Chain } from './chain-helpers.ts';

describe(`Merkle.sol vs packages/core/src/merkle (anvil, ${HARDFORK})`, () => {
  let ch: Chain;
  let at: Address;
  const rnd = prng(0x3e1c1e);

  beforeAll(async () => {
    ch = await startChain();
    at = await deploy(ch, MerkleHarness, 'MerkleHarness');
  });
  afterAll(async () => ch?.anvil.stop());

  /** A random salted tree with `count` leaves at `depth` and `q` distinct random query indices. */
  function instance(count: number, depth: number, q: number) {
    const leaves = Array.from({ length: count }, () => hashLeaf(Uint8Array.from({ length: 24 }, () => rnd() & 255), Uint8Array.from({ length: 16 }, () => rnd() & 255)));
    const flat = new Uint8Array(32 * count);
    leaves.forEach((l, i) => flat.set(l, 32 * i));
    const tree = buildMerkleTree(flat, depth);
    const set = new Set<number>();
    while (set.size < q) set.add(rnd() % count);
    const indices = [...set];
    const proof = openMulti(tree, indices);
    verifyMulti(tree.root, depth, indices, indices.map((i) => leaves[i]), proof);
    return { root: bytesToHex(tree.root), indices, leafHashes: indices.map((i) => bytesToHex(leaves[i])), siblings: proof.siblings };
  }

  const verify = (root: Hex, depth: number, indices: number[], leafHashes: Hex[], siblings: Uint8Array) =>
    withRevertDecoding('verify', () =>
      ch.c.publicClient.readContract({ address: at, abi: MerkleHarness.abi, functionName: 'verify', args: [root, BigInt(depth), indices.map(BigInt), leafHashes, bytesToHex(siblings)] }),
    );

  it('leaf and node hashes match hashLeaf / hashNode', async () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
    const data = Uint8Array.from({ length: 77 }, (_, i) => 3 * i);
    expect(await ch.c.publicClient.readContract({ address: at, abi: MerkleHarness.abi, functionName: 'leaf', args: [bytesToHex(salt), bytesToHex(data)] })).toBe(bytesToHex(hashLeaf(data, salt)));
    const l = hashLeaf(data);
    const r = hashLeaf(salt);
    expect(await ch.c.publicClient.readContract({ address: at, abi: MerkleHarness.abi, functionName: 'node', args: [bytesToHex(l), bytesToHex(r)] })).toBe(bytesToHex(hashNode(l, r)));
  });

  it('accepts the frozen 5-leaf depth-3 tree of docs/parts/transcript-merkle.md §3.1', async () => {
    const leaves = [0, 1, 2, 3, 4].map((i) => hashLeaf(Uint8Array.of(i)));
    const flat = new Uint8Array(160);
    leaves.forEach((l, i) => flat.set(l, 32 * i));
    const tree = buildMerkleTree(flat, 3);
    expect(bytesToHex(tree.root)).toBe('0x87dcf396828ea1f1c78cfadc66e2f6a8539d529d1cbb1dad53dd43787ae58b0b');
    const idx = [4, 1];
    const proof = openMulti(tree, idx);
    await verify(bytesToHex(tree.root), 3, idx, idx.map((i) => bytesToHex(leaves[i])), proof.siblings);
  });

  it('accepts random multi-openings (padding leaves, merged paths, any index order) and reports gas', async () => {
    for (const [count, depth, q] of [
      [1, 0, 1],
      [2, 1, 2],
      [7, 3, 3],
      [100, 8, 20],
      [1000, 12, 40],
      [1 << 12, 12, 64],
    ] as const) {
      const x = instance(count, depth, q);
      const gas = await verify(x.root, depth, x.indices, x.leafHashes, x.siblings);
      console.log(`[${HARDFORK}] multi-opening depth ${depth}, ${q} queries, ${x.siblings.length / 32} siblings: ${gas} gas`);
    }
  });

  it('a flipped sibling, wrong leaf, wrong index or swapped leaves gives MerkleRootMismatch', async () => {
    const x = instance(500, 9, 10);
    const bad = x.siblings.slice();
    bad[37] ^= 1;
    await expectRevert(verify(x.root, 9, x.indices, x.leafHashes, bad), 'MerkleRootMismatch');
    const leaves = [...x.leafHashes];
    leaves[3] = bytesToHex(hashLeaf(Uint8Array.of(9)));
    await expectRevert(verify(x.root, 9, x.indices, leaves, x.siblings), 'MerkleRootMismatch');
    const swapped = [...x.leafHashes];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    await expectRevert(verify(x.root, 9, x.indices, swapped, x.siblings), 'MerkleRootMismatch');
    const y = instance(8, 3, 1);
    await expectRevert(verify(y.root, 3, [y.indices[0] ^ 1], y.leafHashes, y.siblings), 'MerkleRootMismatch');
  });

  it('a missing, extra or partial sibling gives MerkleSiblingCount', async () => {
    const x = instance(300, 9, 6);
    await expectRevert(verify(x.root, 9, x.indices, x.leafHashes, x.siblings.subarray(32)), 'MerkleSiblingCount');
    const extra = new Uint8Array(x.siblings.length + 32);
    extra.set(x.siblings);
    await expectRevert(verify(x.root, 9, x.indices, x.leafHashes, extra), 'MerkleSiblingCount');
    await expectRevert(verify(x.root, 9, x.indices, x.leafHashes, x.siblings.subarray(0, x.siblings.length - 1)), 'MerkleSiblingCount');
  });

  it('a leaf presented as an inner node (shorter depth) fails', async () => {
    const x = instance(8, 3, 8);
    // Opening all 8 leaves needs no siblings; the 4 level-1 nodes at depth 2 must not verify as leaves.
    await expectRevert(verify(x.root, 2, [0, 1, 2, 3], x.leafHashes.slice(0, 4), new Uint8Array(0)), 'MerkleRootMismatch');
  });

  it('duplicate or out-of-range indices give MerkleBadIndex', async () => {
    const x = instance(16, 4, 2);
    await expectRevert(verify(x.root, 4, [x.indices[0], x.indices[0]], [x.leafHashes[0], x.leafHashes[0]], x.siblings), 'MerkleBadIndex');
    await expectRevert(verify(x.root, 4, [16], [x.leafHashes[0]], x.siblings), 'MerkleBadIndex');
  });
});
