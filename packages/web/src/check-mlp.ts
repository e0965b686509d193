/**
 * check-mlp: the page's second action — verify an on-chain MLP statement file (`.vmlp.json`,
 * docs/parts/onchain.md §12, docs/formats.md) on its own, with `decodeMlpStatementFile` and
 * `checkMlpStatement` of `@vouch/sdk/verify`: the TypeScript verifier that MlpStatementVerifier
 * mirrors check for check. The registry is not consulted (no network): whether the model id is
 * registered and active is the contract's check, not this page's.
 *
 * Runs unchanged in Node (tests) and in the page's Worker. It adds no check of its own: a file that
 * `decodeMlpStatementFile` refuses (not JSON, a stated value its bytes do not give) is `unreadable`.
 */
import { MalformedError } from '@vouch/core';
import { checkMlpStatement, decodeMlpStatementFile, type MlpCheckResult, type MlpStatement } from '@vouch/sdk/verify';
import type { InvalidOutcome, MlpFacts, MlpValidOutcome, Outcome } from './outcome.ts';

/** Error fields of a statement file name it `statement` (`malformed.statement.output`, …). */
const SOURCE = 'statement';

const noPrefix = (h: string): string => h.slice(2).toLowerCase();

/**
 * The page record of an MLP statement check.
 * @param s the decoded statement (what the file states), @param r its check.
 */
export function mlpOutcomeOf(s: MlpStatement, r: MlpCheckResult): MlpValidOutcome | InvalidOutcome {
  const mlp: MlpFacts = {
    modelId: noPrefix(s.modelId),
    party: noPrefix(s.party),
    statementHash: noPrefix(s.statementHash),
    output: [...s.output],
  };
  if (!r.valid) {
    const { check, location, message } = r.reason;
    return {
      status: 'invalid',
      check,
      ...(location !== undefined ? { location } : {}),
      message,
      mlp,
      verifyMs: r.verifyMs,
    };
  }
  return {
    status: 'valid',
    mlp: { ...mlp, modelId: noPrefix(r.modelId), statementHash: noPrefix(r.statementHash), output: [...r.output] },
    verifyMs: r.verifyMs,
  };
}

/**
 * Verifies an on-chain MLP statement file (its text).
 * @returns `valid`, `invalid` (with the failing check) or `unreadable` (`malformed.statement…`).
 * @throws only on an internal error (a bug), never for any input.
 * @example
 * const o = checkMlpFile(await file.text());
 */
export function checkMlpFile(text: string): Outcome {
  let s: MlpStatement;
  try {
    s = decodeMlpStatementFile(text, SOURCE);
  } catch (e) {
    if (e instanceof MalformedError)
      return { status: 'unreadable', check: `malformed.${e.field}`, message: e.shortMessage };
    throw e;
  }
  return mlpOutcomeOf(s, checkMlpStatement(s));
}
