/**
 * mlp-statement.ts (`@vouch/sdk/verify`): the browser-safe decoder and check of on-chain MLP
 * statement files (docs/parts/onchain.md §12) read what `@vouch/sdk/chain` writes; a stated
 * statement hash that the bytes do not give is a MalformedError naming that field. Small MLP, fast.
 */
import { describe, expect, it } from 'vitest';
import { MalformedError } from '@vouch/core';
import { quantizeGraph } from '@vouch/zkml';
import { mlp, randArray, rng } from '../../zkml/test/helpers/build.ts';
import { checkMlpStatement, decodeMlpStatementFile } from '../src/verify.ts';
import * as chain from '../src/chain/mlp.ts';

const PARTY = '0x00000000000000000000000000000000000a11cE';
const r = rng(5);
const { pkg } = quantizeGraph(
  mlp(4, [16, 8, 4]),
  Array.from({ length: 4 }, () => randArray(r, 16, 0, 1)),
);
const proven = chain.proveMlpStatement(pkg, chain.mlpKeyOf(pkg), randArray(r, 16, 0, 1), PARTY);
const text = chain.encodeMlpStatementFile(proven);

describe('decodeMlpStatementFile (browser-safe)', () => {
  it('an honest file: the statement as proven, party lower-case; the chain decoder checksums it; the check is valid', () => {
    const s = decodeMlpStatementFile(text);
    expect(s).toEqual({ ...proven, party: PARTY.toLowerCase() });
    expect(chain.decodeMlpStatementFile(text)).toEqual(proven);
    expect(chain.decodeMlpStatementFile).not.toBe(decodeMlpStatementFile);
    expect(chain.checkMlpStatement).toBe(checkMlpStatement);
    expect(checkMlpStatement(s)).toMatchObject({
      valid: true,
      modelId: proven.modelId,
      statementHash: proven.statementHash,
      output: proven.output,
    });
  });

  it('a wrong statement hash is a MalformedError naming <source>.statementHash', () => {
    const wrong = JSON.stringify({ ...JSON.parse(text), statementHash: `0x${'11'.repeat(32)}` });
    let e: unknown;
    try {
      decodeMlpStatementFile(wrong, 'm.vmlp.json');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(MalformedError);
    expect((e as MalformedError).field).toBe('m.vmlp.json.statementHash');
  });
});
