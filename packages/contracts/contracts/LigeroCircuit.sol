// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {PackedReader} from "./PackedReader.sol";

/// @title The public constraint system a Ligero proof is checked against, read from packed calldata
/// @notice The on-chain form of a `Layout` plus its `LinearConstraint[]` (packages/core/src/zk/
///         {layout,constraints}.ts) and the Ligero shape (ligero/params.ts). Format (all u32 LE,
///         ext = 16 bytes, see docs/parts/onchain.md §5):
///   header   logRowWidth ‖ numRows ‖ queries t ‖ logCodeLength
///   vectors  V ‖ V × (ℓ ext)       column vectors of tensor terms, each as the ℓ coefficients of
///            its interpolant V̄ on H = ⟨ω_ℓ⟩ (V̄(ω_ℓ^i) = V_i)
///   constants C ‖ C × ext                                     constraint c: … + constant_c = 0
///   sparse   S ‖ S × (constraint ‖ wire ‖ ext coef)
///   tensor   N ‖ N × (constraint ‖ row ‖ vector ‖ rows ‖ rows × ext rowCoeff)
///   triples  T ‖ T × (a ‖ b ‖ c)
/// The whole byte string is hashed into the statement, so it fixes the relation and the
/// security parameters (t, n) of the proof.
library LigeroCircuit {
    using PackedReader for bytes;

    /// @notice A field of the circuit at byte `offset` is out of range or inconsistent.
    error BadCircuit(uint256 offset);

    /// @notice Parsed circuit; ext values packed as in Ext4.sol.
    struct Circuit {
        uint256 logL;
        uint256 l;
        uint256 numRows;
        uint256 t;
        uint256 logN;
        uint256[][] vectors;
        uint256[] constants;
        uint256[] sparseCon;
        uint256[] sparseWire;
        uint256[] sparseCoef;
        uint256[] tenCon;
        uint256[] tenRow;
        uint256[] tenVec;
        uint256[][] tenCoeffs;
        uint256[] triA;
        uint256[] triB;
        uint256[] triC;
    }

    function _bound(bytes calldata d, uint256 off, uint256 hi) private pure returns (uint256 v, uint256 next) {
        (v, next) = d.u32(off);
        if (v >= hi) revert BadCircuit(off);
    }

    /// @notice Parses and range-checks a circuit; reverts {BadCircuit} or a PackedReader error.
    function parse(bytes calldata d) internal pure returns (Circuit memory c) {
        uint256 off = 0;
        (c.logL, off) = _bound(d, off, 21);
        if (c.logL == 0) revert BadCircuit(0);
        c.l = 1 << c.logL;
        (c.numRows, off) = _bound(d, off, 1 << 20);
        if (c.numRows == 0) revert BadCircuit(4);
        (c.t, off) = _bound(d, off, c.l + 2);
        if (c.t == 0) revert BadCircuit(8);
        (c.logN, off) = _bound(d, off, 27);
        // Blowup ≥ 2 on the product code (degree < 2k − 1), as ligeroShape guarantees.
        uint256 k = c.l + c.t;
        if ((1 << c.logN) < 2 * (2 * k - 1)) revert BadCircuit(12);
        uint256 n;
        (n, off) = d.u32(off);
        c.vectors = new uint256[][](n);
        for (uint256 v = 0; v < n; v++) {
            uint256[] memory vec = new uint256[](c.l);
            for (uint256 i = 0; i < c.l; i++) (vec[i], off) = d.ext(off);
            c.vectors[v] = vec;
        }
        (n, off) = d.u32(off);
        c.constants = new uint256[](n);
        for (uint256 i = 0; i < n; i++) (c.constants[i], off) = d.ext(off);
        uint256 numC = n;
        (n, off) = d.u32(off);
        c.sparseCon = new uint256[](n);
        c.sparseWire = new uint256[](n);
        c.sparseCoef = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            (c.sparseCon[i], off) = _bound(d, off, numC);
            (c.sparseWire[i], off) = _bound(d, off, c.numRows << c.logL);
            (c.sparseCoef[i], off) = d.ext(off);
        }
        (n, off) = d.u32(off);
        c.tenCon = new uint256[](n);
        c.tenRow = new uint256[](n);
        c.tenVec = new uint256[](n);
        c.tenCoeffs = new uint256[][](n);
        for (uint256 i = 0; i < n; i++) {
            (c.tenCon[i], off) = _bound(d, off, numC);
            (c.tenRow[i], off) = _bound(d, off, c.numRows);
            (c.tenVec[i], off) = _bound(d, off, c.vectors.length);
            uint256 rows;
            (rows, off) = _bound(d, off, c.numRows - c.tenRow[i] + 1);
            uint256[] memory rc = new uint256[](rows);
            for (uint256 r = 0; r < rows; r++) (rc[r], off) = d.ext(off);
            c.tenCoeffs[i] = rc;
        }
        (n, off) = d.u32(off);
        c.triA = new uint256[](n);
        c.triB = new uint256[](n);
        c.triC = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            (c.triA[i], off) = _bound(d, off, c.numRows);
            (c.triB[i], off) = _bound(d, off, c.numRows);
            (c.triC[i], off) = _bound(d, off, c.numRows);
        }
        d.finish(off);
    }
}
