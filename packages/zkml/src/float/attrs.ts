/**
 * Typed readers for ONNX-style node attributes (shared by the float executor and the quantizer).
 * Each reader throws the IR's UnsupportedOpError naming the node when an attribute has the wrong type.
 */
import type { AttrValue, GraphNode } from '../ir/graph.ts';
import { unsupported } from './errors.ts';

/** Reads a numeric attribute, or `dflt` when absent. */
export function attrNum(node: GraphNode, key: string, dflt: number): number {
  const v: AttrValue | undefined = node.attrs[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number') throw unsupported(node, `attribute ${key}: expected a number, got ${typeof v}`);
  return v;
}

/** Reads a list-of-numbers attribute, or `dflt` when absent. */
export function attrInts(node: GraphNode, key: string, dflt: readonly number[]): readonly number[] {
  const v: AttrValue | undefined = node.attrs[key];
  if (v === undefined) return dflt;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number')) {
    throw unsupported(node, `attribute ${key}: expected a list of numbers`);
  }
  return v as readonly number[];
}

/** Reads a string attribute, or `dflt` when absent. */
export function attrStr(node: GraphNode, key: string, dflt: string): string {
  const v: AttrValue | undefined = node.attrs[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'string') throw unsupported(node, `attribute ${key}: expected a string`);
  return v;
}

/** Normalizes a possibly negative axis against a rank. */
export function normAxis(node: GraphNode, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) {
    throw unsupported(node, `axis: expected an integer in [${-rank}, ${rank}), got ${axis}`);
  }
  return a;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** 2-D convolution / pooling geometry resolved from ONNX attributes (NCHW). */
export interface Window2d {
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  /** pads: top, left, bottom, right. */
  readonly pt: number;
  readonly pl: number;
  readonly pb: number;
  readonly pr: number;
}

/** Resolves kernel, strides, dilations and explicit pads (auto_pad NOTSET or VALID). Output sizes come from the graph's shapes, so ceil_mode needs no handling here. */
export function window2d(node: GraphNode, kernel: readonly number[]): Window2d {
  if (kernel.length !== 2) throw unsupported(node, `expected a 2-D kernel, got ${kernel.length}-D`);
  const autoPad = attrStr(node, 'auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'VALID') throw unsupported(node, `auto_pad ${autoPad} is not supported (pads must be explicit)`);
  const s = attrInts(node, 'strides', [1, 1]);
  const d = attrInts(node, 'dilations', [1, 1]);
  const p = attrInts(node, 'pads', [0, 0, 0, 0]);
  return { kh: kernel[0], kw: kernel[1], sh: s[0], sw: s[1], dh: d[0], dw: d[1], pt: p[0], pl: p[1], pb: p[2], pr: p[3] };
}

/** Output spatial size of a window op. */
export function windowOut(w: Window2d, h: number, wd: number): [number, number] {
  const oh = Math.floor((h + w.pt + w.pb - (w.dh * (w.kh - 1) + 1)) / w.sh) + 1;
  const ow = Math.floor((wd + w.pl + w.pr - (w.dw * (w.kw - 1) + 1)) / w.sw) + 1;
  return [oh, ow];
}
