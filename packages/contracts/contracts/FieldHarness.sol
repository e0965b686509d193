// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BabyBear} from "./BabyBear.sol";
import {Ext4} from "./Ext4.sol";

/// @title Test harness exposing BabyBear.sol and Ext4.sol (differential tests against packages/core/src/field)
/// @notice Not part of the verifier; deployed only by tests and benchmarks.
contract FieldHarness {
    /// @notice Element-wise add, sub, mul of a and b, and inv of a (0 ↦ 0), in F_p.
    function baseOps(uint256[] calldata a, uint256[] calldata b)
        external
        pure
        returns (uint256[] memory s, uint256[] memory d, uint256[] memory m, uint256[] memory i)
    {
        uint256 n = a.length;
        s = new uint256[](n);
        d = new uint256[](n);
        m = new uint256[](n);
        i = new uint256[](n);
        for (uint256 k = 0; k < n; k++) {
            s[k] = BabyBear.add(a[k], b[k]);
            d[k] = BabyBear.sub(a[k], b[k]);
            m[k] = BabyBear.mul(a[k], b[k]);
            i[k] = BabyBear.inv(a[k]);
        }
    }

    /// @notice Element-wise add, sub, mul of packed ext elements a and b, and inv of a (reverts on 0).
    function extOps(uint256[] calldata a, uint256[] calldata b)
        external
        pure
        returns (uint256[] memory s, uint256[] memory d, uint256[] memory m, uint256[] memory i)
    {
        uint256 n = a.length;
        s = new uint256[](n);
        d = new uint256[](n);
        m = new uint256[](n);
        i = new uint256[](n);
        for (uint256 k = 0; k < n; k++) {
            s[k] = Ext4.add(a[k], b[k]);
            d[k] = Ext4.sub(a[k], b[k]);
            m[k] = Ext4.mul(a[k], b[k]);
            i[k] = Ext4.inv(a[k]);
        }
    }

    /// @notice Inverse of one packed ext element (reverts Ext4Zero on 0).
    function extInv(uint256 a) external pure returns (uint256) {
        return Ext4.inv(a);
    }

    /// @notice Gas of `reps` chained operations of each kind, measured with gasleft() inside the EVM
    ///         (loop overhead included): base mul, base inv, ext mul, ext inv.
    function opGas(uint256 x, uint256 e, uint256 reps) external view returns (uint256 gBaseMul, uint256 gBaseInv, uint256 gExtMul, uint256 gExtInv) {
        uint256 g = gasleft();
        uint256 y = x;
        for (uint256 k = 0; k < reps; k++) y = BabyBear.mul(y, x);
        gBaseMul = g - gasleft();
        g = gasleft();
        for (uint256 k = 0; k < reps; k++) y = BabyBear.inv(y);
        gBaseInv = g - gasleft();
        g = gasleft();
        uint256 z = e;
        for (uint256 k = 0; k < reps; k++) z = Ext4.mul(z, e);
        gExtMul = g - gasleft();
        g = gasleft();
        for (uint256 k = 0; k < reps; k++) z = Ext4.inv(z);
        gExtInv = g - gasleft();
        // Keep the results live so the optimizer cannot drop the loops.
        if (y == type(uint256).max || z == type(uint256).max) revert();
    }
}
