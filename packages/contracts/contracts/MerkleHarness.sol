// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Merkle} from "./Merkle.sol";

/// @title Test harness exposing Merkle.sol (differential tests against packages/core/src/merkle).
///        Not part of the verifier.
contract MerkleHarness {
    /// @notice Reverts with a Merkle error unless the opening verifies; returns the gas it took.
    function verify(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves, bytes calldata siblings)
        external
        view
        returns (uint256 gasUsed)
    {
        uint256 g = gasleft();
        Merkle.verifyMulti(root, depth, indices, leaves, siblings);
        gasUsed = g - gasleft();
    }

    /// @notice H(0x00 ‖ salt ‖ data).
    function leaf(bytes calldata salt, bytes calldata data) external view returns (bytes32) {
        return Merkle.hashLeafCalldata(salt, data);
    }

    /// @notice H(0x01 ‖ l ‖ r).
    function node(bytes32 l, bytes32 r) external view returns (bytes32) {
        return Merkle.hashNode(l, r);
    }
}
