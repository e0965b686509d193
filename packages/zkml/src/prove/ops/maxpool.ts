/**
 * Zero-knowledge proof of a MaxPool node (ONNX MaxPool, 2-D, pads that never win, as run by
 * int/ops/maxpool.ts): y is the maximum of its window iff y − x_k ≥ 0 for every valid tap k and
 * Π_k (y − x_k) = 0 (y is one of them) — the range-and-product formulation used for max/argmax in
 * zkCNN-style provers (Liu–Xie–Zhang CCS 2021 §5) and zkLLM (Sun–Li–Zhang CCS 2024), with the window
 * gathers expressed as tensor forms (conv-window.ts, conv-tensor.ts).
 *
 * Tensors X [L…, C, H, W], y [L…, C, OH, OW]. For every tap k = (i, j) of the KH×KW window the prover
 * commits D_k (shape of y; all taps in one block of whole rows, tap k from row k·R at column 0, so
 * the node's range check is one lookup group) with, on real entries,
 *   D_k = y − X[…, s·oy + dh·i − pt, s·ox + dw·j − pl]   if tap k of (oy, ox) is valid,
 *   D_k = 1                                             if it reads padding (it can never be the max),
 * and 0 on padding entries; and the running products Q_1 = D_0⊙D_1, Q_m = Q_{m−1}⊙D_m (row triples),
 * the last of which, Z, must vanish (Z = D_0 when K = 1). Checks (r drawn after the commitment):
 *   `<node>/maxpool.diff`    D_k~(r) = Σ eq(r)·[valid]·y − Σ eq(r)·[valid]·X[gather] + Σ eq(r)·[real, invalid]
 *                            (per tap: tensor forms on y and X, the last term a public constant),
 *   `<node>/maxpool.argmax`  Z~(r) = 0,
 *   row triples              Q_m = Q_{m−1} ⊙ D_m (Ligero quadratic test; `zk.triple` in a direct check),
 *   range                    D_k ∈ [0, 2^b) with b = ⌈log2(hi − lo + 1)⌉ of the input's dtype range.
 * Why it is sound: the input's elements lie in its dtype range [lo, hi] (proven by the op producing
 * it). Z ≡ 0 and the triples give, per real entry, some D_k ≡ 0; D_k ∈ [0, 2^b) makes it the integer
 * 0, so tap k is valid (invalid taps hold 1) and y = x_k ∈ [lo, hi]; then every y − x_k' (valid) is
 * an integer in (−2^b, 2^b) congruent to D_k' ∈ [0, 2^b), hence equal to it and ≥ 0: y = max.
 * Soundness error: (K + 1)·(Σ output bits)/|K| for the linear checks, plus the lookup's.
 * Zero knowledge: no message is sent; D_k, Q_m stay in the commitment; the range lookups are padded.
 * Output padding is not constrained (real outputs depend only on real inputs); honest padding is 0.
 * Cost: (2K − 1) committed tensors of y's padded size, K range groups, K − 1 row triples per row.
 */
import { Affine, eMul, eSub, eqPrefixSum, eZero, mleConstraint, mul, type ProverContext, type VectorRef, type VerifierContext } from '@vouch/core';
import { DTYPE_RANGE, type IntNode } from '../../int/graph.ts';
import { dimPoint, fieldOf, padDims, pow2, prod, totalBits } from '../tensor.ts';
import type { FillContext, OpInstance, OpProof, OpProver, PlanContext, TensorRef } from '../types.ts';
import { blockForm, extSum, maskedEq, type Block } from './conv-tensor.ts';
import { readWindow, selectorMatrix, selectorRow, tapInput, validWeights, type Window2d } from './conv-window.ts';
import { checkShape } from './linear.ts';

/** Width b of the difference range for inputs in [lo, hi]. */
export function diffBits(lo: number, hi: number): number {
  let b = 1;
  while (2 ** b < hi - lo + 1) b++;
  return b;
}

class MaxPoolInstance implements OpInstance {
  readonly node: IntNode;
  private readonly x: TensorRef;
  private readonly y: TensorRef;
  private readonly win: Window2d;
  private readonly lead: number;
  private readonly diffs: TensorRef[] = [];
  private readonly prods: TensorRef[] = [];
  private readonly zero: TensorRef;

  constructor(ctx: PlanContext, node: IntNode) {
    this.node = node;
    this.x = ctx.tensor(node.inputs[0]);
    this.y = ctx.output(node);
    const xd = this.x.dims;
    const od = this.y.dims;
    if (xd.length < 4 || od.length !== xd.length) throw new RangeError(`node ${node.name}: expected NCHW input and output, got [${xd.join(', ')}] → [${od.join(', ')}]`);
    this.lead = xd.length - 3;
    for (let d = 0; d <= this.lead; d++) if (xd[d] !== od[d]) throw new RangeError(`node ${node.name}: expected equal batch and channel dims, got [${xd.join(', ')}] → [${od.join(', ')}]`);
    this.win = readWindow(node, xd.slice(this.lead + 1), od.slice(this.lead + 1));
    const vi = ctx.graph.values.get(node.inputs[0]);
    if (!vi) throw new RangeError(`node ${node.name}: expected a declared input ${node.inputs[0]}`);
    const [lo, hi] = vi.range ?? DTYPE_RANGE[vi.dtype];
    const bits = diffBits(lo, hi);
    if (bits > 16) throw new RangeError(`node ${node.name}: expected an input range of at most 2^16 values, got [${lo}, ${hi}] (${vi.dtype})`);
    const K = this.win.y.kernel * this.win.x.kernel;
    // all D_k in one block of whole rows (tap k at rows [k·R, (k+1)·R), column 0): one range group
    // for the node (the logUp's leaf blocks are as large as its largest group, so fewer groups is
    // cheaper) while each D_k stays column-aligned for the row triples
    const l = ctx.builder.rowWidth;
    const size = prod(this.y.padded);
    const rowsPer = Math.max(1, size / l);
    const block = ctx.alignedVector([pow2(K) * rowsPer * l], `${node.name} maxpool diffs`);
    const { padded, bits: tbits } = padDims(od);
    for (let k = 0; k < K; k++) {
      const ref: VectorRef = { label: `${node.name} maxpool diff ${k}`, length: size, paddedLength: size, logLength: Math.log2(size), row: block.ref.row + k * rowsPer, col: 0, rowCount: rowsPer };
      this.diffs.push({ label: ref.label, dims: od, padded, bits: tbits, ref });
    }
    for (let k = 1; k < K; k++) this.prods.push(ctx.alignedVector(od, `${node.name} maxpool product ${k}`));
    for (let k = 1; k < K; k++) ctx.triple(k === 1 ? this.diffs[0] : this.prods[k - 2], this.diffs[k], this.prods[k - 1]);
    this.zero = K === 1 ? this.diffs[0] : this.prods[K - 2];
    ctx.range(block, 0, bits, `${node.name}/maxpool.range`);
  }

  proofShape(): readonly number[] {
    return [];
  }

  fill(f: FillContext): void {
    const x = f.value(this.node.inputs[0]);
    const y = f.value(this.node.output);
    const od = this.y.dims;
    const [C, OH, OW] = od.slice(this.lead);
    const [H, W] = this.x.dims.slice(this.lead + 1);
    const outer = prod(od.slice(0, this.lead)) * C;
    const n = y.length;
    const KW = this.win.x.kernel;
    let acc: Uint32Array | undefined;
    this.diffs.forEach((dt, k) => {
      const i = Math.floor(k / KW);
      const j = k % KW;
      const d = new Uint32Array(n);
      for (let m = 0; m < outer; m++) {
        for (let oy = 0; oy < OH; oy++) {
          const h = tapInput(this.win.y, oy, i);
          for (let ox = 0; ox < OW; ox++) {
            const w = tapInput(this.win.x, ox, j);
            const e = (m * OH + oy) * OW + ox;
            d[e] = h < 0 || w < 0 ? 1 : fieldOf(y[e] - x[(m * H + h) * W + w]);
          }
        }
      }
      f.write(dt, d);
      if (!acc) acc = d;
      else {
        const next = new Uint32Array(n);
        for (let e = 0; e < n; e++) next[e] = mul(acc[e], d[e]);
        f.write(this.prods[k - 1], next);
        acc = next;
      }
    });
  }

  private run(ctx: VerifierContext): void {
    const name = this.node.name;
    const yb = this.y.bits;
    const r = ctx.transcript.challengeExts(`${name}/maxpool.r`, totalBits(yb));
    const k0 = this.lead;
    const outerBlocks: Block[] = [];
    let outerMass = Uint32Array.of(1, 0, 0, 0) as Uint32Array;
    for (let d = 0; d <= k0; d++) {
      const z = dimPoint(yb, r, d);
      outerBlocks.push({ bits: yb[d], vec: maskedEq(z, this.y.dims[d]) });
      outerMass = eMul(outerMass, eqPrefixSum(z, this.y.dims[d]));
    }
    const ry = dimPoint(yb, r, k0 + 1);
    const rx = dimPoint(yb, r, k0 + 2);
    const ey = maskedEq(ry, this.win.y.output);
    const ex = maskedEq(rx, this.win.x.output);
    const sy = selectorMatrix(this.win.y, ey);
    const sx = selectorMatrix(this.win.x, ex);
    const all = eMul(eqPrefixSum(ry, this.win.y.output), eqPrefixSum(rx, this.win.x.output));
    const KW = this.win.x.kernel;
    this.diffs.forEach((dt, k) => {
      const i = Math.floor(k / KW);
      const j = k % KW;
      const vy = validWeights(this.win.y, ey, i);
      const vx = validWeights(this.win.x, ex, j);
      const yForm = blockForm(ctx.layout, this.y.ref, [...outerBlocks, { bits: yb[k0 + 1], vec: vy }, { bits: yb[k0 + 2], vec: vx }]);
      const xForm = blockForm(ctx.layout, this.x.ref, [...outerBlocks, { bits: this.x.bits[k0 + 1], vec: selectorRow(this.win.y, sy, i) }, { bits: this.x.bits[k0 + 2], vec: selectorRow(this.win.x, sx, j) }]);
      const invalid = eMul(outerMass, eSub(all, eMul(extSum(vy), extSum(vx))));
      const rhs = yForm.sub(xForm).addConstant(invalid);
      ctx.constraints.push(mleConstraint(ctx.layout, dt.ref, r).equals(rhs, `${name}/maxpool.diff`));
    });
    ctx.constraints.push(mleConstraint(ctx.layout, this.zero.ref, r).equals(Affine.constant(eZero()), `${name}/maxpool.argmax`));
  }

  prove(ctx: ProverContext): OpProof {
    this.run(ctx);
    return [];
  }

  verify(ctx: VerifierContext, proof: OpProof): void {
    checkShape(this.node.name, proof, []);
    this.run(ctx);
  }
}

/** The MaxPool op prover. */
export const maxpoolProver: OpProver = {
  op: 'MaxPool',
  plan: (ctx, node) => new MaxPoolInstance(ctx, node),
};
