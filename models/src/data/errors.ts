/**
 * Typed errors of the model zoo.
 */
import { VouchError, type VouchErrorOptions } from '@vouch/core';

/** A dataset that is missing, unreadable or not in the expected form. */
export class DatasetError extends VouchError {
  override name = 'DatasetError';
  /** Which dataset, e.g. `mnist` or `cps-wages-1985`. */
  readonly dataset: string;

  constructor(dataset: string, message: string, options: VouchErrorOptions = {}) {
    super('DATASET', `${dataset}: ${message}`, options);
    this.dataset = dataset;
  }
}

/** An unknown zoo model id or a model that cannot be produced (e.g. a missing fixture). */
export class ZooError extends VouchError {
  override name = 'ZooError';

  constructor(message: string, options: VouchErrorOptions = {}) {
    super('ZOO', message, options);
  }
}
