// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Mle} from "./Mle.sol";
import {PackedReader} from "./PackedReader.sol";
import {Sumcheck} from "./Sumcheck.sol";
import {Transcript} from "./Transcript.sol";

/// @title Test harness for Sumcheck.sol and Mle.sol (differential tests against packages/core). Not part of a verifier.
contract SumcheckHarness {
    using PackedReader for bytes;

    /// @notice Transcript(domain, 1) → Sumcheck.verify(label, numVars, degree, claim) over `rounds`
    ///         (exactly numVars × (degree + 1) packed ext elements); returns the final claim, the
    ///         transcript state after it and the gas the verification took.
    function verify(bytes calldata domain, bytes calldata label, uint256 numVars, uint256 degree, uint256 claim, bytes calldata rounds)
        external
        view
        returns (uint256[] memory point, uint256 expected, bytes32 state, uint256 gasUsed)
    {
        uint256 g = gasleft();
        Transcript.State memory st = Transcript.init(domain, 1);
        uint256 next;
        (point, expected, next) = Sumcheck.verify(st, label, numVars, degree, claim, rounds, 0);
        rounds.finish(next);
        gasUsed = g - gasleft();
        state = st.s;
    }

    /// @notice The multilinear extension of the base vector `values` (u32 LE, canonical) at `z`.
    function mle(bytes calldata values, uint256[] calldata z) external pure returns (uint256) {
        values.checkBases(0, values.length / 4);
        return Mle.evalBaseCalldata(values, 0, values.length / 4, z);
    }
}
