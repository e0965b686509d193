// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Ext4} from "./Ext4.sol";
import {ExtYul} from "./ExtYul.sol";
import {LittleEndian} from "./LittleEndian.sol";
import {PackedReader} from "./PackedReader.sol";
import {Transcript} from "./Transcript.sol";

/// @title Plain sumcheck verifier (Thaler, "Proofs, Arguments, and Zero-Knowledge", §4.1)
/// @notice Byte for byte packages/core/src/sumcheck/verifier.ts (`verifySumcheck`): absorbs
///         `label/claim`, then per round j checks s_j(0) + s_j(1) = claim_j (`sumcheck.round-sum` →
///         {RoundSumMismatch}), absorbs `label/round` (the d + 1 values), draws r_j = `label/r`, sets
///         claim_{j+1} = s_j(r_j) (Lagrange interpolation through 0 … d; Newton form for d = 2) and point[v − 1 − j] = r_j
///         (round j binds the top remaining variable, so the point comes back in variable order).
///         Returns the final claim (point, expected) for the caller to discharge. Round messages are
///         read from packed calldata: v × (d + 1) ext elements, 16 bytes LE each; all of them are
///         checked present and canonical before the first round (as `assertProofShape` does).
///         Ext elements are packed as in Ext4.sol.
library Sumcheck {
    using PackedReader for bytes;

    uint256 internal constant P = 2013265921;
    /// @notice Largest supported round degree (lagrange.ts MAX_ROUND_DEGREE).
    uint256 internal constant MAX_DEGREE = 8;
    uint256 private constant INV2 = 1006632961;

    /// @notice sumcheck.round-sum: s_j(0) + s_j(1) ≠ claim_j in round `round`.
    error RoundSumMismatch(uint256 round);
    /// @notice numVars > 40 or degree outside 1 … 8 (a caller error, as assertStatementShape's RangeError).
    error BadSumcheckShape(uint256 numVars, uint256 degree);

    /// @notice Verifies `numVars` rounds of degree ≤ `degree` starting at byte `off` of `proof`.
    /// @return point the final point z (z_k ↔ variable k), packed ext.
    /// @return expected the value the summand must take at `point`.
    /// @return next the byte offset after the last round.
    function verify(Transcript.State memory st, bytes memory label, uint256 numVars, uint256 degree, uint256 claim, bytes calldata proof, uint256 off)
        internal
        view
        returns (uint256[] memory point, uint256 expected, uint256 next)
    {
        if (numVars > 40 || degree < 1 || degree > MAX_DEGREE) revert BadSumcheckShape(numVars, degree);
        uint256 msgBytes = 16 * (degree + 1);
        next = proof.checkBases(off, 4 * (degree + 1) * numVars);
        Transcript.absorbExtBytes(st, abi.encodePacked(label, "/claim"), extBytes(claim));
        bytes memory roundLabel = abi.encodePacked(label, "/round");
        bytes memory rLabel = abi.encodePacked(label, "/r");
        point = new uint256[](numVars);
        for (uint256 j = 0; j < numVars; j++) {
            uint256 o = off + j * msgBytes;
            if (ExtYul.add(extAt(proof, o), extAt(proof, o + 16)) != claim) revert RoundSumMismatch(j);
            uint256 r = _challenge(st, roundLabel, rLabel, proof, o, msgBytes);
            point[numVars - 1 - j] = r;
            claim = interpolate(proof, o, degree, r);
        }
        expected = claim;
    }

    /// @notice p(r) for the polynomial of degree ≤ d given by its values p(0) … p(d) at byte `o` of
    ///         `d_` (packed calldata, checked canonical by the caller):
    ///         Σ_t p(t)·L_t(r), L_t(r) = Π_{u≠t}(r − u) / Π_{u≠t}(t − u).
    function interpolate(bytes calldata d_, uint256 o, uint256 d, uint256 r) internal pure returns (uint256 acc) {
        if (d == 2) return _quadratic(extAt(d_, o), extAt(d_, o + 16), extAt(d_, o + 32), r);
        // pre[t] = Π_{u<t}(r − u); the suffix product is accumulated from the top.
        uint256[] memory pre = new uint256[](d + 1);
        pre[0] = 1;
        for (uint256 t = 1; t <= d; t++) pre[t] = ExtYul.mul(pre[t - 1], ExtYul.sub(r, t - 1));
        uint256 suf = 1;
        for (uint256 t = d + 1; t > 0; ) {
            t--;
            acc = ExtYul.add(acc, _term(d_, o, d, t, ExtYul.mul(pre[t], suf)));
            suf = ExtYul.mul(suf, ExtYul.sub(r, t));
        }
    }

    /// @dev Degree 2 in Newton form through 0, 1, 2: v0 + r·(v1 − v0) + r(r − 1)/2·(v2 − 2·v1 + v0)
    ///      (the same polynomial as the Lagrange form, three ext multiplications).
    function _quadratic(uint256 v0, uint256 v1, uint256 v2, uint256 r) private pure returns (uint256) {
        uint256 d2 = ExtYul.sub(ExtYul.add(v2, v0), ExtYul.add(v1, v1));
        uint256 rr = Ext4.mulBase(ExtYul.mul(r, ExtYul.sub(r, 1)), INV2);
        return ExtYul.add(ExtYul.add(v0, ExtYul.mul(r, ExtYul.sub(v1, v0))), ExtYul.mul(rr, d2));
    }

    /// @dev p(t)·L_t(r) given prod = Π_{u≠t}(r − u); 1/Π_{u≠t}(t − u) = (−1)^{d−t} / (t!·(d − t)!).
    function _term(bytes calldata d_, uint256 o, uint256 d, uint256 t, uint256 prod) private pure returns (uint256) {
        uint256 den = mulmod(_invFact(t), _invFact(d - t), P);
        if ((d - t) & 1 == 1) den = P - den;
        return ExtYul.mul(ExtYul.mulBase(extAt(d_, o + 16 * t), den), prod);
    }

    /// @dev Transcript.absorbExtBytes(roundLabel, proof[o : o + len]) then Transcript.challengeExt(rLabel),
    ///      byte for byte as Transcript.sol but hashed in scratch memory above the free-memory pointer:
    ///      absorb H(S ‖ 0x04 ‖ le32|label| ‖ label ‖ le32 len ‖ data); squeeze blocks
    ///      H(S ‖ 0xFF ‖ Hdr ‖ le32 j), Hdr = 0x01 ‖ le32|rLabel| ‖ rLabel ‖ le32 1 ‖ le32 0, words LE,
    ///      w & 0x7FFFFFFF accepted if < p, four of them; ratchet S ← H(S ‖ 0xFE ‖ Hdr).
    function _challenge(Transcript.State memory st, bytes memory roundLabel, bytes memory rLabel, bytes calldata proof, uint256 o, uint256 len)
        private
        view
        returns (uint256 r)
    {
        assembly ("memory-safe") {
            function le32(x) -> y {
                y := or(or(shr(24, x), and(shr(8, x), 0xff00)), or(and(shl(8, x), 0xff0000), shl(24, and(x, 0xff))))
            }
            let m := mload(0x40)
            let ll := mload(roundLabel)
            mstore(m, mload(st))
            mstore8(add(m, 32), 0x04)
            mstore(add(m, 33), shl(224, le32(ll)))
            mcopy(add(m, 37), add(roundLabel, 32), ll)
            let q := add(add(m, 37), ll)
            mstore(q, shl(224, le32(len)))
            calldatacopy(add(q, 4), add(proof.offset, o), len)
            if iszero(staticcall(gas(), 0x02, m, add(sub(add(q, 4), m), len), 0x00, 0x20)) { revert(0, 0) }
            mstore(m, mload(0x00))
            let rl := mload(rLabel)
            mstore8(add(m, 32), 0xff)
            mstore8(add(m, 33), 0x01)
            mstore(add(m, 34), shl(224, le32(rl)))
            mcopy(add(m, 38), add(rLabel, 32), rl)
            q := add(add(m, 38), rl)
            mstore(q, shl(224, 0x01000000))
            mstore(add(q, 4), 0)
            let plen := sub(add(q, 8), m)
            let got := 0
            for { let j := 0 } lt(got, 4) { j := add(j, 1) } {
                mstore(add(q, 8), shl(224, le32(j)))
                if iszero(staticcall(gas(), 0x02, m, add(plen, 4), 0x00, 0x20)) { revert(0, 0) }
                let blk := mload(0x00)
                for { let i := 0 } and(lt(i, 8), lt(got, 4)) { i := add(i, 1) } {
                    let w := and(le32(and(shr(sub(224, shl(5, i)), blk), 0xffffffff)), 0x7fffffff)
                    if lt(w, P) {
                        r := or(r, shl(shl(6, got), w))
                        got := add(got, 1)
                    }
                }
            }
            mstore8(add(m, 32), 0xfe)
            if iszero(staticcall(gas(), 0x02, m, plen, 0x00, 0x20)) { revert(0, 0) }
            mstore(st, mload(0x00))
        }
    }

    /// @dev 1/k! mod p for k ≤ 8.
    function _invFact(uint256 k) private pure returns (uint256) {
        if (k < 2) return 1;
        if (k == 2) return 1006632961;
        if (k == 3) return 1677721601;
        if (k == 4) return 1929379841;
        if (k == 5) return 1996488705;
        if (k == 6) return 1339381078;
        if (k == 7) return 191340154;
        return 1533866960;
    }

    /// @notice The ext element at byte `off` of `d` (16 bytes LE, already checked canonical), packed.
    function extAt(bytes calldata d, uint256 off) internal pure returns (uint256) {
        return ExtYul.at(d, off);
    }

    /// @notice The 16 LE bytes of a packed ext element (the transcript's absorbExt encoding).
    function extBytes(uint256 e) internal pure returns (bytes memory) {
        (uint256 c0, uint256 c1, uint256 c2, uint256 c3) = Ext4.unpack(e);
        return abi.encodePacked(LittleEndian.le32(c0), LittleEndian.le32(c1), LittleEndian.le32(c2), LittleEndian.le32(c3));
    }
}
