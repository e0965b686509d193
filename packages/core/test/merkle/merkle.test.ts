import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MalformedError, VerificationError } from '../../src/errors.ts';
import { sha256, sha256Concat, withSha256Backend } from '../../src/hash/sha256.ts';
import {
  MERKLE_PAD_LEAF,
  buildMerkleTree,
  hashLeaf,
  hashLeaves,
  hashNode,
  merklePadHash,
  multiProofSiblingCount,
  openMulti,
  verifyMulti,
  type MerkleMultiProof,
} from '../../src/merkle/merkle.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const leafAt = (hs: Uint8Array, i: number): Uint8Array => hs.subarray(32 * i, 32 * i + 32);
const randomLeafHashes = (n: number, seed: number): Uint8Array => {
  const out = new Uint8Array(32 * n);
  for (let i = 0; i < n; i++) out.set(sha256(Uint8Array.of(seed & 255, seed >> 8, i & 255, i >> 8, i >> 16)), 32 * i);
  return out;
};

/** Plain recursive reference: root of the full 2^depth tree, padding included. */
function refRoot(hs: Uint8Array, depth: number): Uint8Array {
  const n = hs.length / 32;
  const node = (k: number, i: number): Uint8Array =>
    k === 0
      ? i < n
        ? leafAt(hs, i)
        : MERKLE_PAD_LEAF
      : sha256Concat(Uint8Array.of(1), node(k - 1, 2 * i), node(k - 1, 2 * i + 1));
  return node(depth, 0);
}

/** Expects `fn` to throw a VerificationError with check `merkle.path`. */
function expectPathError(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VerificationError);
    expect((e as VerificationError).check).toBe('merkle.path');
    return;
  }
  throw new Error('expected VerificationError merkle.path, got no error');
}

describe('leaf and node hashing', () => {
  it('hashLeaf = SHA-256(0x00 ‖ salt ‖ data), hashNode = SHA-256(0x01 ‖ l ‖ r), pad = SHA-256(0x02 ‖ "vouch/merkle/pad")', () => {
    const d = Uint8Array.of(1, 2, 3);
    const s = new Uint8Array(16).fill(7);
    expect(hex(hashLeaf(d))).toBe(hex(sha256Concat(Uint8Array.of(0), d)));
    expect(hex(hashLeaf(d, s))).toBe(hex(sha256Concat(Uint8Array.of(0), s, d)));
    const l = sha256(d);
    const r = sha256(s);
    expect(hex(hashNode(l, r))).toBe(hex(sha256Concat(Uint8Array.of(1), l, r)));
    expect(hex(MERKLE_PAD_LEAF)).toBe(
      hex(sha256Concat(Uint8Array.of(2), new TextEncoder().encode('vouch/merkle/pad'))),
    );
    expect(hex(merklePadHash(2))).toBe(
      hex(hashNode(hashNode(MERKLE_PAD_LEAF, MERKLE_PAD_LEAF), hashNode(MERKLE_PAD_LEAF, MERKLE_PAD_LEAF))),
    );
    expect(() => hashNode(l, new Uint8Array(33))).toThrow(RangeError);
  });

  it('a leaf preimage can never equal an inner-node preimage (domain separation)', () => {
    const l = sha256(Uint8Array.of(1));
    const r = sha256(Uint8Array.of(2));
    const concat = new Uint8Array(64);
    concat.set(l);
    concat.set(r, 32);
    expect(hex(hashLeaf(concat))).not.toBe(hex(hashNode(l, r)));
  });

  it('hashLeaves batch equals hashLeaf per leaf, with and without salts, on both backends', () => {
    const leaves = new Uint8Array(37 * 9).map((_, i) => (i * 13) & 255);
    const salts = new Uint8Array(9 * 16).map((_, i) => (i * 7) & 255);
    for (const b of ['node', 'noble'] as const) {
      withSha256Backend(b, () => {
        const a = hashLeaves(leaves, 37);
        const s = hashLeaves(leaves, 37, salts);
        for (let i = 0; i < 9; i++) {
          expect(hex(leafAt(a, i))).toBe(hex(hashLeaf(leaves.subarray(37 * i, 37 * i + 37))));
          expect(hex(leafAt(s, i))).toBe(
            hex(hashLeaf(leaves.subarray(37 * i, 37 * i + 37), salts.subarray(16 * i, 16 * i + 16))),
          );
        }
      });
    }
    // both sides of the kernel/native switch (1 + salt + leaf ≤ 119 bytes uses the kernel)
    for (const [lb, sb] of [
      [100, 0],
      [102, 16],
      [118, 0],
      [119, 0],
      [150, 16],
      [30, 16],
    ]) {
      const ls = new Uint8Array(lb * 5).map((_, i) => (i * 29) & 255);
      const ss = new Uint8Array(sb * 5).map((_, i) => (i * 11) & 255);
      const got = hashLeaves(ls, lb, sb ? ss : undefined);
      for (let i = 0; i < 5; i++) {
        const want = hashLeaf(ls.subarray(lb * i, lb * (i + 1)), sb ? ss.subarray(sb * i, sb * (i + 1)) : undefined);
        expect(hex(leafAt(got, i)), `leaf ${lb}, salt ${sb}`).toBe(hex(want));
      }
    }
    expect(() => hashLeaves(leaves, 36)).toThrow(RangeError);
    expect(() => hashLeaves(leaves, 37, new Uint8Array(10))).toThrow(RangeError);
  });
});

describe('buildMerkleTree', () => {
  it('matches the plain recursive reference for every leaf count 1..40 and extra depth', () => {
    for (let n = 1; n <= 40; n++) {
      const hs = randomLeafHashes(n, n);
      const minDepth = Math.ceil(Math.log2(n));
      for (const depth of [minDepth, minDepth + 2]) {
        const t = buildMerkleTree(hs, depth);
        expect(t.depth).toBe(depth);
        expect(t.leafCount).toBe(n);
        expect(hex(t.root)).toBe(hex(refRoot(hs, depth)));
      }
    }
  });

  it('reproduces the frozen vector (5 leaves hashLeaf([i]), depth 3)', () => {
    expect(hex(MERKLE_PAD_LEAF)).toBe('19184422eede251018db17412eaf2c84f4f5c420123c2ebc979e2febca17ca4d');
    const hs = new Uint8Array(32 * 5);
    for (let i = 0; i < 5; i++) hs.set(hashLeaf(Uint8Array.of(i)), 32 * i);
    expect(hex(buildMerkleTree(hs, 3).root)).toBe('87dcf396828ea1f1c78cfadc66e2f6a8539d529d1cbb1dad53dd43787ae58b0b');
  });

  it('single leaf at depth 0: root is the leaf hash', () => {
    const hs = randomLeafHashes(1, 1);
    expect(hex(buildMerkleTree(hs).root)).toBe(hex(hs));
  });

  it('node and noble backends build the same root', () => {
    const hs = randomLeafHashes(300, 3);
    const a = withSha256Backend('noble', () => buildMerkleTree(hs, 10).root);
    expect(hex(buildMerkleTree(hs, 10).root)).toBe(hex(a));
  });

  it('copies its input (later mutation of the caller buffer does not change the tree)', () => {
    const hs = randomLeafHashes(8, 4);
    const t = buildMerkleTree(hs);
    const root = hex(t.root);
    hs[0] ^= 1;
    const p = openMulti(t, [1]);
    expect(() => verifyMulti(t.root, 3, [1], [leafAt(randomLeafHashes(8, 4), 1)], p)).not.toThrow();
    expect(hex(t.root)).toBe(root);
  });

  it('rejects empty or ragged input and a too-small or too-large depth', () => {
    expect(() => buildMerkleTree(new Uint8Array(0))).toThrow(RangeError);
    expect(() => buildMerkleTree(new Uint8Array(33))).toThrow(RangeError);
    expect(() => buildMerkleTree(randomLeafHashes(5, 1), 2)).toThrow(RangeError);
    expect(() => buildMerkleTree(randomLeafHashes(5, 1), 33)).toThrow(RangeError);
  });
});

describe('multi-openings', () => {
  it('honest openings of random index sets verify (any order, padding positions included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        (n, extra, seed) => {
          const hs = randomLeafHashes(n, seed);
          const depth = Math.ceil(Math.log2(n)) + extra;
          const t = buildMerkleTree(hs, depth);
          const size = 2 ** depth;
          const k = 1 + (seed % Math.min(size, 12));
          const set = new Set<number>();
          for (let j = 0; set.size < k; j++) set.add((seed * 7 + j * 2654435761) % size);
          const idx = [...set];
          const leaves = idx.map((i) => (i < n ? leafAt(hs, i) : MERKLE_PAD_LEAF));
          const p = openMulti(t, idx);
          expect(p.siblings.length).toBe(32 * multiProofSiblingCount(depth, idx));
          verifyMulti(t.root, depth, idx, leaves, p);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shares siblings: opening all leaves needs none, adjacent pairs need one fewer per pair', () => {
    expect(multiProofSiblingCount(4, [...Array(16).keys()])).toBe(0);
    expect(multiProofSiblingCount(4, [5])).toBe(4);
    expect(multiProofSiblingCount(4, [4, 5])).toBe(3);
    expect(multiProofSiblingCount(4, [0, 15])).toBe(6);
    expect(multiProofSiblingCount(0, [0])).toBe(0);
  });

  it('canonical order: level by level from the leaves, increasing index within a level', () => {
    const hs = randomLeafHashes(8, 9);
    const t = buildMerkleTree(hs);
    const p = openMulti(t, [6, 1]);
    const n1 = (i: number): Uint8Array => t.levels[1].subarray(32 * i, 32 * i + 32);
    const want = [leafAt(hs, 0), leafAt(hs, 7), n1(1), n1(2)];
    expect(p.siblings.length).toBe(32 * want.length);
    want.forEach((w, j) => expect(hex(p.siblings.subarray(32 * j, 32 * j + 32))).toBe(hex(w)));
  });

  describe('tampering', () => {
    const n = 50;
    const depth = 6;
    const hs = randomLeafHashes(n, 77);
    const t = buildMerkleTree(hs, depth);
    const idx = [3, 17, 18, 40, 49];
    const leaves = idx.map((i) => leafAt(hs, i));
    const p = openMulti(t, idx);

    it('baseline verifies', () => {
      expect(() => verifyMulti(t.root, depth, idx, leaves, p)).not.toThrow();
    });

    it('a flipped bit in any sibling byte is rejected (merkle.path)', () => {
      for (let j = 0; j < p.siblings.length; j++) {
        const s = p.siblings.slice();
        s[j] ^= 1 << (j % 8);
        expectPathError(() => verifyMulti(t.root, depth, idx, leaves, { siblings: s }));
      }
    });

    it('a wrong leaf is rejected (merkle.path)', () => {
      for (let j = 0; j < idx.length; j++) {
        const bad = leaves.slice();
        bad[j] = sha256(bad[j]);
        expectPathError(() => verifyMulti(t.root, depth, idx, bad, p));
      }
    });

    it('swapped leaves are rejected (merkle.path)', () => {
      const bad = leaves.slice();
      [bad[0], bad[1]] = [bad[1], bad[0]];
      expectPathError(() => verifyMulti(t.root, depth, idx, bad, p));
    });

    it('a wrong index with the same sibling count is rejected (merkle.path)', () => {
      const wrong = [2, 17, 18, 40, 49];
      expect(multiProofSiblingCount(depth, wrong)).toBe(multiProofSiblingCount(depth, idx));
      expectPathError(() => verifyMulti(t.root, depth, wrong, leaves, p));
    });

    it('a wrong index with a different sibling count is rejected as malformed', () => {
      const wrong = [3, 16, 17, 40, 49];
      expect(multiProofSiblingCount(depth, wrong)).not.toBe(multiProofSiblingCount(depth, idx));
      expect(() => verifyMulti(t.root, depth, wrong, leaves, p)).toThrow(MalformedError);
    });

    it('a wrong root is rejected (merkle.path)', () => {
      const r = t.root.slice();
      r[31] ^= 1;
      expectPathError(() => verifyMulti(r, depth, idx, leaves, p));
    });

    it('a missing, extra or partial sibling is rejected as malformed (merkle.siblings)', () => {
      const cases: MerkleMultiProof[] = [
        { siblings: p.siblings.slice(0, -32) },
        { siblings: Uint8Array.from([...p.siblings, ...new Uint8Array(32)]) },
        { siblings: p.siblings.slice(0, -1) },
        { siblings: new Uint8Array(0) },
        { siblings: [] as unknown as Uint8Array },
      ];
      for (const c of cases) {
        try {
          verifyMulti(t.root, depth, idx, leaves, c);
          throw new Error('expected MalformedError');
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedError);
          expect((e as MalformedError).field).toBe('merkle.siblings');
        }
      }
    });

    it('a different depth is rejected', () => {
      expect(() => verifyMulti(t.root, depth + 1, idx, leaves, p)).toThrow(MalformedError);
      expect(() => verifyMulti(t.root, depth - 1, [3, 17, 18], leaves.slice(0, 3), openMulti(t, [3, 17, 18]))).toThrow(
        MalformedError,
      );
    });

    it('an inner node cannot be passed off as a leaf of a shallower tree', () => {
      // Claim: the level-1 node 8 (parent of leaves 16, 17) is "leaf 8" of a depth-5 tree with the same root.
      // Its preimage (0x01 ‖ h16 ‖ h17) is not a leaf preimage, so a verifier that hashes the opened
      // data as a leaf computes hashLeaf(h16 ‖ h17) ≠ node, and the depth-6 check uses 6 levels.
      const h16 = leafAt(hs, 16);
      const h17 = leafAt(hs, 17);
      const data = new Uint8Array(64);
      data.set(h16);
      data.set(h17, 32);
      const forged = hashLeaf(data);
      const siblings = new Uint8Array(32 * 5);
      let node = 8;
      for (let k = 1; k <= 5; k++) {
        const s = node ^ 1;
        const lvl = t.levels[k];
        siblings.set(s * 32 < lvl.length ? lvl.subarray(32 * s, 32 * s + 32) : merklePadHash(k), 32 * (k - 1));
        node >>= 1;
      }
      // the honest inner node itself would pass at depth 5 ...
      expect(() => verifyMulti(t.root, 5, [8], [t.levels[1].subarray(256, 288)], { siblings })).not.toThrow();
      // ... but the protocol fixes the depth (6) and hashes opened data as a leaf:
      expectPathError(() => verifyMulti(t.root, 5, [8], [forged], { siblings }));
      expect(() => verifyMulti(t.root, depth, [8], [forged], { siblings })).toThrow(MalformedError);
    });

    it('rejects caller misuse with RangeError', () => {
      expect(() => verifyMulti(t.root, depth, [3, 3], [leaves[0], leaves[0]], openMulti(t, [3]))).toThrow(RangeError);
      expect(() => verifyMulti(t.root, depth, [64], [leaves[0]], p)).toThrow(RangeError);
      expect(() => verifyMulti(t.root, depth, [], [], p)).toThrow(RangeError);
      expect(() => verifyMulti(t.root, depth, idx, leaves.slice(1), p)).toThrow(RangeError);
      expect(() => verifyMulti(t.root.subarray(1), depth, idx, leaves, p)).toThrow(RangeError);
      expect(() => openMulti(t, [1, 1])).toThrow(RangeError);
      expect(() => openMulti(t, [-1])).toThrow(RangeError);
    });
  });

  it('depth 32 index arithmetic works (sparse tree, high indices)', () => {
    const hs = randomLeafHashes(3, 5);
    const t = buildMerkleTree(hs, 32);
    const idx = [2 ** 32 - 1, 2 ** 31, 1, 2];
    const leaves = [MERKLE_PAD_LEAF, MERKLE_PAD_LEAF, leafAt(hs, 1), leafAt(hs, 2)];
    verifyMulti(t.root, 32, idx, leaves, openMulti(t, idx));
    expectPathError(() =>
      verifyMulti(
        t.root,
        32,
        idx,
        [leaves[1], leaves[0], leaves[2], leaves[3]].map((x, j) => (j === 0 ? sha256(x) : x)),
        openMulti(t, idx),
      ),
    );
  });
});
