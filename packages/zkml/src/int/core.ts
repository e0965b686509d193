/**
 * The few @vouch/core symbols the quantization, integer and package modules use, imported in one
 * place. (@vouch/core had no src/index.ts when this area was written, so the import is by path;
 * when the package entry exists this file switches to `from '@vouch/core'` and nothing else moves.)
 */
export { VouchError, MalformedError, assertRange } from '../../../core/src/errors.ts';
export { P, HALF_P } from '../../../core/src/field/babybear.ts';
