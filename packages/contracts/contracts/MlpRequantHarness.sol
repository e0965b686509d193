// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {MlpRequant} from "./MlpRequant.sol";

/// @title Test harness exposing MlpRequant (differential test against packages/zkml/src/int/arith.ts)
contract MlpRequantHarness {
    /// @notice requantize(acc[i], m[i], s[i], lo, hi) for every i, plus the signed representative of acc[i].
    function requantize(uint256[] calldata acc, uint256[] calldata m, uint256[] calldata s, int256 lo, int256 hi)
        external
        pure
        returns (int256[] memory q, int256[] memory accSigned)
    {
        q = new int256[](acc.length);
        accSigned = new int256[](acc.length);
        for (uint256 i = 0; i < acc.length; i++) {
            q[i] = MlpRequant.requantize(acc[i], m[i], s[i], lo, hi);
            accSigned[i] = MlpRequant.signed(acc[i]);
        }
    }
}
