/**
 * Shape arithmetic shared by the canonical ops: ONNX multidirectional (numpy) broadcasting
 * (onnx/docs/Broadcasting.md), numpy matmul shapes, and 2-D window output sizes
 * (ONNX Conv / MaxPool / AveragePool, opset 17 — floor, or ceil with `ceil_mode`).
 */
import { ShapeError } from './errors.ts';

/** Formats a shape as `[a, b]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Numpy broadcast of two shapes.
 * @throws ShapeError if a pair of dimensions is neither equal nor 1
 */
export function broadcastShapes(node: string, a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new ShapeError(node, `expected broadcastable shapes, got ${formatShape(a)} and ${formatShape(b)}`, [a, b]);
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * Output shape of numpy `matmul(a, b)` (ONNX MatMul): 1-D operands are promoted and the
 * promoted dimension removed; batch dimensions broadcast.
 * @throws ShapeError if the contracted dimensions differ
 */
export function matmulShape(node: string, a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0 || b.length === 0)
    throw new ShapeError(node, `expected operands of rank >= 1, got ${formatShape(a)} and ${formatShape(b)}`, [a, b]);
  const a2 = a.length === 1 ? [1, a[0]!] : [...a];
  const b2 = b.length === 1 ? [b[0]!, 1] : [...b];
  const k1 = a2[a2.length - 1]!;
  const k2 = b2[b2.length - 2]!;
  if (k1 !== k2)
    throw new ShapeError(
      node,
      `expected inner dimensions to match, got ${formatShape(a)} · ${formatShape(b)} (${k1} vs ${k2})`,
      [a, b],
    );
  const batch = broadcastShapes(node, a2.slice(0, -2), b2.slice(0, -2));
  const out = [...batch, a2[a2.length - 2]!, b2[b2.length - 1]!];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.pop();
  return out;
}

/**
 * Output size of one spatial axis of a sliding window.
 * @param size - input size
 * @param k - kernel size
 * @param s - stride
 * @param padBegin - leading padding
 * @param padEnd - trailing padding
 * @param dilation - kernel dilation
 * @param ceil - ONNX `ceil_mode` (pools only)
 */
export function windowOutSize(
  size: number,
  k: number,
  s: number,
  padBegin: number,
  padEnd: number,
  dilation = 1,
  ceil = false,
): number {
  const span = (k - 1) * dilation + 1;
  const num = size + padBegin + padEnd - span;
  let out = (ceil ? Math.ceil(num / s) : Math.floor(num / s)) + 1;
  // The last window must start inside the input or the leading padding (as onnxruntime computes it).
  if (ceil && (out - 1) * s >= size + padBegin) out -= 1;
  return out;
}

/** Normalizes a possibly negative axis against `rank`; throws ShapeError if out of range. */
export function normalizeAxis(node: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank)
    throw new ShapeError(node, `expected an axis in [${-rank}, ${rank - 1}], got ${axis}`);
  return a;
}
