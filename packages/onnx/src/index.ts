/**
 * @vouch/onnx — ONNX reading and writing, and float reference runs with onnxruntime-node.
 *
 * The protobuf dependency lives only here; onnxruntime-node is loaded lazily on the first
 * {@link runFloatReference} call.
 */
export { writeOnnx, type WriteOnnxOptions } from './write.ts';
export { readOnnx, SUPPORTED_ONNX_OPS, type ReadOnnxOptions } from './read/read.ts';
export { runFloatReference, type ReferenceInput } from './reference.ts';
export { MalformedOnnxError } from './errors.ts';
export { ShapeError, UnsupportedOpError } from '@vouch/zkml';
