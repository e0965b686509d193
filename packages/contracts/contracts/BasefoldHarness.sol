// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BasefoldVerifier} from "./BasefoldVerifier.sol";
import {PackedReader} from "./PackedReader.sol";
import {Transcript} from "./Transcript.sol";

/// @title Test and benchmark contract for BasefoldVerifier.sol
/// @notice Verifies one BaseFold opening (docs/parts/basefold.md) under the transcript
///         Transcript("vouch/basefold-statement", 1) → commit step of spec §2 (parameter record,
///         root_0) → open/verify schedule. Not a statement verifier: it records nothing.
contract BasefoldHarness {
    using PackedReader for bytes;

    /// @notice Reverts with the verifier's named error unless `proof` opens `root` at `claims`.
    /// @param expectedParams 20 bytes: u32 LE n ‖ R ‖ a ‖ q ‖ f.
    /// @param claims u32 LE m ‖ m × (n ext point coordinates ‖ ext value), ext = 4 × u32 LE.
    function verify(bytes calldata expectedParams, bytes32 root, bytes calldata claims, bytes calldata proof) external view returns (bool) {
        BasefoldVerifier.Params memory p = BasefoldVerifier.decodeParams(expectedParams);
        BasefoldVerifier.checkParams(p);
        (uint256[] memory points, uint256[] memory values) = _claims(claims, p.n);
        Transcript.State memory st = Transcript.init("vouch/basefold-statement", 1);
        BasefoldVerifier.absorbCommitment(st, p, root);
        BasefoldVerifier.verify(st, p, root, points, values, proof);
        return true;
    }

    function _claims(bytes calldata d, uint256 n) private pure returns (uint256[] memory points, uint256[] memory values) {
        (uint256 m, uint256 off) = d.u32(0);
        if (m < 1 || m > BasefoldVerifier.MAX_CLAIMS) revert BasefoldVerifier.BadClaimCount(m);
        points = new uint256[](m * n);
        values = new uint256[](m);
        for (uint256 j = 0; j < m; j++) {
            for (uint256 k = 0; k < n; k++) (points[j * n + k], off) = d.ext(off);
            (values[j], off) = d.ext(off);
        }
        d.finish(off);
    }
}
