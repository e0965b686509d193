/**
 * Building the on-chain key of an open-weights MLP (docs/parts/onchain.md §12) from an integer graph
 * of Linear → Requant layers (B1, the A1 tabular models): the weight matrices are packed into one
 * table (layout.ts), committed with BaseFold, and the public bias / multiplier / shift / clamp of each
 * layer go into the key. Everything here is public: the weights are open, and anyone holding them
 * can recompute the key and its model id.
 */
import { BASEFOLD_CONJECTURED_100, basefoldCommit, basefoldParams, fromInt, type BasefoldCommitment, type BasefoldPreset } from '@vouch/core';
import { DTYPE_RANGE, numel, type IntGraph, type IntParams } from '../../int/graph.ts';
import { UnsupportedOpError } from '../../ir/errors.ts';
import { encodeMlpVk, mlpModelId, type MlpLayer, type MlpVk } from './vk.ts';
import { mlpLayout, type MlpBlock } from './layout.ts';

/** What the prover keeps: the key, its bytes and id, the weights per layer and the commitment. */
export interface MlpKey {
  readonly vk: MlpVk;
  readonly vkBytes: Uint8Array;
  readonly modelId: Uint8Array;
  /** Per layer: rows × cols canonical base elements, row-major. */
  readonly weights: readonly Uint32Array[];
  readonly blocks: readonly MlpBlock[];
  readonly commitment: BasefoldCommitment;
}

/** Options of {@link mlpKey}. */
export interface MlpKeyOptions {
  /** BaseFold preset (default `BASEFOLD_CONJECTURED_100`). */
  readonly preset?: BasefoldPreset;
  /** The off-chain model id (64 hex digits) recorded in the key. */
  readonly source?: string;
}

const SUPPORTED = ['Linear', 'Requant'] as const;

/**
 * The on-chain key of a Linear → Requant chain.
 * @throws UnsupportedOpError naming the node when the graph is not a single-input chain of
 *   Linear → Requant layers over [1, K] tensors with per-channel (axis 1) or per-tensor requantization.
 * @throws MalformedError (`mlp.vk.*`) when a layer breaks the range argument.
 */
export function mlpKey(graph: IntGraph, params: IntParams, opts: MlpKeyOptions = {}): MlpKey {
  const fail = (node: string, op: string, why: string): never => {
    throw new UnsupportedOpError(op, node, SUPPORTED, `on-chain MLP statements take a chain of Linear → Requant layers: ${why}`);
  };
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) fail('graph', 'graph', `expected one input and one output, got ${graph.inputs.length} and ${graph.outputs.length}`);
  const input = graph.inputs[0];
  if (input.shape.length !== 2 || input.shape[0] !== 1) fail('graph', 'graph', `expected an input of shape [1, K], got [${input.shape.join(', ')}]`);
  const [inputLo, inputHi] = DTYPE_RANGE[input.dtype];
  if (graph.nodes.length === 0 || graph.nodes.length % 2 !== 0) fail('graph', 'graph', `expected pairs of nodes, got ${graph.nodes.length} nodes`);
  const layers: MlpLayer[] = [];
  const weights: Uint32Array[] = [];
  let current = input.name;
  for (let i = 0; i < graph.nodes.length; i += 2) {
    const lin = graph.nodes[i];
    const req = graph.nodes[i + 1];
    if (lin.op !== 'Linear') fail(lin.name, lin.op, `node ${i} should be Linear`);
    if (req.op !== 'Requant') fail(req.name, req.op, `node ${i + 1} should be Requant`);
    if (lin.inputs.length !== 1 || lin.inputs[0] !== current) fail(lin.name, lin.op, `expected input ${current}, got ${lin.inputs.join(', ')}`);
    if (req.inputs.length !== 1 || req.inputs[0] !== lin.output) fail(req.name, req.op, `expected the Linear output ${lin.output} as input`);
    const w = params.get(lin.params.weight);
    if (!w || w.shape.length !== 2) fail(lin.name, lin.op, 'expected a 2-D weight');
    const [rows, cols] = w!.shape;
    for (let j = 0; j < w!.data.length; j++) {
      const v = w!.data[j];
      if (!Number.isInteger(v) || v < -128 || v > 127) fail(lin.name, lin.op, `expected int8 weights, got ${v} at index ${j}`);
    }
    const b = lin.params.bias === undefined ? undefined : params.get(lin.params.bias);
    const axis = req.attrs.axis as number;
    if (axis !== 1 && axis !== -1) fail(req.name, req.op, `expected axis 1 or −1, got ${axis}`);
    const m = params.get(req.params.multiplier);
    const s = params.get(req.params.shift);
    if (!m || !s) fail(req.name, req.op, 'expected multiplier and shift');
    const per = (t: { data: ArrayLike<number> }, j: number) => (t.data.length === 1 ? t.data[0] : t.data[j]);
    if (m!.data.length !== 1 && m!.data.length !== rows) fail(req.name, req.op, `expected 1 or ${rows} multipliers, got ${m!.data.length}`);
    const wf = new Uint32Array(rows * cols);
    for (let j = 0; j < wf.length; j++) wf[j] = fromInt(w!.data[j]);
    weights.push(wf);
    layers.push({
      rows,
      cols,
      lo: req.attrs.lo as number,
      hi: req.attrs.hi as number,
      bias: Array.from({ length: rows }, (_, j) => (b ? b.data[j] : 0)),
      multiplier: Array.from({ length: rows }, (_, j) => per(m!, j)),
      shift: Array.from({ length: rows }, (_, j) => per(s!, j)),
    });
    current = req.output;
    if (numel(w!.shape) !== w!.data.length) fail(lin.name, lin.op, 'weight size mismatch');
  }
  if (current !== graph.outputs[0].name) fail('graph', 'graph', `expected the last Requant to produce ${graph.outputs[0].name}`);
  const { blocks, vars } = mlpLayout(layers);
  const table = new Uint32Array(2 ** vars);
  layers.forEach((l, k) => {
    const bl = blocks[k];
    for (let r = 0; r < l.rows; r++) table.set(weights[k].subarray(r * l.cols, (r + 1) * l.cols), bl.offset + r * 2 ** bl.cb);
  });
  const params0 = basefoldParams(vars, opts.preset ?? BASEFOLD_CONJECTURED_100);
  const commitment = basefoldCommit(table, params0);
  const source = opts.source ? sourceBytes(opts.source) : new Uint8Array(32);
  const vk: MlpVk = { inputLo, inputHi, layers, params: params0, root: commitment.root, source };
  const vkBytes = encodeMlpVk(vk);
  return { vk, vkBytes, modelId: mlpModelId(vkBytes), weights, blocks, commitment };
}

/** 64 hex digits → 32 bytes. @throws RangeError otherwise. */
function sourceBytes(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new RangeError(`mlpKey: expected source as 64 hex digits, got ${hex}`);
  return Uint8Array.from({ length: 32 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
}
