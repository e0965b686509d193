/**
 * A programmable transcript for zero-knowledge simulator tests.
 *
 * In the random-oracle model a simulator may "program" the oracle: choose the verifier's
 * challenges first, then produce prover messages consistent with them, without the witness
 * (Thaler, Proofs, Arguments, and Zero-Knowledge, §11.1 on honest-verifier ZK and Fiat–Shamir).
 * `ScriptedTranscript` takes its challenges from a queue the test provides and records every
 * absorb and challenge, so tests can check what a verifier saw. When the queue is empty it either
 * throws or, if given a fallback transcript, delegates to it (absorbs are always forwarded to the
 * fallback so its challenges still bind the conversation).
 */
import { P } from '../field/babybear.ts';
import type { Ext } from '../field/ext4.ts';
import { checkBytes, checkDigest, encodeBase, encodeExt, encodeU32 } from './encode.ts';
import { checkIndexRequest } from './sha256-transcript.ts';
import type { Transcript } from './types.ts';

/** A challenge value: an ext vector (ext challenges), a base element, or an index list. */
export type ScriptedValue = Uint32Array | number | readonly number[];

/** One queued challenge; `label`, when given, must match the label of the call that consumes it. */
export interface ScriptedChallenge {
  readonly label?: string;
  readonly value: ScriptedValue;
}

/** What the transcript saw, in order. `bytes` is the canonical encoding of the absorbed data. */
export type TranscriptEvent =
  | {
      readonly op: 'absorb';
      readonly kind: 'bytes' | 'u32' | 'base' | 'ext' | 'digest';
      readonly label: string;
      readonly bytes: Uint8Array;
    }
  | {
      readonly op: 'challenge';
      readonly kind: 'ext' | 'base' | 'indices';
      readonly label: string;
      readonly value: Uint32Array | number | number[];
    };

/** A transcript whose challenges come from a test-provided queue (programmable random oracle). */
export class ScriptedTranscript implements Transcript {
  /** Every absorb and challenge, in order. */
  readonly events: TranscriptEvent[] = [];
  readonly #queue: ScriptedChallenge[] = [];
  readonly #fallback: Transcript | undefined;

  /**
   * @param queue - challenges in the order they will be requested (raw values or `{label, value}`).
   * @param fallback - answers challenges once the queue is empty (otherwise an empty queue throws).
   * @example
   * const t = new ScriptedTranscript([{ label: 'r', value: eOf(5) }]);
   * t.challengeExt('r'); // eOf(5)
   */
  constructor(queue: readonly (ScriptedChallenge | ScriptedValue)[] = [], fallback?: Transcript) {
    this.push(...queue);
    this.#fallback = fallback;
  }

  /** Appends challenges to the queue. */
  push(...items: (ScriptedChallenge | ScriptedValue)[]): void {
    for (const it of items) {
      this.#queue.push(isScriptedChallenge(it) ? it : { value: it });
    }
  }

  /** Number of queued challenges not yet consumed. */
  get remaining(): number {
    return this.#queue.length;
  }

  /** The absorb events only. */
  get absorbed(): Extract<TranscriptEvent, { op: 'absorb' }>[] {
    return this.events.filter((e): e is Extract<TranscriptEvent, { op: 'absorb' }> => e.op === 'absorb');
  }

  #record(kind: 'bytes' | 'u32' | 'base' | 'ext' | 'digest', label: string, bytes: Uint8Array): void {
    this.events.push({ op: 'absorb', kind, label, bytes: bytes.slice() });
  }

  /** @inheritDoc */
  absorbBytes(label: string, bytes: Uint8Array): void {
    this.#record('bytes', label, checkBytes(`absorbBytes(${label})`, bytes));
    this.#fallback?.absorbBytes(label, bytes);
  }

  /** @inheritDoc */
  absorbU32(label: string, n: number): void {
    this.#record('u32', label, encodeU32(`absorbU32(${label})`, n));
    this.#fallback?.absorbU32(label, n);
  }

  /** @inheritDoc */
  absorbBase(label: string, xs: ArrayLike<number>): void {
    this.#record('base', label, encodeBase(`absorbBase(${label})`, xs));
    this.#fallback?.absorbBase(label, xs);
  }

  /** @inheritDoc */
  absorbExt(label: string, xs: Uint32Array): void {
    this.#record('ext', label, encodeExt(`absorbExt(${label})`, xs));
    this.#fallback?.absorbExt(label, xs);
  }

  /** @inheritDoc */
  absorbDigest(label: string, digest: Uint8Array): void {
    this.#record('digest', label, checkDigest(`absorbDigest(${label})`, digest));
    this.#fallback?.absorbDigest(label, digest);
  }

  /** Pops the next queued value for `label`, or undefined if the queue is empty. */
  #pop(label: string): ScriptedValue | undefined {
    const next = this.#queue.shift();
    if (next === undefined) {
      if (this.#fallback) return undefined;
      throw new RangeError(`ScriptedTranscript: expected a queued challenge for '${label}', got an empty queue`);
    }
    if (next.label !== undefined && next.label !== label) {
      throw new RangeError(
        `ScriptedTranscript: expected a challenge labelled '${next.label}', got a request for '${label}'`,
      );
    }
    return next.value;
  }

  /** @inheritDoc */
  challengeExts(label: string, n: number): Uint32Array {
    if (!(Number.isInteger(n) && n >= 0))
      throw new RangeError(`challengeExts(${label}): expected a count ≥ 0, got ${String(n)}`);
    const v = this.#pop(label);
    let out: Uint32Array;
    if (v === undefined) {
      out = this.#fallback!.challengeExts(label, n);
    } else {
      if (!(v instanceof Uint32Array) || v.length !== 4 * n) {
        throw new RangeError(
          `ScriptedTranscript '${label}': expected a Uint32Array of ${4 * n} coordinates, got ${describe(v)}`,
        );
      }
      encodeExt(`ScriptedTranscript '${label}'`, v);
      out = v.slice();
    }
    this.events.push({ op: 'challenge', kind: 'ext', label, value: out.slice() });
    return out;
  }

  /** @inheritDoc */
  challengeExt(label: string): Ext {
    return this.challengeExts(label, 1);
  }

  /** @inheritDoc */
  challengeBase(label: string): number {
    const v = this.#pop(label);
    let out: number;
    if (v === undefined) {
      out = this.#fallback!.challengeBase(label);
    } else {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= P) {
        throw new RangeError(`ScriptedTranscript '${label}': expected a base element in [0, p), got ${describe(v)}`);
      }
      out = v;
    }
    this.events.push({ op: 'challenge', kind: 'base', label, value: out });
    return out;
  }

  /** @inheritDoc */
  challengeIndices(label: string, domainSize: number, count: number): number[] {
    checkIndexRequest(label, domainSize, count);
    const v = this.#pop(label);
    let out: number[];
    if (v === undefined) {
      out = this.#fallback!.challengeIndices(label, domainSize, count);
    } else {
      if (!Array.isArray(v) || v.length !== count) {
        throw new RangeError(`ScriptedTranscript '${label}': expected ${count} indices, got ${describe(v)}`);
      }
      const seen = new Set<number>();
      for (const x of v as readonly unknown[]) {
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= domainSize || seen.has(x)) {
          throw new RangeError(
            `ScriptedTranscript '${label}': expected distinct indices in [0, ${domainSize}), got ${String(x)}`,
          );
        }
        seen.add(x);
      }
      out = [...(v as number[])];
    }
    this.events.push({ op: 'challenge', kind: 'indices', label, value: [...out] });
    return out;
  }
}

function isScriptedChallenge(x: ScriptedChallenge | ScriptedValue): x is ScriptedChallenge {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Uint32Array) && 'value' in x;
}

function describe(v: unknown): string {
  if (v instanceof Uint32Array) return `Uint32Array(${v.length})`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return `${typeof v} ${String(v)}`;
}
