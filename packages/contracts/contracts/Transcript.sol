// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {LittleEndian} from "./LittleEndian.sol";

/// @title SHA-256 Fiat–Shamir transcript
/// @notice Byte-for-byte the transcript of docs/parts/transcript-merkle.md §2 (packages/core/src/
///         transcript/sha256-transcript.ts), hashing with the SHA-256 precompile (0x02):
///           absorb(tag, label, data):  S ← H(S ‖ tag ‖ u32le(|label|) ‖ label ‖ u32le(|data|) ‖ data)
///           challenge header Hdr = kind ‖ u32le(|label|) ‖ label ‖ u32le(count) ‖ u32le(domainSize)
///           block_j = H(S ‖ 0xFF ‖ Hdr ‖ u32le(j)), 8 LE words each; then S ← H(S ‖ 0xFE ‖ Hdr).
///         Base elements: w & 0x7FFFFFFF accepted if < p. Indices: w & (2^⌈log2 d⌉ − 1), accepted if
///         < d and not drawn before in the call. Data passed to absorbs must already be canonical
///         (PackedReader checks it); this library does not re-check.
library Transcript {
    uint256 internal constant P = 2013265921;

    /// @notice The transcript state S.
    struct State {
        bytes32 s;
    }

    /// @notice A challenge word stream (one per challenge call).
    struct Stream {
        bytes prefix; // S ‖ 0xFF ‖ Hdr
        uint256 j; // next block index
        bytes32 blk; // current block
        uint256 i; // next word in blk (8 = exhausted)
    }

    /// @notice challengeIndices with d = 0, d > 2^31 or count > d.
    error BadIndexRequest(uint256 domainSize, uint256 count);

    function _absorb(State memory st, bytes1 tag, bytes memory label, bytes memory data) private pure {
        st.s = sha256(abi.encodePacked(st.s, tag, LittleEndian.le32(label.length), label, LittleEndian.le32(data.length), data));
    }

    /// @notice new Sha256Transcript(domain, version).
    function init(bytes memory domain, uint256 version) internal pure returns (State memory st) {
        _absorb(st, 0x00, domain, abi.encodePacked(LittleEndian.le32(version)));
    }

    /// @notice absorbBytes(label, b) (tag 0x01).
    function absorbBytes(State memory st, bytes memory label, bytes memory b) internal pure {
        _absorb(st, 0x01, label, b);
    }

    /// @notice absorbU32(label, n) (tag 0x02).
    function absorbU32(State memory st, bytes memory label, uint256 n) internal pure {
        _absorb(st, 0x02, label, abi.encodePacked(LittleEndian.le32(n)));
    }

    /// @notice absorbBase(label, xs) with xs given as their packed LE bytes (tag 0x03).
    function absorbBaseBytes(State memory st, bytes memory label, bytes memory packed) internal pure {
        _absorb(st, 0x03, label, packed);
    }

    /// @notice absorbExt(label, xs) with xs given as their packed LE bytes, 16 per element (tag 0x04).
    function absorbExtBytes(State memory st, bytes memory label, bytes memory packed) internal pure {
        _absorb(st, 0x04, label, packed);
    }

    /// @notice absorbDigest(label, d) (tag 0x05).
    function absorbDigest(State memory st, bytes memory label, bytes32 d) internal pure {
        _absorb(st, 0x05, label, abi.encodePacked(d));
    }

    function _open(State memory st, bytes1 kind, bytes memory label, uint256 count, uint256 domainSize)
        private
        pure
        returns (Stream memory w, bytes memory hdr)
    {
        hdr = abi.encodePacked(kind, LittleEndian.le32(label.length), label, LittleEndian.le32(count), LittleEndian.le32(domainSize));
        w.prefix = abi.encodePacked(st.s, bytes1(0xff), hdr);
        w.i = 8;
    }

    function _close(State memory st, bytes memory hdr) private pure {
        st.s = sha256(abi.encodePacked(st.s, bytes1(0xfe), hdr));
    }

    function _next(Stream memory w) private pure returns (uint256 x) {
        if (w.i == 8) {
            w.blk = sha256(abi.encodePacked(w.prefix, LittleEndian.le32(w.j)));
            w.j++;
            w.i = 0;
        }
        x = LittleEndian.swap32(uint256(w.blk) >> (224 - 32 * w.i));
        w.i++;
    }

    function _base(Stream memory w) private pure returns (uint256 x) {
        while (true) {
            x = _next(w) & 0x7fffffff;
            if (x < P) return x;
        }
    }

    /// @notice challengeExts(label, n): n ext elements packed as in Ext4.sol.
    function challengeExts(State memory st, bytes memory label, uint256 n) internal pure returns (uint256[] memory out) {
        (Stream memory w, bytes memory hdr) = _open(st, 0x01, label, n, 0);
        out = new uint256[](n);
        for (uint256 e = 0; e < n; e++) {
            uint256 v = _base(w);
            v |= _base(w) << 64;
            v |= _base(w) << 128;
            v |= _base(w) << 192;
            out[e] = v;
        }
        _close(st, hdr);
    }

    /// @notice challengeExt(label): one ext element.
    function challengeExt(State memory st, bytes memory label) internal pure returns (uint256) {
        return challengeExts(st, label, 1)[0];
    }

    /// @notice challengeBases(label, n).
    function challengeBases(State memory st, bytes memory label, uint256 n) internal pure returns (uint256[] memory out) {
        (Stream memory w, bytes memory hdr) = _open(st, 0x02, label, n, 0);
        out = new uint256[](n);
        for (uint256 e = 0; e < n; e++) out[e] = _base(w);
        _close(st, hdr);
    }

    /// @notice challengeBase(label).
    function challengeBase(State memory st, bytes memory label) internal pure returns (uint256) {
        return challengeBases(st, label, 1)[0];
    }

    /// @notice challengeIndices(label, d, count): count distinct uniform indices in [0, d), in sampling order.
    function challengeIndices(State memory st, bytes memory label, uint256 d, uint256 count) internal pure returns (uint256[] memory out) {
        if (d == 0 || d > 1 << 31 || count > d) revert BadIndexRequest(d, count);
        (Stream memory w, bytes memory hdr) = _open(st, 0x03, label, count, d);
        uint256 m = 1;
        while (m < d) m <<= 1;
        out = new uint256[](count);
        for (uint256 e = 0; e < count; ) {
            uint256 x = _next(w) & (m - 1);
            if (x >= d) continue;
            bool seen = false;
            for (uint256 q = 0; q < e; q++) {
                if (out[q] == x) {
                    seen = true;
                    break;
                }
            }
            if (seen) continue;
            out[e++] = x;
        }
        _close(st, hdr);
    }
}
