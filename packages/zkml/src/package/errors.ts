/** The typed error of model-package parsing and validation. */
import { MalformedError } from '../int/core.ts';

/**
 * Bytes that are not a valid model package (wrong magic or version, truncation, trailing bytes,
 * checksum mismatch, bad JSON, a field of the wrong type) or a package whose parts disagree
 * (shapes, parameter sizes, undefined values). `field` names what was being read or checked.
 */
export class ModelPackageError extends MalformedError {
  override name = 'ModelPackageError';
  constructor(field: string, message: string, offset?: number) {
    super(`model package ${field}`, message, offset);
  }
}
