// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Transcript} from "./Transcript.sol";
import {LigeroCircuit} from "./LigeroCircuit.sol";
import {LigeroVerifier} from "./LigeroVerifier.sol";

/// @title Records statements proven with a zero-knowledge Ligero proof
/// @notice A statement is (circuit, party): the public constraint system (LigeroCircuit.sol format,
///         hashed with SHA-256) and the address the result is for. Both are absorbed into the
///         Fiat–Shamir transcript before the commitment root (docs/parts/onchain.md §5), so a proof
///         made for one party does not verify for another: a copied or front-run submission can only
///         record the statement for the party the prover chose. `isVerified(statementHash)` becomes
///         true only after {submit} verified a proof.
contract LigeroStatementVerifier {
    /// @notice Transcript domain label and version of on-chain Ligero statements.
    bytes public constant DOMAIN = "vouch/onchain-ligero";
    uint256 public constant VERSION = 1;

    mapping(bytes32 => bool) private _verified;

    /// @notice A proof of `statementHash` verified and was recorded.
    event StatementVerified(bytes32 indexed statementHash, bytes32 indexed circuitDigest, address indexed party, address submitter);

    /// @notice The statement is already recorded.
    error AlreadyVerified(bytes32 statementHash);
    /// @notice The party is the zero address.
    error ZeroParty();

    /// @notice SHA-256("vouch/statement/v1" ‖ circuitDigest ‖ party).
    function statementHash(bytes32 circuitDigest, address party) public pure returns (bytes32) {
        return sha256(abi.encodePacked("vouch/statement/v1", circuitDigest, party));
    }

    /// @notice Verifies `proof` for (circuit, party) without recording; reverts with a named error.
    /// @return statement the statement hash.
    function verify(bytes calldata circuit, address party, bytes calldata proof) public view returns (bytes32 statement) {
        if (party == address(0)) revert ZeroParty();
        bytes32 digest = sha256(circuit);
        LigeroCircuit.Circuit memory c = LigeroCircuit.parse(circuit);
        Transcript.State memory st = Transcript.init(DOMAIN, VERSION);
        Transcript.absorbDigest(st, "statement.circuit", digest);
        Transcript.absorbBytes(st, "statement.party", abi.encodePacked(party));
        LigeroVerifier.verify(c, st, proof);
        return statementHash(digest, party);
    }

    /// @notice Verifies and records the statement for `party` (anyone may submit).
    function submit(bytes calldata circuit, address party, bytes calldata proof) external returns (bytes32 statement) {
        statement = verify(circuit, party, proof);
        if (_verified[statement]) revert AlreadyVerified(statement);
        _verified[statement] = true;
        emit StatementVerified(statement, sha256(circuit), party, msg.sender);
    }

    /// @notice Whether a proof of `statement` has been verified and recorded.
    function isVerified(bytes32 statement) external view returns (bool) {
        return _verified[statement];
    }
}
