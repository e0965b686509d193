// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title BabyBear prime field F_p, p = 15·2^27 + 1 = 2013265921
/// @notice Mirrors packages/core/src/field/babybear.ts (docs/parts/field-ntt.md). Values are
///         canonical residues in [0, p) held in uint256; every function expects canonical inputs
///         and returns canonical outputs.
library BabyBear {
    /// @notice The modulus p.
    uint256 internal constant P = 2013265921;

    /// @notice a + b mod p.
    function add(uint256 a, uint256 b) internal pure returns (uint256) {
        unchecked {
            uint256 s = a + b;
            return s >= P ? s - P : s;
        }
    }

    /// @notice a − b mod p.
    function sub(uint256 a, uint256 b) internal pure returns (uint256) {
        unchecked {
            return a >= b ? a - b : a + P - b;
        }
    }

    /// @notice −a mod p.
    function neg(uint256 a) internal pure returns (uint256) {
        unchecked {
            return a == 0 ? 0 : P - a;
        }
    }

    /// @notice a · b mod p.
    function mul(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulmod(a, b, P);
    }

    /// @notice a^e mod p by square-and-multiply.
    function pow(uint256 a, uint256 e) internal pure returns (uint256 r) {
        r = 1;
        uint256 b = a;
        while (e != 0) {
            if (e & 1 == 1) r = mulmod(r, b, P);
            b = mulmod(b, b, P);
            e >>= 1;
        }
    }

    /// @notice a^{-1} mod p (Fermat: a^{p−2}); returns 0 for a = 0 (callers check non-zero first).
    function inv(uint256 a) internal pure returns (uint256) {
        return pow(a, P - 2);
    }
}
