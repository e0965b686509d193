// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BabyBear} from "./BabyBear.sol";
import {Ext4} from "./Ext4.sol";
import {LittleEndian} from "./LittleEndian.sol";
import {Merkle} from "./Merkle.sol";
import {PackedReader} from "./PackedReader.sol";
import {Transcript} from "./Transcript.sol";
import {LigeroCircuit} from "./LigeroCircuit.sol";
import {LazyExt} from "./LazyExt.sol";

/// @title The zero-knowledge Ligero verifier
/// @notice Mirrors packages/core/src/ligero/verify.ts and docs/parts/ligero.md §5–§7: the same
///         transcript schedule, the same proof bytes (root ‖ serializeLigeroProof, v2), the same checks
///         in the same order: ligero.params → merkle.path → ligero.linear-sum → ligero.proximity (all columns) →
///         ligero.linear-column → ligero.quadratic-column. Each failed check reverts with its own error.
///         The three column checks are first tested together through one random combination γ
///         (label `onchain.batch`, drawn from the transcript after every proof message is fixed);
///         only when it fails are they evaluated one by one to name the failing check.
library LigeroVerifier {
    using PackedReader for bytes;

    uint256 internal constant P = 2013265921;
    uint256 internal constant MASK_ROWS = 20;
    uint256 internal constant SALT = 16;
    uint256 internal constant COSET_SHIFT = 31;
    /// @dev Ligero proof format version (2: the parameter record heads the proof).
    uint256 internal constant PROOF_VERSION = 2;
    /// @dev Domain string of the absorbed parameter record (ligero/record.ts).
    bytes internal constant PARAMS_DOMAIN = "vouch/ligero-params/v1";
    /// @dev Bytes of the record's fields: 7 × u32 LE.
    uint256 internal constant PARAMS_BYTES = 28;

    /// @notice The proof's version byte is not 2.
    error BadProofVersion(uint256 version);
    /// @notice ligero.params: the proof was made under another parameter set. `field` indexes
    ///         (rowWidth, witnessRows, maskRows, queries, codeLength, cosetShift, saltBytes).
    error ParamsMismatch(uint256 field, uint256 expected, uint256 got);
    /// @notice ligero.linear-sum: Σ_{x∈H} q_L(x) ≠ −Σ_c α_c·constant_c.
    error LinearSumMismatch(uint256 expected, uint256 got);
    /// @notice ligero.proximity failed at opened column `column`.
    error ProximityMismatch(uint256 column);
    /// @notice ligero.linear-column failed at opened column `column`.
    error LinearColumnMismatch(uint256 column);
    /// @notice ligero.quadratic-column failed at opened column `column`.
    error QuadraticColumnMismatch(uint256 column);
    /// @notice The γ-combined column check failed but no single check did (probability ≤ 2/|K|).
    error BatchMismatch();

    /// @dev Byte offsets of the proof's parts inside the calldata `proof`.
    struct Parts {
        bytes32 root;
        uint256 params;
        uint256 prox;
        uint256 lin;
        uint256 quad;
        uint256 cols;
        uint256 salts;
        uint256 sibs;
        uint256 sibLen;
    }

    struct Challenges {
        uint256[] alpha;
        uint256[] u;
        uint256[] v;
        uint256[] idx;
    }

    /// @dev Reads the proof layout; every element is checked canonical.
    function _parts(LigeroCircuit.Circuit memory c, bytes calldata proof) private pure returns (Parts memory q) {
        uint256 k = c.l + c.t;
        uint256 R = c.numRows + MASK_ROWS;
        bytes calldata r;
        uint256 off;
        (r, off) = proof.raw(0, 32);
        q.root = bytes32(r);
        uint256 ver;
        (ver, off) = proof.u8(off);
        if (ver != PROOF_VERSION) revert BadProofVersion(ver);
        q.params = off;
        off = _checkParams(c, proof, off);
        off = proof.u32Exact(off, k);
        q.prox = off;
        off = proof.checkBases(off, 4 * k);
        off = proof.u32Exact(off, c.l + k);
        q.lin = off;
        off = proof.checkBases(off, 4 * (c.l + k));
        off = proof.u32Exact(off, k + c.t - 1);
        q.quad = off;
        off = proof.checkBases(off, 4 * (k + c.t - 1));
        off = proof.u32Exact(off, c.t * R);
        q.cols = off;
        off = proof.checkBases(off, c.t * R);
        off = proof.u32Exact(off, SALT * c.t);
        q.salts = off;
        (, off) = proof.raw(off, SALT * c.t);
        (q.sibLen, off) = proof.u32(off);
        q.sibs = off;
        (, off) = proof.raw(off, q.sibLen);
        proof.finish(off);
    }

    /// @dev The proof header must be the circuit's own parameter record (ligero.params).
    function _checkParams(LigeroCircuit.Circuit memory c, bytes calldata proof, uint256 off) private pure returns (uint256) {
        uint256[7] memory want = [c.l, c.numRows, MASK_ROWS, c.t, uint256(1) << c.logN, COSET_SHIFT, SALT];
        for (uint256 i = 0; i < 7; i++) {
            uint256 got;
            (got, off) = proof.u32(off);
            if (got != want[i]) revert ParamsMismatch(i, want[i], got);
        }
        return off;
    }

    function _challenges(LigeroCircuit.Circuit memory c, Transcript.State memory st, bytes calldata proof, Parts memory q)
        private
        pure
        returns (Challenges memory ch)
    {
        uint256 k = c.l + c.t;
        uint256 C = c.constants.length;
        uint256 T = c.triA.length;
        Transcript.absorbU32(st, "ligero.constraints", C);
        Transcript.absorbU32(st, "ligero.triples", T);
        Transcript.absorbU32(st, "ligero.rows", c.numRows);
        if (C > 0) ch.alpha = Transcript.challengeExts(st, "ligero.alpha", C);
        ch.u = Transcript.challengeExts(st, "ligero.u", c.numRows + MASK_ROWS - 4);
        if (T > 0) ch.v = Transcript.challengeExts(st, "ligero.v", T);
        Transcript.absorbExtBytes(st, "ligero.proximity", proof[q.prox:q.prox + 16 * k]);
        Transcript.absorbExtBytes(st, "ligero.linear", proof[q.lin:q.lin + 16 * (c.l + k)]);
        Transcript.absorbExtBytes(st, "ligero.quadratic", proof[q.quad:q.quad + 16 * (k + c.t - 1)]);
        ch.idx = Transcript.challengeIndices(st, "ligero.queries", 1 << c.logN, c.t);
    }

    /// @dev Ext coefficient i of a response at `off` (canonical: checked by _parts).
    function _coef(bytes calldata d, uint256 off, uint256 i) private pure returns (uint256 v) {
        uint256 o = off + 16 * i;
        v = d.baseAt(o, 0) | (d.baseAt(o, 1) << 64) | (d.baseAt(o, 2) << 128) | (d.baseAt(o, 3) << 192);
    }

    /// @dev q(x) for q with `len` ext coefficients at `off`, x ∈ F_p (Horner).
    function _eval(bytes calldata d, uint256 off, uint256 len, uint256 x) private pure returns (uint256) {
        return LazyExt.evalCalldata(d, off, len, x);
    }

    /// @dev The ext value held in 4 consecutive rows r..r+3 of opened column j.
    function _extRows(bytes calldata d, Parts memory q, uint256 R, uint256 j, uint256 r) private pure returns (uint256) {
        uint256 o = j * R + r;
        return d.baseAt(q.cols, o) | (d.baseAt(q.cols, o + 1) << 64) | (d.baseAt(q.cols, o + 2) << 128) | (d.baseAt(q.cols, o + 3) << 192);
    }

    function _merkle(LigeroCircuit.Circuit memory c, bytes calldata proof, Parts memory q, uint256[] memory idx) private view {
        uint256 R = c.numRows + MASK_ROWS;
        uint256 t = c.t;
        bytes32[] memory leaves = new bytes32[](t);
        uint256[] memory sorted = new uint256[](t);
        for (uint256 j = 0; j < t; j++) {
            uint256 co = q.cols + 4 * R * j;
            uint256 so = q.salts + SALT * j;
            leaves[j] = Merkle.hashLeafCalldata(proof[so:so + SALT], proof[co:co + 4 * R]);
            sorted[j] = idx[j];
        }
        Merkle.verifyMulti(q.root, c.logN, sorted, leaves, proof[q.sibs:q.sibs + q.sibLen]);
    }

    function _linearSum(LigeroCircuit.Circuit memory c, bytes calldata proof, Parts memory q, uint256[] memory alpha) private pure {
        uint256 target = 0;
        for (uint256 i = 0; i < c.constants.length; i++) target = Ext4.add(target, Ext4.mul(c.constants[i], alpha[i]));
        target = Ext4.neg(target);
        uint256 sum = 0;
        uint256 len = 2 * c.l + c.t;
        for (uint256 m = 0; m < len; m += c.l) sum = Ext4.add(sum, _coef(proof, q.lin, m));
        sum = Ext4.mulBase(sum, c.l);
        if (sum != target) revert LinearSumMismatch(target, sum);
    }

    /// @notice Verifies `proof` (root ‖ Ligero proof v2) for circuit `c`, continuing `st` (which
    ///         must already hold the domain, version and statement). Reverts with a named error.
    ///         Absorbs the parameter record ("vouch/ligero-params/v1" ‖ the 28 header bytes, equal
    ///         to the circuit's own by _checkParams) before the root, as ligero/record.ts does.
    function verify(LigeroCircuit.Circuit memory c, Transcript.State memory st, bytes calldata proof) internal view {
        Parts memory q = _parts(c, proof);
        Transcript.absorbBytes(st, "ligero.params", abi.encodePacked(PARAMS_DOMAIN, proof[q.params:q.params + PARAMS_BYTES]));
        Transcript.absorbDigest(st, "ligero.root", q.root);
        Challenges memory ch = _challenges(c, st, proof, q);
        _merkle(c, proof, q, ch.idx);
        _linearSum(c, proof, q, ch.alpha);
        // Scale every coefficient by its constraint's α once.
        for (uint256 i = 0; i < c.sparseCon.length; i++) c.sparseCoef[i] = Ext4.mul(c.sparseCoef[i], ch.alpha[c.sparseCon[i]]);
        for (uint256 i = 0; i < c.tenCon.length; i++) {
            uint256 a = ch.alpha[c.tenCon[i]];
            uint256[] memory rc = c.tenCoeffs[i];
            for (uint256 r = 0; r < rc.length; r++) rc[r] = Ext4.mul(rc[r], a);
        }
        uint256[] memory xs = _points(c, ch.idx);
        uint256[] memory lhsP = _proximityLhs(c, proof, q, ch);
        uint256[] memory lhsL = _linearLhs(c, proof, q, xs);
        (uint256[] memory lhsQ, uint256[] memory zs) = _quadraticLhs(c, proof, q, ch, xs);
        // Fast path: one random combination γ of the three column checks (γ drawn after every
        // proof message is fixed), so each query evaluates one polynomial of ℓ + k coefficients
        // instead of three. On failure the checks run one by one to name the failing one.
        uint256 gamma = Transcript.challengeExt(st, "onchain.batch");
        uint256[] memory comb = _combine(c, proof, q, gamma);
        uint256 g2 = Ext4.mul(gamma, gamma);
        for (uint256 j = 0; j < c.t; j++) {
            uint256 lhs = Ext4.add(Ext4.mulBase(Ext4.add(lhsP[j], Ext4.mul(gamma, lhsL[j])), zs[j]), Ext4.mul(g2, lhsQ[j]));
            if (lhs != Ext4.mulBase(LazyExt.evalMemory(comb, xs[j]), zs[j])) {
                _diagnose(c, proof, q, ch, xs, lhsP, lhsL, lhsQ, zs);
            }
        }
    }

    /// @dev q_P + γ·q_L + γ²·Q' coefficient-wise (ℓ + k coefficients).
    function _combine(LigeroCircuit.Circuit memory c, bytes calldata proof, Parts memory q, uint256 gamma) private pure returns (uint256[] memory comb) {
        uint256 k = c.l + c.t;
        uint256 g2 = Ext4.mul(gamma, gamma);
        comb = new uint256[](c.l + k);
        for (uint256 i = 0; i < c.l + k; i++) {
            uint256 v = Ext4.mul(gamma, _coef(proof, q.lin, i));
            if (i < k) v = Ext4.add(v, _coef(proof, q.prox, i));
            if (i < k + c.t - 1) v = Ext4.add(v, Ext4.mul(g2, _coef(proof, q.quad, i)));
            comb[i] = v;
        }
    }

    /// @dev The three column checks one by one, in the TS verifier's order; reverts with the first failure.
    function _diagnose(
        LigeroCircuit.Circuit memory c,
        bytes calldata proof,
        Parts memory q,
        Challenges memory ch,
        uint256[] memory xs,
        uint256[] memory lhsP,
        uint256[] memory lhsL,
        uint256[] memory lhsQ,
        uint256[] memory zs
    ) private pure {
        uint256 k = c.l + c.t;
        for (uint256 j = 0; j < c.t; j++) if (lhsP[j] != _eval(proof, q.prox, k, xs[j])) revert ProximityMismatch(ch.idx[j]);
        for (uint256 j = 0; j < c.t; j++) if (lhsL[j] != _eval(proof, q.lin, c.l + k, xs[j])) revert LinearColumnMismatch(ch.idx[j]);
        for (uint256 j = 0; j < c.t; j++) {
            if (lhsQ[j] != Ext4.mulBase(_eval(proof, q.quad, k + c.t - 1, xs[j]), zs[j])) revert QuadraticColumnMismatch(ch.idx[j]);
        }
        revert BatchMismatch();
    }

    function _points(LigeroCircuit.Circuit memory c, uint256[] memory idx) private pure returns (uint256[] memory xs) {
        uint256 w = BabyBear.pow(31, 15);
        for (uint256 i = c.logN; i < 27; i++) w = mulmod(w, w, P);
        xs = new uint256[](idx.length);
        for (uint256 j = 0; j < idx.length; j++) xs[j] = mulmod(31, BabyBear.pow(w, idx[j]), P);
    }

    /// @dev Σ_{r∉M_P} u_r·U_r[j] + Σ_c X^c·M_P^(c)[j] per opened column (ligero.proximity's left side).
    function _proximityLhs(LigeroCircuit.Circuit memory c, bytes calldata proof, Parts memory q, Challenges memory ch)
        private
        pure
        returns (uint256[] memory out)
    {
        uint256 W = c.numRows;
        uint256 R = W + MASK_ROWS;
        out = new uint256[](c.t);
        for (uint256 j = 0; j < c.t; j++) {
            uint256 lhs = _extRows(proof, q, R, j, W);
            uint256 o = q.cols + 4 * j * R;
            lhs = Ext4.add(lhs, LazyExt.dotCalldata(ch.u, 0, W, proof, o));
            lhs = Ext4.add(lhs, LazyExt.dotCalldata(ch.u, W, R - W - 4, proof, o + 4 * (W + 4)));
            out[j] = lhs;
        }
    }

    /// @dev Σ_r ā_r(η_j)·U_r[j] + M_L0[j] + η_j^ℓ·M_L1[j] per opened column (ligero.linear-column's left side). Tensor terms: V̄(η_j) by Horner over the circuit's interpolant
    ///      coefficients. Sparse terms: L_col(η_j) = ζ_col·(η_j^ℓ − 1)/(ℓ·(η_j − ζ_col)), the
    ///      denominators of one column inverted together (Montgomery's trick).
    function _linearLhs(LigeroCircuit.Circuit memory c, bytes calldata proof, Parts memory q, uint256[] memory xs)
        private
        pure
        returns (uint256[] memory out)
    {
        out = new uint256[](c.t);
        uint256 W = c.numRows;
        uint256 R = W + MASK_ROWS;
        uint256 S = c.sparseWire.length;
        uint256[] memory zs = new uint256[](S);
        {
            uint256 z = BabyBear.pow(31, 15);
            for (uint256 i = c.logL; i < 27; i++) z = mulmod(z, z, P);
            for (uint256 s = 0; s < S; s++) zs[s] = BabyBear.pow(z, c.sparseWire[s] & (c.l - 1));
        }
        uint256 lInv = BabyBear.inv(c.l);
        uint256[] memory vbar = new uint256[](c.vectors.length);
        uint256[] memory pre = new uint256[](S);
        for (uint256 j = 0; j < c.t; j++) {
            uint256 x = xs[j];
            uint256 xl = BabyBear.pow(x, c.l);
            uint256 lin = Ext4.add(_extRows(proof, q, R, j, W + 4), Ext4.mulBase(_extRows(proof, q, R, j, W + 8), xl));
            uint256 o = j * R;
            if (S > 0) {
                uint256 acc = 1;
                for (uint256 s = 0; s < S; s++) {
                    pre[s] = acc;
                    acc = mulmod(acc, BabyBear.sub(x, zs[s]), P);
                }
                uint256 inv = mulmod(BabyBear.inv(acc), mulmod(BabyBear.sub(xl, 1), lInv, P), P);
                for (uint256 s = S; s > 0; s--) {
                    uint256 w = c.sparseWire[s - 1];
                    uint256 L = mulmod(mulmod(inv, pre[s - 1], P), zs[s - 1], P);
                    inv = mulmod(inv, BabyBear.sub(x, zs[s - 1]), P);
                    lin = Ext4.add(lin, Ext4.mulBase(c.sparseCoef[s - 1], mulmod(L, proof.baseAt(q.cols, o + (w >> c.logL)), P)));
                }
            }
            for (uint256 v = 0; v < vbar.length; v++) vbar[v] = LazyExt.evalMemory(c.vectors[v], x);
            for (uint256 m = 0; m < c.tenCon.length; m++) {
                uint256[] memory rc = c.tenCoeffs[m];
                uint256 s = LazyExt.dotCalldata(rc, 0, rc.length, proof, q.cols + 4 * (o + c.tenRow[m]));
                lin = Ext4.add(lin, Ext4.mul(vbar[c.tenVec[m]], s));
            }
            out[j] = lin;
        }
    }

    /// @dev Σ_k v_k(U_a U_b − U_c)[j] + Z_H(η_j)(M_Q0[j] + η_j^{t−1} M_Q1[j]) and Z_H(η_j) per opened column.
    function _quadraticLhs(LigeroCircuit.Circuit memory c, bytes calldata proof, Parts memory q, Challenges memory ch, uint256[] memory xs)
        private
        pure
        returns (uint256[] memory out, uint256[] memory zs)
    {
        uint256 W = c.numRows;
        uint256 R = W + MASK_ROWS;
        out = new uint256[](c.t);
        zs = new uint256[](c.t);
        for (uint256 j = 0; j < c.t; j++) {
            uint256 x = xs[j];
            uint256 o = j * R;
            uint256 lhs = 0;
            for (uint256 m = 0; m < c.triA.length; m++) {
                uint256 d = BabyBear.sub(
                    mulmod(proof.baseAt(q.cols, o + c.triA[m]), proof.baseAt(q.cols, o + c.triB[m]), P),
                    proof.baseAt(q.cols, o + c.triC[m])
                );
                lhs = Ext4.add(lhs, Ext4.mulBase(ch.v[m], d));
            }
            uint256 z = BabyBear.sub(BabyBear.pow(x, c.l), 1);
            uint256 mq = Ext4.add(_extRows(proof, q, R, j, W + 12), Ext4.mulBase(_extRows(proof, q, R, j, W + 16), BabyBear.pow(x, c.t - 1)));
            lhs = Ext4.add(lhs, Ext4.mulBase(mq, z));
            out[j] = lhs;
            zs[j] = z;
        }
    }
}
