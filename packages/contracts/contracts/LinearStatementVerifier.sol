// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BasefoldVerifier} from "./BasefoldVerifier.sol";
import {Ext4} from "./Ext4.sol";
import {Mle} from "./Mle.sol";
import {PackedReader} from "./PackedReader.sol";
import {StatementRecord} from "./StatementRecord.sol";
import {Sumcheck} from "./Sumcheck.sol";
import {Transcript} from "./Transcript.sol";

/// @title Verifies linear statements y = W·x for a registered, BaseFold-committed int8 matrix W
/// @notice docs/parts/onchain.md §11.3; mirrors packages/zkml/src/onchain/linear/verify.ts check for
///         check. The verification key (65 bytes: version, rows, cols, input bound, BaseFold
///         parameters, weight root) names the model: modelId = SHA-256("vouch/linear-vk/v1" ‖ vk).
///         Transcript("vouch/linear-statement", 1): model id, BaseFold commit step (parameters, root),
///         party, x, y; r ← row point; the matrix-vector sumcheck (Sumcheck.sol, label
///         `linear.matvec`) from ỹ(r) ends at W~(s, r)·x̃(s) = expected, checked with the prover's
///         wEval and x̃(s) computed here ({FinalMismatch}); then BasefoldVerifier opens the committed W
///         at s ‖ r (column variables low) to wEval. x and y are public, so the verifier evaluates
///         their multilinear extensions itself. |x_j| ≤ inputBound is checked here and
///         cols·128·inputBound ≤ (p − 1)/2 is required of the key, so the field equation is the
///         integer one (the range argument of docs/parts/onchain.md §11.3).
///         {submit} records SHA-256("vouch/linear-statement/v1" ‖ modelId ‖ SHA-256(x) ‖ SHA-256(y) ‖
///         party) in the StatementRecord (model id = modelId) only after every check passed.
contract LinearStatementVerifier {
    using PackedReader for bytes;

    uint256 private constant P = 2013265921;
    uint256 private constant HALF_P = (P - 1) / 2;
    uint256 private constant SWAP8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant SWAP16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// @notice Transcript domain label and version.
    bytes public constant DOMAIN = "vouch/linear-statement";
    uint256 public constant VERSION = 1;
    /// @notice Version byte of the key and of the proof.
    uint256 public constant VK_VERSION = 1;
    uint256 public constant PROOF_VERSION = 1;

    /// @notice Where verified statements are written (this contract must be one of its verifiers).
    StatementRecord public immutable record;

    /// @notice The party is the zero address (linear.party).
    error ZeroParty();
    /// @notice The record address is zero.
    error ZeroRecord();
    /// @notice linear.vk.<field>: 0 version, 1 rows, 2 cols, 3 inputBound, 4 params (vars ≠ rb + cb).
    error BadVk(uint256 field, uint256 value);
    /// @notice linear.x (which = 0) or linear.y (which = 1) is not `expected` bytes long.
    error BadValuesLength(uint256 which, uint256 expected, uint256 got);
    /// @notice linear.input-range: |x_index| > the key's input bound.
    error InputOutOfRange(uint256 index);
    /// @notice linear.proof.version.
    error BadLinearProofVersion(uint256 version);
    /// @notice linear.final: wEval·x̃(s) ≠ the sumcheck's final value.
    error FinalMismatch();

    /// @dev The parsed key.
    struct Vk {
        uint256 rows;
        uint256 cols;
        uint256 bound;
        uint256 rb;
        uint256 cb;
        BasefoldVerifier.Params p;
        bytes32 root;
    }

    constructor(StatementRecord record_) {
        if (address(record_) == address(0)) revert ZeroRecord();
        record = record_;
    }

    /// @notice SHA-256("vouch/linear-vk/v1" ‖ vk).
    function modelId(bytes calldata vk) public pure returns (bytes32) {
        return sha256(abi.encodePacked("vouch/linear-vk/v1", vk));
    }

    /// @notice SHA-256("vouch/linear-statement/v1" ‖ modelId ‖ SHA-256(x) ‖ SHA-256(y) ‖ party): the record key.
    function statementHash(bytes32 id, bytes calldata x, bytes calldata y, address party) public pure returns (bytes32) {
        return sha256(abi.encodePacked("vouch/linear-statement/v1", id, sha256(x), sha256(y), party));
    }

    /// @notice Verifies without recording; reverts with a named error.
    /// @return statement the statement hash.
    function verify(bytes calldata vk, bytes calldata x, bytes calldata y, address party, bytes calldata proof) public view returns (bytes32 statement) {
        (statement, ) = _verify(vk, x, y, party, proof);
    }

    /// @notice Verifies and records the statement for `party` (anyone may submit).
    function submit(bytes calldata vk, bytes calldata x, bytes calldata y, address party, bytes calldata proof) external returns (bytes32 statement) {
        bytes32 id;
        (statement, id) = _verify(vk, x, y, party, proof);
        record.recordStatement(statement, party, id);
    }

    /// @notice Whether `statement` is in the record (written by any verifier).
    function isVerified(bytes32 statement) external view returns (bool) {
        return record.isVerified(statement);
    }

    function _verify(bytes calldata vkBytes, bytes calldata x, bytes calldata y, address party, bytes calldata proof)
        private
        view
        returns (bytes32 statement, bytes32 id)
    {
        if (party == address(0)) revert ZeroParty();
        Vk memory vk = _parseVk(vkBytes);
        id = modelId(vkBytes);
        _checkValues(x, vk.cols, 0);
        _checkValues(y, vk.rows, 1);
        uint256 far = _firstOutOfRange(x, vk.cols, vk.bound);
        if (far < vk.cols) revert InputOutOfRange(far);
        // Proof reading before any check (as decodeLinearProof): version, rounds and wEval present and canonical.
        (uint256 ver, ) = proof.u8(0);
        if (ver != PROOF_VERSION) revert BadLinearProofVersion(ver);
        proof.checkBases(1, 12 * vk.cb + 4);

        Transcript.State memory st = Transcript.init(DOMAIN, VERSION);
        Transcript.absorbDigest(st, "linear.model", id);
        BasefoldVerifier.absorbCommitment(st, vk.p, vk.root);
        Transcript.absorbBytes(st, "linear.party", abi.encodePacked(party));
        Transcript.absorbBaseBytes(st, "linear.x", x);
        Transcript.absorbBaseBytes(st, "linear.y", y);
        uint256[] memory r = Transcript.challengeExts(st, "linear.r", vk.rb);

        (uint256[] memory s, uint256 expected, uint256 off) = Sumcheck.verify(st, "linear.matvec", vk.cb, 2, Mle.evalBaseCalldata(y, 0, vk.rows, r), proof, 1);
        uint256 wEval;
        (wEval, off) = proof.ext(off);
        if (Ext4.mul(wEval, Mle.evalBaseCalldata(x, 0, vk.cols, s)) != expected) revert FinalMismatch();

        uint256[] memory point = new uint256[](vk.cb + vk.rb);
        for (uint256 k = 0; k < vk.cb; k++) point[k] = s[k];
        for (uint256 k = 0; k < vk.rb; k++) point[vk.cb + k] = r[k];
        uint256[] memory values = new uint256[](1);
        values[0] = wEval;
        BasefoldVerifier.verify(st, vk.p, vk.root, point, values, proof[off:]);
        statement = statementHash(id, x, y, party);
    }

    /// @dev Key bytes: u8 version ‖ u32 rows ‖ cols ‖ inputBound ‖ n ‖ R ‖ a ‖ q ‖ f ‖ root (32), checked
    ///      in the order of checkLinearVk.
    function _parseVk(bytes calldata d) private pure returns (Vk memory vk) {
        (uint256 ver, uint256 off) = d.u8(0);
        if (ver != VK_VERSION) revert BadVk(0, ver);
        (vk.rows, off) = d.u32(off);
        (vk.cols, off) = d.u32(off);
        (vk.bound, off) = d.u32(off);
        (vk.p.n, off) = d.u32(off);
        (vk.p.R, off) = d.u32(off);
        (vk.p.a, off) = d.u32(off);
        (vk.p.q, off) = d.u32(off);
        (vk.p.f, off) = d.u32(off);
        bytes calldata root;
        (root, off) = d.raw(off, 32);
        vk.root = bytes32(root);
        d.finish(off);
        if (vk.rows < 1 || vk.rows > 1 << 24) revert BadVk(1, vk.rows);
        if (vk.cols < 1 || vk.cols > 1 << 24) revert BadVk(2, vk.cols);
        if (vk.bound < 1 || vk.cols * 128 * vk.bound > HALF_P) revert BadVk(3, vk.bound);
        vk.rb = _log2Ceil(vk.rows);
        vk.cb = _log2Ceil(vk.cols);
        BasefoldVerifier.checkParams(vk.p);
        if (vk.p.n != vk.rb + vk.cb) revert BadVk(4, vk.p.n);
    }

    /// @dev `count` canonical base elements, exactly.
    function _checkValues(bytes calldata v, uint256 count, uint256 which) private pure {
        if (v.length != 4 * count) revert BadValuesLength(which, 4 * count, v.length);
        _checkRun(v, 0, count);
    }

    /// @dev PackedReader.checkBases (Truncated, then NonCanonical naming the offset) with a fast path:
    ///      eight u32 LE per calldata word, lanes byte-swapped at once, every lane + (2^32 − p) tested
    ///      for a carry into bit 32; the reader's element-by-element check runs only on a failure.
    function _checkRun(bytes calldata d, uint256 off, uint256 count) private pure {
        uint256 next = off + 4 * count;
        if (next > d.length) revert PackedReader.Truncated(off);
        bool bad;
        assembly ("memory-safe") {
            let end := add(d.offset, next)
            let cst := 0x0000000087ffffff0000000087ffffff0000000087ffffff0000000087ffffff
            let carry := 0x0000000100000000000000010000000000000001000000000000000100000000
            for { let pp := add(d.offset, off) } lt(pp, end) { pp := add(pp, 32) } {
                let w := calldataload(pp)
                let rem := sub(end, pp)
                if lt(rem, 32) { w := and(w, not(shr(shl(3, rem), not(0)))) }
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                let ev := and(w, 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
                let od := and(shr(32, w), 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
                if and(or(add(ev, cst), add(od, cst)), carry) { bad := 1 }
            }
        }
        if (bad) d.checkBases(off, count);
    }

    /// @dev The first j with |signed(x_j)| > bound (x canonical), or `count` when there is none:
    ///      x_j is in range iff x_j ≤ bound or x_j ≥ p − bound.
    function _firstOutOfRange(bytes calldata x, uint256 count, uint256 bound) private pure returns (uint256 j) {
        j = count;
        assembly ("memory-safe") {
            let lo := add(bound, 1)
            let span := sub(sub(P, bound), lo)
            for { let i := 0 } lt(i, count) { i := add(i, 8) } {
                let w := calldataload(add(x.offset, shl(2, i)))
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                let cnt := sub(count, i)
                if gt(cnt, 8) { cnt := 8 }
                for { let k := 0 } lt(k, cnt) { k := add(k, 1) } {
                    // out of range iff bound < v < p − bound, i.e. v − (bound + 1) < p − 2·bound − 1 (unsigned)
                    if lt(sub(and(shr(sub(224, shl(5, k)), w), 0xffffffff), lo), span) {
                        j := add(i, k)
                        i := count
                        break
                    }
                }
            }
        }
    }

    function _log2Ceil(uint256 n) private pure returns (uint256 k) {
        while ((uint256(1) << k) < n) k++;
    }
}
