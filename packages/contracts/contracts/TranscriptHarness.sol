// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Transcript} from "./Transcript.sol";
import {PackedReader} from "./PackedReader.sol";

/// @title Test harness running a scripted transcript conversation (differential tests against
///        packages/core/src/transcript). Not part of the verifier.
/// @notice Program: a sequence of ops, each u8 op ‖ u32 |label| ‖ label ‖ operands (LE):
///   1 absorbBytes  u32 n ‖ n bytes          2 absorbU32      u32 x
///   3 absorbBase   u32 n ‖ n × 4 bytes      4 absorbExt      u32 n (elements) ‖ n × 16 bytes
///   5 absorbDigest 32 bytes                 6 challengeExts  u32 n
///   7 challengeBases u32 n                  8 challengeIndices u32 d ‖ u32 count
/// Every challenge value is appended to `out` (ext elements packed as in Ext4.sol).
contract TranscriptHarness {
    using PackedReader for bytes;

    /// @notice An op code outside 1..8.
    error UnknownOp(uint256 op);

    /// @notice Runs the program; returns the final state, every challenge output, and the gas it took.
    function run(bytes calldata domain, uint256 version, bytes calldata prog)
        external
        view
        returns (bytes32 state, uint256[] memory out, uint256 gasUsed)
    {
        uint256 g = gasleft();
        Transcript.State memory st = Transcript.init(domain, version);
        out = new uint256[](0);
        uint256 off = 0;
        while (off < prog.length) {
            uint256 op;
            uint256 len;
            bytes calldata label;
            (op, off) = prog.u8(off);
            (len, off) = prog.u32(off);
            (label, off) = prog.raw(off, len);
            if (op == 1) {
                bytes calldata b;
                (len, off) = prog.u32(off);
                (b, off) = prog.raw(off, len);
                Transcript.absorbBytes(st, label, b);
            } else if (op == 2) {
                uint256 x;
                (x, off) = prog.u32(off);
                Transcript.absorbU32(st, label, x);
            } else if (op == 3 || op == 4) {
                bytes calldata b;
                (len, off) = prog.u32(off);
                uint256 start = off;
                off = prog.checkBases(off, op == 3 ? len : 4 * len);
                (b, ) = prog.raw(start, off - start);
                if (op == 3) Transcript.absorbBaseBytes(st, label, b);
                else Transcript.absorbExtBytes(st, label, b);
            } else if (op == 5) {
                bytes calldata b;
                (b, off) = prog.raw(off, 32);
                Transcript.absorbDigest(st, label, bytes32(b));
            } else if (op == 6 || op == 7) {
                (len, off) = prog.u32(off);
                out = _append(out, op == 6 ? Transcript.challengeExts(st, label, len) : Transcript.challengeBases(st, label, len));
            } else if (op == 8) {
                uint256 d;
                (d, off) = prog.u32(off);
                (len, off) = prog.u32(off);
                out = _append(out, Transcript.challengeIndices(st, label, d, len));
            } else {
                revert UnknownOp(op);
            }
        }
        state = st.s;
        gasUsed = g - gasleft();
    }

    function _append(uint256[] memory a, uint256[] memory b) private pure returns (uint256[] memory c) {
        c = new uint256[](a.length + b.length);
        for (uint256 i = 0; i < a.length; i++) c[i] = a[i];
        for (uint256 i = 0; i < b.length; i++) c[a.length + i] = b[i];
    }
}
