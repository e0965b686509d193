// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title StatementRecord
/// @notice The public record of verified statements that other contracts query with
///         `isVerified(statementHash)`. Only verifier contracts authorised by the admin can write,
///         and a verifier writes only after a proof of the statement verified (its `submit`). Each
///         record names the party the result is for (part of the statement, so part of the hash a
///         copied or front-run submission cannot change), the model id (for Ligero statements: the
///         circuit digest) and the verifier that checked it; records are never changed or removed.
/// @dev One record serves every verifier kind (today LigeroStatementVerifier; an inference verifier
///      later), so each verifier must domain-separate its statement hashes. Consumers that trust only
///      some verifier code ask `isVerifiedBy(h, verifier)` (or compare `getRecord(h).verifier`): removing a
///      verifier stops its future writes but leaves its records in place. docs/parts/onchain.md §6.
contract StatementRecord {
    /// @notice One verified statement.
    struct Record {
        address party;
        uint64 recordedAt;
        address verifier;
        bytes32 modelId;
    }

    address public admin;
    address public pendingAdmin;
    mapping(address => bool) public isVerifier;
    mapping(bytes32 => Record) private records;

    event StatementRecorded(bytes32 indexed statementHash, address indexed party, bytes32 indexed modelId, address verifier);
    event VerifierAdded(address indexed verifier);
    event VerifierRemoved(address indexed verifier);
    event AdminTransferStarted(address indexed from, address indexed to);
    event AdminTransferred(address indexed from, address indexed to);

    /// @notice The caller is not an authorised verifier.
    error NotVerifier(address caller);
    /// @notice The caller is not the admin.
    error NotAdmin(address caller);
    /// @notice The caller is not the pending admin.
    error NotPendingAdmin(address caller);
    /// @notice The statement is already recorded.
    error AlreadyVerified(bytes32 statementHash);
    /// @notice No record of the statement.
    error UnknownStatement(bytes32 statementHash);
    /// @notice A zero statement hash, party or verifier address.
    error ZeroValue();
    /// @notice The verifier is already in (or not in) the authorised set.
    error VerifierState(address verifier, bool authorised);

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    constructor() {
        admin = msg.sender;
    }

    /// @notice Records `statementHash` for `party` about `modelId`. Callable only by an authorised
    ///         verifier, which calls it after it verified a proof of the statement.
    function recordStatement(bytes32 statementHash, address party, bytes32 modelId) external {
        if (!isVerifier[msg.sender]) revert NotVerifier(msg.sender);
        if (statementHash == bytes32(0) || party == address(0)) revert ZeroValue();
        if (records[statementHash].party != address(0)) revert AlreadyVerified(statementHash);
        records[statementHash] = Record({party: party, recordedAt: uint64(block.timestamp), verifier: msg.sender, modelId: modelId});
        emit StatementRecorded(statementHash, party, modelId, msg.sender);
    }

    /// @notice Whether a proof of `statementHash` verified and was recorded.
    function isVerified(bytes32 statementHash) external view returns (bool) {
        return records[statementHash].party != address(0);
    }

    /// @notice Whether `statementHash` was recorded by `verifier` (for consumers that trust only that verifier's code).
    function isVerifiedBy(bytes32 statementHash, address verifier) external view returns (bool) {
        return verifier != address(0) && records[statementHash].verifier == verifier;
    }

    /// @notice The record of `statementHash`; reverts UnknownStatement when absent.
    function getRecord(bytes32 statementHash) external view returns (Record memory) {
        Record memory r = records[statementHash];
        if (r.party == address(0)) revert UnknownStatement(statementHash);
        return r;
    }

    /// @notice Authorises a verifier contract to write records.
    function addVerifier(address verifier) external onlyAdmin {
        if (verifier == address(0)) revert ZeroValue();
        if (isVerifier[verifier]) revert VerifierState(verifier, true);
        isVerifier[verifier] = true;
        emit VerifierAdded(verifier);
    }

    /// @notice Stops a verifier's future writes; its records stay.
    function removeVerifier(address verifier) external onlyAdmin {
        if (!isVerifier[verifier]) revert VerifierState(verifier, false);
        isVerifier[verifier] = false;
        emit VerifierRemoved(verifier);
    }

    /// @notice Starts handing the admin role to `to`, who must call {acceptAdmin}.
    function transferAdmin(address to) external onlyAdmin {
        pendingAdmin = to;
        emit AdminTransferStarted(msg.sender, to);
    }

    /// @notice Completes a transfer started by {transferAdmin}.
    function acceptAdmin() external {
        if (msg.sender != pendingAdmin || msg.sender == address(0)) revert NotPendingAdmin(msg.sender);
        emit AdminTransferred(admin, msg.sender);
        admin = msg.sender;
        pendingAdmin = address(0);
    }
}
