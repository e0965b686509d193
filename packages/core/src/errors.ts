/**
 * Typed errors shared by every Vouch package.
 *
 * Modelled on viem's BaseError: every error carries a stable `code` that callers
 * can switch on, a one-line `shortMessage`, optional `details`, and an optional `cause`.
 * Verifiers throw {@link VerificationError} naming the failed check and where it failed;
 * parsers throw {@link MalformedError} naming the field and byte offset.
 */

/** Options accepted by {@link VouchError}. */
export interface VouchErrorOptions {
  details?: string;
  cause?: unknown;
}

/** Base class of every error Vouch throws on purpose. */
export class VouchError extends Error {
  override name = 'VouchError';
  /** Stable machine-readable code, e.g. `MALFORMED` or `VERIFICATION_FAILED`. */
  readonly code: string;
  /** The message without details. */
  readonly shortMessage: string;
  /** Extra diagnostics (expected vs got values, indices). */
  readonly details: string | undefined;

  constructor(code: string, shortMessage: string, options: VouchErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n  details: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/**
 * Bytes that do not parse: truncated input, trailing bytes, a non-canonical field element,
 * an out-of-range length, an unknown version or tag.
 */
export class MalformedError extends VouchError {
  override name = 'MalformedError';
  /** What was being read, e.g. `ligero.columns[3]`. */
  readonly field: string;
  /** Byte offset where reading failed, when known. */
  readonly offset: number | undefined;

  constructor(field: string, message: string, offset?: number, options: VouchErrorOptions = {}) {
    super('MALFORMED', `malformed ${field}: ${message}${offset !== undefined ? ` (at byte ${offset})` : ''}`, options);
    this.field = field;
    this.offset = offset;
  }
}

/**
 * A proof that parsed but does not verify. `check` names the failed check
 * (stable identifiers such as `sumcheck.round-sum`, `merkle.path`, `ligero.linear`),
 * `location` says where (layer, round, column).
 */
export class VerificationError extends VouchError {
  override name = 'VerificationError';
  /** Stable identifier of the failed check. */
  readonly check: string;
  /** Where it failed, e.g. `round 3` or `layer dense_1`. */
  readonly location: string | undefined;

  constructor(check: string, message: string, location?: string, options: VouchErrorOptions = {}) {
    super('VERIFICATION_FAILED', `${check}${location ? ` (${location})` : ''}: ${message}`, options);
    this.check = check;
    this.location = location;
  }
}

/** Throws a RangeError "expected X, got Y" unless `cond`. */
export function assertRange(cond: boolean, what: string, expected: string, got: unknown): asserts cond {
  if (!cond) throw new RangeError(`${what}: expected ${expected}, got ${String(got)}`);
}
