// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {LittleEndian} from "./LittleEndian.sol";

/// @title Reader of the packed Vouch byte format from calldata
/// @notice Reads exactly what packages/core/src/serialize/bytes.ts (ByteWriter) writes
///         (docs/parts/transcript-merkle.md §4): u32 as 4 bytes LE, a base element as a u32 that
///         must be < p, an ext element as 4 base elements (c0 first). Never ABI uint256 arrays.
///         Every read takes the byte offset and returns the next one; truncation and non-canonical
///         elements revert with the offending offset. Ext elements come back packed as in Ext4.sol.
library PackedReader {
    uint256 internal constant P = 2013265921;

    /// @notice Fewer bytes remain than the read needs.
    error Truncated(uint256 offset);
    /// @notice A field element at `offset` is ≥ p.
    error NonCanonical(uint256 offset);
    /// @notice Bytes remain after the last field of the format.
    error TrailingBytes(uint256 offset);
    /// @notice A count or length at `offset` differs from the one the format fixes.
    error BadLength(uint256 offset, uint256 expected, uint256 got);

    function _word(bytes calldata d, uint256 off) private pure returns (uint256 w) {
        assembly ("memory-safe") {
            w := shr(224, calldataload(add(d.offset, off)))
        }
        w = LittleEndian.swap32(w);
    }

    /// @notice Reads a u8.
    function u8(bytes calldata d, uint256 off) internal pure returns (uint256 v, uint256 next) {
        if (off + 1 > d.length) revert Truncated(off);
        v = uint8(d[off]);
        next = off + 1;
    }

    /// @notice Reads a u32 (4 bytes LE).
    function u32(bytes calldata d, uint256 off) internal pure returns (uint256 v, uint256 next) {
        if (off + 4 > d.length) revert Truncated(off);
        v = _word(d, off);
        next = off + 4;
    }

    /// @notice Reads a u32 that must equal `expected` (a count fixed by the format).
    function u32Exact(bytes calldata d, uint256 off, uint256 expected) internal pure returns (uint256 next) {
        uint256 v;
        (v, next) = u32(d, off);
        if (v != expected) revert BadLength(off, expected, v);
    }

    /// @notice Reads a canonical base element.
    function base(bytes calldata d, uint256 off) internal pure returns (uint256 v, uint256 next) {
        if (off + 4 > d.length) revert Truncated(off);
        v = _word(d, off);
        if (v >= P) revert NonCanonical(off);
        next = off + 4;
    }

    /// @notice Reads a canonical ext element (16 bytes), packed as in Ext4.sol.
    function ext(bytes calldata d, uint256 off) internal pure returns (uint256 v, uint256 next) {
        if (off + 16 > d.length) revert Truncated(off);
        for (uint256 c = 0; c < 4; c++) {
            uint256 x = _word(d, off + 4 * c);
            if (x >= P) revert NonCanonical(off + 4 * c);
            v |= x << (64 * c);
        }
        next = off + 16;
    }

    /// @notice Checks that `n` base elements starting at `off` are present and canonical.
    function checkBases(bytes calldata d, uint256 off, uint256 n) internal pure returns (uint256 next) {
        next = off + 4 * n;
        if (next > d.length) revert Truncated(off);
        for (uint256 i = off; i < next; i += 4) {
            if (_word(d, i) >= P) revert NonCanonical(i);
        }
    }

    /// @notice Reads raw bytes of a fixed length.
    function raw(bytes calldata d, uint256 off, uint256 len) internal pure returns (bytes calldata v, uint256 next) {
        next = off + len;
        if (next > d.length) revert Truncated(off);
        v = d[off:next];
    }

    /// @notice Reverts unless the whole input was read.
    function finish(bytes calldata d, uint256 off) internal pure {
        if (off != d.length) revert TrailingBytes(off);
    }

    /// @notice Base element i of a run of base elements at `off` (already checked by {checkBases}).
    function baseAt(bytes calldata d, uint256 off, uint256 i) internal pure returns (uint256) {
        return _word(d, off + 4 * i);
    }
}
