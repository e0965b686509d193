// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BabyBear} from "./BabyBear.sol";

/// @title Degree-4 extension K = F_p[X]/(X^4 − 11) of BabyBear
/// @notice Mirrors packages/core/src/field/ext4.ts (docs/parts/field-ntt.md). An element
///         c0 + c1·X + c2·X² + c3·X³ is packed in one uint256: coordinate i in bits [64i, 64i + 32)
///         (c0 lowest). Every coordinate is canonical (< p).
library Ext4 {
    uint256 internal constant P = 2013265921;
    /// @notice The non-residue W with X^4 = W.
    uint256 internal constant W = 11;
    uint256 private constant M = 0xffffffffffffffff;

    /// @notice Packs four canonical coordinates.
    function pack(uint256 c0, uint256 c1, uint256 c2, uint256 c3) internal pure returns (uint256) {
        return c0 | (c1 << 64) | (c2 << 128) | (c3 << 192);
    }

    /// @notice Unpacks into four coordinates.
    function unpack(uint256 a) internal pure returns (uint256 c0, uint256 c1, uint256 c2, uint256 c3) {
        c0 = a & M;
        c1 = (a >> 64) & M;
        c2 = (a >> 128) & M;
        c3 = a >> 192;
    }

    /// @notice The base element b embedded in K.
    function fromBase(uint256 b) internal pure returns (uint256) {
        return b;
    }

    /// @notice a + b.
    function add(uint256 a, uint256 b) internal pure returns (uint256 r) {
        unchecked {
            // Lanes never carry: each sum is < 2p < 2^32.
            uint256 s = a + b;
            if (s & M >= P) s -= P;
            if ((s >> 64) & M >= P) s -= P << 64;
            if ((s >> 128) & M >= P) s -= P << 128;
            if (s >> 192 >= P) s -= P << 192;
            r = s;
        }
    }

    /// @notice a − b.
    function sub(uint256 a, uint256 b) internal pure returns (uint256) {
        (uint256 a0, uint256 a1, uint256 a2, uint256 a3) = unpack(a);
        (uint256 b0, uint256 b1, uint256 b2, uint256 b3) = unpack(b);
        return pack(BabyBear.sub(a0, b0), BabyBear.sub(a1, b1), BabyBear.sub(a2, b2), BabyBear.sub(a3, b3));
    }

    /// @notice −a.
    function neg(uint256 a) internal pure returns (uint256) {
        return sub(0, a);
    }

    /// @notice a · s for a base element s.
    function mulBase(uint256 a, uint256 s) internal pure returns (uint256) {
        (uint256 a0, uint256 a1, uint256 a2, uint256 a3) = unpack(a);
        return pack(mulmod(a0, s, P), mulmod(a1, s, P), mulmod(a2, s, P), mulmod(a3, s, P));
    }

    /// @notice a · b in K (schoolbook, X^4 = 11).
    function mul(uint256 a, uint256 b) internal pure returns (uint256) {
        (uint256 a0, uint256 a1, uint256 a2, uint256 a3) = unpack(a);
        (uint256 b0, uint256 b1, uint256 b2, uint256 b3) = unpack(b);
        unchecked {
            // Each product < 2^62; sums of at most 4 such terms times 11 stay far below 2^256.
            uint256 c0 = (a0 * b0 + W * (a1 * b3 + a2 * b2 + a3 * b1)) % P;
            uint256 c1 = (a0 * b1 + a1 * b0 + W * (a2 * b3 + a3 * b2)) % P;
            uint256 c2 = (a0 * b2 + a1 * b1 + a2 * b0 + W * (a3 * b3)) % P;
            uint256 c3 = (a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0) % P;
            return pack(c0, c1, c2, c3);
        }
    }

    /// @notice a^{-1} in K via the norm to F_p[Y]/(Y² − 11), Y = X²; reverts {Ext4Zero} on a = 0.
    function inv(uint256 a) internal pure returns (uint256) {
        (uint256 a0, uint256 a1, uint256 a2, uint256 a3) = unpack(a);
        unchecked {
            // A(X) = A0(Y) + X·A1(Y); A(X)·A(−X) = A0² − Y·A1² =: D0 + D1·Y ∈ F_p[Y].
            uint256 d0 = (a0 * a0 + W * a2 % P * a2 + (P - 2 * W * a1 % P * a3 % P)) % P;
            uint256 d1 = (2 * a0 * a2 + 2 * P * P - a1 * a1 - W * a3 % P * a3) % P;
            uint256 norm = (d0 * d0 + P * P - W * d1 % P * d1 % P) % P;
            if (norm == 0) revert Ext4Zero();
            uint256 ni = BabyBear.inv(norm);
            uint256 e0 = d0 * ni % P;
            uint256 e1 = (P - d1 * ni % P) % P;
            // (D0 + D1·Y)^{-1} = e0 + e1·Y; A^{-1} = A(−X)·(e0 + e1·Y), A(−X) = A0 − X·A1.
            return pack(
                (a0 * e0 + W * (a2 * e1 % P)) % P,
                (P - (a1 * e0 + W * (a3 * e1 % P)) % P) % P,
                (a0 * e1 + a2 * e0) % P,
                (P - (a1 * e1 + a3 * e0) % P) % P
            );
        }
    }

    /// @notice Whether every coordinate of a is canonical.
    function isCanonical(uint256 a) internal pure returns (bool) {
        (uint256 a0, uint256 a1, uint256 a2, uint256 a3) = unpack(a);
        return a0 < P && a1 < P && a2 < P && a3 < P && (a >> 224) == 0;
    }

    /// @notice Raised by {inv} on zero.
    error Ext4Zero();
}
