// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BasefoldVerifier} from "./BasefoldVerifier.sol";
import {ExtYul} from "./ExtYul.sol";
import {MlpRequant} from "./MlpRequant.sol";
import {ModelRegistry} from "./ModelRegistry.sol";
import {MlpOpening} from "./MlpOpening.sol";
import {PackedReader} from "./PackedReader.sol";
import {StatementRecord} from "./StatementRecord.sol";
import {Sumcheck} from "./Sumcheck.sol";
import {Transcript} from "./Transcript.sol";

/// @title Verifies open-weights MLP statements (Linear → Requant chains: B1, A1) entirely on chain
/// @notice docs/parts/onchain.md §12; mirrors packages/zkml/src/onchain/mlp/verify.ts check for check,
///         in the same order, each check with its own error:
///           1. party ≠ 0                                         (mlp.party)            {ZeroParty}
///           2. key bytes, read in full first, then checked as checkMlpVk (mlp.vk.*):
///              reading → Truncated / NonCanonical / TrailingBytes (PackedReader), version, L ≤ 16,
///              rows, cols ≤ 2^16 while reading; then L ≥ 1, input range, per layer rows, cols (chain),
///              clamp, per row multiplier and shift, the range argument, BaseFold parameters,
///              vars = the layout's vars                                        {BadVk(field, index, value)}
///           3. model id = SHA-256("vouch/mlp-vk/v1" ‖ vk); ModelRegistry.isActive(id)  {ModelNotActive}
///              (no TS counterpart: the TS verifier has no registry; checked here, right after the id)
///           4. input and output bytes: length (mlp.input / mlp.output) {BadValuesLength}, canonical
///              entries {NonCanonical}
///           5. input range: inputLo ≤ x_j ≤ inputHi (mlp.input-range)           {InputOutOfRange(j)}
///           6. proof reading (mlp.proof.*): version {BadMlpProofVersion}, the accumulators, then every
///              layer's cb_k sumcheck rounds and wEval_k, present and canonical {Truncated, NonCanonical}
///           7. the requantization chain, computed here from the public accumulators (MlpRequant.sol);
///              its last output must be the statement's (mlp.output-mismatch)  {OutputMismatch(i)}
///           8. transcript ("vouch/mlp-statement", 1): model id, BaseFold commit step, party, input,
///              output, accumulators; per layer k: r_k = challengeExts("mlp.r", rb_k), the
///              matrix-vector sumcheck (Sumcheck.sol, label `mlp.matvec`, cb_k rounds, degree 2) from
///              the claim (acc_k − bias_k)~(r_k) (sumcheck.round-sum)       {RoundSumMismatch(round)},
///              absorbExt("mlp.w", wEval_k), wEval_k·x̃_k(s_k) = the sumcheck's final value (mlp.final)
///              {FinalMismatch(layer)}, x_k the input for k = 0, else this contract's requantized output
///              of layer k − 1; the claim W~_k(s_k ‖ r_k) = T~(blockPoint) on the weight table
///           9. ONE BaseFold opening of the weight table at all L claims (basefold.*; BasefoldVerifier's
///              errors), run by MlpOpening.sol, a contract this one deploys in its constructor (BaseFold
///              inlined here would put the verifier over the 24,576-byte EIP-170 limit).
///         Range argument (vk.ts): the input of layer 0 is checked in [inputLo, inputHi], the input of
///         layer k > 0 is the clamped output of layer k − 1, and the key requires
///         cols_k·128·max|x_k| + max|b_k| ≤ (p − 1)/2, so acc_k ≡ W_k·x_k + b_k (mod p) is the integer
///         equation. {submit} records SHA-256("vouch/mlp-statement/v1" ‖ id ‖ SHA-256(input) ‖
///         SHA-256(output) ‖ party) in the StatementRecord (model id = id) only after every check passed.
contract MlpStatementVerifier {
    using PackedReader for bytes;

    uint256 private constant P = 2013265921;
    uint256 private constant HALF_P = (P - 1) / 2;
    /// @notice The least conjectured security q·R a key may ask for (zkml vk.ts MLP_MIN_CONJECTURED_BITS).
    uint256 public constant MIN_CONJECTURED_BITS = 100;
    uint256 private constant M32 = 0xffffffff;
    uint256 private constant M64 = 0xffffffffffffffff;
    uint256 private constant SWAP8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant SWAP16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// @notice Transcript domain label and version (transcript.ts).
    bytes public constant DOMAIN = "vouch/mlp-statement";
    uint256 public constant VERSION = 1;
    /// @notice Version byte of the key and of the proof.
    uint256 internal constant VK_VERSION = 1;
    uint256 public constant PROOF_VERSION = 1;
    /// @notice Largest number of layers, largest rows or cols of a layer (vk.ts).
    uint256 internal constant MAX_LAYERS = 16;
    uint256 internal constant MAX_DIM = 1 << 16;

    /// @notice {BadVk} field codes (the `mlp.vk.<field>` of vk.ts). A bias needs no code: a canonical
    ///         element's signed representative always has |b| ≤ (p − 1)/2, and a non-canonical or
    ///         missing one is a reading error (NonCanonical / Truncated).
    uint256 internal constant VK_VERSION_FIELD = 0; // value: the version byte
    uint256 internal constant VK_LAYERS = 1; // value: L (0 or > 16)
    uint256 internal constant VK_INPUT = 2; // value: (inputLo mod p)·2^32 + (inputHi mod p)
    uint256 internal constant VK_ROWS = 3; // index: layer; value: rows (0 or > 2^16)
    uint256 internal constant VK_COLS = 4; // index: layer; value: cols (0, > 2^16, or ≠ the previous rows)
    uint256 internal constant VK_CLAMP = 5; // index: layer; value: (lo mod p)·2^32 + (hi mod p)
    uint256 internal constant VK_MULTIPLIER = 6; // index: layer; value: the first multiplier ≥ 2^16
    uint256 internal constant VK_SHIFT = 7; // index: layer; value: the first shift outside [13, 29]
    uint256 internal constant VK_RANGE = 8; // index: layer; value: cols·128·max|x| + max|b| (> (p − 1)/2)
    uint256 internal constant VK_PARAMS = 9; // index: 0 n, 1 R, 2 a, 3 q, 4 f (BaseFold ranges), 5 n ≠ layout vars (value n), 6 q·R below MIN_CONJECTURED_BITS (value q·R)

    /// @notice Where verified statements are written (this contract must be one of its verifiers).
    StatementRecord public immutable record;
    /// @notice Where models are registered; only active models' statements verify.
    ModelRegistry public immutable registry;
    /// @notice The BaseFold opening verifier (MlpOpening.sol), deployed by the constructor.
    MlpOpening public immutable opening;

    /// @notice The record address is zero.
    error ZeroRecord();
    /// @notice The registry address is zero.
    error ZeroRegistry();
    /// @notice The party is the zero address (mlp.party).
    error ZeroParty();
    /// @notice mlp.vk.<field>: see the VK_* field codes.
    error BadVk(uint256 field, uint256 index, uint256 value);
    /// @notice The key's model id is not registered, or superseded, or deprecated in the registry.
    error ModelNotActive(bytes32 id);
    /// @notice mlp.input (which = 0) or mlp.output (which = 1) is not `expected` bytes long.
    error BadValuesLength(uint256 which, uint256 expected, uint256 got);
    /// @notice mlp.input-range: input[index] is outside [inputLo, inputHi].
    error InputOutOfRange(uint256 index);
    /// @notice mlp.proof.version.
    error BadMlpProofVersion(uint256 version);
    /// @notice mlp.output-mismatch: the accumulators requantize to another output[index].
    error OutputMismatch(uint256 index);
    /// @notice mlp.final: wEval_layer·x̃(s) ≠ the layer's sumcheck's final value.
    error FinalMismatch(uint256 layer);

    /// @dev One Linear → Requant layer of the key.
    struct Layer {
        uint256 rows;
        uint256 cols;
        int256 lo;
        int256 hi;
        uint256 rb; // ⌈log2 rows⌉
        uint256 cb; // ⌈log2 cols⌉
        uint256 at; // byte offset of its rows × (bias ‖ multiplier ‖ shift) in the key
        uint256 offset; // its block's offset in the weight table (layout.ts)
    }

    /// @dev The parsed key.
    struct Vk {
        int256 inputLo;
        int256 inputHi;
        Layer[] layers;
        BasefoldVerifier.Params p;
        bytes32 root;
    }

    constructor(StatementRecord record_, ModelRegistry registry_) {
        if (address(record_) == address(0)) revert ZeroRecord();
        if (address(registry_) == address(0)) revert ZeroRegistry();
        record = record_;
        registry = registry_;
        opening = new MlpOpening();
    }

    /// @notice SHA-256("vouch/mlp-vk/v1" ‖ vk).
    function modelId(bytes calldata vk) public pure returns (bytes32) {
        return sha256(abi.encodePacked("vouch/mlp-vk/v1", vk));
    }

    /// @notice SHA-256("vouch/mlp-statement/v1" ‖ id ‖ SHA-256(input) ‖ SHA-256(output) ‖ party): the record key.
    function statementHash(bytes32 id, bytes calldata input, bytes calldata output, address party) public pure returns (bytes32) {
        return sha256(abi.encodePacked("vouch/mlp-statement/v1", id, sha256(input), sha256(output), party));
    }

    /// @notice Verifies without recording; reverts with a named error.
    /// @return statement the statement hash.
    function verify(bytes calldata vk, bytes calldata input, bytes calldata output, address party, bytes calldata proof) external view returns (bytes32 statement) {
        (statement, ) = _verify(vk, input, output, party, proof);
    }

    /// @notice Verifies and records the statement for `party` (anyone may submit, e.g. a relayer).
    function submit(bytes calldata vk, bytes calldata input, bytes calldata output, address party, bytes calldata proof) external returns (bytes32 statement) {
        bytes32 id;
        (statement, id) = _verify(vk, input, output, party, proof);
        record.recordStatement(statement, party, id);
    }

    /// @notice Whether `statement` is in the record (written by any verifier).
    function isVerified(bytes32 statement) external view returns (bool) {
        return record.isVerified(statement);
    }

    function _verify(bytes calldata vkBytes, bytes calldata input, bytes calldata output, address party, bytes calldata proof)
        private
        view
        returns (bytes32 statement, bytes32 id)
    {
        if (party == address(0)) revert ZeroParty();
        Vk memory vk = _readVk(vkBytes);
        _checkVk(vk, vkBytes);
        id = modelId(vkBytes);
        if (!registry.isActive(id)) revert ModelNotActive(id);
        uint256 L = vk.layers.length;
        Layer memory first = vk.layers[0];
        _checkValues(input, first.cols, 0);
        _checkValues(output, vk.layers[L - 1].rows, 1);
        uint256 far = _firstOutOfRange(input, first.cols, vk.inputLo, vk.inputHi);
        if (far < first.cols) revert InputOutOfRange(far);

        // Proof reading (decodeMlpProof): version, all accumulators, then every layer's rounds and wEval.
        (uint256 ver, ) = proof.u8(0);
        if (ver != PROOF_VERSION) revert BadMlpProofVersion(ver);
        uint256 accRows;
        uint256 roundBases;
        for (uint256 k = 0; k < L; k++) {
            accRows += vk.layers[k].rows;
            roundBases += 12 * vk.layers[k].cb + 4;
        }
        uint256 accEnd = _readBases(proof, 1, accRows, 1);
        _readBases(proof, accEnd, roundBases, 4);

        // The requantization chain from the public accumulators; outs[k] = layer k's output (canonical).
        uint256[][] memory outs = new uint256[][](L);
        {
            uint256 a = 1;
            for (uint256 k = 0; k < L; k++) {
                outs[k] = _requantLayer(vkBytes, vk.layers[k], proof, a);
                a += 4 * vk.layers[k].rows;
            }
        }
        {
            uint256[] memory y = outs[L - 1];
            for (uint256 i = 0; i < y.length; i++) {
                if (y[i] != output.baseAt(0, i)) revert OutputMismatch(i);
            }
        }

        Transcript.State memory st = Transcript.init(DOMAIN, VERSION);
        Transcript.absorbDigest(st, "mlp.model", id);
        BasefoldVerifier.absorbCommitment(st, vk.p, vk.root);
        Transcript.absorbBytes(st, "mlp.party", abi.encodePacked(party));
        Transcript.absorbBaseBytes(st, "mlp.input", input);
        Transcript.absorbBaseBytes(st, "mlp.output", output);
        Transcript.absorbBaseBytes(st, "mlp.acc", proof[1:accEnd]);

        uint256[] memory points = new uint256[](L * vk.p.n);
        uint256[] memory values = new uint256[](L);
        uint256 off = accEnd;
        uint256 accOff = 1;
        for (uint256 k = 0; k < L; k++) {
            Layer memory l = vk.layers[k];
            uint256[] memory r = Transcript.challengeExts(st, "mlp.r", l.rb);
            uint256 claim = _accClaim(vkBytes, l, proof, accOff, r);
            accOff += 4 * l.rows;
            uint256[] memory s;
            uint256 expected;
            (s, expected, off) = Sumcheck.verify(st, "mlp.matvec", l.cb, 2, claim, proof, off);
            uint256 wEval = ExtYul.at(proof, off);
            Transcript.absorbExtBytes(st, "mlp.w", proof[off:off + 16]);
            off += 16;
            uint256 xe = k == 0 ? _mleCalldata(input, l.cols, s) : _mleMemory(outs[k - 1], s);
            if (ExtYul.mul(wEval, xe) != expected) revert FinalMismatch(k);
            _blockPoint(points, k * vk.p.n, vk.p.n, l, s, r);
            values[k] = wEval;
        }
        opening.verify(st.s, vk.p, vk.root, points, values, proof[off:]);
        statement = statementHash(id, input, output, party);
    }

    // ------------------------------------------------------------------ the key

    /// @dev Reading pass of decodeMlpVk, in its order: u8 version ‖ L ‖ inputLo ‖ inputHi ‖
    ///      L × (rows ‖ cols ‖ lo ‖ hi ‖ rows × (bias ‖ multiplier ‖ shift)) ‖ n ‖ R ‖ a ‖ q ‖ f ‖ root ‖
    ///      source, then no trailing bytes. Value checks come after, in {_checkVk}.
    function _readVk(bytes calldata d) private pure returns (Vk memory vk) {
        (uint256 ver, uint256 off) = d.u8(0);
        if (ver != VK_VERSION) revert BadVk(VK_VERSION_FIELD, 0, ver);
        uint256 L;
        (L, off) = d.u32(off);
        if (L > MAX_LAYERS) revert BadVk(VK_LAYERS, 0, L);
        uint256 v;
        (v, off) = d.base(off);
        vk.inputLo = MlpRequant.signed(v);
        (v, off) = d.base(off);
        vk.inputHi = MlpRequant.signed(v);
        vk.layers = new Layer[](L);
        for (uint256 k = 0; k < L; k++) {
            Layer memory l = vk.layers[k];
            (l.rows, off) = d.u32(off);
            if (l.rows > MAX_DIM) revert BadVk(VK_ROWS, k, l.rows);
            (l.cols, off) = d.u32(off);
            if (l.cols > MAX_DIM) revert BadVk(VK_COLS, k, l.cols);
            (v, off) = d.base(off);
            l.lo = MlpRequant.signed(v);
            (v, off) = d.base(off);
            l.hi = MlpRequant.signed(v);
            l.at = off;
            off = _readRows(d, off, l.rows);
        }
        (vk.p.n, off) = d.u32(off);
        (vk.p.R, off) = d.u32(off);
        (vk.p.a, off) = d.u32(off);
        (vk.p.q, off) = d.u32(off);
        (vk.p.f, off) = d.u32(off);
        bytes calldata root;
        (root, off) = d.raw(off, 32);
        vk.root = bytes32(root);
        (, off) = d.raw(off, 32); // source: informative, bound through the model id
        d.finish(off);
    }

    /// @dev rows × (base bias ‖ u32 multiplier ‖ u32 shift) from `off`: present, biases canonical,
    ///      element by element as the TS reader (a fast word loop when all rows are present).
    function _readRows(bytes calldata d, uint256 off, uint256 rows) private pure returns (uint256 next) {
        next = off + 12 * rows;
        if (next <= d.length) {
            uint256 bad = rows;
            assembly ("memory-safe") {
                let p := add(d.offset, off)
                for { let i := 0 } lt(i, rows) { i := add(i, 1) } {
                    let w := shr(224, calldataload(add(p, mul(12, i))))
                    w := or(or(shr(24, w), and(shr(8, w), 0xff00)), or(and(shl(8, w), 0xff0000), shl(24, and(w, 0xff))))
                    if iszero(lt(w, P)) {
                        bad := i
                        break
                    }
                }
            }
            if (bad < rows) revert PackedReader.NonCanonical(off + 12 * bad);
            return next;
        }
        for (uint256 i = 0; i < rows; i++) {
            (, off) = d.base(off);
            (, off) = d.u32(off);
            (, off) = d.u32(off);
        }
        return off;
    }

    /// @dev The value checks of checkMlpVk, in its order, and the layout (layout.ts).
    function _checkVk(Vk memory vk, bytes calldata d) private pure {
        uint256 L = vk.layers.length;
        if (L < 1) revert BadVk(VK_LAYERS, 0, L);
        if (!_int16Range(vk.inputLo, vk.inputHi)) revert BadVk(VK_INPUT, 0, _pair(vk.inputLo, vk.inputHi));
        uint256 xMax = _absMax(vk.inputLo, vk.inputHi);
        for (uint256 k = 0; k < L; k++) {
            Layer memory l = vk.layers[k];
            if (l.rows < 1) revert BadVk(VK_ROWS, k, l.rows);
            if (l.cols < 1) revert BadVk(VK_COLS, k, l.cols);
            if (k > 0 && l.cols != vk.layers[k - 1].rows) revert BadVk(VK_COLS, k, l.cols);
            if (!_int16Range(l.lo, l.hi)) revert BadVk(VK_CLAMP, k, _pair(l.lo, l.hi));
            uint256 bMax = _checkRows(d, l.at, l.rows, k);
            uint256 bound = l.cols * 128 * xMax + bMax;
            if (bound > HALF_P) revert BadVk(VK_RANGE, k, bound);
            xMax = _absMax(l.lo, l.hi);
            l.rb = _log2Ceil(l.rows);
            l.cb = _log2Ceil(l.cols);
        }
        BasefoldVerifier.Params memory p = vk.p;
        if (p.n < 1 || p.n > 24) revert BadVk(VK_PARAMS, 0, p.n);
        if (p.R < 1 || p.R > 8 || p.n + p.R > 27) revert BadVk(VK_PARAMS, 1, p.R);
        if (p.a < 1 || p.a > 4) revert BadVk(VK_PARAMS, 2, p.a);
        if (p.f >= p.n) revert BadVk(VK_PARAMS, 4, p.f);
        uint256 a0 = p.n - p.f < p.a ? p.n - p.f : p.a;
        if (p.q < 1 || p.q > 1 << (p.n + p.R - a0)) revert BadVk(VK_PARAMS, 3, p.q);
        uint256 vars = _layout(vk.layers);
        if (p.n != vars) revert BadVk(VK_PARAMS, 5, p.n);
        // Security floor (zkml vk.ts MLP_MIN_CONJECTURED_BITS): the key chooses its BaseFold parameters.
        if (p.q * p.R < MIN_CONJECTURED_BITS) revert BadVk(VK_PARAMS, 6, p.q * p.R);
    }

    /// @dev Per row, in order: multiplier < 2^16, 13 ≤ shift ≤ 29; returns max|bias|.
    function _checkRows(bytes calldata d, uint256 at, uint256 rows, uint256 k) private pure returns (uint256 bMax) {
        uint256 badField;
        uint256 badValue;
        assembly ("memory-safe") {
            function le32(x) -> y {
                y := or(or(shr(24, x), and(shr(8, x), 0xff00)), or(and(shl(8, x), 0xff0000), shl(24, and(x, 0xff))))
            }
            let p := add(d.offset, at)
            for { let i := 0 } lt(i, rows) { i := add(i, 1) } {
                let w := calldataload(add(p, mul(12, i)))
                let b := le32(shr(224, w))
                let m := le32(and(shr(192, w), 0xffffffff))
                let s := le32(and(shr(160, w), 0xffffffff))
                if gt(b, 1006632960) { b := sub(P, b) }
                if gt(b, bMax) { bMax := b }
                if iszero(lt(m, 65536)) {
                    badField := VK_MULTIPLIER
                    badValue := m
                    break
                }
                if or(lt(s, 13), gt(s, 29)) {
                    badField := VK_SHIFT
                    badValue := s
                    break
                }
            }
        }
        if (badField != 0) revert BadVk(badField, k, badValue);
    }

    /// @dev mlpLayout: blocks of 2^(rb + cb) entries, largest first (ties by layer), each at the next
    ///      multiple of its size; returns vars = max(1, ⌈log2 end⌉) and sets every layer's offset.
    function _layout(Layer[] memory ls) private pure returns (uint256 vars) {
        uint256 L = ls.length;
        bool[] memory placed = new bool[](L);
        uint256 next;
        for (uint256 t = 0; t < L; t++) {
            uint256 best = L;
            for (uint256 k = 0; k < L; k++) {
                if (!placed[k] && (best == L || ls[k].rb + ls[k].cb > ls[best].rb + ls[best].cb)) best = k;
            }
            placed[best] = true;
            uint256 size = uint256(1) << (ls[best].rb + ls[best].cb);
            uint256 offset = ((next + size - 1) / size) * size;
            ls[best].offset = offset;
            next = offset + size;
        }
        vars = _log2Ceil(next);
        if (vars < 1) vars = 1;
    }

    // ------------------------------------------------------------------ statement values

    /// @dev `count` canonical base elements, exactly (decodeLinearValues: length, then entries).
    function _checkValues(bytes calldata v, uint256 count, uint256 which) private pure {
        if (v.length != 4 * count) revert BadValuesLength(which, 4 * count, v.length);
        _readBases(v, 0, count, 1);
    }

    /// @dev `count` base elements from `off`, read in units of `unit` elements (1: base, 4: ext) as
    ///      ByteReader.base / ext: the first non-canonical element → NonCanonical(its offset), else the
    ///      first unit that is not wholly present → Truncated(its offset).
    ///      Fast path: eight u32 LE per calldata word, lanes byte-swapped at once, every lane + (2^32 − p)
    ///      tested for a carry into bit 32.
    function _readBases(bytes calldata d, uint256 off, uint256 count, uint256 unit) private pure returns (uint256 next) {
        uint256 avail = d.length > off ? ((d.length - off) / (4 * unit)) * unit : 0;
        uint256 n = count < avail ? count : avail;
        uint256 bad = n;
        assembly ("memory-safe") {
            let cst := 0x0000000087ffffff0000000087ffffff0000000087ffffff0000000087ffffff
            let carry := 0x0000000100000000000000010000000000000001000000000000000100000000
            let lanes := 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff
            let p := add(d.offset, off)
            for { let i := 0 } lt(i, n) { i := add(i, 8) } {
                let w := calldataload(add(p, shl(2, i)))
                let cnt := sub(n, i)
                if lt(cnt, 8) { w := and(w, not(shr(shl(5, cnt), not(0)))) }
                if gt(cnt, 8) { cnt := 8 }
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                if and(or(add(and(w, lanes), cst), add(and(shr(32, w), lanes), cst)), carry) {
                    for { let k := 0 } lt(k, cnt) { k := add(k, 1) } {
                        if iszero(lt(and(shr(sub(224, shl(5, k)), w), M32), P)) {
                            bad := add(i, k)
                            break
                        }
                    }
                    i := n
                }
            }
        }
        if (bad < n) revert PackedReader.NonCanonical(off + 4 * bad);
        if (n < count) revert PackedReader.Truncated(off + 4 * n);
        next = off + 4 * count;
    }

    /// @dev The first j with signed(x_j) outside [lo, hi] (x canonical, −2^15 ≤ lo ≤ hi < 2^15), or
    ///      `count` when there is none. With A = lo mod p and B = hi mod p, x is in range iff
    ///      A ≤ x ≤ B (A ≤ B) or x ≤ B ∨ x ≥ A (A > B: lo < 0 ≤ hi). Eight entries per calldata word:
    ///      x ≥ A iff x + 2^32 − A carries into bit 32, x > B iff x + 2^32 − 1 − B does, tested in
    ///      four 64-bit lanes at once; the entries of a failing word (and the last partial word) are
    ///      then compared one by one.
    function _firstOutOfRange(bytes calldata x, uint256 count, int256 lo, int256 hi) private pure returns (uint256 j) {
        uint256 A = MlpRequant.toField(lo);
        uint256 B = MlpRequant.toField(hi);
        bool wrap = A > B;
        uint256 ones = 0x0000000000000001000000000000000100000000000000010000000000000001;
        uint256 kA = ((uint256(1) << 32) - A) * ones;
        uint256 kB = ((uint256(1) << 32) - 1 - B) * ones;
        j = count;
        assembly ("memory-safe") {
            let lanes := 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff
            let carry := 0x0000000100000000000000010000000000000001000000000000000100000000
            let full := and(count, not(7))
            let i := 0
            for {} lt(i, full) { i := add(i, 8) } {
                let w := calldataload(add(x.offset, shl(2, i)))
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                let ev := and(w, lanes)
                let od := and(shr(32, w), lanes)
                // lanes below A (no carry) and lanes above B (carry)
                let belowA := xor(or(and(add(ev, kA), carry), shl(1, and(add(od, kA), carry))), or(carry, shl(1, carry)))
                let aboveB := or(and(add(ev, kB), carry), shl(1, and(add(od, kB), carry)))
                let bad := or(belowA, aboveB)
                if wrap { bad := and(belowA, aboveB) }
                if bad { break }
            }
            for {} lt(i, count) { i := add(i, 1) } {
                let v := and(shr(224, calldataload(add(x.offset, shl(2, i)))), M32)
                v := or(or(shr(24, v), and(shr(8, v), 0xff00)), or(and(shl(8, v), 0xff0000), shl(24, and(v, 0xff))))
                if gt(v, 1006632960) { v := sub(v, P) }
                if or(slt(v, lo), sgt(v, hi)) {
                    j := i
                    break
                }
            }
        }
    }

    // ------------------------------------------------------------------ layer algebra

    /// @dev Layer `l`'s requantized outputs (canonical) from its accumulators at byte `a` of the proof
    ///      (MlpRequant.requantize per row, multiplier and shift read from the key).
    function _requantLayer(bytes calldata vk, Layer memory l, bytes calldata proof, uint256 a) private pure returns (uint256[] memory out) {
        uint256 rows = l.rows;
        out = new uint256[](rows);
        int256 lo = l.lo;
        int256 hi = l.hi;
        uint256 at = l.at;
        for (uint256 i = 0; i < rows; i++) {
            (uint256 acc, uint256 m, uint256 sh) = _accRow(vk, proof, at, a, i);
            out[i] = MlpRequant.toField(MlpRequant.requantize(acc, m, sh, lo, hi));
        }
    }

    /// @dev Row i's accumulator (proof, byte a + 4i), multiplier and shift (key, bytes at + 12i + 4, + 8).
    function _accRow(bytes calldata vk, bytes calldata proof, uint256 at, uint256 a, uint256 i) private pure returns (uint256 acc, uint256 m, uint256 sh) {
        assembly ("memory-safe") {
            function le32(x) -> y {
                y := or(or(shr(24, x), and(shr(8, x), 0xff00)), or(and(shl(8, x), 0xff0000), shl(24, and(x, 0xff))))
            }
            acc := le32(shr(224, calldataload(add(proof.offset, add(a, shl(2, i))))))
            let w := calldataload(add(vk.offset, add(at, mul(12, i))))
            m := le32(and(shr(192, w), M32))
            sh := le32(and(shr(160, w), M32))
        }
    }

    /// @dev (acc − bias)~(r) over the layer's rows: acc_i − bias_i in memory, then {_mleMemory}.
    function _accClaim(bytes calldata vk, Layer memory l, bytes calldata proof, uint256 a, uint256[] memory r) private pure returns (uint256) {
        uint256 rows = l.rows;
        uint256 at = l.at;
        uint256[] memory diff = new uint256[](rows);
        assembly ("memory-safe") {
            function le32(x) -> y {
                y := or(or(shr(24, x), and(shr(8, x), 0xff00)), or(and(shl(8, x), 0xff0000), shl(24, and(x, 0xff))))
            }
            let dp := add(diff, 0x20)
            for { let i := 0 } lt(i, rows) { i := add(i, 1) } {
                let acc := le32(shr(224, calldataload(add(proof.offset, add(a, shl(2, i))))))
                let b := le32(shr(224, calldataload(add(vk.offset, add(at, mul(12, i))))))
                mstore(add(dp, shl(5, i)), addmod(acc, sub(P, b), P))
            }
        }
        return _mleMemory(diff, r);
    }

    /// @dev v~(z) for canonical base elements v in memory, zero-padded to 2^|z| (v.length ≤ 2^|z|):
    ///      the eq split of Mle.sol — ℓ = ⌈k/2⌉ low variables, v~(z) = Σ_h eqHi[h]·Σ_c eqLo[c]·v[h·2^ℓ + c].
    function _mleMemory(uint256[] memory v, uint256[] memory z) private pure returns (uint256 acc) {
        uint256 k = z.length;
        uint256 lo = k - k / 2;
        uint256[] memory eLo = _eqTable(z, 0, lo);
        uint256[] memory eHi = _eqTable(z, lo, k - lo);
        uint256 count = v.length;
        uint256 vp;
        assembly ("memory-safe") {
            vp := add(v, 0x20)
        }
        for (uint256 h = 0; h < eHi.length; h++) {
            uint256 base = h << lo;
            if (base >= count) break;
            uint256 n = count - base < eLo.length ? count - base : eLo.length;
            acc = ExtYul.add(acc, ExtYul.mul(eHi[h], _dotMemory(eLo, vp + 32 * base, n)));
        }
    }

    /// @dev The same for the `count` canonical u32 LE elements of calldata `d` (the statement's input).
    function _mleCalldata(bytes calldata d, uint256 count, uint256[] memory z) private pure returns (uint256 acc) {
        uint256 k = z.length;
        uint256 lo = k - k / 2;
        uint256[] memory eLo = _eqTable(z, 0, lo);
        uint256[] memory eHi = _eqTable(z, lo, k - lo);
        for (uint256 h = 0; h < eHi.length; h++) {
            uint256 base = h << lo;
            if (base >= count) break;
            uint256 n = count - base < eLo.length ? count - base : eLo.length;
            acc = ExtYul.add(acc, ExtYul.mul(eHi[h], _dotCalldata(eLo, d, 4 * base, n)));
        }
    }

    /// @dev eq(z_start … z_{start+len−1}, ·) as 2^len packed ext elements (eqTable of poly/eq.ts): for
    ///      each variable, t[i + 2^k] = t[i]·z_k and t[i] −= t[i + 2^k], the ext product inlined.
    function _eqTable(uint256[] memory z, uint256 start, uint256 len) private pure returns (uint256[] memory t) {
        t = new uint256[](uint256(1) << len);
        assembly ("memory-safe") {
            let tp := add(t, 0x20)
            mstore(tp, 1)
            for { let k := 0 } lt(k, len) { k := add(k, 1) } {
                let zk := mload(add(add(z, 0x20), shl(5, add(start, k))))
                let half := shl(k, 0x20)
                let end := add(tp, half)
                for { let q := tp } lt(q, end) { q := add(q, 0x20) } {
                    let hi := _mulExt(mload(q), zk)
                    mstore(add(q, half), hi)
                    let d := sub(add(mload(q), 0x0000000078000001000000007800000100000000780000010000000078000001), hi)
                    mstore(q, or(or(mod(and(d, M64), P), shl(64, mod(and(shr(64, d), M64), P))), or(shl(128, mod(and(shr(128, d), M64), P)), shl(192, mod(shr(192, d), P)))))
                }
            }
            function _mulExt(a, b) -> r {
                let a0 := and(a, M64)
                let a1 := and(shr(64, a), M64)
                let a2 := and(shr(128, a), M64)
                let a3 := shr(192, a)
                let b0 := and(b, M64)
                let b1 := and(shr(64, b), M64)
                let b2 := and(shr(128, b), M64)
                let b3 := shr(192, b)
                r := or(
                    or(mod(add(mul(a0, b0), mul(11, add(add(mul(a1, b3), mul(a2, b2)), mul(a3, b1)))), P), shl(64, mod(add(add(mul(a0, b1), mul(a1, b0)), mul(11, add(mul(a2, b3), mul(a3, b2)))), P))),
                    or(shl(128, mod(add(add(add(mul(a0, b2), mul(a1, b1)), mul(a2, b0)), mul(11, mul(a3, b3))), P)), shl(192, mod(add(add(add(mul(a0, b3), mul(a1, b2)), mul(a2, b1)), mul(a3, b0)), P)))
                )
            }
        }
    }

    /// @dev Σ_{i<n} e[i]·v_i for packed ext e[i] and the n canonical base elements v_i in memory words
    ///      from `vp`: one EVM multiplication per term for all four lanes (lanes < p < 2^31, products
    ///      < 2^62, four of them summed < 2^64 without a carry into the next lane), the lanes then moved
    ///      into four 256-bit accumulators, reduced once. Requires n ≤ e.length.
    function _dotMemory(uint256[] memory e, uint256 vp, uint256 n) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let ep := add(e, 0x20)
            let full := and(n, not(3))
            let i := 0
            for {} lt(i, full) { i := add(i, 4) } {
                let q := add(ep, shl(5, i))
                let u := add(vp, shl(5, i))
                let s := add(add(mul(mload(q), mload(u)), mul(mload(add(q, 0x20)), mload(add(u, 0x20)))), add(mul(mload(add(q, 0x40)), mload(add(u, 0x40))), mul(mload(add(q, 0x60)), mload(add(u, 0x60)))))
                a0 := add(a0, and(s, M64))
                a1 := add(a1, and(shr(64, s), M64))
                a2 := add(a2, and(shr(128, s), M64))
                a3 := add(a3, shr(192, s))
            }
            for {} lt(i, n) { i := add(i, 1) } {
                let s := mul(mload(add(ep, shl(5, i))), mload(add(vp, shl(5, i))))
                a0 := add(a0, and(s, M64))
                a1 := add(a1, and(shr(64, s), M64))
                a2 := add(a2, and(shr(128, s), M64))
                a3 := add(a3, shr(192, s))
            }
            r := or(or(mod(a0, P), shl(64, mod(a1, P))), or(shl(128, mod(a2, P)), shl(192, mod(a3, P))))
        }
    }

    /// @dev Σ_{i<n} e[i]·B_i for the n canonical u32 LE elements B_i at byte `off` of `d`, eight per
    ///      calldata word (lanes byte-swapped at once), products summed as in {_dotMemory}.
    function _dotCalldata(uint256[] memory e, bytes calldata d, uint256 off, uint256 n) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let a0 := 0
            let a1 := 0
            let a2 := 0
            let a3 := 0
            let ep := add(e, 0x20)
            let dp := add(d.offset, off)
            let full := and(n, not(7))
            let i := 0
            for {} lt(i, full) { i := add(i, 8) } {
                let w := calldataload(add(dp, shl(2, i)))
                w := or(and(shr(8, w), SWAP8), shl(8, and(w, SWAP8)))
                w := or(and(shr(16, w), SWAP16), shl(16, and(w, SWAP16)))
                let q := add(ep, shl(5, i))
                let s := add(add(mul(mload(q), shr(224, w)), mul(mload(add(q, 0x20)), and(shr(192, w), M32))), add(mul(mload(add(q, 0x40)), and(shr(160, w), M32)), mul(mload(add(q, 0x60)), and(shr(128, w), M32))))
                a0 := add(a0, and(s, M64))
                a1 := add(a1, and(shr(64, s), M64))
                a2 := add(a2, and(shr(128, s), M64))
                a3 := add(a3, shr(192, s))
                s := add(add(mul(mload(add(q, 0x80)), and(shr(96, w), M32)), mul(mload(add(q, 0xa0)), and(shr(64, w), M32))), add(mul(mload(add(q, 0xc0)), and(shr(32, w), M32)), mul(mload(add(q, 0xe0)), and(w, M32))))
                a0 := add(a0, and(s, M64))
                a1 := add(a1, and(shr(64, s), M64))
                a2 := add(a2, and(shr(128, s), M64))
                a3 := add(a3, shr(192, s))
            }
            for {} lt(i, n) { i := add(i, 1) } {
                let v := shr(224, calldataload(add(dp, shl(2, i))))
                v := or(or(shr(24, v), and(shr(8, v), 0xff00)), or(and(shl(8, v), 0xff0000), shl(24, and(v, 0xff))))
                let s := mul(mload(add(ep, shl(5, i))), v)
                a0 := add(a0, and(s, M64))
                a1 := add(a1, and(shr(64, s), M64))
                a2 := add(a2, and(shr(128, s), M64))
                a3 := add(a3, shr(192, s))
            }
            r := or(or(mod(a0, P), shl(64, mod(a1, P))), or(shl(128, mod(a2, P)), shl(192, mod(a3, P))))
        }
    }

    /// @dev blockPoint of layout.ts into points[at … at + n − 1]: s (cb), then r (rb), then the bits of
    ///      offset / 2^(rb + cb) as base 0/1.
    function _blockPoint(uint256[] memory points, uint256 at, uint256 n, Layer memory l, uint256[] memory s, uint256[] memory r) private pure {
        for (uint256 j = 0; j < l.cb; j++) points[at + j] = s[j];
        for (uint256 j = 0; j < l.rb; j++) points[at + l.cb + j] = r[j];
        uint256 low = l.rb + l.cb;
        uint256 hi = l.offset >> low;
        for (uint256 j = 0; j < n - low; j++) points[at + low + j] = (hi >> j) & 1;
    }

    // ------------------------------------------------------------------ small helpers

    function _int16Range(int256 lo, int256 hi) private pure returns (bool) {
        return lo <= hi && lo >= -32768 && hi <= 32767;
    }

    function _pair(int256 lo, int256 hi) private pure returns (uint256) {
        return (MlpRequant.toField(lo) << 32) | MlpRequant.toField(hi);
    }

    function _absMax(int256 lo, int256 hi) private pure returns (uint256) {
        uint256 a = lo < 0 ? uint256(-lo) : uint256(lo);
        uint256 b = hi < 0 ? uint256(-hi) : uint256(hi);
        return a > b ? a : b;
    }

    function _log2Ceil(uint256 n) private pure returns (uint256 k) {
        while ((uint256(1) << k) < n) k++;
    }
}
