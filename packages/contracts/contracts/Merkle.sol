// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title Domain-separated, fixed-depth SHA-256 Merkle multi-openings
/// @notice Mirrors packages/core/src/merkle/merkle.ts (docs/parts/transcript-merkle.md §3):
///           leaf = H(0x00 ‖ salt ‖ data), node = H(0x01 ‖ left ‖ right);
///         siblings come in canonical order: levels from the leaves up; at each level the known
///         positions in increasing order; an even position whose right neighbour is known combines
///         with it, every other known position consumes the next sibling.
library Merkle {
    /// @notice The proof holds fewer or more sibling digests than the query positions need.
    error MerkleSiblingCount(uint256 expectedAtLeast, uint256 got);
    /// @notice The recomputed root differs from the committed one.
    error MerkleRootMismatch(bytes32 expected, bytes32 computed);
    /// @notice An index is ≥ 2^depth, or two indices are equal.
    error MerkleBadIndex(uint256 index);
    /// @notice depth > 32 or no index.
    error MerkleBadShape(uint256 depth, uint256 count);

    /// @notice H(0x01 ‖ l ‖ r), hashed in scratch memory (no allocation).
    function hashNode(bytes32 l, bytes32 r) internal view returns (bytes32 h) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore8(m, 0x01)
            mstore(add(m, 1), l)
            mstore(add(m, 33), r)
            if iszero(staticcall(gas(), 0x02, m, 65, 0x00, 0x20)) { revert(0, 0) }
            h := mload(0x00)
        }
    }

    /// @notice H(0x00 ‖ salt ‖ data) of a leaf whose salt and data lie in calldata.
    function hashLeafCalldata(bytes calldata salt, bytes calldata data) internal view returns (bytes32 h) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore8(m, 0x00)
            calldatacopy(add(m, 1), salt.offset, salt.length)
            calldatacopy(add(add(m, 1), salt.length), data.offset, data.length)
            if iszero(staticcall(gas(), 0x02, m, add(add(1, salt.length), data.length), 0x00, 0x20)) { revert(0, 0) }
            h := mload(0x00)
        }
    }

    /// @notice Verifies a multi-opening; reverts with a named error unless the leaves at `indices`
    ///         (any order, distinct) hash up to `root` with exactly the given siblings.
    /// @param leaves leaf hashes, leaves[j] at indices[j]; both arrays are reordered in place.
    /// @param siblings k × 32 bytes in canonical order.
    function verifyMulti(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves, bytes calldata siblings)
        internal
        view
    {
        uint256 n = indices.length;
        if (depth > 32 || n == 0 || leaves.length != n) revert MerkleBadShape(depth, n);
        // Insertion sort by index (n is the query count, ~100).
        for (uint256 a = 1; a < n; a++) {
            uint256 ix = indices[a];
            bytes32 lh = leaves[a];
            uint256 b = a;
            while (b > 0 && indices[b - 1] > ix) {
                indices[b] = indices[b - 1];
                leaves[b] = leaves[b - 1];
                b--;
            }
            indices[b] = ix;
            leaves[b] = lh;
        }
        for (uint256 a = 0; a < n; a++) {
            if (indices[a] >> depth != 0 || (a > 0 && indices[a] == indices[a - 1])) revert MerkleBadIndex(indices[a]);
        }
        uint256 used = 0;
        uint256 total = siblings.length / 32;
        if (total * 32 != siblings.length) revert MerkleSiblingCount(0, siblings.length);
        for (uint256 k = 0; k < depth; k++) {
            uint256 m = 0;
            for (uint256 j = 0; j < n; j++) {
                uint256 i = indices[j];
                bytes32 parent;
                if (i & 1 == 0) {
                    if (j + 1 < n && indices[j + 1] == i + 1) {
                        parent = hashNode(leaves[j], leaves[j + 1]);
                        j++;
                    } else {
                        if (used == total) revert MerkleSiblingCount(used + 1, total);
                        parent = hashNode(leaves[j], bytes32(siblings[32 * used:32 * used + 32]));
                        used++;
                    }
                } else {
                    if (used == total) revert MerkleSiblingCount(used + 1, total);
                    parent = hashNode(bytes32(siblings[32 * used:32 * used + 32]), leaves[j]);
                    used++;
                }
                indices[m] = i >> 1;
                leaves[m] = parent;
                m++;
            }
            n = m;
        }
        if (used != total) revert MerkleSiblingCount(used, total);
        if (leaves[0] != root) revert MerkleRootMismatch(root, leaves[0]);
    }
}
