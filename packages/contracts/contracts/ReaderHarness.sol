// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {PackedReader} from "./PackedReader.sol";

/// @title Test harness exposing PackedReader.sol (differential tests against ByteWriter in
///        packages/core/src/serialize/bytes.ts). Not part of the verifier.
contract ReaderHarness {
    using PackedReader for bytes;

    /// @notice Reads `data` as the sequence `kinds` (0 u8, 1 u32, 2 base, 3 ext) and requires the
    ///         input to end there; returns the values (ext packed as in Ext4.sol).
    function read(bytes calldata data, bytes calldata kinds) external pure returns (uint256[] memory out) {
        out = new uint256[](kinds.length);
        uint256 off = 0;
        for (uint256 i = 0; i < kinds.length; i++) {
            uint8 k = uint8(kinds[i]);
            if (k == 0) (out[i], off) = data.u8(off);
            else if (k == 1) (out[i], off) = data.u32(off);
            else if (k == 2) (out[i], off) = data.base(off);
            else (out[i], off) = data.ext(off);
        }
        data.finish(off);
    }
}
