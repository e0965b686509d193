/**
 * Decoding settings of a generative model, read from the package's hidden inputs (bound in the
 * model id, so the host cannot change them per request): `hidden.decoding` is absent or
 * `{ temperature: 0 }` for greedy decoding, `{ temperature: T }` (T > 0) for temperature sampling
 * with the weight table of sample-table.ts over the logit scale. Any other key (top_k, top_p, …) is
 * refused: a proof must never attest a decoding the package did not name.
 */
import { VouchError } from '../core.ts';
import { sampleTable } from './sample-table.ts';
import type { Decoding } from './sample.ts';

/** Generation is not possible for this package or request (unsupported decoding, graph shape, hidden prompt). */
export class GenerationUnsupportedError extends VouchError {
  override name = 'GenerationUnsupportedError';
  constructor(message: string) {
    super('GENERATION_UNSUPPORTED', message);
  }
}

/**
 * The decoding of a package.
 * @param record the package's `hidden.decoding` (or the card's)
 * @param logitScale the scale of the int8 logits (settings.outputScales[0])
 * @throws GenerationUnsupportedError on keys other than `temperature` or a bad temperature.
 */
export function decodingOf(record: Readonly<Record<string, unknown>> | undefined, logitScale: number): Decoding {
  if (record === undefined) return { kind: 'greedy' };
  for (const k of Object.keys(record)) if (k !== 'temperature') throw new GenerationUnsupportedError(`decoding: expected only the key "temperature", got "${k}"`);
  const t = record.temperature;
  if (t === undefined || t === 0) return { kind: 'greedy' };
  if (typeof t !== 'number' || !(t > 0) || !Number.isFinite(t)) throw new GenerationUnsupportedError(`decoding.temperature: expected a finite number ≥ 0, got ${String(t)}`);
  if (!(logitScale > 0) || !Number.isFinite(logitScale)) throw new GenerationUnsupportedError(`decoding: expected a positive logit scale, got ${logitScale}`);
  return { kind: 'temperature', temperature: t, table: sampleTable(logitScale, t) };
}
