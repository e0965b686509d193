// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Transcript} from "./Transcript.sol";
import {LigeroCircuit} from "./LigeroCircuit.sol";
import {LigeroVerifier} from "./LigeroVerifier.sol";
import {StatementRecord} from "./StatementRecord.sol";

/// @title Verifies statements proven with a zero-knowledge Ligero proof and records them
/// @notice A statement is (circuit, party): the public constraint system (LigeroCircuit.sol format,
///         hashed with SHA-256) and the address the result is for. Both are absorbed into the
///         Fiat–Shamir transcript before the commitment root (docs/parts/onchain.md §6.1), so a proof
///         made for one party does not verify for another: a copied or front-run submission can only
///         record the statement for the party the prover chose. {submit} writes the statement into
///         the StatementRecord (model id = circuit digest) only after the proof verified.
/// @dev This is not an inference verifier: it proves knowledge of a witness of the given circuit,
///      nothing about a registered model.
contract LigeroStatementVerifier {
    /// @notice Transcript domain label and version of on-chain Ligero statements.
    bytes public constant DOMAIN = "vouch/onchain-ligero";
    uint256 public constant VERSION = 1;

    /// @notice Where verified statements are written (this contract must be one of its verifiers).
    StatementRecord public immutable record;

    /// @notice The party is the zero address.
    error ZeroParty();
    /// @notice The record address is zero.
    error ZeroRecord();

    constructor(StatementRecord record_) {
        if (address(record_) == address(0)) revert ZeroRecord();
        record = record_;
    }

    /// @notice SHA-256("vouch/ligero-statement/v1" ‖ circuitDigest ‖ party): the record key.
    function statementHash(bytes32 circuitDigest, address party) public pure returns (bytes32) {
        return sha256(abi.encodePacked("vouch/ligero-statement/v1", circuitDigest, party));
    }

    /// @notice Verifies `proof` for (circuit, party) without recording; reverts with a named error.
    /// @return statement the statement hash.
    function verify(bytes calldata circuit, address party, bytes calldata proof) public view returns (bytes32 statement) {
        (statement,) = _verify(circuit, party, proof);
    }

    /// @notice Verifies and records the statement for `party` (anyone may submit).
    function submit(bytes calldata circuit, address party, bytes calldata proof) external returns (bytes32 statement) {
        bytes32 digest;
        (statement, digest) = _verify(circuit, party, proof);
        record.recordStatement(statement, party, digest);
    }

    /// @notice Whether `statement` is in the record (written by any verifier).
    function isVerified(bytes32 statement) external view returns (bool) {
        return record.isVerified(statement);
    }

    function _verify(bytes calldata circuit, address party, bytes calldata proof) private view returns (bytes32 statement, bytes32 digest) {
        if (party == address(0)) revert ZeroParty();
        digest = sha256(circuit);
        LigeroCircuit.Circuit memory c = LigeroCircuit.parse(circuit);
        Transcript.State memory st = Transcript.init(DOMAIN, VERSION);
        Transcript.absorbDigest(st, "statement.circuit", digest);
        Transcript.absorbBytes(st, "statement.party", abi.encodePacked(party));
        LigeroVerifier.verify(c, st, proof);
        statement = statementHash(digest, party);
    }
}
