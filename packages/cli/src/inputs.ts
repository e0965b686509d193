/**
 * Model inputs for `--calibration` and `--test-set`: a zoo dataset id (models/src/samples.ts) or
 * a JSON file `{ "inputs": number[][], "labels"?: number[] }` with one flat row per example.
 */
import { DATASET_IDS, example, loadSamples } from '@vouch/models';
import { MalformedError } from '@vouch/core';
import { readUserFile } from './files.ts';
import type { Io } from './io.ts';

/** Examples, each the model input's exact size, with labels when known. */
export interface InputSet {
  readonly source: string;
  readonly inputs: Float32Array[];
  readonly labels?: number[];
  /** Number of classes, when the source is a labelled zoo dataset. */
  readonly classes?: number;
}

/** Help text naming the accepted sources. */
export const INPUT_SOURCES = `a dataset id (${DATASET_IDS.join(', ')}, random:<seed>) or a JSON file {"inputs": [[…], …], "labels": […]}`;

/**
 * Loads up to `limit` examples of `width` floats.
 * @param src - dataset id or file path.
 * @param width - the model input's number of elements.
 * @param opts.maxInt - token inputs: random ids below this.
 * @throws {DatasetError} unknown dataset id; {@link MalformedError} bad file or wrong width.
 */
export function loadInputs(
  io: Io,
  src: string,
  width: number,
  limit: number,
  opts: { maxInt?: number; offset?: number } = {},
): InputSet {
  if (src.endsWith('.json')) {
    let j: { inputs?: unknown; labels?: unknown };
    try {
      j = JSON.parse(new TextDecoder().decode(readUserFile(io, src))) as typeof j;
    } catch (e) {
      if (e instanceof SyntaxError) throw new MalformedError(src, `not JSON: ${e.message}`);
      throw e;
    }
    if (!Array.isArray(j.inputs) || j.inputs.length === 0)
      throw new MalformedError(`${src}.inputs`, 'expected a non-empty array of rows');
    const rows = (j.inputs as unknown[]).slice(0, limit).map((r, i) => {
      if (!Array.isArray(r) || r.length !== width || r.some((v) => typeof v !== 'number'))
        throw new MalformedError(
          `${src}.inputs[${i}]`,
          `expected ${width} numbers, got ${Array.isArray(r) ? `${r.length} values` : typeof r}`,
        );
      return Float32Array.from(r as number[]);
    });
    let labels: number[] | undefined;
    if (j.labels !== undefined) {
      if (!Array.isArray(j.labels) || j.labels.length < rows.length || j.labels.some((v) => !Number.isInteger(v)))
        throw new MalformedError(`${src}.labels`, `expected ${rows.length} integer labels`);
      labels = (j.labels as number[]).slice(0, rows.length);
    }
    return { source: src, inputs: rows, ...(labels ? { labels } : {}) };
  }
  const s = loadSamples(src, {
    limit,
    width,
    ...(opts.maxInt ? { maxInt: opts.maxInt } : {}),
    ...(opts.offset ? { offset: opts.offset } : {}),
  });
  if (s.width !== width)
    throw new MalformedError(src, `the dataset has ${s.width} values per example, the model input has ${width}`);
  const inputs = Array.from({ length: s.count }, (_, i) => Float32Array.from(example(s, i)));
  return {
    source: src,
    inputs,
    ...(s.labels ? { labels: Array.from(s.labels) } : {}),
    ...(s.classes ? { classes: s.classes } : {}),
  };
}
