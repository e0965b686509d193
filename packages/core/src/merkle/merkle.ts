/**
 * Fixed-depth binary SHA-256 Merkle trees with domain-separated, optionally salted leaves and
 * compact multi-openings (docs/parts/transcript-merkle.md §Merkle).
 *
 *   leaf     = SHA-256(0x00 ‖ salt ‖ data)        (salt: fixed length per tree, may be empty)
 *   node     = SHA-256(0x01 ‖ left ‖ right)
 *   pad leaf = SHA-256(0x02 ‖ "vouch/merkle/pad")  fills positions leafCount … 2^depth − 1
 *
 * The 0x00/0x01 tags make a leaf preimage and an inner-node preimage disjoint, so a leaf can never
 * be passed off as an inner node or vice versa (the classic second-preimage attack on untagged
 * trees, cf. RFC 6962 §2.1 and the Ligero/Longfellow column commitments). Salted leaves make the
 * commitment hiding: an unopened leaf's hash is independent of its data given a secret random salt
 * (the salt of an opened leaf is revealed with it). The depth is fixed by the protocol, never read
 * from a proof.
 *
 * A multi-opening contains only the sibling hashes the verifier cannot compute itself, in
 * canonical order: level by level from the leaves up, and within a level by increasing node index.
 */
import { MalformedError, VerificationError } from '../errors.ts';
import { DIGEST_BYTES, SHORT_HASH_MAX, sha256, sha256Into, sha256PrefixedBatch } from '../hash/sha256.ts';
import { sha256JsInto, sha256TaggedPairInto, sha256TaggedPairsJs } from '../hash/sha256-kernel.ts';

/** Tag byte prefixed to leaf preimages. */
export const MERKLE_LEAF_TAG = 0x00;
/** Tag byte prefixed to inner-node preimages. */
export const MERKLE_NODE_TAG = 0x01;
/** Tag byte of the padding-leaf preimage. */
export const MERKLE_PAD_TAG = 0x02;
/** Largest supported depth (2^32 leaf positions). */
export const MAX_MERKLE_DEPTH = 32;

/** The padding leaf hash SHA-256(0x02 ‖ "vouch/merkle/pad"), filling unused leaf positions. */
export const MERKLE_PAD_LEAF: Uint8Array = sha256(
  Uint8Array.of(MERKLE_PAD_TAG, ...new TextEncoder().encode('vouch/merkle/pad')),
);

/** padHashes[k] = root of a full subtree of height k whose leaves are all {@link MERKLE_PAD_LEAF}. */
const padHashes: Uint8Array[] = [MERKLE_PAD_LEAF];
for (let k = 1; k <= MAX_MERKLE_DEPTH; k++) padHashes.push(hashNode(padHashes[k - 1], padHashes[k - 1]));

/** Root of a full all-padding subtree of height `k` (0 ≤ k ≤ {@link MAX_MERKLE_DEPTH}). */
export function merklePadHash(k: number): Uint8Array {
  if (!(Number.isInteger(k) && k >= 0 && k <= MAX_MERKLE_DEPTH)) {
    throw new RangeError(`merklePadHash: expected a height in [0, ${MAX_MERKLE_DEPTH}], got ${String(k)}`);
  }
  return padHashes[k].slice();
}

/**
 * Leaf hash SHA-256(0x00 ‖ salt ‖ data).
 *
 * @param salt - optional; every leaf of one tree must use the same salt length.
 * @example
 * const h = hashLeaf(columnBytes, salt16);
 */
export function hashLeaf(data: Uint8Array, salt?: Uint8Array): Uint8Array {
  const s = salt ?? EMPTY;
  const buf = new Uint8Array(1 + s.length + data.length);
  buf[0] = MERKLE_LEAF_TAG;
  buf.set(s, 1);
  buf.set(data, 1 + s.length);
  return sha256(buf);
}

/**
 * Batch leaf hashing of `count` contiguous leaves of `leafBytes` each:
 * out[i] = SHA-256(0x00 ‖ salts[i] ‖ leaves[i]), with `salts` holding `count` salts of equal length
 * contiguously (or omitted). Returns `count × 32` bytes, ready for {@link buildMerkleTree}.
 *
 * @throws RangeError if the sizes do not divide evenly.
 */
export function hashLeaves(leaves: Uint8Array, leafBytes: number, salts?: Uint8Array): Uint8Array {
  if (!(Number.isInteger(leafBytes) && leafBytes > 0 && leaves.length % leafBytes === 0)) {
    throw new RangeError(
      `hashLeaves: expected leaves.length a multiple of leafBytes=${leafBytes}, got ${leaves.length}`,
    );
  }
  const count = leaves.length / leafBytes;
  const out = new Uint8Array(count * DIGEST_BYTES);
  if ((!salts || salts.length === 0) && 1 + leafBytes > SHORT_HASH_MAX) {
    sha256PrefixedBatch(MERKLE_LEAF_TAG, leaves, leafBytes, count, out);
    return out;
  }
  salts ??= EMPTY;
  if (salts.length > 0 && (count === 0 || salts.length % count !== 0)) {
    throw new RangeError(
      `hashLeaves: expected salts.length a multiple of the leaf count ${count}, got ${salts.length}`,
    );
  }
  const saltBytes = count === 0 ? 0 : salts.length / count;
  const scratch = new Uint8Array(1 + saltBytes + leafBytes);
  scratch[0] = MERKLE_LEAF_TAG;
  // Short leaves: the allocation-free plain-TS kernel; long ones: the native backend.
  const short = scratch.length <= SHORT_HASH_MAX;
  for (let i = 0; i < count; i++) {
    scratch.set(salts.subarray(i * saltBytes, (i + 1) * saltBytes), 1);
    scratch.set(leaves.subarray(i * leafBytes, (i + 1) * leafBytes), 1 + saltBytes);
    if (short) sha256JsInto(scratch, out, i * DIGEST_BYTES);
    else sha256Into(scratch, out, i * DIGEST_BYTES);
  }
  return out;
}

/** Inner-node hash SHA-256(0x01 ‖ left ‖ right). @throws RangeError unless both are 32 bytes. */
export function hashNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== DIGEST_BYTES || right.length !== DIGEST_BYTES) {
    throw new RangeError(`hashNode: expected two 32-byte digests, got ${left.length} and ${right.length} bytes`);
  }
  const buf = new Uint8Array(64);
  buf.set(left, 0);
  buf.set(right, 32);
  const out = new Uint8Array(DIGEST_BYTES);
  sha256TaggedPairInto(MERKLE_NODE_TAG, buf, 0, out, 0);
  return out;
}

/** A built tree. `levels[k]` holds the non-padding nodes at height k (k = 0: leaves), 32 bytes each. */
export interface MerkleTree {
  /** The 32-byte root. */
  readonly root: Uint8Array;
  /** Fixed depth: the tree has 2^depth leaf positions. */
  readonly depth: number;
  /** Number of real (non-padding) leaves. */
  readonly leafCount: number;
  /** levels[k] = ⌈leafCount / 2^k⌉ node hashes, contiguous; positions beyond are padding subtrees. */
  readonly levels: readonly Uint8Array[];
}

/** Compact multi-opening: the sibling hashes the verifier cannot compute, canonical order. */
export interface MerkleMultiProof {
  /** k × 32 bytes. */
  readonly siblings: Uint8Array;
}

/** ⌈log2 n⌉ for n ≥ 1. */
function ceilLog2(n: number): number {
  let d = 0;
  while (2 ** d < n) d++;
  return d;
}

/**
 * Builds a Merkle tree over `leafHashes` (leafCount × 32 bytes, contiguous), padded to 2^depth
 * leaves with {@link MERKLE_PAD_LEAF}.
 *
 * @param depth - fixed depth; default ⌈log2 leafCount⌉. Must satisfy 2^depth ≥ leafCount.
 * @throws RangeError on an empty or ragged input, or a depth too small or above {@link MAX_MERKLE_DEPTH}.
 * @example
 * const tree = buildMerkleTree(hashLeaves(columns, columnBytes, salts), 12);
 * transcript.absorbDigest('ligero.root', tree.root);
 */
export function buildMerkleTree(leafHashes: Uint8Array, depth?: number): MerkleTree {
  if (!(leafHashes instanceof Uint8Array) || leafHashes.length === 0 || leafHashes.length % DIGEST_BYTES !== 0) {
    throw new RangeError(
      `buildMerkleTree: expected a non-empty multiple of 32 bytes of leaf hashes, got ${leafHashes instanceof Uint8Array ? leafHashes.length : typeof leafHashes}`,
    );
  }
  const leafCount = leafHashes.length / DIGEST_BYTES;
  const minDepth = ceilLog2(leafCount);
  const d = depth ?? minDepth;
  if (!(Number.isInteger(d) && d >= minDepth && d <= MAX_MERKLE_DEPTH)) {
    throw new RangeError(
      `buildMerkleTree: expected depth in [${minDepth}, ${MAX_MERKLE_DEPTH}] for ${leafCount} leaves, got ${String(d)}`,
    );
  }
  const levels: Uint8Array[] = [leafHashes.slice()];
  let prev = levels[0];
  let n = leafCount;
  for (let k = 1; k <= d; k++) {
    const m = (n + 1) >> 1;
    const cur = new Uint8Array(m * DIGEST_BYTES);
    const pairs = n >> 1;
    // Allocation-free JS kernel: faster than a native call per node (see sha256-kernel.ts).
    sha256TaggedPairsJs(MERKLE_NODE_TAG, prev, pairs, cur);
    if (n & 1) {
      cur.set(
        hashNode(prev.subarray((n - 1) * DIGEST_BYTES, n * DIGEST_BYTES), padHashes[k - 1]),
        pairs * DIGEST_BYTES,
      );
    }
    levels.push(cur);
    prev = cur;
    n = m;
  }
  return Object.freeze({ root: levels[d].slice(), depth: d, leafCount, levels: Object.freeze(levels) });
}

/** Node hash at (height, position) of a built tree, padding included. */
function nodeAt(tree: MerkleTree, k: number, i: number): Uint8Array {
  const lvl = tree.levels[k];
  return i * DIGEST_BYTES < lvl.length ? lvl.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES) : padHashes[k];
}

/** Validates and sorts an index set. @throws RangeError on a duplicate or out-of-range index. */
function sortedIndices(what: string, depth: number, indices: readonly number[]): number[] {
  if (!Array.isArray(indices) || indices.length === 0) {
    throw new RangeError(
      `${what}: expected a non-empty array of leaf indices, got ${Array.isArray(indices) ? 'an empty array' : typeof indices}`,
    );
  }
  const size = 2 ** depth;
  const s = [...indices].sort((a, b) => a - b);
  for (let j = 0; j < s.length; j++) {
    const x = s[j];
    if (!(Number.isInteger(x) && x >= 0 && x < size)) {
      throw new RangeError(`${what}: expected leaf indices in [0, 2^${depth}), got ${String(x)}`);
    }
    if (j > 0 && s[j - 1] === x) throw new RangeError(`${what}: expected distinct leaf indices, got ${x} twice`);
  }
  return s;
}

/**
 * Walks the canonical multi-opening order: for each level (leaves first) and each known node in
 * increasing index order, either pairs it with its known right sibling or calls `sibling(k, i ± 1)`
 * for the missing one. Index arithmetic avoids 32-bit bit operations (depth may be 32).
 */
function walk(depth: number, sorted: number[], sibling: (k: number, i: number) => void): void {
  let known = sorted;
  for (let k = 0; k < depth; k++) {
    const next: number[] = [];
    for (let j = 0; j < known.length; j++) {
      const i = known[j];
      const even = i % 2 === 0;
      if (even && j + 1 < known.length && known[j + 1] === i + 1) j++;
      else sibling(k, even ? i + 1 : i - 1);
      next.push(Math.floor(i / 2));
    }
    known = next;
  }
}

/**
 * Number of sibling hashes in a multi-opening of `indices` in a tree of `depth`
 * (what a parser must read: 32 bytes each).
 * @throws RangeError on invalid indices.
 */
export function multiProofSiblingCount(depth: number, indices: readonly number[]): number {
  checkDepth('multiProofSiblingCount', depth);
  let count = 0;
  walk(depth, sortedIndices('multiProofSiblingCount', depth, indices), () => count++);
  return count;
}

function checkDepth(what: string, depth: number): void {
  if (!(Number.isInteger(depth) && depth >= 0 && depth <= MAX_MERKLE_DEPTH)) {
    throw new RangeError(`${what}: expected depth in [0, ${MAX_MERKLE_DEPTH}], got ${String(depth)}`);
  }
}

/**
 * Opens the leaves at `indices` (distinct, any order) with shared siblings.
 *
 * @throws RangeError on a duplicate index or one outside [0, 2^depth).
 */
export function openMulti(tree: MerkleTree, indices: readonly number[]): MerkleMultiProof {
  const sorted = sortedIndices('openMulti', tree.depth, indices);
  const parts: Uint8Array[] = [];
  walk(tree.depth, sorted, (k, i) => parts.push(nodeAt(tree, k, i)));
  const siblings = new Uint8Array(parts.length * DIGEST_BYTES);
  parts.forEach((p, j) => siblings.set(p, j * DIGEST_BYTES));
  return { siblings };
}

/**
 * Verifies a multi-opening: that `leafHashes[j]` is the leaf at `indices[j]` of the depth-`depth`
 * tree with root `root`.
 *
 * @throws MalformedError('merkle.siblings') if the proof has the wrong number of sibling bytes.
 * @throws VerificationError('merkle.path') if the recomputed root differs from `root`.
 * @throws RangeError on caller misuse: root or a leaf hash not 32 bytes, mismatched lengths,
 *   duplicate or out-of-range indices.
 */
export function verifyMulti(
  root: Uint8Array,
  depth: number,
  indices: readonly number[],
  leafHashes: readonly Uint8Array[],
  proof: MerkleMultiProof,
): void {
  checkDepth('verifyMulti', depth);
  if (!(root instanceof Uint8Array) || root.length !== DIGEST_BYTES) {
    throw new RangeError(
      `verifyMulti: expected a 32-byte root, got ${root instanceof Uint8Array ? root.length + ' bytes' : typeof root}`,
    );
  }
  if (!Array.isArray(leafHashes) || leafHashes.length !== indices.length) {
    throw new RangeError(
      `verifyMulti: expected ${indices.length} leaf hashes (one per index), got ${Array.isArray(leafHashes) ? leafHashes.length : typeof leafHashes}`,
    );
  }
  for (let j = 0; j < leafHashes.length; j++) {
    const h = leafHashes[j];
    if (!(h instanceof Uint8Array) || h.length !== DIGEST_BYTES) {
      throw new RangeError(
        `verifyMulti: expected leafHashes[${j}] to be 32 bytes, got ${h instanceof Uint8Array ? h.length : typeof h}`,
      );
    }
  }
  const sorted = sortedIndices('verifyMulti', depth, indices);
  const sib = proof?.siblings;
  if (!(sib instanceof Uint8Array))
    throw new MalformedError('merkle.siblings', `expected a Uint8Array, got ${typeof sib}`);
  let need = 0;
  walk(depth, sorted, () => need++);
  if (sib.length !== need * DIGEST_BYTES) {
    throw new MalformedError(
      'merkle.siblings',
      `expected ${need} sibling hashes (${need * DIGEST_BYTES} bytes), got ${sib.length} bytes`,
    );
  }
  // Recompute level by level in the same canonical order the prover used.
  const order = indices.map((_, j) => j).sort((a, b) => indices[a] - indices[b]);
  let idx = order.map((j) => indices[j]);
  let hs = order.map((j) => leafHashes[j]);
  let used = 0;
  const take = (): Uint8Array => sib.subarray(used * DIGEST_BYTES, ++used * DIGEST_BYTES);
  for (let k = 0; k < depth; k++) {
    const nIdx: number[] = [];
    const nHs: Uint8Array[] = [];
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j];
      let parent: Uint8Array;
      if (i % 2 === 0) {
        if (j + 1 < idx.length && idx[j + 1] === i + 1) {
          parent = hashNode(hs[j], hs[j + 1]);
          j++;
        } else {
          parent = hashNode(hs[j], take());
        }
      } else {
        parent = hashNode(take(), hs[j]);
      }
      nIdx.push(Math.floor(i / 2));
      nHs.push(parent);
    }
    idx = nIdx;
    hs = nHs;
  }
  const computed = hs[0];
  if (!bytesEqual(computed, root)) {
    throw new VerificationError(
      'merkle.path',
      `expected root ${toHex(root)}, got ${toHex(computed)}`,
      `indices ${sorted.slice(0, 8).join(',')}${sorted.length > 8 ? ',…' : ''}`,
    );
  }
}

const EMPTY = new Uint8Array(0);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}
