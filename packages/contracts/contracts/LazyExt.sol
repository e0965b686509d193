// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title Hot loops of the Ligero verifier with lazy reduction
/// @notice Inner products of packed ext elements (Ext4.sol layout) with base elements, and Horner
///         evaluation of an ext polynomial read from packed calldata (16 bytes LE per coefficient,
///         docs/parts/transcript-merkle.md §4) at a base point. Products of two canonical values are
///         < 2^62, so up to 2^190 of them are summed in a 256-bit word before one reduction mod p.
///         Callers guarantee canonical inputs (PackedReader checked them).
library LazyExt {
    uint256 internal constant P = 2013265921;
    uint256 private constant M32 = 0xffffffff;
    uint256 private constant M64 = 0xffffffffffffffff;
    uint256 private constant SWAP8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant SWAP16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// @notice Σ_i e[eStart + i]·B_i for the `count` base elements B_i stored contiguously (4 bytes LE
    ///         each) at byte `off` of `d`.
    function dotCalldata(uint256[] memory e, uint256 eStart, uint256 count, bytes calldata d, uint256 off) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let ep := add(add(e, 0x20), mul(eStart, 0x20))
            let dp := add(d.offset, off)
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                let w := shr(224, calldataload(add(dp, mul(i, 4))))
                w := or(shr(24, w), or(and(shr(8, w), 0xff00), or(and(shl(8, w), 0xff0000), and(shl(24, w), 0xff000000))))
                let u := mload(add(ep, mul(i, 0x20)))
                a0 := add(a0, mul(and(u, M64), w))
                a1 := add(a1, mul(and(shr(64, u), M64), w))
                a2 := add(a2, mul(and(shr(128, u), M64), w))
                a3 := add(a3, mul(shr(192, u), w))
            }
            r := or(or(mod(a0, P), shl(64, mod(a1, P))), or(shl(128, mod(a2, P)), shl(192, mod(a3, P))))
        }
    }

    /// @notice Σ_i e[i]·b[i] (ext × base) over memory arrays of equal length.
    function dotMemory(uint256[] memory e, uint256[] memory b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let n := mload(e)
            let ep := add(e, 0x20)
            let bp := add(b, 0x20)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let u := mload(add(ep, mul(i, 0x20)))
                let w := mload(add(bp, mul(i, 0x20)))
                a0 := add(a0, mul(and(u, M64), w))
                a1 := add(a1, mul(and(shr(64, u), M64), w))
                a2 := add(a2, mul(and(shr(128, u), M64), w))
                a3 := add(a3, mul(shr(192, u), w))
            }
            r := or(or(mod(a0, P), shl(64, mod(a1, P))), or(shl(128, mod(a2, P)), shl(192, mod(a3, P))))
        }
    }

    /// @notice q(x) = Σ_i q_i·x^i for the `len` ext coefficients q_i at byte `off` of `d` (Horner).
    function evalCalldata(bytes calldata d, uint256 off, uint256 len, uint256 x) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let dp := add(d.offset, off)
            for { let i := len } gt(i, 0) {} {
                i := sub(i, 1)
                let w := calldataload(add(dp, mul(i, 16)))
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                a0 := mod(add(mul(a0, x), shr(224, w)), P)
                a1 := mod(add(mul(a1, x), and(shr(192, w), M32)), P)
                a2 := mod(add(mul(a2, x), and(shr(160, w), M32)), P)
                a3 := mod(add(mul(a3, x), and(shr(128, w), M32)), P)
            }
            r := or(or(a0, shl(64, a1)), or(shl(128, a2), shl(192, a3)))
        }
    }

    /// @notice Σ_i e[i]·x^i for ext coefficients e in memory and a base point x (Horner).
    function evalMemory(uint256[] memory e, uint256 x) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let ep := add(e, 0x20)
            for { let i := mload(e) } gt(i, 0) {} {
                i := sub(i, 1)
                let u := mload(add(ep, mul(i, 0x20)))
                a0 := mod(add(mul(a0, x), and(u, M64)), P)
                a1 := mod(add(mul(a1, x), and(shr(64, u), M64)), P)
                a2 := mod(add(mul(a2, x), and(shr(128, u), M64)), P)
                a3 := mod(add(mul(a3, x), shr(192, u)), P)
            }
            r := or(or(a0, shl(64, a1)), or(shl(128, a2), shl(192, a3)))
        }
    }
}
