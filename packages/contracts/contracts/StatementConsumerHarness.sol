// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {StatementRecord} from "./StatementRecord.sol";

/// @title Test-only consumer of the StatementRecord
/// @notice How another contract uses the record: it pins the verifier code it trusts and lets only
///         the party named in a verified statement claim its result. Whoever submitted the proof
///         (a relayer, a front-runner) cannot claim it. Not deployed by `vouch deploy`.
contract StatementConsumerHarness {
    StatementRecord public immutable record;
    address public immutable trustedVerifier;
    mapping(bytes32 => bool) public claimed;

    event Claimed(bytes32 indexed statementHash, address indexed party);

    error NotVerified(bytes32 statementHash);
    error NotParty(address caller, address party);
    error AlreadyClaimed(bytes32 statementHash);

    constructor(StatementRecord record_, address trustedVerifier_) {
        record = record_;
        trustedVerifier = trustedVerifier_;
    }

    /// @notice Claims the result of `statementHash` for its party.
    function claim(bytes32 statementHash) external {
        if (!record.isVerifiedBy(statementHash, trustedVerifier)) revert NotVerified(statementHash);
        address party = record.getRecord(statementHash).party;
        if (msg.sender != party) revert NotParty(msg.sender, party);
        if (claimed[statementHash]) revert AlreadyClaimed(statementHash);
        claimed[statementHash] = true;
        emit Claimed(statementHash, party);
    }
}
