// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ExtYul} from "./ExtYul.sol";

/// @title Multilinear extensions of public base-field vectors (Thaler §3.5, Lemma 3.8)
/// @notice T~(z) = Σ_i eq(z, i)·T_i for a vector T of `count` base elements read from packed calldata
///         (u32 LE, canonical) and zero-padded to 2^k, k = |z|; variable k ↔ bit k of the index
///         (packages/core/src/poly/eq.ts). Evaluated by the eq split of `mleEvalBase`: with ℓ = ⌈k/2⌉
///         low variables, T~(z) = Σ_h eqHi[h]·(Σ_c eqLo[c]·T[h·2^ℓ + c]); the inner sums are
///         lazy-reduced ext×base inner products straight from calldata ({dot}: one EVM multiplication
///         per element for all four lanes), so the cost is ≈ count cheap products plus 3·2^(k/2) ext
///         multiplications.
library Mle {
    uint256 private constant P = 2013265921;
    uint256 private constant M32 = 0xffffffff;
    uint256 private constant M64 = 0xffffffffffffffff;
    uint256 private constant SWAP8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant SWAP16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// @notice count > 2^|z|.
    error MleTooLong(uint256 count, uint256 vars);

    /// @notice T~(z) for the `count` base elements at byte `off` of `d` (already checked canonical).
    function evalBaseCalldata(bytes calldata d, uint256 off, uint256 count, uint256[] memory z) internal pure returns (uint256 acc) {
        uint256 k = z.length;
        if (k > 40 || count > uint256(1) << k) revert MleTooLong(count, k);
        uint256 lo = k - k / 2;
        uint256[] memory eLo = eqTable(z, 0, lo);
        uint256[] memory eHi = eqTable(z, lo, k - lo);
        uint256 block_ = uint256(1) << lo;
        for (uint256 h = 0; h < eHi.length; h++) {
            uint256 base = h << lo;
            if (base >= count) break;
            uint256 n = count - base < block_ ? count - base : block_;
            acc = ExtYul.add(acc, ExtYul.mul(eHi[h], dot(eLo, d, off + 4 * base, n)));
        }
    }

    /// @notice Σ_{i < n} e[i]·B_i for packed canonical ext e[i] and the n canonical base elements B_i
    ///         (u32 LE) at byte `off` of `d`. Eight elements per calldata word (lanes byte-swapped at
    ///         once); each product u·B is one EVM multiplication of the packed ext u (every 64-bit lane
    ///         < 2^31, so the lane products < 2^62 never carry into the next lane); four products are
    ///         summed in the packed word (< 2^64 per lane) before the lanes are moved into four
    ///         256-bit accumulators, reduced once at the end. Requires n ≤ e.length.
    function dot(uint256[] memory e, bytes calldata d, uint256 off, uint256 n) internal pure returns (uint256 r) {
        if (n > e.length) revert MleTooLong(n, e.length);
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let ep := add(e, 0x20)
            let dp := add(d.offset, off)
            for { let i := 0 } lt(i, n) { i := add(i, 8) } {
                let w := calldataload(add(dp, shl(2, i)))
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                let cnt := sub(n, i)
                if gt(cnt, 8) { cnt := 8 }
                let up := add(ep, shl(5, i))
                let s := 0
                for { let k := 0 } lt(k, cnt) { k := add(k, 1) } {
                    s := add(s, mul(mload(add(up, shl(5, k))), and(shr(sub(224, shl(5, k)), w), M32)))
                    if eq(and(k, 3), 3) {
                        a0 := add(a0, and(s, M64))
                        a1 := add(a1, and(shr(64, s), M64))
                        a2 := add(a2, and(shr(128, s), M64))
                        a3 := add(a3, shr(192, s))
                        s := 0
                    }
                }
                a0 := add(a0, and(s, M64))
                a1 := add(a1, and(shr(64, s), M64))
                a2 := add(a2, and(shr(128, s), M64))
                a3 := add(a3, shr(192, s))
            }
            r := or(or(mod(a0, P), shl(64, mod(a1, P))), or(shl(128, mod(a2, P)), shl(192, mod(a3, P))))
        }
    }

    /// @notice eq(z_start … z_{start+len−1}, ·) as a table of 2^len packed ext elements (eqTable of eq.ts).
    function eqTable(uint256[] memory z, uint256 start, uint256 len) internal pure returns (uint256[] memory t) {
        t = new uint256[](uint256(1) << len);
        t[0] = 1;
        for (uint256 k = 0; k < len; k++) {
            uint256 size = uint256(1) << k;
            uint256 zk = z[start + k];
            for (uint256 i = size; i > 0; ) {
                i--;
                uint256 v = t[i];
                uint256 hi = ExtYul.mul(v, zk);
                t[i + size] = hi;
                t[i] = ExtYul.sub(v, hi);
            }
        }
    }
}
