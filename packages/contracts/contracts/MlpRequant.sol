// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title The requantization of an MLP layer, computed in the clear (docs/parts/onchain.md §12)
/// @notice y = clamp(⌊(acc·M + 2^(s−1)) / 2^s⌋, lo, hi) — round half up, then clamp (Jacob et al.,
///         CVPR 2018 §2.2) — bit for bit `requantize` of packages/zkml/src/int/arith.ts (whose split
///         form h·2^13 + l computes the same integer). acc arrives as a canonical BabyBear element and is
///         read as its signed representative in [−(p−1)/2, (p−1)/2]; the arithmetic is int256
///         (|acc·M| < 2^47, no overflow) and the floor division by 2^s is an arithmetic right shift
///         (`>>` on int256 is `sar`: it rounds towards −∞, which is ⌊·⌋). Inputs are not range-checked
///         here: the caller guarantees acc < p, M < 2^16 and 13 ≤ s ≤ 29 (the key checks of
///         MlpStatementVerifier.sol).
library MlpRequant {
    uint256 internal constant P = 2013265921;
    uint256 internal constant HALF_P = (P - 1) / 2;

    /// @notice The signed representative of a canonical element x: x if x ≤ (p−1)/2, else x − p.
    function signed(uint256 x) internal pure returns (int256) {
        return x > HALF_P ? int256(x) - int256(P) : int256(x);
    }

    /// @notice The canonical element of an integer v with |v| < p: v mod p.
    function toField(int256 v) internal pure returns (uint256) {
        return v < 0 ? uint256(v + int256(P)) : uint256(v);
    }

    /// @notice clamp(⌊(signed(acc)·m + 2^(s−1)) / 2^s⌋, lo, hi).
    function requantize(uint256 acc, uint256 m, uint256 s, int256 lo, int256 hi) internal pure returns (int256 q) {
        unchecked {
            // |acc·m| < 2^30·2^16 and 2^(s−1) ≤ 2^28: far from the int256 range.
            q = (signed(acc) * int256(m) + int256(1 << (s - 1))) >> s;
        }
        if (q < lo) q = lo;
        else if (q > hi) q = hi;
    }
}
