/**
 * The canonical Vouch op set: what ONNX import produces and what quantization consumes.
 *
 * Every canonical node is also a valid ONNX node (opset 17; `Gelu` is written as its Erf
 * pattern below opset 20, and attributes that the opset takes as inputs are written as int64
 * initializers), so a FloatGraph can always be written back and run by onnxruntime.
 * Semantics are ONNX's (https://onnx.ai/onnx/operators/, opset 17) with these normalizations,
 * which the importer guarantees and {@link validateGraph} checks:
 *
 * | op | inputs | attributes after import |
 * |----|--------|-------------------------|
 * | `Gemm` | A [M,K], B [K,N], C? [N] or [M,N] | none: always `Y = A·B + C` (transA = transB = 0, alpha = beta = 1 folded) |
 * | `MatMul` | A, B (numpy matmul, batch broadcast) | none |
 * | `Add`, `Sub`, `Mul` | two tensors (numpy broadcasting; either may be a constant) | none (Div by a constant is imported as Mul by its reciprocal) |
 * | `Relu`, `Sigmoid`, `Tanh` | X | none |
 * | `LeakyRelu` | X | `alpha` (float) |
 * | `Gelu` | X | `approximate`: `"none"` (erf) or `"tanh"` |
 * | `Softmax` | X | `axis` ≥ 0 (opset-13 semantics: one axis) |
 * | `LayerNormalization` | X, Scale, B (both shaped X.shape[axis:]) | `axis` ≥ 0, `epsilon` (float); only output Y |
 * | `Conv` | X [N,C,H,W], W [M,C/group,kH,kW], B [M] (zeros if absent) | `kernel_shape` [kH,kW], `strides` [sH,sW], `pads` [top,left,bottom,right], `dilations` [1,1], `group` |
 * | `MaxPool` | X [N,C,H,W] | `kernel_shape`, `strides`, `pads` (as Conv), `ceil_mode` 0/1 |
 * | `AveragePool` | X [N,C,H,W] | `kernel_shape`, `strides`, `pads`, `ceil_mode`, `count_include_pad` 0/1 |
 * | `GlobalAveragePool` | X [N,C,H,W] | none; Y [N,C,1,1] |
 * | `Reshape` | X (one input) | `shape`: the fully resolved output shape (no 0 or -1) |
 * | `Transpose` | X | `perm` (always present) |
 * | `Concat` | X₁…Xₙ (constants allowed) | `axis` ≥ 0 |
 * | `Slice` | X (one input) | `starts`, `ends`, `axes`, `steps`: one entry per axis of X, in axis order, clamped (a negative-step end before index 0 is `-dim-1`) |
 * | `Gather` | data, indices (int64 constant or int64 graph input) | `axis` ≥ 0 |
 *
 * Import removes Identity, Dropout and Constant, turns Flatten, Squeeze and Unsqueeze into
 * `Reshape`, folds BatchNormalization into the preceding Conv/Gemm (else `Mul` + `Add` by
 * per-channel constants), and fuses the Erf-GELU and decomposed LayerNorm patterns.
 */
import { ShapeError, UnsupportedOpError } from './errors.ts';
import type { FloatGraph, GraphNode } from './graph.ts';
import { sizeOf } from './graph.ts';
import { broadcastShapes, formatShape, matmulShape, windowOutSize } from './shape.ts';

/** The canonical op types, in the order of the table above. */
export const CANONICAL_OPS = [
  'Gemm',
  'MatMul',
  'Add',
  'Sub',
  'Mul',
  'Relu',
  'Sigmoid',
  'Tanh',
  'LeakyRelu',
  'Gelu',
  'Softmax',
  'LayerNormalization',
  'Conv',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'Reshape',
  'Transpose',
  'Concat',
  'Slice',
  'Gather',
] as const;

/** A canonical op type. */
export type CanonicalOp = (typeof CANONICAL_OPS)[number];

const CANON: ReadonlySet<string> = new Set(CANONICAL_OPS);

/** True for a canonical op type. */
export function isCanonicalOp(op: string): op is CanonicalOp {
  return CANON.has(op);
}

function ints(node: GraphNode, name: string, len?: number): number[] {
  const v = node.attrs[name];
  if (
    !Array.isArray(v) ||
    !v.every((x) => typeof x === 'number' && Number.isInteger(x)) ||
    (len !== undefined && v.length !== len)
  ) {
    throw new ShapeError(
      node.name,
      `expected attribute ${name} to be ${len ?? 'a list of'} integers, got ${JSON.stringify(v)}`,
    );
  }
  return v as number[];
}

function int(node: GraphNode, name: string, dflt?: number): number {
  const v = node.attrs[name] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new ShapeError(node.name, `expected integer attribute ${name}, got ${JSON.stringify(v)}`);
  return v;
}

function arity(node: GraphNode, shapes: readonly (readonly number[])[], min: number, max = min): void {
  if (shapes.length < min || shapes.length > max) {
    throw new ShapeError(
      node.name,
      `expected ${min === max ? min : `${min}..${max}`} inputs to ${node.op}, got ${shapes.length}`,
      shapes,
    );
  }
}

function rank(node: GraphNode, s: readonly number[], r: number, what: string): void {
  if (s.length !== r) throw new ShapeError(node.name, `expected ${what} of rank ${r}, got ${formatShape(s)}`, [s]);
}

function windowShape(
  node: GraphNode,
  x: readonly number[],
  kh: number,
  kw: number,
  ceil: boolean,
  outC: number,
): number[] {
  const [sh, sw] = ints(node, 'strides', 2);
  const [pt, pl, pb, pr] = ints(node, 'pads', 4);
  const dil = node.attrs['dilations'] === undefined ? [1, 1] : ints(node, 'dilations', 2);
  if (sh! < 1 || sw! < 1 || dil.some((d) => d < 1) || [pt, pl, pb, pr].some((p) => p! < 0)) {
    throw new ShapeError(
      node.name,
      `expected positive strides/dilations and non-negative pads, got strides ${sh},${sw} pads ${pt},${pl},${pb},${pr}`,
    );
  }
  const oh = windowOutSize(x[2]!, kh, sh!, pt!, pb!, dil[0], ceil);
  const ow = windowOutSize(x[3]!, kw, sw!, pl!, pr!, dil[1], ceil);
  if (oh < 1 || ow < 1)
    throw new ShapeError(
      node.name,
      `expected a kernel ${kh}x${kw} that fits the padded input ${formatShape(x)}, got output ${oh}x${ow}`,
      [x],
    );
  return [x[0]!, outC, oh, ow];
}

/**
 * Output shapes of one canonical node from its input shapes (ONNX opset-17 shape rules
 * under the normalizations documented above).
 * @param node - a canonical node
 * @param inputs - the shapes of `node.inputs`, in order
 * @returns one shape per output
 * @throws ShapeError if the shapes or attributes do not fit the op
 * @throws UnsupportedOpError if the op is not canonical
 */
export function inferShapes(node: GraphNode, inputs: readonly (readonly number[])[]): number[][] {
  const x = inputs[0]!;
  switch (node.op) {
    case 'Gemm': {
      arity(node, inputs, 2, 3);
      const [a, b, c] = inputs as [number[], number[], number[] | undefined];
      rank(node, a, 2, 'A');
      rank(node, b, 2, 'B');
      if (a[1] !== b[0])
        throw new ShapeError(
          node.name,
          `expected A [M,K] and B [K,N] with equal K, got ${formatShape(a)} and ${formatShape(b)}`,
          [a, b],
        );
      const y = [a[0]!, b[1]!];
      if (c) {
        const bc = broadcastShapes(node.name, y, c);
        if (bc.length !== 2 || bc[0] !== y[0] || bc[1] !== y[1])
          throw new ShapeError(node.name, `expected C broadcastable to ${formatShape(y)}, got ${formatShape(c)}`, [
            y,
            c,
          ]);
      }
      return [y];
    }
    case 'MatMul':
      arity(node, inputs, 2);
      return [matmulShape(node.name, inputs[0]!, inputs[1]!)];
    case 'Add':
    case 'Sub':
    case 'Mul':
      arity(node, inputs, 2);
      return [broadcastShapes(node.name, inputs[0]!, inputs[1]!)];
    case 'Relu':
    case 'Sigmoid':
    case 'Tanh':
    case 'LeakyRelu':
    case 'Gelu':
      arity(node, inputs, 1);
      return [[...x]];
    case 'Softmax': {
      arity(node, inputs, 1);
      const axis = int(node, 'axis');
      if (axis < 0 || axis >= x.length)
        throw new ShapeError(node.name, `expected axis in [0, ${x.length - 1}], got ${axis}`, [x]);
      return [[...x]];
    }
    case 'LayerNormalization': {
      arity(node, inputs, 3);
      const axis = int(node, 'axis');
      if (axis < 0 || axis >= x.length)
        throw new ShapeError(node.name, `expected axis in [0, ${x.length - 1}], got ${axis}`, [x]);
      const norm = x.slice(axis);
      for (const s of inputs.slice(1)) {
        if (formatShape(s) !== formatShape(norm))
          throw new ShapeError(node.name, `expected Scale and B of shape ${formatShape(norm)}, got ${formatShape(s)}`, [
            x,
            s,
          ]);
      }
      return [[...x]];
    }
    case 'Conv': {
      arity(node, inputs, 3);
      const [w, b] = [inputs[1]!, inputs[2]!];
      rank(node, x, 4, 'X');
      rank(node, w, 4, 'W');
      const group = int(node, 'group', 1);
      const [kh, kw] = ints(node, 'kernel_shape', 2);
      if (w[2] !== kh || w[3] !== kw)
        throw new ShapeError(node.name, `expected W spatial dims ${kh}x${kw}, got ${formatShape(w)}`, [w]);
      if (group < 1 || x[1]! % group !== 0 || w[0]! % group !== 0 || w[1]! * group !== x[1]) {
        throw new ShapeError(
          node.name,
          `expected W [M, C/group, kH, kW] with C = ${x[1]} and group = ${group}, got ${formatShape(w)}`,
          [x, w],
        );
      }
      if (b.length !== 1 || b[0] !== w[0])
        throw new ShapeError(node.name, `expected B of shape [${w[0]}], got ${formatShape(b)}`, [b]);
      return [windowShape(node, x, kh!, kw!, false, w[0]!)];
    }
    case 'MaxPool':
    case 'AveragePool': {
      arity(node, inputs, 1);
      rank(node, x, 4, 'X');
      const [kh, kw] = ints(node, 'kernel_shape', 2);
      return [windowShape(node, x, kh!, kw!, int(node, 'ceil_mode', 0) === 1, x[1]!)];
    }
    case 'GlobalAveragePool':
      arity(node, inputs, 1);
      rank(node, x, 4, 'X');
      return [[x[0]!, x[1]!, 1, 1]];
    case 'Reshape': {
      arity(node, inputs, 1);
      const shape = ints(node, 'shape');
      if (shape.some((d) => d < 0) || sizeOf(shape) !== sizeOf(x)) {
        throw new ShapeError(
          node.name,
          `expected a resolved shape with ${sizeOf(x)} elements, got ${formatShape(shape)} for input ${formatShape(x)}`,
          [x, shape],
        );
      }
      return [shape];
    }
    case 'Transpose': {
      arity(node, inputs, 1);
      const perm = ints(node, 'perm', x.length);
      if ([...perm].sort((p, q) => p - q).some((p, i) => p !== i))
        throw new ShapeError(node.name, `expected a permutation of 0..${x.length - 1}, got ${formatShape(perm)}`, [x]);
      return [perm.map((p) => x[p]!)];
    }
    case 'Concat': {
      if (inputs.length < 1) arity(node, inputs, 1, Infinity);
      const axis = int(node, 'axis');
      if (axis < 0 || axis >= x.length)
        throw new ShapeError(node.name, `expected axis in [0, ${x.length - 1}], got ${axis}`, [x]);
      const out = [...x];
      for (const s of inputs.slice(1)) {
        if (s.length !== x.length || s.some((d, i) => i !== axis && d !== x[i])) {
          throw new ShapeError(
            node.name,
            `expected shapes equal except on axis ${axis}, got ${formatShape(x)} and ${formatShape(s)}`,
            [x, s],
          );
        }
        out[axis]! += s[axis]!;
      }
      return [out];
    }
    case 'Slice': {
      arity(node, inputs, 1);
      const r = x.length;
      const [starts, ends, axes, steps] = [
        ints(node, 'starts', r),
        ints(node, 'ends', r),
        ints(node, 'axes', r),
        ints(node, 'steps', r),
      ];
      return [
        x.map((d, i) => {
          if (axes[i] !== i || steps[i] === 0)
            throw new ShapeError(
              node.name,
              `expected normalized axes 0..${r - 1} and non-zero steps, got axes ${formatShape(axes)} steps ${formatShape(steps)}`,
            );
          const [s, e, st] = [starts[i]!, ends[i]!, steps[i]!];
          const ok =
            st > 0
              ? 0 <= s && s <= d && 0 <= e && e <= d
              : d === 0 || (0 <= s && s <= d - 1 && (e === -d - 1 || (0 <= e && e <= d - 1)));
          if (!ok)
            throw new ShapeError(
              node.name,
              `expected clamped bounds on axis ${i} of ${formatShape(x)}, got start ${s} end ${e} step ${st}`,
              [x],
            );
          const end = st < 0 && e === -d - 1 ? -1 : e;
          return Math.max(0, Math.ceil((end - s) / st));
        }),
      ];
    }
    case 'Gather': {
      arity(node, inputs, 2);
      const axis = int(node, 'axis');
      if (axis < 0 || axis >= x.length)
        throw new ShapeError(node.name, `expected axis in [0, ${x.length - 1}], got ${axis}`, [x]);
      return [[...x.slice(0, axis), ...inputs[1]!, ...x.slice(axis + 1)]];
    }
    default:
      throw new UnsupportedOpError(node.op, node.name, CANONICAL_OPS);
  }
}

/**
 * Checks that a graph is canonical: known ops, every input defined before use, unique
 * outputs, and `graph.shapes` equal to the shapes inferred by {@link inferShapes}.
 * @throws UnsupportedOpError for a non-canonical op
 * @throws ShapeError for an undefined value or a shape that does not match
 */
export function validateGraph(graph: FloatGraph): void {
  const known = new Map<string, readonly number[]>();
  for (const v of graph.inputs) known.set(v.name, v.shape);
  for (const [name, t] of graph.constants) known.set(name, t.shape);
  for (const node of graph.nodes) {
    const shapes = node.inputs.map((i) => {
      const s = known.get(i);
      if (!s)
        throw new ShapeError(node.name, `expected input ${i} to be defined before the node, got an undefined value`);
      return s;
    });
    const outs = inferShapes(node, shapes);
    node.outputs.forEach((o, k) => {
      if (known.has(o))
        throw new ShapeError(node.name, `expected output ${o} to be defined once, got a second definition`);
      const declared = graph.shapes.get(o);
      if (declared && formatShape(declared) !== formatShape(outs[k]!))
        throw new ShapeError(
          node.name,
          `expected ${o} to have shape ${formatShape(outs[k]!)}, got ${formatShape(declared)}`,
          [outs[k]!, declared],
        );
      known.set(o, outs[k]!);
    });
  }
  for (const v of graph.outputs) {
    const s = known.get(v.name);
    if (!s)
      throw new ShapeError(`output ${v.name}`, 'expected a graph output produced by a node, got an undefined value');
    if (formatShape(s) !== formatShape(v.shape))
      throw new ShapeError(`output ${v.name}`, `expected shape ${formatShape(s)}, got ${formatShape(v.shape)}`, [
        s,
        v.shape,
      ]);
  }
}
