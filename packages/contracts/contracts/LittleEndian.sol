// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title Little-endian u32 helpers
/// @notice The Vouch byte formats (docs/parts/transcript-merkle.md §4) write every integer and
///         field element as a 4-byte little-endian word; the EVM is big-endian, so bytes are swapped.
library LittleEndian {
    /// @notice Byte-swaps the low 32 bits of x (big-endian value ↔ little-endian bytes).
    function swap32(uint256 x) internal pure returns (uint256) {
        return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | ((x >> 24) & 0xff);
    }

    /// @notice u32le(x) as a bytes4 (x < 2^32).
    function le32(uint256 x) internal pure returns (bytes4) {
        return bytes4(uint32(swap32(x)));
    }
}
