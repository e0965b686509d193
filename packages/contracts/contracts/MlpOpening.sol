// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BasefoldVerifier} from "./BasefoldVerifier.sol";
import {Transcript} from "./Transcript.sol";

/// @title The BaseFold opening of an MLP statement, in a contract of its own
/// @notice BasefoldVerifier.verify (docs/parts/basefold.md §2–§4) behind an external function, so that
///         MlpStatementVerifier.sol stays under the 24,576-byte code limit (EIP-170): the verifier
///         deploys one MlpOpening in its constructor and calls it (STATICCALL) with its transcript
///         state after the last layer's `mlp.w` absorb. Stateless and pure apart from the SHA-256
///         precompile; anyone may call it. A failed check reverts with BasefoldVerifier's own errors,
///         which the caller re-raises unchanged.
contract MlpOpening {
    /// @notice Opens the commitment (p, root) at the claims (points[j·n … j·n + n − 1], values[j]),
    ///         continuing the transcript whose state is `state`; reverts unless every check holds.
    function verify(bytes32 state, BasefoldVerifier.Params calldata p, bytes32 root, uint256[] calldata points, uint256[] calldata values, bytes calldata proof)
        external
        view
    {
        Transcript.State memory st = Transcript.State(state);
        BasefoldVerifier.verify(st, p, root, points, values, proof);
    }
}
