/** Typed errors of readOnnx: malformed bytes and structure, unsupported ops, wrong shapes. */
import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { MalformedOnnxError, ShapeError, UnsupportedOpError, readOnnx, writeOnnx } from '@vouch/onnx';
import { GraphBuilder } from './helpers.ts';

const { onnx } = onnxProto;

function mlpBytes(): Uint8Array {
  const g = new GraphBuilder();
  g.input('x', [1, 4]);
  g.const('W', [4, 3]);
  g.node('MatMul', ['x', 'W'], 'h', {}, 'dense');
  g.node('Relu', ['h'], 'y', {}, 'act');
  g.output('y', [1, 3]);
  return writeOnnx(g.build());
}

function catchErr(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('readOnnx errors', () => {
  it('rejects truncated bytes with MalformedOnnxError carrying the byte offset', () => {
    const bytes = mlpBytes();
    const e = catchErr(() => readOnnx(bytes.subarray(0, bytes.length - 7)));
    expect(e).toBeInstanceOf(MalformedOnnxError);
    expect((e as MalformedOnnxError).code).toBe('MALFORMED');
    expect((e as MalformedOnnxError).offset).toBeTypeOf('number');
  });

  it('rejects garbage and empty bytes with MalformedOnnxError', () => {
    const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(() => readOnnx(garbage)).toThrow(MalformedOnnxError);
    const e = catchErr(() => readOnnx(new Uint8Array()));
    expect(e).toBeInstanceOf(MalformedOnnxError);
    expect((e as Error).message).toMatch(/expected a graph/);
  });

  it('rejects an unsupported op naming the op, the node and the supported list', () => {
    const g = new GraphBuilder();
    g.input('boxes', [1, 4, 4]);
    g.input('scores', [1, 1, 4]);
    g.node('NonMaxSuppression', ['boxes', 'scores'], 'sel', {}, 'nms');
    g.output('sel', [4, 3]);
    const e = catchErr(() => readOnnx(writeOnnx(g.build())));
    expect(e).toBeInstanceOf(UnsupportedOpError);
    const u = e as UnsupportedOpError;
    expect(u.op).toBe('NonMaxSuppression');
    expect(u.node).toBe('nms');
    expect(u.supported).toContain('Conv');
    expect(u.message).toMatch(/unsupported op NonMaxSuppression in node nms/);
  });

  it('rejects unsupported attribute values (dilated Conv) and non-default domains', () => {
    const g = new GraphBuilder();
    g.input('x', [1, 1, 5, 5]);
    g.const('W', [1, 1, 2, 2]);
    g.node('Conv', ['x', 'W'], 'y', { dilations: [2, 2] }, 'dil');
    g.output('y', [1, 1, 3, 3]);
    expect(() => readOnnx(writeOnnx(g.build()))).toThrow(
      /unsupported use of Conv in node dil: expected dilations \[1, 1\]/,
    );
    const model = onnx.ModelProto.decode(mlpBytes());
    model.graph!.node![1]!.domain = 'com.microsoft';
    const e = catchErr(() => readOnnx(onnx.ModelProto.encode(model).finish()));
    expect(e).toBeInstanceOf(UnsupportedOpError);
    expect((e as UnsupportedOpError).op).toBe('com.microsoft.Relu');
  });

  it('rejects a wrong input shape with ShapeError naming the node and both shapes', () => {
    const e = catchErr(() => readOnnx(mlpBytes(), { inputShapes: { x: [1, 5] } }));
    expect(e).toBeInstanceOf(ShapeError);
    expect((e as ShapeError).node).toBe('input x');
    const g = new GraphBuilder();
    g.input('x', [2, 5]);
    g.const('W', [4, 3]);
    g.node('MatMul', ['x', 'W'], 'y', {}, 'dense');
    g.output('y', [2, 3]);
    const f = catchErr(() => readOnnx(writeOnnx(g.build())));
    expect(f).toBeInstanceOf(ShapeError);
    expect((f as ShapeError).node).toBe('dense');
    expect((f as ShapeError).shapes).toEqual([
      [2, 5],
      [4, 3],
    ]);
    expect((f as Error).message).toMatch(/\[2, 5\] · \[4, 3\]/);
  });

  it('rejects a dangling input name with MalformedOnnxError naming the node input', () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.node('Add', ['x', 'ghost'], 'y', {}, 'adder');
    g.output('y', [2]);
    const e = catchErr(() => readOnnx(writeOnnx(g.build())));
    expect(e).toBeInstanceOf(MalformedOnnxError);
    expect((e as MalformedOnnxError).field).toMatch(/\(adder\)\.input\[1\]/);
    expect((e as Error).message).toMatch(/ghost/);
  });

  it('rejects a graph cycle with MalformedOnnxError naming the nodes', () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.node('Add', ['x', 'b'], 'a', {}, 'n1');
    g.node('Relu', ['a'], 'b', {}, 'n2');
    g.node('Relu', ['a'], 'y', {}, 'n3');
    g.output('y', [2]);
    const e = catchErr(() => readOnnx(writeOnnx(g.build())));
    expect(e).toBeInstanceOf(MalformedOnnxError);
    expect((e as Error).message).toMatch(/cycle/);
    expect((e as MalformedOnnxError).field).toMatch(/n1, n2/);
  });

  it('rejects a value produced twice', () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.node('Relu', ['x'], 'y', {}, 'r1');
    g.node('Tanh', ['x'], 'y', {}, 'r2');
    g.output('y', [2]);
    expect(() => readOnnx(writeOnnx(g.build()))).toThrow(/second producer of y/);
  });

  it('fixes a symbolic batch dim from opts.batch and requires inputShapes for other symbolic dims', () => {
    const model = onnx.ModelProto.decode(mlpBytes());
    const dims = model.graph!.input![0]!.type!.tensorType!.shape!.dim!;
    dims[0] = onnx.TensorShapeProto.Dimension.create({ dimParam: 'N' });
    const bytes = onnx.ModelProto.encode(model).finish();
    const g = readOnnx(bytes, { batch: 3 });
    expect(g.inputs[0]!.shape).toEqual([3, 4]);
    expect(g.outputs[0]!.shape).toEqual([3, 3]);
    expect(readOnnx(bytes).inputs[0]!.shape).toEqual([1, 4]);
    dims[1] = onnx.TensorShapeProto.Dimension.create({ dimParam: 'F' });
    const bytes2 = onnx.ModelProto.encode(model).finish();
    expect(() => readOnnx(bytes2)).toThrow(ShapeError);
    expect(readOnnx(bytes2, { inputShapes: { x: [2, 4] } }).outputs[0]!.shape).toEqual([2, 3]);
    expect(() => readOnnx(bytes2, { inputShapes: { nope: [2, 4] } })).toThrow(/expected the name of a graph input/);
  });

  it('rejects a use of a second output (Dropout mask)', () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.node('Dropout', ['x'], ['y', 'mask'], {}, 'drop');
    g.output('y', [2]);
    g.output('mask', [2]);
    expect(() => readOnnx(writeOnnx(g.build()))).toThrow(/expected only output 0 to be used/);
  });

  it('rejects Div by a computed divisor outside the LayerNorm pattern', () => {
    const g = new GraphBuilder();
    g.input('x', [2]);
    g.input('z', [2]);
    g.node('Div', ['x', 'z'], 'y', {}, 'ratio');
    g.output('y', [2]);
    const e = catchErr(() => readOnnx(writeOnnx(g.build())));
    expect(e).toBeInstanceOf(UnsupportedOpError);
    expect((e as UnsupportedOpError).node).toBe('ratio');
    expect((e as Error).message).toMatch(/constant divisor/);
  });

  it('rejects an initializer whose data does not match its shape or whose type is unsupported', () => {
    const model = onnx.ModelProto.decode(mlpBytes());
    const w = model.graph!.initializer![0]!;
    w.rawData = w.rawData!.subarray(0, w.rawData!.length - 4);
    const e = catchErr(() => readOnnx(onnx.ModelProto.encode(model).finish()));
    expect(e).toBeInstanceOf(MalformedOnnxError);
    expect((e as MalformedOnnxError).field).toMatch(/graph\.initializer\[0\] \(W\)\.raw_data/);
    expect((e as Error).message).toMatch(/expected 48 bytes for shape \[4, 3\], got 44/);
    w.dataType = 10; // FLOAT16
    expect(() => readOnnx(onnx.ModelProto.encode(model).finish())).toThrow(/data type 10/);
  });

  it('reads initializers stored in typed fields (float_data, int64_data) like raw_data', () => {
    const model = onnx.ModelProto.decode(mlpBytes());
    const w = model.graph!.initializer![0]!;
    const view = new DataView(w.rawData!.buffer, w.rawData!.byteOffset, w.rawData!.byteLength);
    w.floatData = Array.from({ length: 12 }, (_, i) => view.getFloat32(4 * i, true));
    w.rawData = new Uint8Array();
    const g = readOnnx(onnx.ModelProto.encode(model).finish());
    const ref = readOnnx(mlpBytes());
    expect(Array.from(g.constants.get('W')!.data)).toEqual(Array.from(ref.constants.get('W')!.data));
  });
});
