// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Ext4} from "./Ext4.sol";
import {LittleEndian} from "./LittleEndian.sol";
import {Merkle} from "./Merkle.sol";
import {PackedReader} from "./PackedReader.sol";
import {Transcript} from "./Transcript.sol";

/// @title BaseFold opening verifier (multilinear PCS over BabyBear, Reed–Solomon foldable code)
/// @notice Byte for byte docs/parts/basefold.md §2–§4 (Zeilberger–Chen–Fisch, "BaseFold", CRYPTO 2024;
///         FRI folding as in Ben-Sasson–Bentov–Horesh–Riabzev, ICALP 2018), mirroring
///         packages/core/src/basefold/verify.ts: the same transcript schedule, the same proof bytes,
///         the same checks in the same order, each with its own error:
///           0 version/header → BadProofVersion, ParamsMismatch; 1 reading → Truncated, NonCanonical,
///           TrailingBytes (PackedReader); 2 sumcheck end → SumcheckMismatch; 3 Merkle openings of every
///           layer → MerkleRootMismatch; 4 per-query folds → FoldMismatch(layer, query); 5 last fold
///           against the final polynomial → FinalFoldMismatch(query).
///         Ext elements are packed as in Ext4.sol. x^{-1} for the folds comes from powers of the
///         inverse roots of unity (no inversion per fold); 1/2 is a constant.
library BasefoldVerifier {
    using PackedReader for bytes;

    uint256 internal constant P = 2013265921;
    /// @dev Proof format version (spec §3).
    uint256 internal constant VERSION = 1;
    /// @dev Domain string of the absorbed parameter record (spec §2).
    bytes internal constant PARAMS_DOMAIN = "vouch/basefold-params/v1";
    /// @dev Largest number of claims in one opening (spec §2).
    uint256 internal constant MAX_CLAIMS = 1 << 16;

    uint256 private constant INV2 = 1006632961;
    /// @dev 31 (the coset shift s_0, GENERATOR) and its inverse.
    uint256 private constant GEN = 31;
    uint256 private constant GEN_INV = 64944062;
    /// @dev rootOfUnity(27) = 31^15 and its inverse.
    uint256 private constant OMEGA27 = 440564289;
    uint256 private constant OMEGA27_INV = 1713844692;
    uint256 private constant M32 = 0xffffffff;
    /// @dev p in each 64-bit lane.
    uint256 private constant PPPP = 0x0000000078000001000000007800000100000000780000010000000078000001;
    /// @dev Transcript preimage pieces of a round (Transcript.sol byte format): tag 0x04 ‖ u32le(14) ‖
    ///      "basefold.round" ‖ u32le(32) (23 bytes); 0xFF ‖ Hdr ‖ u32le(0) (28 bytes) and 0xFE ‖ Hdr
    ///      (24 bytes) with Hdr = 0x01 ‖ u32le(10) ‖ "basefold.r" ‖ u32le(1) ‖ u32le(0).
    uint256 private constant ROUND_ABSORB = 0x040e00000062617365666f6c642e726f756e6420000000000000000000000000;
    uint256 private constant R_SQUEEZE = 0xff010a00000062617365666f6c642e7201000000000000000000000000000000;
    /// @dev 0xFF ‖ 0x03 ‖ u32le(16) ‖ "basefold.queries" (22 bytes), the fixed start of the index squeeze.
    uint256 private constant Q_SQUEEZE = 0xff031000000062617365666f6c642e7175657269657300000000000000000000;
    uint256 private constant R_RATCHET = 0xfe010a00000062617365666f6c642e7201000000000000000000000000000000;
    uint256 private constant M64 = 0xffffffffffffffff;
    uint256 private constant SWAP8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant SWAP16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// @notice The proof's version byte is not 1 (basefold.version).
    error BadProofVersion(uint256 version);
    /// @notice basefold.params: header field `field` (0 n, 1 R, 2 a, 3 q, 4 f) differs from the expected one.
    error ParamsMismatch(uint256 field, uint256 expected, uint256 got);
    /// @notice basefold.sumcheck: the last round's claim ≠ F(r_{n−f} … r_{n−1}) · Σ_j ρ^j eq(z_j, r).
    error SumcheckMismatch();
    /// @notice basefold.fold: the fold of query `query`'s leaf of layer `layer` − 1 ≠ its value in layer `layer`.
    error FoldMismatch(uint256 layer, uint256 query);
    /// @notice basefold.final-fold: the last fold of query `query` ≠ the final polynomial at its point.
    error FinalFoldMismatch(uint256 query);
    /// @notice The expected parameters are outside the spec's ranges (§1); `field` as in {ParamsMismatch}.
    error BadBasefoldParams(uint256 field, uint256 value);
    /// @notice The claim count is outside 1 … 2^16, or the claim arrays are not m × n points and m values.
    error BadClaimCount(uint256 count);

    /// @notice Commitment parameters (spec §1), all u32.
    struct Params {
        uint256 n;
        uint256 R;
        uint256 a;
        uint256 q;
        uint256 f;
    }

    /// @dev One folding layer: arity, depth, root and where its opening lies in the proof.
    struct Layer {
        uint256 arity; // a_l
        uint256 logM; // log2 M_l (tree depth)
        bytes32 root;
        uint256 leafBytes;
        uint256 leaves; // byte offset of the first opened leaf
        bytes32 computed; // root recomputed from the opening while reading (compared in check 3)
    }

    /// @dev Everything the checks need after reading and the transcript.
    struct State {
        uint256 rounds; // byte offset of the sumcheck rounds
        uint256 finals; // byte offset of the final coefficients
        uint256[] r; // the n sumcheck challenges
        uint256 rho;
        uint256 claim; // claim after the last round
        uint256[] queries; // layer-0 indices, sampling order
        uint256[] pos; // pos[l·q + j]: position of query j's leaf in layer l's opened leaves
    }

    // ------------------------------------------------------------------ parameters, transcript

    /// @notice Checks the ranges of spec §1 (n 1…24, R 1…8, n + R ≤ 27, a 1…4, f < n, 1 ≤ q ≤ M_0).
    function checkParams(Params memory p) internal pure {
        if (p.n < 1 || p.n > 24) revert BadBasefoldParams(0, p.n);
        if (p.R < 1 || p.R > 8 || p.n + p.R > 27) revert BadBasefoldParams(1, p.R);
        if (p.a < 1 || p.a > 4) revert BadBasefoldParams(2, p.a);
        if (p.f >= p.n) revert BadBasefoldParams(4, p.f);
        uint256 a0 = p.n - p.f < p.a ? p.n - p.f : p.a;
        if (p.q < 1 || p.q > 1 << (p.n + p.R - a0)) revert BadBasefoldParams(3, p.q);
    }

    /// @notice Reads the 20-byte parameter record u32 LE n ‖ R ‖ a ‖ q ‖ f (exactly 20 bytes).
    function decodeParams(bytes calldata d) internal pure returns (Params memory p) {
        uint256 off;
        (p.n, off) = d.u32(0);
        (p.R, off) = d.u32(off);
        (p.a, off) = d.u32(off);
        (p.q, off) = d.u32(off);
        (p.f, off) = d.u32(off);
        d.finish(off);
    }

    /// @notice The commit step of spec §2: the parameter record, then root_0.
    function absorbCommitment(Transcript.State memory st, Params memory p, bytes32 root) internal pure {
        Transcript.absorbBytes(
            st,
            "basefold.params",
            abi.encodePacked(PARAMS_DOMAIN, LittleEndian.le32(p.n), LittleEndian.le32(p.R), LittleEndian.le32(p.a), LittleEndian.le32(p.q), LittleEndian.le32(p.f))
        );
        Transcript.absorbDigest(st, "basefold.root", root);
    }

    // ------------------------------------------------------------------ verification

    /// @notice Verifies an opening of the commitment `root0` (whose commit step `st` has absorbed)
    ///         at the claims (points[j·n … j·n + n − 1], values[j]), ext elements packed as in
    ///         Ext4.sol and canonical. Reverts with a named error unless every check of spec §4 holds.
    function verify(Transcript.State memory st, Params memory p, bytes32 root0, uint256[] memory points, uint256[] memory values, bytes calldata proof)
        internal
        view
    {
        checkParams(p);
        uint256 m = values.length;
        if (m < 1 || m > MAX_CLAIMS || points.length != m * p.n) revert BadClaimCount(m);
        Layer[] memory ls = _layers(p);
        uint256 off = _header(p, proof);
        ls[0].root = root0;
        for (uint256 l = 1; l < ls.length; l++) {
            bytes calldata r;
            (r, off) = proof.raw(off, 32);
            ls[l].root = bytes32(r);
        }
        State memory s;
        s.rounds = off;
        off = _checkBases(proof, off, 8 * p.n, 16);
        s.finals = off;
        off = _checkBases(proof, off, 4 << p.f, 16);
        _transcript(st, p, ls, points, values, proof, s);
        off = _readLayers(p, ls, proof, s, off);
        proof.finish(off);
        _checkSumcheck(p, points, s, proof);
        for (uint256 l = 0; l < ls.length; l++) {
            if (ls[l].computed != ls[l].root) revert Merkle.MerkleRootMismatch(ls[l].root, ls[l].computed);
        }
        _checkFolds(p, ls, proof, s);
    }

    /// @dev The layer shapes of spec §1.
    function _layers(Params memory p) private pure returns (Layer[] memory ls) {
        uint256 folded = p.n - p.f;
        uint256 L = (folded + p.a - 1) / p.a;
        ls = new Layer[](L);
        uint256 logN = p.n + p.R;
        for (uint256 l = 0; l < L; l++) {
            uint256 a = l + 1 < L ? p.a : folded - p.a * (L - 1);
            ls[l].arity = a;
            ls[l].logM = logN - a;
            ls[l].leafBytes = (l == 0 ? 4 : 16) << a;
            logN -= a;
        }
    }

    /// @dev Check 0: version byte, then the five header fields (all read first, as the TS reader)
    ///      against the expected parameters.
    function _header(Params memory p, bytes calldata proof) private pure returns (uint256 off) {
        uint256 ver;
        (ver, off) = proof.u8(0);
        if (ver != VERSION) revert BadProofVersion(ver);
        uint256[5] memory want = [p.n, p.R, p.a, p.q, p.f];
        uint256[5] memory got;
        for (uint256 i = 0; i < 5; i++) (got[i], off) = proof.u32(off);
        for (uint256 i = 0; i < 5; i++) if (got[i] != want[i]) revert ParamsMismatch(i, want[i], got[i]);
    }

    /// @dev The open/verify schedule of spec §2: claims, ρ, n rounds (with the layer roots and the
    ///      final coefficients absorbed where they close), then the query indices.
    function _transcript(
        Transcript.State memory st,
        Params memory p,
        Layer[] memory ls,
        uint256[] memory points,
        uint256[] memory values,
        bytes calldata proof,
        State memory s
    ) private view {
        uint256 n = p.n;
        uint256 m = values.length;
        Transcript.absorbU32(st, "basefold.claims", m);
        for (uint256 j = 0; j < m; j++) {
            Transcript.absorbExtBytes(st, "basefold.point", _extBytes(points, j * n, n));
            Transcript.absorbExtBytes(st, "basefold.value", _extBytes(values, j, 1));
        }
        s.rho = Transcript.challengeExt(st, "basefold.rho");
        uint256 claim = 0;
        {
            uint256 pw = 1;
            for (uint256 j = 0; j < m; j++) {
                claim = Ext4.add(claim, _mul(pw, values[j]));
                pw = _mul(pw, s.rho);
            }
        }
        s.r = new uint256[](n);
        uint256 nextLayer = 1;
        uint256 closes = ls[0].arity;
        for (uint256 i = 0; i < n; i++) {
            uint256 o = s.rounds + 32 * i;
            uint256 r = _roundChallenge(st, proof, o);
            s.r[i] = r;
            claim = _round(claim, _extAt(proof, o), _extAt(proof, o + 16), r);
            if (i + 1 == closes && nextLayer < ls.length) {
                Transcript.absorbDigest(st, "basefold.root", ls[nextLayer].root);
                closes += ls[nextLayer].arity;
                nextLayer++;
            }
            if (i + 1 == n - p.f) Transcript.absorbExtBytes(st, "basefold.final", proof[s.finals:s.finals + (16 << p.f)]);
        }
        s.claim = claim;
        s.queries = _queryIndices(st, ls[0].logM, p.q);
    }

    /// @dev h(r) for the degree-2 round polynomial given h(0), h(2) and h(0) + h(1) = claim
    ///      (Newton form through 0, 1, 2: h0 + r·(h1 − h0) + r(r − 1)/2·(h2 − 2h1 + h0)).
    function _round(uint256 claim, uint256 h0, uint256 h2, uint256 r) private pure returns (uint256) {
        uint256 h1 = _sub(claim, h0);
        uint256 d1 = _sub(h1, h0);
        uint256 d2 = _sub(Ext4.add(h2, h0), Ext4.add(h1, h1));
        uint256 rr = Ext4.mulBase(_mul(r, _sub(r, 1)), INV2);
        return Ext4.add(Ext4.add(h0, _mul(r, d1)), _mul(rr, d2));
    }

    /// @dev Check 1 for the layer openings: for l = 0 … L − 1 the opened leaves (distinct leaf
    ///      indices, ascending; canonical) then the sibling hashes, as many as the multi-opening
    ///      walk consumes (= multiProofSiblingCount). The walk already recomputes the root; it is
    ///      compared with root_l only in check 3, after the sumcheck, as the TS verifier orders it.
    ///      Records each query's leaf position per layer.
    function _readLayers(Params memory p, Layer[] memory ls, bytes calldata proof, State memory s, uint256 off) private view returns (uint256) {
        uint256 q = p.q;
        uint256 L = ls.length;
        uint256[] memory cur = new uint256[](q);
        for (uint256 j = 0; j < q; j++) cur[j] = s.queries[j];
        s.pos = new uint256[](L * q);
        uint256[] memory idx = new uint256[](q);
        uint256[] memory h = new uint256[](q);
        for (uint256 l = 0; l < L; l++) {
            Layer memory ly = ls[l];
            uint256 d = _sortPositions(cur, idx, s.pos, l * q);
            ly.leaves = off;
            off = _checkBases(proof, off, (d * ly.leafBytes) / 4, l == 0 ? 4 : 16);
            uint256 used;
            (ly.computed, used) = _merkleWalk(proof, ly.leaves, ly.leafBytes, ly.logM, off, idx, h, d);
            if (off + 32 * used > proof.length) revert PackedReader.Truncated(off);
            off += 32 * used;
            if (l + 1 < L) {
                uint256 mask = (uint256(1) << ls[l + 1].logM) - 1;
                for (uint256 j = 0; j < q; j++) cur[j] &= mask;
            }
        }
        return off;
    }

    /// @dev Check 2: claim_n = F(r_{n−f} … r_{n−1}) · Σ_j ρ^j eq(z_j, r).
    function _checkSumcheck(Params memory p, uint256[] memory points, State memory s, bytes calldata proof) private pure {
        uint256 n = p.n;
        uint256 f = p.f;
        // F: fold the monomial coefficients by the last f challenges, lowest variable first.
        uint256 len = 1 << f;
        uint256[] memory c = new uint256[](len);
        for (uint256 k = 0; k < len; k++) c[k] = _extAt(proof, s.finals + 16 * k);
        for (uint256 j = 0; j < f; j++) {
            uint256 y = s.r[n - f + j];
            len >>= 1;
            for (uint256 k = 0; k < len; k++) c[k] = Ext4.add(c[2 * k], _mul(y, c[2 * k + 1]));
        }
        uint256 g = 0;
        uint256 pw = 1;
        uint256 m = points.length / n;
        for (uint256 j = 0; j < m; j++) {
            uint256 e = 1;
            for (uint256 k = 0; k < n; k++) {
                uint256 z = points[j * n + k];
                uint256 rk = s.r[k];
                // 1 − z − r + 2zr
                uint256 zr = _mul(z, rk);
                e = _mul(e, Ext4.add(_sub(_sub(1, z), rk), Ext4.add(zr, zr)));
            }
            g = Ext4.add(g, _mul(pw, e));
            pw = _mul(pw, s.rho);
        }
        if (_mul(c[0], g) != s.claim) revert SumcheckMismatch();
    }

    /// @dev The multi-opening walk of Merkle.sol / merkle.ts over the d opened leaves of a layer
    ///      (leaf = H(0x00 ‖ leaf bytes) hashed from calldata at `leaves`; indices idx[0 … d − 1]
    ///      ascending): levels from the leaves up, known positions ascending, an even position whose
    ///      right neighbour is known combines with it, any other consumes the next sibling from
    ///      calldata at `sibs`. Returns the recomputed root and the siblings consumed; the caller
    ///      checks they were present (bytes read past the end are zero and the result discarded).
    ///      Yul, hashing in scratch memory; idx and h are overwritten.
    function _merkleWalk(bytes calldata proof, uint256 leaves, uint256 lb, uint256 depth, uint256 sibs, uint256[] memory idx, uint256[] memory h, uint256 d)
        private
        view
        returns (bytes32 computed, uint256 used)
    {
        assembly ("memory-safe") {
            let fmp := mload(0x40)
            let ixp := add(idx, 0x20)
            let hp := add(h, 0x20)
            let lp := add(proof.offset, leaves)
            mstore8(fmp, 0x00)
            for { let i := 0 } lt(i, d) { i := add(i, 1) } {
                calldatacopy(add(fmp, 1), add(lp, mul(i, lb)), lb)
                if iszero(staticcall(gas(), 0x02, fmp, add(lb, 1), 0x00, 0x20)) { revert(0, 0) }
                mstore(add(hp, shl(5, i)), mload(0x00))
            }
            let sp := add(proof.offset, sibs)
            let n := d
            mstore8(fmp, 0x01)
            for { let k := 0 } lt(k, depth) { k := add(k, 1) } {
                let w := 0
                for { let j := 0 } lt(j, n) { j := add(j, 1) } {
                    let i := mload(add(ixp, shl(5, j)))
                    switch and(i, 1)
                    case 0 {
                        mstore(add(fmp, 1), mload(add(hp, shl(5, j))))
                        let pair := 0
                        if lt(add(j, 1), n) { pair := eq(mload(add(ixp, shl(5, add(j, 1)))), add(i, 1)) }
                        switch pair
                        case 1 {
                            j := add(j, 1)
                            mstore(add(fmp, 33), mload(add(hp, shl(5, j))))
                        }
                        default {
                            mstore(add(fmp, 33), calldataload(add(sp, shl(5, used))))
                            used := add(used, 1)
                        }
                    }
                    default {
                        mstore(add(fmp, 1), calldataload(add(sp, shl(5, used))))
                        mstore(add(fmp, 33), mload(add(hp, shl(5, j))))
                        used := add(used, 1)
                    }
                    if iszero(staticcall(gas(), 0x02, fmp, 65, 0x00, 0x20)) { revert(0, 0) }
                    mstore(add(hp, shl(5, w)), mload(0x00))
                    mstore(add(ixp, shl(5, w)), shr(1, i))
                    w := add(w, 1)
                }
                n := w
            }
            computed := mload(hp)
        }
    }

    /// @dev Checks 4 and 5: per query (sampling order), fold its leaf of every layer and compare
    ///      with the next layer's opened value, at the last layer with the final polynomial.
    function _checkFolds(Params memory p, Layer[] memory ls, bytes calldata proof, State memory s) private pure {
        uint256 L = ls.length;
        uint256 q = p.q;
        // ζ^{-k} for k < 2^{a_l}, per layer (ζ = rootOfUnity(a_l)).
        uint256[][] memory zinv = new uint256[][](L);
        for (uint256 l = 0; l < L; l++) zinv[l] = _zetaInvPowers(ls[l].arity);
        uint256 wInv0 = _rootInv(p.n + p.R);
        // Final point s_L·ω_{N_L}^m: s_L = 31^(2^(n−f)), N_L = M_{L−1}.
        uint256 sL = GEN;
        for (uint256 i = 0; i < p.n - p.f; i++) sL = mulmod(sL, sL, P);
        uint256 wL = _root(ls[L - 1].logM);
        uint256[] memory fc = new uint256[](1 << p.f);
        for (uint256 k = 0; k < fc.length; k++) fc[k] = _extAt(proof, s.finals + 16 * k);
        uint256[] memory v = new uint256[](8);
        for (uint256 j = 0; j < q; j++) {
            uint256 m = s.queries[j];
            uint256 xInv = mulmod(GEN_INV, _pow(wInv0, m), P);
            uint256 ro = 0;
            for (uint256 l = 0; l < L; l++) {
                Layer memory ly = ls[l];
                uint256 a = ly.arity;
                uint256 val = _fold(proof, ly.leaves + s.pos[l * q + j] * ly.leafBytes, l == 0, a, xInv, s.r, ro, zinv[l], v);
                ro += a;
                if (l + 1 < L) {
                    Layer memory nx = ls[l + 1];
                    uint256 slot = m >> nx.logM;
                    m &= (uint256(1) << nx.logM) - 1;
                    uint256 want = _extAt(proof, nx.leaves + s.pos[(l + 1) * q + j] * nx.leafBytes + 16 * slot);
                    if (val != want) revert FoldMismatch(l + 1, j);
                    // The point of index m (before reduction) is leaf (m mod M_{l+1})'s point times ζ^slot:
                    // x_{l+1}^{-1} = (x^{-1})^(2^a)·ζ^slot, ζ^slot = ζ^{-(2^a' − slot)}.
                    for (uint256 t = 0; t < a; t++) xInv = mulmod(xInv, xInv, P);
                    uint256 mask = (uint256(1) << nx.arity) - 1;
                    xInv = mulmod(xInv, zinv[l + 1][((mask + 1) - slot) & mask], P);
                } else {
                    uint256 y = mulmod(sL, _pow(wL, m), P);
                    if (val != _horner(fc, y)) revert FinalFoldMismatch(j);
                }
            }
        }
    }

    /// @dev Local fold of spec §4 of the leaf at byte `lo` (2^a values at x·ζ^k: base for layer 0,
    ///      else ext) with r[o … o + a − 1]; returns v_0. Each step computes the doubled fold
    ///      v_k ← (v_k + v_{k+h}) + (v_k − v_{k+h})·(r_t·x_t^{-1}·ζ_t^{-k}), h = 2^(a−t−1), and the
    ///      result is multiplied by 2^{−a} once. Lane arithmetic: r_t·s for a base s is one `mul` of
    ///      the packed r_t (each lane < 2^62); the ext product is reduced once per lane (< 2^101).
    ///      `xInv` = x^{-1}; zinv[k] = ζ^{-k}; v is scratch of ≥ 2^(a−1) words. Yul.
    function _fold(
        bytes calldata proof,
        uint256 lo,
        bool base,
        uint256 a,
        uint256 xInv,
        uint256[] memory r,
        uint256 o,
        uint256[] memory zinv,
        uint256[] memory v
    ) private pure returns (uint256 res) {
        assembly ("memory-safe") {
            function red(x) -> y {
                y := or(or(mod(and(x, M64), P), shl(64, mod(and(shr(64, x), M64), P))), or(shl(128, mod(and(shr(128, x), M64), P)), shl(192, mod(shr(192, x), P))))
            }
            // (u + w) + (u − w)·R for packed canonical ext u, w and R = r·s with lanes < 2^62.
            function step(u, w, R) -> y {
                let sm := add(u, w)
                let df := sub(add(u, PPPP), w)
                let d0 := and(df, M64)
                let d1 := and(shr(64, df), M64)
                let d2 := and(shr(128, df), M64)
                let d3 := shr(192, df)
                let R0 := and(R, M64)
                let R1 := and(shr(64, R), M64)
                let R2 := and(shr(128, R), M64)
                let R3 := shr(192, R)
                y := or(
                    or(
                        mod(add(and(sm, M64), add(mul(d0, R0), mul(11, add(add(mul(d1, R3), mul(d2, R2)), mul(d3, R1))))), P),
                        shl(64, mod(add(and(shr(64, sm), M64), add(add(mul(d0, R1), mul(d1, R0)), mul(11, add(mul(d2, R3), mul(d3, R2))))), P))
                    ),
                    or(
                        shl(128, mod(add(and(shr(128, sm), M64), add(add(add(mul(d0, R2), mul(d1, R1)), mul(d2, R0)), mul(11, mul(d3, R3)))), P)),
                        shl(192, mod(add(shr(192, sm), add(add(add(mul(d0, R3), mul(d1, R2)), mul(d2, R1)), mul(d3, R0))), P))
                    )
                )
            }
            function extAt(ptr) -> y {
                let w := calldataload(ptr)
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                y := or(or(shr(224, w), shl(64, and(shr(192, w), M32))), or(shl(128, and(shr(160, w), M32)), shl(192, and(shr(128, w), M32))))
            }
            function baseAt(ptr) -> y {
                let w := shr(224, calldataload(ptr))
                y := or(or(shr(24, w), and(shr(8, w), 0xff00)), or(and(shl(8, w), 0xff0000), and(shl(24, w), 0xff000000)))
            }
            let vp := add(v, 0x20)
            let zp := add(zinv, 0x20)
            let rp := add(add(r, 0x20), shl(5, o))
            let dp := add(proof.offset, lo)
            // Step 0 reads the leaf from calldata.
            let h := shl(sub(a, 1), 1)
            let rt := mload(rp)
            switch base
            case 1 {
                for { let k := 0 } lt(k, h) { k := add(k, 1) } {
                    let u := baseAt(add(dp, shl(2, k)))
                    let w := baseAt(add(dp, shl(2, add(k, h))))
                    let dd := mulmod(add(u, sub(P, w)), mulmod(xInv, mload(add(zp, shl(5, k))), P), P)
                    mstore(add(vp, shl(5, k)), red(add(mul(rt, dd), add(u, w))))
                }
            }
            default {
                for { let k := 0 } lt(k, h) { k := add(k, 1) } {
                    let sc := mulmod(xInv, mload(add(zp, shl(5, k))), P)
                    mstore(add(vp, shl(5, k)), step(extAt(add(dp, shl(4, k))), extAt(add(dp, shl(4, add(k, h)))), mul(rt, sc)))
                }
            }
            let xt := mulmod(xInv, xInv, P)
            for { let t := 1 } lt(t, a) { t := add(t, 1) } {
                h := shr(1, h)
                rt := mload(add(rp, shl(5, t)))
                for { let k := 0 } lt(k, h) { k := add(k, 1) } {
                    let sc := mulmod(xt, mload(add(zp, shl(5, shl(t, k)))), P)
                    mstore(add(vp, shl(5, k)), step(mload(add(vp, shl(5, k))), mload(add(vp, shl(5, add(k, h)))), mul(rt, sc)))
                }
                xt := mulmod(xt, xt, P)
            }
            // × 2^{−a}
            let s2 := 1
            for { let t := 0 } lt(t, a) { t := add(t, 1) } { s2 := mulmod(s2, INV2, P) }
            let y := mload(vp)
            res := or(or(mulmod(and(y, M64), s2, P), shl(64, mulmod(and(shr(64, y), M64), s2, P))), or(shl(128, mulmod(and(shr(128, y), M64), s2, P)), shl(192, mulmod(shr(192, y), s2, P))))
        }
    }

    // ------------------------------------------------------------------ helpers

    /// @dev a·b in K (X^4 = 11), Yul (schoolbook; each lane sum < 2^70 before one reduction).
    function _mul(uint256 a, uint256 b) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := and(a, M64)
            let a1 := and(shr(64, a), M64)
            let a2 := and(shr(128, a), M64)
            let a3 := shr(192, a)
            let b0 := and(b, M64)
            let b1 := and(shr(64, b), M64)
            let b2 := and(shr(128, b), M64)
            let b3 := shr(192, b)
            let c0 := mod(add(mul(a0, b0), mul(11, add(add(mul(a1, b3), mul(a2, b2)), mul(a3, b1)))), P)
            let c1 := mod(add(add(mul(a0, b1), mul(a1, b0)), mul(11, add(mul(a2, b3), mul(a3, b2)))), P)
            let c2 := mod(add(add(add(mul(a0, b2), mul(a1, b1)), mul(a2, b0)), mul(11, mul(a3, b3))), P)
            let c3 := mod(add(add(add(mul(a0, b3), mul(a1, b2)), mul(a2, b1)), mul(a3, b0)), P)
            r := or(or(c0, shl(64, c1)), or(shl(128, c2), shl(192, c3)))
        }
    }

    /// @dev Σ_i c[i]·y^i for packed ext c and a base point y: Horner on all four lanes at once
    ///      (lanes < p, so acc·y + c < 2^63 per 64-bit lane), one reduction per lane and step.
    function _horner(uint256[] memory c, uint256 y) private pure returns (uint256 acc) {
        assembly ("memory-safe") {
            let cp := add(c, 0x20)
            for { let i := mload(c) } i {} {
                i := sub(i, 1)
                let x := add(mul(acc, y), mload(add(cp, shl(5, i))))
                acc := or(or(mod(and(x, M64), P), shl(64, mod(and(shr(64, x), M64), P))), or(shl(128, mod(and(shr(128, x), M64), P)), shl(192, mod(shr(192, x), P))))
            }
        }
    }

    /// @dev a − b in K, lane-wise.
    function _sub(uint256 a, uint256 b) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let d := sub(add(a, PPPP), b)
            r := or(or(mod(and(d, M64), P), shl(64, mod(and(shr(64, d), M64), P))), or(shl(128, mod(and(shr(128, d), M64), P)), shl(192, mod(shr(192, d), P))))
        }
    }

    /// @dev Reverts Truncated / NonCanonical (PackedReader's errors and offsets) unless `count`
    ///      canonical u32 LE base elements start at byte `off`; returns the next offset. As the TS
    ///      reader, which reads element by element (`unit` = 4 bytes for base elements, 16 for ext),
    ///      a short run first reports a non-canonical element among the whole units present.
    ///      Eight elements per calldata word: lanes byte-swapped, then every lane + (2^32 − p)
    ///      tested for a carry into bit 32.
    function _checkBases(bytes calldata d, uint256 off, uint256 count, uint256 unit) private pure returns (uint256 next) {
        next = off + 4 * count;
        if (next > d.length) {
            uint256 whole = off < d.length ? ((d.length - off) / unit) * unit : 0;
            PackedReader.checkBases(d, off, whole / 4);
            revert PackedReader.Truncated(off + whole);
        }
        bool bad;
        assembly ("memory-safe") {
            let pp := add(d.offset, off)
            let end := add(d.offset, next)
            let cst := 0x0000000087ffffff0000000087ffffff0000000087ffffff0000000087ffffff
            let carry := 0x0000000100000000000000010000000000000001000000000000000100000000
            for {} lt(pp, end) { pp := add(pp, 32) } {
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
        // Slow path only to name the offending offset.
        if (bad) PackedReader.checkBases(d, off, count);
    }

    /// @dev The ext element at byte `off` of `d` (16 bytes LE, already checked canonical), packed.
    function _extAt(bytes calldata d, uint256 off) private pure returns (uint256 v) {
        assembly ("memory-safe") {
            let w := calldataload(add(d.offset, off))
            w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
            w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
            v := or(or(shr(224, w), shl(64, and(shr(192, w), M32))), or(shl(128, and(shr(160, w), M32)), shl(192, and(shr(128, w), M32))))
        }
    }

    /// @dev The 16·count LE bytes of packed ext elements xs[start … start + count − 1].
    function _extBytes(uint256[] memory xs, uint256 start, uint256 count) private pure returns (bytes memory out) {
        out = new bytes(16 * count);
        for (uint256 i = 0; i < count; i++) {
            uint256 e = xs[start + i];
            uint256 w = 0;
            for (uint256 c = 0; c < 4; c++) w |= LittleEndian.swap32((e >> (64 * c)) & M32) << (96 - 32 * c);
            assembly ("memory-safe") {
                let ptr := add(add(out, 0x20), mul(i, 16))
                mstore(ptr, or(shl(128, w), and(mload(ptr), sub(shl(128, 1), 1))))
            }
        }
    }

    /// @dev x^e mod p.
    function _pow(uint256 x, uint256 e) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            r := 1
            for {} e {} {
                if and(e, 1) { r := mulmod(r, x, P) }
                x := mulmod(x, x, P)
                e := shr(1, e)
            }
        }
    }

    /// @dev rootOfUnity(k) = (31^15)^(2^(27 − k)).
    function _root(uint256 k) private pure returns (uint256 w) {
        w = OMEGA27;
        for (uint256 i = k; i < 27; i++) w = mulmod(w, w, P);
    }

    /// @dev rootOfUnity(k)^{-1}.
    function _rootInv(uint256 k) private pure returns (uint256 w) {
        w = OMEGA27_INV;
        for (uint256 i = k; i < 27; i++) w = mulmod(w, w, P);
    }

    /// @dev ζ^{-k} for k < 2^a, ζ = rootOfUnity(a).
    function _zetaInvPowers(uint256 a) private pure returns (uint256[] memory z) {
        uint256 cnt = uint256(1) << a;
        z = new uint256[](cnt);
        uint256 zi = _rootInv(a);
        uint256 acc = 1;
        for (uint256 k = 0; k < cnt; k++) {
            z[k] = acc;
            acc = mulmod(acc, zi, P);
        }
    }

    /// @dev Sorts the keys (cur[j] << 32 | j) (insertion sort; q is small), writes the distinct
    ///      values of cur ascending to idx[0 … d − 1] and pos[base + j] = position of cur[j] there.
    function _sortPositions(uint256[] memory cur, uint256[] memory idx, uint256[] memory pos, uint256 base) private pure returns (uint256 d) {
        uint256[] memory keys = _sortedKeys(cur);
        assembly ("memory-safe") {
            let kp := add(keys, 0x20)
            let ip := add(idx, 0x20)
            let pp := add(add(pos, 0x20), shl(5, base))
            let prev := not(0)
            let end := add(kp, shl(5, mload(keys)))
            for {} lt(kp, end) { kp := add(kp, 0x20) } {
                let key := mload(kp)
                if iszero(eq(shr(32, key), prev)) {
                    prev := shr(32, key)
                    mstore(add(ip, shl(5, d)), prev)
                    d := add(d, 1)
                }
                mstore(add(pp, shl(5, and(key, M32))), sub(d, 1))
            }
        }
    }

    /// @dev The keys (cur[j] << 32 | j), ascending (binary insertion sort; the keys are distinct).
    function _sortedKeys(uint256[] memory cur) private pure returns (uint256[] memory keys) {
        uint256 q = cur.length;
        keys = new uint256[](q);
        assembly ("memory-safe") {
            let kp := add(keys, 0x20)
            let cp := add(cur, 0x20)
            for { let i := 0 } lt(i, q) { i := add(i, 1) } {
                let x := or(shl(32, mload(add(cp, shl(5, i)))), i)
                let lo := 0
                let hi := i
                for {} lt(lo, hi) {} {
                    let mid := shr(1, add(lo, hi))
                    switch lt(mload(add(kp, shl(5, mid))), x)
                    case 1 { lo := add(mid, 1) }
                    default { hi := mid }
                }
                let at := add(kp, shl(5, lo))
                mcopy(add(at, 0x20), at, shl(5, sub(i, lo)))
                mstore(at, x)
            }
        }
    }

    /// @dev Transcript.challengeIndices("basefold.queries", 2^logD, q), byte for byte as Transcript.sol
    ///      (words w & (2^logD − 1), a power-of-two domain so every word is in range; an index drawn
    ///      before is skipped), in Yul with scratch-memory hashing. Requires 1 ≤ q ≤ 2^logD ≤ 2^31.
    function _queryIndices(Transcript.State memory st, uint256 logD, uint256 q) private view returns (uint256[] memory out) {
        out = new uint256[](q);
        assembly ("memory-safe") {
            function le32(x) -> y {
                y := or(or(shr(24, x), and(shr(8, x), 0xff00)), or(and(shl(8, x), 0xff0000), shl(24, and(x, 0xff))))
            }
            let m := mload(0x40)
            let op := add(out, 0x20)
            let mask := sub(shl(logD, 1), 1)
            mstore(m, mload(st))
            // 0xFF ‖ Hdr ‖ u32le(j), Hdr = 0x03 ‖ u32le(16) ‖ "basefold.queries" ‖ u32le(q) ‖ u32le(2^logD)
            mstore(add(m, 32), Q_SQUEEZE)
            mstore(add(m, 54), shl(192, or(shl(32, le32(q)), le32(add(mask, 1)))))
            let got := 0
            for { let j := 0 } lt(got, q) { j := add(j, 1) } {
                mstore(add(m, 62), shl(224, le32(j)))
                if iszero(staticcall(gas(), 0x02, m, 66, 0x00, 0x20)) { revert(0, 0) }
                let blk := mload(0x00)
                for { let i := 0 } and(lt(i, 8), lt(got, q)) { i := add(i, 1) } {
                    let x := and(le32(and(shr(sub(224, shl(5, i)), blk), M32)), mask)
                    let seen := 0
                    for { let e := 0 } lt(e, got) { e := add(e, 1) } {
                        if eq(mload(add(op, shl(5, e))), x) {
                            seen := 1
                            break
                        }
                    }
                    if iszero(seen) {
                        mstore(add(op, shl(5, got)), x)
                        got := add(got, 1)
                    }
                }
            }
            // ratchet S ← H(S ‖ 0xFE ‖ Hdr)
            mstore8(add(m, 32), 0xfe)
            if iszero(staticcall(gas(), 0x02, m, 62, 0x00, 0x20)) { revert(0, 0) }
            mstore(st, mload(0x00))
        }
    }

    /// @dev Transcript.absorbExt("basefold.round", 32 bytes at calldata `off`) then
    ///      Transcript.challengeExt("basefold.r"), byte for byte as Transcript.sol, hashed in
    ///      scratch memory: three SHA-256 calls (absorb, squeeze block(s), ratchet).
    function _roundChallenge(Transcript.State memory st, bytes calldata proof, uint256 off) private view returns (uint256 r) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, mload(st))
            mstore(add(m, 32), ROUND_ABSORB)
            calldatacopy(add(m, 55), add(proof.offset, off), 32)
            if iszero(staticcall(gas(), 0x02, m, 87, 0x00, 0x20)) { revert(0, 0) }
            let s := mload(0x00)
            mstore(m, s)
            mstore(add(m, 32), R_SQUEEZE)
            let got := 0
            let j := 0
            for {} lt(got, 4) {} {
                mstore8(add(m, 56), j)
                if iszero(staticcall(gas(), 0x02, m, 60, 0x00, 0x20)) { revert(0, 0) }
                let blk := mload(0x00)
                for { let i := 0 } and(lt(i, 8), lt(got, 4)) { i := add(i, 1) } {
                    let w := and(shr(sub(224, shl(5, i)), blk), M32)
                    w := and(or(or(shr(24, w), and(shr(8, w), 0xff00)), or(and(shl(8, w), 0xff0000), shl(24, and(w, 0xff)))), 0x7fffffff)
                    if lt(w, P) {
                        r := or(r, shl(shl(6, got), w))
                        got := add(got, 1)
                    }
                }
                j := add(j, 1)
            }
            mstore(add(m, 32), R_RATCHET)
            if iszero(staticcall(gas(), 0x02, m, 56, 0x00, 0x20)) { revert(0, 0) }
            mstore(st, mload(0x00))
        }
    }
}
