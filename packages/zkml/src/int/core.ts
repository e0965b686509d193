/**
 * The few @vouch/core symbols the quantization, integer and package modules use, imported in one
 * place so the dependency surface on the proof engine stays visible.
 */
export { VouchError, MalformedError, assertRange, P, HALF_P, sha256 } from '@vouch/core';
