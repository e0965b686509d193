// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title Ext4 hot-path arithmetic in Yul
/// @notice The operations of Ext4.sol (K = F_p[X]/(X^4 − 11), packed: coordinate c in bits
///         [64c, 64c + 32)) that dominate the sumcheck and multilinear-evaluation loops, written in
///         Yul (no unpack/pack calls, one reduction per lane), plus the read of a packed ext element
///         from calldata. Inputs must be canonical; outputs are canonical. Tested through
///         Sumcheck.sol and Mle.sol against packages/core (sumcheck.test.ts).
library ExtYul {
    uint256 internal constant P = 2013265921;
    uint256 private constant M32 = 0xffffffff;
    uint256 private constant M64 = 0xffffffffffffffff;
    /// @dev p in every lane.
    uint256 private constant PPPP = 0x0000000078000001000000007800000100000000780000010000000078000001;
    uint256 private constant SWAP8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant SWAP16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// @notice a·b (schoolbook, X^4 = 11; each lane sum < 2^70 before one reduction).
    function mul(uint256 a, uint256 b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := and(a, M64)
            let a1 := and(shr(64, a), M64)
            let a2 := and(shr(128, a), M64)
            let a3 := shr(192, a)
            let b0 := and(b, M64)
            let b1 := and(shr(64, b), M64)
            let b2 := and(shr(128, b), M64)
            let b3 := shr(192, b)
            let c0 := mod(add(mul(a0, b0), mul(11, add(add(mul(a1, b3), mul(a2, b2)), mul(a3, b1)))), P)
            let c1 := mod(add(add(mul(a0, b1), mul(a1, b0)), mul(11, add(mul(a2, b3), mul(a3, b2)))), P)
            let c2 := mod(add(add(add(mul(a0, b2), mul(a1, b1)), mul(a2, b0)), mul(11, mul(a3, b3))), P)
            let c3 := mod(add(add(add(mul(a0, b3), mul(a1, b2)), mul(a2, b1)), mul(a3, b0)), P)
            r := or(or(c0, shl(64, c1)), or(shl(128, c2), shl(192, c3)))
        }
    }

    /// @notice a − b, lane-wise.
    function sub(uint256 a, uint256 b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let d := sub(add(a, PPPP), b)
            r := or(or(mod(and(d, M64), P), shl(64, mod(and(shr(64, d), M64), P))), or(shl(128, mod(and(shr(128, d), M64), P)), shl(192, mod(shr(192, d), P))))
        }
    }

    /// @notice a + b, lane-wise.
    function add(uint256 a, uint256 b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let s := add(a, b)
            r := or(or(mod(and(s, M64), P), shl(64, mod(and(shr(64, s), M64), P))), or(shl(128, mod(and(shr(128, s), M64), P)), shl(192, mod(shr(192, s), P))))
        }
    }

    /// @notice a·s for a base element s.
    function mulBase(uint256 a, uint256 s) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            r := or(or(mulmod(and(a, M64), s, P), shl(64, mulmod(and(shr(64, a), M64), s, P))), or(shl(128, mulmod(and(shr(128, a), M64), s, P)), shl(192, mulmod(shr(192, a), s, P))))
        }
    }

    /// @notice The ext element at byte `off` of `d` (16 bytes LE, already checked canonical), packed.
    function at(bytes calldata d, uint256 off) internal pure returns (uint256 v) {
        assembly ("memory-safe") {
            let w := calldataload(add(d.offset, off))
            w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
            w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
            v := or(or(shr(224, w), shl(64, and(shr(192, w), M32))), or(shl(128, and(shr(160, w), M32)), shl(192, and(shr(128, w), M32))))
        }
    }
}
